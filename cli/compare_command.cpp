// `osteon compare A.yaml B.yaml ... [-o OUT.h5] [--at 1y,2y,5y]`: several
// scenarios of one model side by side, as a table of the key outputs at given
// times (and optionally one HDF5 file with one run per scenario).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/number_format.hpp"
#include "interrupt_guard.hpp"
#include "output/result_writer.hpp"
#include "run/simulation.hpp"
#include "core/units.hpp"

namespace osteon::cli {
namespace {

constexpr const char* compare_help = R"(Usage: osteon compare A.yaml B.yaml ... [options]

Runs scenarios of one model and prints their key outputs side by side at
chosen times: for the integrated model, BMD change per site, T-scores with
their WHO class, and the CTX and P1NP markers.

Options:
  --at LIST            times to tabulate, e.g. 1y,2y,5y (default: 1, 2 and 5 y
                       within the duration, and the end)
  --variables LIST     outputs to tabulate (default: the model's key outputs)
  -o, --output PATH    also write one HDF5 file with one run per scenario
                       (coordinate `scenario` along run)
  --threads N          worker threads (default: all cores)
  --compression C      none, deflate (level 1, the default) or deflate:N (N = 1..9)
  --precision P        float64 (default) or float32
  --force              replace OUT.h5 if it exists
)";

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// NaN as "n/a"; `digits` significant, or decimals when fixed.
std::string number_or_na(double x, int digits, bool fixed = false, bool sign = false) {
  return format_number(x, {.digits = digits, .fixed = fixed, .sign = sign, .nan = "n/a"});
}

// % changes with a sign, classified outputs (e.g. T-scores) with their class, anything else in 4 digits.
std::string format_cell(const Vocabulary& vocabulary, const std::string& variable, double x) {
  if (variable.size() > 7 && variable.compare(variable.size() - 7, 7, "_change") == 0) return number_or_na(x, 2, true, true);
  if (const Classification* c = vocabulary.classification(variable)) {
    return number_or_na(x, 2, true) + " " + std::string(c->classify(x));
  }
  return number_or_na(x, 4);
}

// When a dose of a repeated or single-dose drug falls within a day of sample time t:
// which drug, when, and which side of the dose the sample shows ("" when none).
std::string dose_day_note(const Scenario& s, double t) {
  for (const DrugRegimen& g : s.drugs) {
    if (!g.every && !g.dose_mg) continue;  // a daily oral inhibitor: every day is a dose day
    const double stop = g.stop ? *g.stop : s.duration;
    const int max_count = g.count ? *g.count : (g.every ? std::numeric_limits<int>::max() : 1);
    for (int k = 0; k < max_count; ++k) {
      const double d = g.start + (g.every ? k * *g.every : 0.0);
      if (d > t + 1.0 || d > s.duration || (g.stop && d >= stop)) break;
      if (std::fabs(d - t) < 1.0) {
        const std::string dose = g.dose_mg ? number_or_na(*g.dose_mg, 6) + " mg " : std::string();
        if (d <= t) {
          return dose + g.drug + " given " + (d == t ? "at this time" : number_or_na(t - d, 3) + " d before") +
                 ": the values are after the dose";
        }
        return dose + g.drug + " given " + number_or_na(d - t, 3) + " d after this time: the values are before the dose";
      }
      if (!g.every) break;
    }
  }
  return {};
}

std::size_t column_width(const std::string& variable) { return std::max<std::size_t>(variable.size(), 12); }

std::string when(double days) {
  if (std::fabs(std::remainder(days, days_per_year)) < 1e-9) return number_or_na(days / days_per_year, 0, true) + " y";
  if (std::fabs(std::remainder(days, days_per_month)) < 1e-9) return number_or_na(days / days_per_month, 0, true) + " mo";
  return number_or_na(days, 6) + " d";
}

}  // namespace

int compare_command(const Args& args) {
  const Arguments a = parse_arguments(args, {{"--help", "-h", false},
                                             {"--output", "-o", true},
                                             {"--at", "", true},
                                             {"--variables", "", true},
                                             {"--threads", "", true},
                                             {"--compression", "", true},
                                             {"--precision", "", true},
                                             {"--force", "", false}});
  if (a.has("--help")) {
    std::cout << compare_help;
    return 0;
  }
  const SourceLocation cmdline{"command line", 0, 0};
  if (a.positional.empty()) throw InputError(cmdline, "SCENARIO", "no scenario files", "one or more scenario files");

  const ModelRegistry& registry = models::builtin_registry();
  std::vector<Scenario> scenarios;
  for (const auto& file : a.positional) scenarios.push_back(load_scenario_file(file, registry));
  const Scenario& first = scenarios.front();
  const Model& model = *registry.find(first.model);
  for (const auto& s : scenarios) {
    if (s.model != first.model) {
      throw InputError(SourceLocation{s.file, 0, 0}, "model", "model '" + s.model + "'",
                       "the model of the first scenario, '" + first.model + "': compare scenarios of one model");
    }
    if (s.runs) throw InputError(s.runs->origin.where, "runs", "an ensemble", "single-run scenarios (use `osteon run` for ensembles)");
  }

  // Scenarios of different durations are compared up to the shortest (issue 19: they were refused).
  double horizon = first.duration;
  for (const auto& s : scenarios) horizon = std::min(horizon, s.duration);

  // Times to tabulate.
  std::vector<double> at;
  if (auto list = a.get("--at")) {
    for (const auto& item : split(*list)) {
      double t = 0.0;
      try {
        t = to_unit(parse_quantity(item), "d");
      } catch (const UnitError& e) {
        throw InputError(cmdline, "--at", "'" + item + "' (" + e.what() + ")", "times such as 1y,2y,5y");
      }
      if (t < 0.0 || t > horizon) {
        throw InputError(cmdline, "--at", "'" + item + "'",
                         "times within the duration compared, " + when(horizon) +
                             (horizon < first.duration ? " (the shortest of the scenarios)" : ""));
      }
      at.push_back(t);
    }
  } else {
    for (double y : {1.0, 2.0, 5.0}) {
      if (y * days_per_year < horizon) at.push_back(y * days_per_year);
    }
    at.push_back(horizon);
  }
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());

