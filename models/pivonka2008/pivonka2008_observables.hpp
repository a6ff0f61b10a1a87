// The observables every model of the Pivonka family reports with the same
// meaning, declared once: pivonka2008, scheiner2013 and martinez_reina2019 join
// these rows into their tables around their own.
#pragma once

#include <array>

#include "model/model_info.hpp"
#include "modules/bone_signalling.hpp"

namespace osteon::models::pivonka2008_observables {

// TGFb .. RANKL_RANK, in this order.
inline constexpr std::array<ObservableInfo, 5> concentrations{{
    {"TGFb", "pM", "TGF-β concentration"},
    {"PTH", "pM", "PTH concentration"},
    {"OPG", "pM", "OPG concentration"},
    {"RANKL", "pM", "free RANKL concentration"},
    {"RANKL_RANK", "pM", "RANKL-RANK complex concentration"},
}};

// The activator and repressor functions π, pi_act_TGFb_OBu .. pi_act_RANKL in this order.
inline constexpr std::array<ObservableInfo, 6> regulation{{
    {"pi_act_TGFb_OBu", "1", "TGF-β activation of uncommitted osteoblast differentiation"},
    {"pi_rep_TGFb_OBp", "1", "TGF-β repression of osteoblast precursor differentiation"},
    {"pi_act_TGFb_OCa", "1", "TGF-β activation of osteoclast apoptosis"},
    {"pi_act_PTH", "1", "PTH activation of RANKL expression"},
    {"pi_rep_PTH", "1", "PTH repression of OPG production"},
    {"pi_act_RANKL", "1", "RANKL activation of osteoclast precursor differentiation"},
}};

// The values of the concentrations and of the regulation rows from the signals, each at its index
// in the model's Observable enum O (the same names as the rows).
template <class O, class T>
void write_concentrations(const modules::bone_signalling::Signals<T>& s, T* out) {
  out[O::TGFb] = s.TGFb;
  out[O::PTH] = s.PTH;
  out[O::OPG] = s.OPG;
  out[O::RANKL] = s.RANKL;
  out[O::RANKL_RANK] = s.RANKL_RANK;
}
template <class O, class T>
void write_regulation(const modules::bone_signalling::Signals<T>& s, T* out) {
  out[O::pi_act_TGFb_OBu] = s.pi_act_TGFb_OBu;
  out[O::pi_rep_TGFb_OBp] = s.pi_rep_TGFb_OBp;
  out[O::pi_act_TGFb_OCa] = s.pi_act_TGFb_OCa;
  out[O::pi_act_PTH] = s.pi_act_PTH;
  out[O::pi_rep_PTH] = s.pi_rep_PTH;
  out[O::pi_act_RANKL] = s.pi_act_RANKL;
}

// formation, resorption: the last two observables of each of these models.
inline constexpr std::array<ObservableInfo, 2> bone_turnover{{
    {"formation", "%/d", "bone formation rate k_form·OBa"},
    {"resorption", "%/d", "bone resorption rate k_res·OCa"},
}};

}  // namespace osteon::models::pivonka2008_observables
