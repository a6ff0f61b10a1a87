#include "lemaire2004.hpp"

#include <array>
#include <limits>

namespace osteon::models {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr const char* src_table =
    "Lemaire 2004, Table 1, as encoded in BIOMD0000000278, the Physiome CellML and cmodiz/Bone-Models";
constexpr const char* src_input = "Lemaire 2004 load cases (external input, 0 at homeostasis)";

constexpr std::array<StateInfo, 4> k_states{{
    {"R", "pM", "responding osteoblasts (osteoblast precursors)"},
    {"B", "pM", "active osteoblasts"},
    {"C", "pM", "active osteoclasts"},
    {"BV", "%", "bone volume relative to the start (osteon addition; 100 % at the starting steady state)"},
}};
static_assert(names_match(k_states, {OSTEON_LEMAIRE2004_STATES(OSTEON_NAME)}));

constexpr std::array<ParamInfo, Lemaire2004::n_params> k_params{{
    {"D_R", 7.0e-4, "pM/d", "D_R", "differentiation flux of osteoblast progenitors into responding osteoblasts",
     src_table, 0.0},
    {"d_B", 0.7, "1/d", "d_B",
     "differentiation rate of responding into active osteoblasts; the model uses D_B = f0·d_B = 0.035 /d", src_table,
     0.0},
    {"D_C", 2.1e-3, "pM/d", "D_C", "differentiation flux of osteoclast precursors into active osteoclasts", src_table,
     0.0},
    {"D_A", 0.7, "1/d", "D_A", "rate of TGF-β-induced osteoclast apoptosis (scaled by π_C)", src_table, 0.0},
    {"k_B", 0.189, "1/d", "k_B", "elimination rate of active osteoblasts", src_table, 0.0},
    {"f0", 0.05, "1", "f_0", "fixed fraction: π_C at C = 0, and D_B = f0·d_B", src_table, 0.0, 1.0},
    {"C_s", 5.0e-3, "pM", "C^s", "osteoclast concentration giving half-maximal TGF-β effect", src_table, 0.0},
    {"K", 10.0, "pM", "K", "RANK concentration (fixed)", src_table, 0.0},
    {"k1", 1.0e-2, "1/(pM*d)", "k_1", "RANKL-OPG association rate", src_table, 0.0},
    {"k2", 10.0, "1/d", "k_2", "RANKL-OPG dissociation rate", src_table, 0.0},
    {"k3", 5.8e-4, "1/(pM*d)", "k_3", "RANKL-RANK association rate", src_table, 0.0},
    {"k4", 1.7e-2, "1/d", "k_4", "RANKL-RANK dissociation rate", src_table, 0.0},
    {"k5", 0.02, "1/(pM*d)", "k_5", "PTH-receptor association rate", src_table, 0.0},
    {"k6", 3.0, "1/d", "k_6", "PTH-receptor dissociation rate", src_table, 0.0},
    {"k_O", 0.35, "1/d", "k_O", "OPG degradation rate", src_table, 0.0},
    {"K_O_P", 2.0e5, "1/d", "K_O^P",
     "OPG production per responding osteoblast (pM OPG per day per pM cells), divided by π_P", src_table, 0.0},
    {"K_L_P", 3.0e6, "1", "K_L^P", "maximal RANKL per active osteoblast (pM RANKL per pM cells), times π_P", src_table,
     0.0},
    {"r_L", 1.0e3, "pM/d", "r_L", "endogenous RANKL production; external RANKL scales RANKL by 1 + I_L/r_L", src_table,
     0.0},
    {"S_P", 250.0, "pM/d", "S_P", "endogenous PTH production", src_table, 0.0},
    {"k_P", 86.0, "1/d", "k_P", "PTH degradation rate", src_table, 0.0},
    {"I_P", 0.0, "pM/d", "I_P", "external PTH input (continuous PTH: 1000 pM/d)", src_input, 0.0},
    {"I_O", 0.0, "pM/d", "I_O", "external OPG input (2e5 pM/d in the OPG case)", src_input, 0.0},
    {"I_L", 0.0, "pM/d", "I_L", "external RANKL input", src_input, 0.0},
    {"I_R", 0.0, "pM/d", "I_R",
     "injection of responding osteoblasts (negative: removal; −1.2e-3 pM/d drives R negative)",
     "Lemaire 2004 cell-injection load cases (cmodiz/Bone-Models Lemaire_Load_Case_7/8)", -inf},
    {"I_B", 0.0, "pM/d", "I_B", "injection of active osteoblasts (negative: removal)",
     "Lemaire 2004 cell-injection load cases (cmodiz/Bone-Models Lemaire_Load_Case_1/2)", -inf},
    {"I_C", 0.0, "pM/d", "I_C", "injection of active osteoclasts (negative: removal)",
     "Lemaire 2004 cell-injection load cases (BIOMD0000000278 curation; cmodiz/Bone-Models Lemaire_Load_Case_4/5)",
     -inf},
    {"k_form", 1.571e-2, "%/(pM*d)", "k_{form}",
     "bone formed per active osteoblast and day; the resorption rate k_res = k_form·B*/C* is derived from the "
     "steady state of the starting parameters so that BV is constant there",
     "osteon addition (Lemaire 2004 has no bone volume): value of cmodiz/Bone-Models Lemaire_Parameters "
     "(bone_volume.formation_rate = 1.571/100), read as %/(pM·d); BV responses scale linearly with it",
     0.0},
}};
static_assert(names_match(k_params, {OSTEON_LEMAIRE2004_PARAMS(OSTEON_NAME)}));

const std::array<ObservableInfo, Lemaire2004::n_observables> k_observables{{
    {"pi_C", "1", "TGF-β activation π_C = (C + f0·C^s)/(C + C^s)"},
    {"pi_P", "1", "PTH receptor occupancy π_P = (I_P/k_P + S_P/k_P)/(I_P/k_P + k6/k5)"},
    {"pi_L", "1", "RANK occupancy by RANKL π_L = (k3/k4)·RANKL"},
    {"PTH", "pM", "PTH concentration P̄ = (S_P + I_P)/k_P"},
    {"OPG", "pM", "OPG concentration (K_O^P·R/π_P + I_O)/k_O"},
    {"RANKL", "pM",
     "free RANKL K_L^P·π_P·B·(1 + I_L/r_L)/(1 + k3·K/k4 + k1·OPG/k2), from quasi-steady binding to RANK and OPG"},
    {"RANKL_RANK", "pM", "RANKL-RANK complex K·π_L"},
    {"formation", "%/d", "bone formation rate k_form·B"},
    {"resorption", "%/d", "bone resorption rate k_res·C"},
}};

}  // namespace