  // Outputs to tabulate.
  std::vector<std::string> variables;
  const auto known = model.info().variable_names();
  if (auto list = a.get("--variables")) {
    variables = split(*list);
    for (const auto& v : variables) {
      if (std::find(known.begin(), known.end(), v) == known.end()) {
        throw InputError(cmdline, "--variables", "unknown variable '" + v + "'", "outputs of " + first.model);
      }
    }
  } else {
    for (const auto& v : model.info().vocabulary.key_outputs) {
      if (std::find(known.begin(), known.end(), v) != known.end()) variables.emplace_back(v);
    }
    if (variables.empty()) {
      for (const auto& st : model.info().states) variables.emplace_back(st.name);
    }
  }

  // One output grid for all: the first scenario's times and the tabulated ones.
  std::vector<double> times;
  for (double t : first.output_times) {
    if (t <= horizon) times.push_back(t);
  }
  times.insert(times.end(), at.begin(), at.end());
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());

  const RunOptions options = parse_run_options(a);
  // The file (-o) keeps every output the first scenario asks for (all by default), so that it
  // can be plotted and analysed beyond the table; without a file only the table is computed.
  std::vector<std::string> recorded = variables;
  if (a.get("--output")) {
    recorded = first.output_variables.empty() ? known : first.output_variables;
    for (const auto& v : variables) {
      if (std::find(recorded.begin(), recorded.end(), v) == recorded.end()) recorded.push_back(v);
    }
  }
  std::vector<std::unique_ptr<Simulation>> sims;
  for (auto s : scenarios) {
    s.output_times = times;
    s.output_variables = recorded;
    sims.push_back(std::make_unique<Simulation>(std::move(s), model, options));
    for (const auto& w : sims.back()->warnings()) {
      std::cerr << "osteon compare: warning: " << sims.back()->scenario().file << ": " << w << "\n";
    }
  }
  const Simulation& lead = *sims.front();
  const std::size_t n = sims.size();

  OutputDescription desc = lead.output_description(invocation);
  desc.n_runs = n;
  desc.title = "osteon compare: " + std::to_string(n) + " scenarios of " + first.model;
  desc.scenario_text.clear();
  // Rows are named by scenario name; equal names are told apart by file, then by position.
  std::vector<std::string> shown;
  for (const auto& sim : sims) shown.push_back(sim->scenario().name);
  for (int pass = 0; pass < 2; ++pass) {
    std::map<std::string, int> count;
    for (const auto& name : shown) ++count[name];
    for (std::size_t i = 0; i < n; ++i) {
      if (count[shown[i]] < 2) continue;
      shown[i] += pass == 0 ? " (" + sims[i]->scenario().file + ")" : " #" + std::to_string(i + 1);
    }
  }
  RunLabel names{"scenario", "scenario name", {}};
  for (std::size_t i = 0; i < n; ++i) {
    names.values.push_back(shown[i]);
    desc.scenario_text += (i ? "\n---\n" : "") + sims[i]->scenario().text;
  }
  desc.labels.push_back(names);

  if (auto out = a.get("--output")) {
    refuse_input_as_output(*out, a.positional);
    require_hdf5_output_name(*out);
  }
  // Installed before the temporary file exists (as in `osteon run`): a signal stops
  // handing out runs, and the writer's destructor removes the temporary file.
  const InterruptGuard guard;
  std::unique_ptr<ResultWriter> writer;
  if (auto out = a.get("--output")) writer = std::make_unique<ResultWriter>(*out, desc, a.has("--force"));
  // Every scenario's run goes through one pool, so lanes fill across scenarios.
  IndexedRunSource source(
      n,
      [&](std::size_t i) {
        RunSpec r = sims[i]->run_spec(0);
        r.index = i;
        return r;
      },
      &InterruptGuard::flag());
  ResultCollector collected(n);
  struct Tee final : ResultSink {
    ResultCollector& c;
    ResultWriter* w;
    Tee(ResultCollector& c_, ResultWriter* w_) : c(c_), w(w_) {}
    void accept(RunResult&& r) override {
      if (w) {
        RunResult copy = r;
        w->accept(std::move(copy));
      }
      c.accept(std::move(r));
    }
  } tee(collected, writer.get());
  run_on_threads(model, lead.plan(), lead.settings(), source, tee,
                 static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(lead.threads()), n)));
  if (InterruptGuard::interrupted()) {
    std::cerr << "osteon compare: interrupted by " << InterruptGuard::signal_name() << "; nothing was printed"
              << (a.get("--output") ? " and " + *a.get("--output") + " was not written (no temporary file is left)"
                                    : std::string())
              << "\n";
    return exit_interrupted;  // ~ResultWriter discards the temporary file
  }
  if (writer) writer->finish();

  // The table: one block per time, one row per scenario.
  std::size_t width = 8;
  for (const auto& name : shown) width = std::max(width, name.size());
  const auto& results = collected.results();
  const std::size_t nt = times.size();
  std::ostringstream o;
  bool same_duration = true;
  for (const auto& sim : sims) same_duration = same_duration && sim->scenario().duration == horizon;
  o << "osteon compare: " << n << " scenario(s) of model " << first.model << ", ";
  if (same_duration) {
    o << when(horizon) << " each\n";
  } else {
    o << "compared over " << when(horizon) << ", the shortest duration (";
    for (std::size_t i = 0; i < n; ++i) o << (i ? ", " : "") << shown[i] << " " << when(sims[i]->scenario().duration);
    o << ")\n";
  }
  bool any_dose_note = false;
  for (double t : at) {
    const std::size_t k = static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), t) - times.begin());
    o << "\nat " << when(t) << ":\n";
    o << "  " << std::string(width, ' ');
    for (const auto& v : variables) o << "  " << std::string(column_width(v) - v.size(), ' ') << v;
    o << "\n";
    for (std::size_t i = 0; i < n; ++i) {
      o << "  " << shown[i] << std::string(width - shown[i].size(), ' ');
      if (results[i].status != RunStatus::ok) {
        o << "  failed: " << results[i].message << "\n";
        continue;
      }
      for (std::size_t v = 0; v < variables.size(); ++v) {
        const std::size_t column = static_cast<std::size_t>(
            std::find(recorded.begin(), recorded.end(), variables[v]) - recorded.begin());
        const std::string cell = format_cell(model.info().vocabulary, variables[v], results[i].values[column * nt + k]);
        o << "  " << std::string(column_width(variables[v]) - std::min(cell.size(), column_width(variables[v])), ' ') << cell;
      }
      const std::string note = dose_day_note(sims[i]->scenario(), times[k]);
      o << (note.empty() ? "" : "  *") << "\n";
      if (!note.empty()) {
        o << "  " << std::string(width, ' ') << "  * " << note << "\n";
        any_dose_note = true;
      }
    }
  }
  if (any_dose_note) {
    o << "\n* A dose falls on the day of that sample: values at a dose's time are just after it (the injection "
         "has acted on serum levels but not yet on bone), and markers such as CTX change within days of a dose.\n";
  }
  for (const auto& c : model.info().vocabulary.classifications) o << "\nUnits: " << c.legend << ".\n";
  o << "Research and teaching tool, not medical advice.\n";
  if (auto out = a.get("--output")) o << "wrote " << *out << "\n";
  std::cout << o.str();
  for (const auto& r : results) {
    if (r.status != RunStatus::ok) return exit_internal;
  }
  return exit_ok;
}

}  // namespace osteon::cli
