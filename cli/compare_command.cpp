// `osteon compare A.yaml B.yaml ... [-o OUT.h5] [--at 1y,2y,5y]`: several
// scenarios of one model side by side, as a table of the key outputs at given
// times (and optionally one HDF5 file with one run per scenario).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "core/error.hpp"
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

// The outputs of the integrated model that a comparison is about (DESIGN.md §8).
const std::vector<std::string> integrated_key_outputs = {
    "bmd_lumbar_spine_change", "bmd_total_hip_change", "bmd_femoral_neck_change", "t_score_lumbar_spine",
    "t_score_total_hip",       "t_score_femoral_neck", "ctx_change",              "p1np_change"};

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

std::string fmt(double x, const char* f = "%.2f") {
  if (std::isnan(x)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

// WHO classification of a T-score.
const char* who_class(double t) {
  if (std::isnan(t)) return "";
  if (t <= -2.5) return "osteoporosis";
  if (t < -1.0) return "osteopenia";
  return "normal";
}

// % changes with a sign, T-scores with their class, anything else in 4 digits.
std::string format_cell(const std::string& variable, double x) {
  if (variable.size() > 7 && variable.compare(variable.size() - 7, 7, "_change") == 0) return fmt(x, "%+.2f");
  if (variable.rfind("t_score_", 0) == 0) return fmt(x, "%.2f") + " " + who_class(x);
  return fmt(x, "%.4g");
}

std::size_t column_width(const std::string& variable) { return std::max<std::size_t>(variable.size(), 12); }

std::string when(double days) {
  if (std::fabs(std::remainder(days, days_per_year)) < 1e-9) return fmt(days / days_per_year, "%.0f") + " y";
  if (std::fabs(std::remainder(days, days_per_month)) < 1e-9) return fmt(days / days_per_month, "%.0f") + " mo";
  return fmt(days, "%.6g") + " d";
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
    if (s.duration != first.duration) {
      throw InputError(SourceLocation{s.file, 0, 0}, "duration", when(s.duration),
                       when(first.duration) + ", the duration of the first scenario");
    }
    if (s.runs) throw InputError(s.runs->origin.where, "runs", "an ensemble", "single-run scenarios (use `osteon run` for ensembles)");
  }

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
      if (t < 0.0 || t > first.duration) throw InputError(cmdline, "--at", "'" + item + "'", "times within the duration, " + when(first.duration));
      at.push_back(t);
    }
  } else {
    for (double y : {1.0, 2.0, 5.0}) {
      if (y * days_per_year < first.duration) at.push_back(y * days_per_year);
    }
    at.push_back(first.duration);
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
    for (const auto& v : integrated_key_outputs) {
      if (std::find(known.begin(), known.end(), v) != known.end()) variables.push_back(v);
    }
    if (variables.empty()) {
      for (const auto& st : model.info().states) variables.emplace_back(st.name);
    }
  }

  // One output grid for all: the first scenario's times and the tabulated ones.
  std::vector<double> times = first.output_times;
  times.insert(times.end(), at.begin(), at.end());
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());

  RunOptions options;
  if (auto v = a.get("--threads")) options.threads = parse_positive_int("--threads", *v);
  parse_output_storage(a, options.deflate_level, options.precision);
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
  }
  const Simulation& lead = *sims.front();
  const std::size_t n = sims.size();

  OutputDescription desc = lead.output_description(invocation);
  desc.n_runs = n;
  desc.title = "osteon compare: " + std::to_string(n) + " scenarios of " + first.model;
  desc.scenario_text.clear();
  RunLabel names{"scenario", "scenario name", {}};
  for (std::size_t i = 0; i < n; ++i) {
    names.values.push_back(sims[i]->scenario().name);
    desc.scenario_text += (i ? "\n---\n" : "") + sims[i]->scenario().text;
  }
  desc.labels.push_back(names);

  std::unique_ptr<ResultWriter> writer;
  if (auto out = a.get("--output")) writer = std::make_unique<ResultWriter>(*out, desc, a.has("--force"));
  // Every scenario's run goes through one pool, so lanes fill across scenarios.
  IndexedRunSource source(n, [&](std::size_t i) {
    RunSpec r = sims[i]->run_spec(0);
    r.index = i;
    return r;
  });
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
  if (writer) writer->finish();

  // The table: one block per time, one row per scenario.
  std::size_t width = 8;
  for (const auto& s : sims) width = std::max(width, s->scenario().name.size());
  const auto& results = collected.results();
  const std::size_t nt = times.size();
  std::ostringstream o;
  o << "osteon compare: " << n << " scenario(s) of model " << first.model << ", " << when(first.duration) << " each\n";
  for (double t : at) {
    const std::size_t k = static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), t) - times.begin());
    o << "\nat " << when(t) << ":\n";
    o << "  " << std::string(width, ' ');
    for (const auto& v : variables) o << "  " << std::string(column_width(v) - v.size(), ' ') << v;
    o << "\n";
    for (std::size_t i = 0; i < n; ++i) {
      o << "  " << sims[i]->scenario().name << std::string(width - sims[i]->scenario().name.size(), ' ');
      if (results[i].status != RunStatus::ok) {
        o << "  failed: " << results[i].message << "\n";
        continue;
      }
      for (std::size_t v = 0; v < variables.size(); ++v) {
        const std::size_t column = static_cast<std::size_t>(
            std::find(recorded.begin(), recorded.end(), variables[v]) - recorded.begin());
        const std::string cell = format_cell(variables[v], results[i].values[column * nt + k]);
        o << "  " << std::string(column_width(variables[v]) - std::min(cell.size(), column_width(variables[v])), ' ') << cell;
      }
      o << "\n";
    }
  }
  o << "\nUnits: *_change in % from baseline; T-scores in SD (WHO: normal >= -1, osteopenia, osteoporosis <= -2.5).\n";
  o << "Research and teaching tool, not medical advice.\n";
  if (auto out = a.get("--output")) o << "wrote " << *out << "\n";
  std::cout << o.str();
  for (const auto& r : results) {
    if (r.status != RunStatus::ok) return exit_internal;
  }
  return exit_ok;
}

}  // namespace osteon::cli
