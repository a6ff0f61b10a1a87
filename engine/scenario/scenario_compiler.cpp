#include "scenario/scenario_compiler.hpp"

#include "scenario/regimen_checks.hpp"

#include <algorithm>

namespace osteon {

OutputPlan compile_output(const Scenario& s, const Model& model) {
  OutputPlan plan;
  plan.t_end = s.duration;
  plan.times = s.output_times;
  const ModelInfo& info = model.info();
  if (s.output_variables.empty()) {
    for (int i = 0; i < model.n_states() + model.n_observables(); ++i) plan.variables.push_back(i);
  } else {
    for (const auto& v : s.output_variables) {
      if (auto i = info.state_index(v)) {
        plan.variables.push_back(*i);
      } else if (auto o = info.observable_index(v)) {
        plan.variables.push_back(model.n_states() + *o);
      } else {
        throw InputError(s.output_origin.where, "output.variables", "unknown variable '" + v + "'",
                         "a state or observable of " + std::string(info.id));
      }
    }
  }
  return plan;
}

RunSpec compile_run(const Scenario& s, const Model& model) {
  const ModelInfo& info = model.info();
  check_regimens(s, info);  // an ensemble row may have changed a start, stop or count
  RunSpec run;
  run.params = model.default_params();
  auto assign_parameters = [&] {
    for (const auto& a : s.parameters) run.params[static_cast<std::size_t>(*info.param_index(a.name))] = a.value;
  };
  assign_parameters();  // the regimens are compiled with the overridden parameters...
  model.compile_regimens(s, run.params, run.schedule);
  assign_parameters();  // ...and a parameter set explicitly (parameters:, --set, a runs column) wins over
                        // what patient: or nutrition: set for it (docs/scenario-format.md)

  if (std::string why = model.check_parameters(run.params.data()); !why.empty()) {
    const Origin& o = s.parameters.empty() ? Origin{{s.file, 0, 0}, "parameters"} : s.parameters.front().origin;
    throw InputError(o.where, "parameters", "an inadmissible parameter set (" + why + ")",
                     "parameters within the ranges given by `osteon describe " + std::string(info.id) + "`");
  }

  run.start_at_steady_state = s.initial_steady_state;
  for (const auto& a : s.initial_values) run.initial_values.emplace_back(*info.state_index(a.name), a.value);

  for (const auto& ev : s.events) {
    auto add_actions = [&](const std::vector<Assignment>& list, bool is_set) {
      for (const auto& a : list) {
        if (auto p = info.param_index(a.name)) {
          run.schedule.add({ev.time, is_set ? ActionKind::set_param : ActionKind::add_param, *p, a.value});
        } else {
          run.schedule.add({ev.time, is_set ? ActionKind::set_state : ActionKind::add_state, *info.state_index(a.name), a.value});
        }
      }
    };
    add_actions(ev.set, true);
    add_actions(ev.add, false);
  }
  run.schedule.finalize();
  return run;
}

}  // namespace osteon
