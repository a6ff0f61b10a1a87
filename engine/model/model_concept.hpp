// What a concrete model type provides. A model is a type with static
// self-description and a right-hand side written once as a template over the
// scalar type T, instantiated for double, Lane<W> and Dual<S, N>.
//
//   struct MyModel {
//     static constexpr int n_states, n_params, n_derived, n_observables;
//     static const ModelInfo& info();
//     static void derive(const double* p, const double* p_start, double* derived);
//     template <class T> static void rhs(const T& t, const T* y, const T* p, T* dydt);
//     template <class T> static void observables(const T& t, const T* y, const T* p, T* out);
//     // optional:
//     static bool steady_state(const double* p_full, double* y);      // closed form
//     static void steady_state_guess(const double* p_full, double* y); // start for Newton
//     static bool initial_state(const double* p_full, double* y);     // start of a run that is not
//                                                                     // a steady state (e.g. a history)
//     static std::string check(const double* p);                     // beyond ranges
//     static void compile_regimens(const Scenario&, std::vector<double>&, Schedule&);
//   };
//
// p is the declared parameters followed by the derived ones. The right-hand
// side allocates nothing, calls nothing virtual, does no I/O, and expresses
// branches with math::select.
#pragma once

#include <concepts>
#include <string>
#include <vector>

#include "model/model_info.hpp"
#include "model/schedule.hpp"

namespace osteon {

struct Scenario;

template <class M>
concept OdeModel = requires(double t, const double* y, const double* p, double* out) {
  { M::n_states } -> std::convertible_to<int>;
  { M::n_params } -> std::convertible_to<int>;
  { M::n_derived } -> std::convertible_to<int>;
  { M::n_observables } -> std::convertible_to<int>;
  { M::info() } -> std::same_as<const ModelInfo&>;
  M::derive(p, p, out);
  M::template rhs<double>(t, y, p, out);
  M::template observables<double>(t, y, p, out);
};

template <class M>
concept HasClosedFormSteadyState = requires(const double* p, double* y) {
  { M::steady_state(p, y) } -> std::same_as<bool>;
};

template <class M>
concept HasSteadyStateGuess = requires(const double* p, double* y) {
  M::steady_state_guess(p, y);
};

// A model whose default start (`initial: steady_state`) is a state it
// computes itself rather than a steady state of its right-hand side at t = 0
// (the integrated model simulates the patient's history up to scenario start).
template <class M>
concept HasInitialState = requires(const double* p, double* y) {
  { M::initial_state(p, y) } -> std::same_as<bool>;
};

template <class M>
concept HasParameterCheck = requires(const double* p) {
  { M::check(p) } -> std::convertible_to<std::string>;
};

template <class M>
concept HasRegimens = requires(const Scenario& s, std::vector<double>& p, Schedule& sch) {
  M::compile_regimens(s, p, sch);
};

template <class M>
concept HasScenarioWarnings = requires(const Scenario& s, const std::vector<double>& p) {
  { M::scenario_warnings(s, p) } -> std::convertible_to<std::vector<std::string>>;
};

}  // namespace osteon
