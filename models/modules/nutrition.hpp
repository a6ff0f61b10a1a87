// Calcium and vitamin D intake acting through PTH (integrated model): a
// deficient supply of calcium to the blood raises parathyroid hormone
// secretion (secondary hyperparathyroidism), and PTH raises RANKL and lowers
// OPG in the cell core, i.e. raises resorption.
//
//   25(OH)D = D_0 + k_D·vitamin_D                          (nmol/L; intake in IU/d)
//   m_D     = 1 + A_D·exp(−25(OH)D/λ_D)                    PTH falls with 25(OH)D to a plateau
//   m_Ca    = 1 + A_Ca·K_Ca/(K_Ca + calcium)               PTH falls with calcium intake (mg/d)
//   m_nutr  = m_D·m_Ca / (m_D·m_Ca at the reference intake)
//
// m_nutr multiplies the PTH production β_PTH; it is 1 at the reference
// intake (1000 mg/d calcium, 600 IU/d vitamin D: the US dietary reference
// intakes for women of 19-70 y, IOM 2011), so a scenario without nutrition:
// is the reference. k_D = 0.7 nmol/L per µg (40 IU) of vitamin D3 daily
// (Heaney RP et al., Am J Clin Nutr 2003;77:204). PTH reaches its plateau
// around 25(OH)D ≈ 75-80 nmol/L and is some 30-50 % higher below 25 nmol/L
// (Chapuy MC et al., Osteoporos Int 1997;7:439); calcium intake has a smaller
// effect, ~10-20 % between low and high intakes (Steingrimsdottir L et al.,
// JAMA 2005;294:2336). A_D, λ_D, A_Ca and K_Ca are set to these sizes: they
// are round numbers chosen by osteon, not fitted.
#pragma once

#include <cmath>

namespace osteon::modules::nutrition {

struct Constants {
  double D_0, k_D, A_D, lambda_D, A_Ca, K_Ca, calcium_ref, vitamin_d_ref;
};

inline double serum_25ohd(double vitamin_d, const Constants& c) { return c.D_0 + c.k_D * vitamin_d; }

inline double raw_factor(double calcium, double vitamin_d, const Constants& c) {
  const double m_D = 1.0 + c.A_D * std::exp(-serum_25ohd(vitamin_d, c) / c.lambda_D);
  const double m_Ca = 1.0 + c.A_Ca * c.K_Ca / (c.K_Ca + calcium);
  return m_D * m_Ca;
}

// m_nutr: multiplier of PTH production, 1 at the reference intake. Intakes
// are constants of a run, so this is evaluated once (a derived parameter).
inline double pth_factor(double calcium, double vitamin_d, const Constants& c) {
  return raw_factor(calcium, vitamin_d, c) / raw_factor(c.calcium_ref, c.vitamin_d_ref, c);
}

}  // namespace osteon::modules::nutrition