const ModelInfo& Lemaire2004::info() {
  static const ModelInfo i{
      "lemaire2004",
      "Lemaire V, Tobin FL, Greller LD, Cho CR, Suva LJ. Modeling the interactions between osteoblast and osteoclast "
      "activities in bone remodeling. J Theor Biol 2004;229(3):293-309.",
      "Responding osteoblasts R, active osteoblasts B and active osteoclasts C. TGF-β released by resorption (π_C) "
      "raises the supply of R, slows R → B and drives osteoclast apoptosis; PTH acts through its receptor occupancy "
      "π_P; osteoclasts form in proportion to the RANK occupancy π_L, set by RANKL on active osteoblasts and by OPG "
      "from responding osteoblasts. External inputs of PTH, OPG, RANKL and cells reproduce the paper's load cases. "
      "osteon adds a bone volume BV formed by B and resorbed by C, balanced at the starting steady state.",
      k_states,
      k_params,
      k_observables,
      "Steady state: for given C the R and B balances are explicit, leaving one equation in C (with a unique root "
      "when there are no inputs) that osteon solves by bisection; the paper's initial conditions (7.734e-4, "
      "7.282e-4, 9.127e-4 pM) are the Newton start if that fails. With the defaults R* = 7.7344e-4, "
      "B* = 7.2834e-4, C* = 9.1275e-4 pM (the paper rounds B* to 7.282e-4). PTH binding is quasi-steady, so I_P "
      "acts instantly. Bone volume (not in the paper): dBV/dt = k_form·B − k_res·C with k_res = k_form·B*/C* from "
      "the steady state of the run's starting parameters, kept when events change parameters. A negative cell "
      "injection can drive a population negative (I_R = −1.2e-3 pM/d from day 20 makes R negative at "
      "t ≈ 20.69 d); the run then fails with a message naming the state."};
  return i;
}

}  // namespace osteon::models
