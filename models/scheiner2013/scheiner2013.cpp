#include "scheiner2013.hpp"

#include <array>

#include "model/param_table.hpp"
#include "pivonka2008/pivonka2008_observables.hpp"
#include "scheiner2013_parameters.hpp"

namespace osteon::models {
namespace {

using scheiner2013_parameters::src_input;
using scheiner2013_parameters::src_s;

const std::array<StateInfo, 4> k_states{{
    {"OBp", "pM", "osteoblast precursors"},
    {"OBa", "pM", "active osteoblasts"},
    {"OCa", "pM", "active osteoclasts"},
    {"f_vas", "%", "vascular porosity (volume fraction of vascular pores); bone matrix f_bm = 100 % - f_vas"},
}};

constexpr auto k_params =
    join(scheiner2013_parameters::cells_and_mechanostat,
         std::array<ParamInfo, 3>{{
             {"mech_feedback", 1.0, "1", "–",
              "1: mechanical feedback on (Π and P_RANKL^mech follow ψ/ψ*); 0: open loop (Π = Π*, P_RANKL^mech = 0)",
              "osteon switch for the open-loop load cases (models.md §4)", 0.0, 1.0},
             {"f_vas_0", 5.0, "%", "f_{vas}(0)", "vascular porosity at the habitual steady state (defines ψ*)", src_s,
              0.0, 99.0},
             {"Sigma33", -30.0, "MPa", "Σ_{33}",
              "macroscopic axial stress (compression < 0); its value at the start of a run is the habitual load",
              "Scheiner 2013 habitual load (cmodiz/Bone-Models)"},
         }},
         scheiner2013_parameters::external_dosing,
         std::array<ParamInfo, 1>{{
             {"P_RANKL", 0.0, "pM/d", "P_{RANKL}",
              "extra RANKL production (dosing, or estrogen loss in postmenopausal osteoporosis)", src_input, 0.0},
         }});
static_assert(names_match(k_params, {OSTEON_SCHEINER2013_PARAMS(OSTEON_NAME)}));

namespace obs = pivonka2008_observables;
constexpr auto k_observables =
    join(obs::concentrations, obs::regulation,
         std::array<ObservableInfo, 5>{{
             {"f_bm", "%", "bone matrix volume fraction 100 % - f_vas"},
             {"psi_bm", "MPa", "strain energy density of the extravascular bone matrix (MJ/m3)"},
             {"psi_ratio", "1", "ψ_bm/ψ* (1 at the habitual load)"},
             {"Pi_act_OBp_mech", "1", "mechanical stimulus of osteoblast precursor proliferation"},
             {"P_RANKL_mech", "pM/d", "RANKL production induced by disuse"},
         }},
         obs::bone_turnover);
static_assert(k_observables.size() == Scheiner2013::n_observables);

}  // namespace

const ModelInfo& Scheiner2013::info() {
  static const ModelInfo i{
      "scheiner2013",
      "Scheiner S, Pivonka P, Hellmich C. Coupling systems biology with multiscale mechanics, for computer "
      "simulations of bone remodeling. Comput Methods Appl Mech Eng 2013;254:181-196.",
      "Pivonka-type bone cell population model (recalibrated so that OBp = 1e-3, OBa = 5e-4, OCa = 1e-4 pM) in "
      "cortical bone, coupled to continuum micromechanics: the vascular porosity sets, through a Mori-Tanaka "
      "scheme, the strain energy density of the bone matrix under the macroscopic stress Σ33. Above its habitual "
      "value it stimulates osteoblast precursor proliferation; below it, it induces extra RANKL production. "
      "Resorption opens and formation fills the vascular pores.",
      k_states,
      k_params,
      k_observables,
      "Micromechanics: the published two-phase Mori-Tanaka scheme is evaluated exactly in the right-hand side "
      "through its 3x3 normal block (all tensors are orthotropic; only normal stresses act), with the Hill tensor "
      "of the cylinder integrated once numerically. ψ* and P_OBp are fixed at the habitual steady state of the "
      "parameters the run starts with, so an event changing Sigma33 is a change of load. The open loop "
      "(mech_feedback = 0) keeps Π = Π* and no mechanical RANKL."};
  return i;
}

}  // namespace osteon::models
