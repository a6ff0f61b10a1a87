#include "scenario/scenario_compiler.hpp"

#include "core/units.hpp"
#include "scenario/regimen_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace osteon {
namespace {

// The regimens rules name (those with an id) are compiled one by one, each into its own list of
// actions: tagged ones go into the schedule (a rule may stop them), held ones wait in the pathway
// with times counted from the decision. The others are compiled together as before.
bool pathway_regimen(const std::string& id, const Scenario& s) {
  return !id.empty() && (s.monitoring || !s.rules.empty());
}

Scenario regimen_part(const Scenario& s) {
  Scenario part;
  part.file = s.file;
  part.name = s.name;
  part.model = s.model;
  part.duration = s.duration;
  part.patient = s.patient;
  part.nutrition = s.nutrition;
  return part;
}

int regimen_index(const CarePathway& pw, const std::string& id) {
  for (std::size_t i = 0; i < pw.regimens.size(); ++i) {
    if (pw.regimens[i].id == id) return static_cast<int>(i);
  }
  return -1;  // checked on loading
}

std::string action_words(const Rule& r) {
  std::string w;
  for (const auto& a : r.then) {
    if (!w.empty()) w += "; ";
    switch (a.kind) {
      case RuleAction::Kind::start:
        w += "start " + a.regimen;
        break;
      case RuleAction::Kind::stop:
        w += "stop " + a.regimen;
        break;
      case RuleAction::Kind::switch_to: {
        // In months when whole months (the usual way to write it), else in days.
        const double months = a.after_last_dose / days_per_month;
        char buf[64];
        if (std::fabs(months - std::round(months)) < 1e-9) {
          std::snprintf(buf, sizeof buf, "%g mo", std::round(months));
        } else {
          std::snprintf(buf, sizeof buf, "%g d", a.after_last_dose);
        }
        w += "switch " + a.regimen + " to " + a.to + " " + buf + " after its last dose";
        break;
      }
    }
  }
  return w;
}

// Visits, scans, markers and rules by index; regimens named by rules compiled apart.
std::shared_ptr<const CarePathway> compile_pathway(const Scenario& s, const Model& model, std::vector<double>& params,
                                                   Schedule& schedule) {
  auto pw = std::make_shared<CarePathway>();
  const ModelInfo& info = model.info();
  if (s.monitoring) {
    const Monitoring& m = *s.monitoring;
    pw->visit_times = m.times;
    for (const auto& site : m.sites) {
      const MeasuredSite* ms = info.vocabulary.measured_site(site);
      pw->scans.push_back({site, *info.observable_index(std::string(ms->t_score)),
                           *info.observable_index(std::string(ms->bmd_change)),
                           *info.param_index(std::string(ms->ref_mean)), *info.param_index(std::string(ms->ref_sd))});
    }
    for (const auto& name : m.markers) {
      pw->markers.push_back({name, *info.observable_index(std::string(info.vocabulary.marker(name)->observable))});
    }
    pw->lsc = m.lsc.value_or(0.0);
    pw->seed = m.seed;
  }
  auto add_regimen = [&](const std::string& id, bool held, const Origin& origin, Scenario part) {
    const int tag = static_cast<int>(pw->regimens.size());
    std::vector<double> scratch = params;
    Schedule own;
    model.compile_regimens(part, scratch, own);
    own.finalize();
    // A regimen the model gives by parameters set for the whole run (not by timed actions)
    // cannot wait for a decision; without `held` it is given as usual (a rule cannot stop it).
    if (scratch != params) {
      if (held) {
        throw InputError(origin.where, origin.key + ".held",
                         "a regimen model " + std::string(model.info().id) +
                             " gives by parameters for the whole run, not by timed doses",
                         "no 'held' on this regimen (rules start and stop regimens given by doses or timed changes)");
      }
      params = scratch;
    }
    CarePathway::Regimen r{id, held, {}};
    for (Action a : own.actions()) {
      a.tag = tag;
      if (held) {
        r.actions.push_back(a);
      } else {
        schedule.add(a);
      }
    }
    pw->regimens.push_back(std::move(r));
  };
  for (const auto& g : s.drugs) {
    if (!pathway_regimen(g.id, s)) continue;
    Scenario part = regimen_part(s);
    part.drugs.push_back(g);
    add_regimen(g.id, g.held, g.origin, std::move(part));
  }
  for (const auto& x : s.exercise) {
    if (!pathway_regimen(x.id, s)) continue;
    Scenario part = regimen_part(s);
    part.exercise.push_back(x);
    add_regimen(x.id, x.held, x.origin, std::move(part));
  }
  for (const Rule& rule : s.rules) {
    CarePathway::Rule r;
    r.name = rule.name;
    r.action = action_words(rule);
    r.repeat = rule.repeat;
    const RuleCondition& c = rule.when;
    r.when.threshold = c.threshold;
    switch (c.kind) {
      case RuleCondition::Kind::t_score_below:
        r.when.kind = CarePathway::Condition::Kind::t_score_below;
        break;
      case RuleCondition::Kind::bmd_loss:
        r.when.kind = CarePathway::Condition::Kind::bmd_loss;
        break;
      case RuleCondition::Kind::marker_above:
        r.when.kind = CarePathway::Condition::Kind::marker_above;
        break;
      case RuleCondition::Kind::on_regimen:
        r.when.kind = CarePathway::Condition::Kind::on_regimen;
        break;
    }
    for (std::size_t i = 0; i < pw->scans.size(); ++i) {
      if (pw->scans[i].site == c.site) r.when.scan = static_cast<int>(i);
    }
    for (std::size_t i = 0; i < pw->markers.size(); ++i) {
      if (pw->markers[i].name == c.marker) r.when.marker = static_cast<int>(i);
    }
    r.when.regimen = regimen_index(*pw, c.regimen);
    for (const RuleAction& a : rule.then) {
      CarePathway::Step st;
      st.kind = a.kind == RuleAction::Kind::start  ? CarePathway::Step::Kind::start
                : a.kind == RuleAction::Kind::stop ? CarePathway::Step::Kind::stop
                                                   : CarePathway::Step::Kind::switch_to;
      st.regimen = regimen_index(*pw, a.regimen);
      st.to = a.to.empty() ? -1 : regimen_index(*pw, a.to);
      st.after_last_dose = a.after_last_dose;
      r.then.push_back(st);
    }
    pw->rules.push_back(std::move(r));
  }
  return pw;
}

}  // namespace

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
  if (s.monitoring || !s.rules.empty()) {
    // The regimens rules name are compiled apart (compile_pathway); the rest as without rules.
    Scenario rest = regimen_part(s);
    for (const auto& g : s.drugs) {
      if (!pathway_regimen(g.id, s)) rest.drugs.push_back(g);
    }
    for (const auto& x : s.exercise) {
      if (!pathway_regimen(x.id, s)) rest.exercise.push_back(x);
    }
    model.compile_regimens(rest, run.params, run.schedule);
    run.pathway = compile_pathway(s, model, run.params, run.schedule);
  } else {
    model.compile_regimens(s, run.params, run.schedule);
  }
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
          run.schedule.add(
              {ev.time, is_set ? ActionKind::set_state : ActionKind::add_state, *info.state_index(a.name), a.value});
        }
      }
    };
    add_actions(ev.set, true);
    add_actions(ev.add, false);
  }
  run.schedule.finalize();
  if (run.pathway) {
    // Visits come after everything else due at their time (a dose on the day of a scan is given first).
    for (std::size_t k = 0; k < run.pathway->visit_times.size(); ++k) {
      run.schedule.insert({run.pathway->visit_times[k], ActionKind::visit, static_cast<int>(k), 0.0});
    }
  }
  return run;
}

}  // namespace osteon
