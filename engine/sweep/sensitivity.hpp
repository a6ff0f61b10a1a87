// Global sensitivity analysis of sweep outputs, with the estimators and
// conventions of SALib so that results can be cross-checked there:
//   Sobol' indices from a Saltelli design (sweep_design.hpp): first order by
//   Saltelli et al. 2010 (Comput Phys Commun 181:259, Table 2 (b)), total by
//   Jansen 1999 (Table 2 (f)), second order by Saltelli 2002; outputs are
//   standardised (mean 0, sd 1) first, variances are population variances of
//   [A; B]; confidence half-widths are Φ⁻¹(1/2 + level/2) times the standard
//   deviation (ddof 1) of the index over bootstrap resamples of the N base rows.
//   Morris elementary effects (Morris 1991; μ* by Campolongo et al. 2007):
//   EE = Δy / Δ with Δ the step on the unit interval, so μ* of y = c·x over a
//   range of width w is |c|·w; σ with ddof 1; μ* confidence by bootstrap over
//   trajectories.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace osteon {

// The most bootstrap resamples a sweep file (`analysis.bootstrap`), `osteon
// analyze --bootstrap` or a sweep output's attributes may ask for.
inline constexpr std::size_t max_bootstrap_resamples = 1'000'000;

struct BootstrapOptions {
  std::size_t resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 0;  // resample indices from RandomStream(seed)
};

struct SobolIndices {
  std::vector<double> S1, S1_conf, ST, ST_conf;  // per factor
  std::vector<double> S2, S2_conf;               // d x d, upper triangle (NaN elsewhere); empty without second order
};

// y: outputs of the runs of saltelli_unit(n, d, ...) in its row order.
// Any NaN output makes every index NaN.
SobolIndices sobol_indices(const std::vector<double>& y, std::size_t n, std::size_t d, bool second_order,
                           const BootstrapOptions& options);

struct MorrisIndices {
  std::vector<double> mu, mu_star, sigma, mu_star_conf;  // per factor
};

// x: the design (runs x d, row-major, any monotone scale of the unit-cube
// coordinates, e.g. factor values), y: outputs, trajectories of d + 1 rows
// each; `levels` gives Δ. The factor moving at each step is the one whose
// value changes; its direction gives the sign of the effect.
MorrisIndices morris_indices(const std::vector<double>& x, const std::vector<double>& y, std::size_t d, int levels,
                             const BootstrapOptions& options);

}  // namespace osteon
