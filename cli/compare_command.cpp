// `osteon compare A.yaml B.yaml ... [-o OUT.h5] [--at 1y,2y,5y]`: several
// scenarios of one model side by side, as a table of the key outputs at given
// times (and optionally one HDF5 file with one run per scenario).
#include <algorithm>
#include <charconv>
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
#include "core/units.hpp"
#include "interrupt_guard.hpp"
#include "output/hdf5_file.hpp"
#include "output/result_writer.hpp"
#include "run/parameter_ensemble.hpp"
#include "run/simulation.hpp"

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
  --uncertainty N      also run N members of the model's parameter ensemble per
                       scenario (its calibration's covariance) and show each value
                       with its median and band (docs/models/integrated.md,
                       "Uncertainty"); the file gets VAR_median, VAR_lower, VAR_upper
  --seed S             seed of the ensemble (default 1): same seed, same members
  --level L            band in percent, 0 < L < 100 (default 90: 5th-95th percentiles)
)";

// NaN as "n/a"; `digits` significant, or decimals when fixed.
std::string number_or_na(double x, int digits, bool fixed = false, bool sign = false) {
  return format_number(x, {.digits = digits, .fixed = fixed, .sign = sign, .nan = "n/a"});
}

// % changes with a sign, classified outputs (e.g. T-scores) with their class, anything else in 4 digits.
std::string format_cell(const Vocabulary& vocabulary, const std::string& variable, double x) {
  if (variable.size() > 7 && variable.compare(variable.size() - 7, 7, "_change") == 0)
    return number_or_na(x, 2, true, true);
  if (const Classification* c = vocabulary.classification(variable)) {
    return number_or_na(x, 2, true) + " " + std::string(c->classify(x));
  }
  return number_or_na(x, 4);
}

// When a dose of a repeated or single-dose drug falls within a day of sample time t:
// which drug, when, and which side of the dose the sample shows ("" when none).
std::string dose_day_note(const Scenario& s, double t) {
  for (const DrugRegimen& g : s.drugs) {
    if (!g.every && !g.dose_mg) continue;
    // Given only if a rule starts it, or maybe stopped by one: its doses are not known here.
    if (g.held || (!g.id.empty() && !s.rules.empty())) continue;  // a daily oral inhibitor: every day is a dose day
    const double stop = g.stop ? *g.stop : s.duration;
    const int max_count = g.count ? *g.count : (g.every ? std::numeric_limits<int>::max() : 1);
    for (int k = 0; k < max_count; ++k) {
      const double d = g.start + (g.every ? k * *g.every : 0.0);
      // The same rule as dose_times(): no dose at or after the end (it could not act within the run).
      if (d > t + 1.0 || d >= s.duration || (g.stop && d >= stop)) break;
      if (std::fabs(d - t) < 1.0) {
        const std::string dose = g.dose_mg ? number_or_na(*g.dose_mg, 6) + " mg " : std::string();
        if (d <= t) {
          return dose + g.drug + " given " + (d == t ? "at this time" : number_or_na(t - d, 3) + " d before") +
                 ": the values are after the dose";
        }
        return dose + g.drug + " given " + number_or_na(d - t, 3) +
               " d after this time: the values are before the dose";
      }
      if (!g.every) break;
    }
  }
  return {};
}

std::size_t column_width(const std::string& variable) { return std::max<std::size_t>(variable.size(), 12); }

// A guard against typos (an ensemble is run and kept in memory per scenario).
constexpr std::size_t max_uncertainty_members = 100000;

long long parse_nonnegative_integer(const std::string& option, const std::string& text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v < 0) {
    throw InputError(SourceLocation{"command line", 0, 0}, option, "'" + text + "'", "a whole number >= 0");
  }
  return v;
}

// A band's level in percent: "90", "90%" or "90 %".
double parse_level(const std::string& option, std::string text) {
  while (!text.empty() && (text.back() == '%' || text.back() == ' ')) text.pop_back();
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || !(v > 0.0 && v < 100.0)) {
    throw InputError(SourceLocation{"command line", 0, 0}, option, "'" + text + "'",
                     "a level in percent strictly between 0 and 100, e.g. 90");
  }
  return v;
}

std::string when(double days) {
  if (std::fabs(std::remainder(days, days_per_year)) < 1e-9) return number_or_na(days / days_per_year, 0, true) + " y";
  if (std::fabs(std::remainder(days, days_per_month)) < 1e-9)
    return number_or_na(days / days_per_month, 0, true) + " mo";
  return number_or_na(days, 6) + " d";
}

}  // namespace

int compare_command(const Args& args) {
  const auto parsed = parse_command_line(args,
                                         {{"--output", "-o", true},
                                          {"--at", "", true},
                                          {"--variables", "", true},
                                          {"--threads", "", true},
                                          {"--compression", "", true},
                                          {"--precision", "", true},
                                          {"--force", "", false},
                                          {"--uncertainty", "", true},
                                          {"--seed", "", true},
                                          {"--level", "", true}},
                                         compare_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
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
    if (s.runs)
      throw InputError(s.runs->origin.where, "runs", "an ensemble",
                       "single-run scenarios (use `osteon run` for ensembles)");
  }

  // The parameter ensemble (--uncertainty): checked before anything runs.
  std::size_t members = 0;
  std::uint64_t seed = 1;
  double level = 90.0;
  if (auto v = a.get("--uncertainty")) {
    members = static_cast<std::size_t>(parse_positive_int("--uncertainty", *v));
    // One member gives a "band" of zero width around itself: report it as bad input, not as a band.
    if (members < 2) {
      throw InputError(cmdline, "--uncertainty", "'" + *v + "'",
                       "at least 2 members (one member has no spread to make a band from)");
    }
    if (members > max_uncertainty_members) {
      throw InputError(cmdline, "--uncertainty", "'" + *v + "'",
                       "at most " + std::to_string(max_uncertainty_members) + " members (a positive whole number)");
    }
    if (!model.uncertainty()) {
      throw InputError(cmdline, "--uncertainty", "model '" + first.model + "', which declares no parameter uncertainty",
                       "a model with a calibrated parameter covariance (`osteon models` lists them)");
    }
  }
  if (auto v = a.get("--seed")) {
    if (!members) throw InputError(cmdline, "--seed", "'" + *v + "' without --uncertainty", "--uncertainty N with it");
    seed = static_cast<std::uint64_t>(parse_nonnegative_integer("--seed", *v));
  }
  if (auto v = a.get("--level")) {
    if (!members) throw InputError(cmdline, "--level", "'" + *v + "' without --uncertainty", "--uncertainty N with it");
    level = parse_level("--level", *v);
  }

  // Scenarios of different durations are compared up to the shortest (issue 19: they were refused).
  double horizon = first.duration;
  for (const auto& s : scenarios) horizon = std::min(horizon, s.duration);

  // Times to tabulate.
  std::vector<double> at;
  if (auto list = a.get("--at")) {
    for (const auto& item : split_list(*list)) {
      double t = 0.0;
      try {
        const Quantity q = parse_quantity(item);
        // As in scenario files: `--at 1` could mean a day or a year (it was read as days).
        if (q.unit_text.empty() && q.value != 0.0) {
          throw InputError(cmdline, "--at", "'" + item + "' (a number without a unit: days? months? years?)",
                           "times with their unit, e.g. " + item + "y");
        }
        t = to_unit(q, "d");
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
    variables = split_list(*list);
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
  // Care pathways: the rules of every scenario, named "<scenario>.<rule>" (decision_rule indexes
  // this list); visits' measurements when every scenario with visits has the same ones.
  std::vector<std::size_t> rule_offset(n, 0);
  {
    PathwayLayout merged;
    bool any = false, same_visits = true;
    const PathwayLayout* reference = nullptr;
    std::vector<OutputDescription> descs;
    for (std::size_t i = 0; i < n; ++i) {
      const OutputDescription di = sims[i]->output_description(invocation);
      rule_offset[i] = merged.rule_names.size();
      if (!di.pathway) continue;
      any = true;
      for (std::size_t r = 0; r < di.pathway->rule_names.size(); ++r) {
        merged.rule_names.push_back(sims[i]->scenario().name + "." + di.pathway->rule_names[r]);
        merged.rule_actions.push_back(di.pathway->rule_actions[r]);
      }
      if (!reference) {
        descs.push_back(di);
        reference = &*descs.back().pathway;
      } else if (di.pathway->visit_times != reference->visit_times ||
                 di.pathway->measure_names != reference->measure_names) {
        same_visits = false;
      }
    }
    if (any) {
      if (same_visits && reference) {
        merged.visit_times = reference->visit_times;
        merged.measure_names = reference->measure_names;
        merged.measure_units = reference->measure_units;
        merged.measure_long_names = reference->measure_long_names;
      }
      desc.pathway = std::move(merged);
    } else {
      desc.pathway.reset();
    }
  }

  // The ensemble: per scenario the point estimate (the scenario as given), then `members` runs with
  // the parameters of member k; the file and the table get each value's median and band over the
  // members that ran. Drawn here, once, in this thread: the same seed gives the same members
  // whatever --threads.
  const std::size_t per = members + 1;
  std::unique_ptr<ParameterEnsemble> ensemble;
  const double q_low = 0.5 * (100.0 - level), q_high = 100.0 - q_low;
  const std::size_t n_recorded = desc.names.size();
  if (members) {
    ensemble = std::make_unique<ParameterEnsemble>(model, members, seed);
    const std::string band = format_number(level) + " % band";
    for (std::size_t v = 0; v < n_recorded; ++v) {
      const std::pair<const char*, std::string> kinds[] = {
          {"_median", "median of the parameter ensemble"},
          {"_lower",
           "lower end of the " + band + " of the parameter ensemble (" + format_number(q_low) + "th percentile)"},
          {"_upper",
           "upper end of the " + band + " of the parameter ensemble (" + format_number(q_high) + "th percentile)"}};
      for (const auto& [suffix, what] : kinds) {
        desc.names.push_back(desc.names[v] + suffix);
        desc.units.push_back(desc.units[v]);
        desc.long_names.push_back(desc.long_names[v] + ", " + what);
      }
    }
    desc.attributes.emplace_back("uncertainty_members", static_cast<std::int64_t>(members));
    desc.attributes.emplace_back("uncertainty_seed", static_cast<std::int64_t>(seed));
    desc.attributes.emplace_back("uncertainty_level", level);
    desc.attributes.emplace_back("uncertainty_source", std::string(model.uncertainty()->source));
    desc.attributes.emplace_back(
        "uncertainty_method",
        std::string("VAR is the point estimate (the calibrated parameters); VAR_median, VAR_lower and VAR_upper "
                    "are the median and the percentiles of VAR over the members of a parameter ensemble drawn "
                    "from the calibration's Gauss-Newton covariance (truncated normal in the fitted coordinates), "
                    "over the members that ran (uncertainty_failed_members counts the others)"));
  }

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
      n * per,
      [&](std::size_t i) {
        RunSpec r = sims[i / per]->run_spec(0);
        r.index = i;
        if (const std::size_t m = i % per; m > 0 && r.error.empty()) r.error = ensemble->apply(m - 1, r.params);
        return r;
      },
      &InterruptGuard::flag());
  ResultCollector collected(n * per);
  struct Tee final : ResultSink {
    ResultCollector& c;
    ResultWriter* w;
    const std::vector<std::size_t>& offset;
    Tee(ResultCollector& c_, ResultWriter* w_, const std::vector<std::size_t>& o_) : c(c_), w(w_), offset(o_) {}
    void accept(RunResult&& r) override {
      if (w) {
        RunResult copy = r;
        for (auto& d : copy.decisions) d.rule += static_cast<int>(offset[copy.index]);
        w->accept(std::move(copy));
      }
      c.accept(std::move(r));
    }
  } tee(collected, members ? nullptr : writer.get(), rule_offset);
  run_on_threads(model, lead.plan(), lead.settings(), source, tee,
                 static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(lead.threads()), n * per)));
  if (InterruptGuard::interrupted()) {
    std::cerr << "osteon compare: interrupted by " << InterruptGuard::signal_name() << "; nothing was printed"
              << (a.get("--output") ? " and " + *a.get("--output") + " was not written (no temporary file is left)"
                                    : std::string())
              << "\n";
    return exit_interrupted;  // ~ResultWriter discards the temporary file
  }
  const std::size_t nt = times.size();
  const auto& all = collected.results();
  // Per scenario, variable and time: median, lower and upper over the members that ran.
  std::vector<std::vector<double>> bands(n);
  std::vector<std::vector<std::size_t>> failed(n);
  if (members) {
    std::vector<double> sample(members);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t m = 1; m < per; ++m) {
        if (all[i * per + m].status != RunStatus::ok) failed[i].push_back(m);
      }
      bands[i].assign(3 * n_recorded * nt, std::numeric_limits<double>::quiet_NaN());
      for (std::size_t v = 0; v < n_recorded; ++v) {
        for (std::size_t k = 0; k < nt; ++k) {
          sample.clear();
          for (std::size_t m = 1; m < per; ++m) {
            if (all[i * per + m].status == RunStatus::ok) sample.push_back(all[i * per + m].values[v * nt + k]);
          }
          bands[i][(3 * v + 0) * nt + k] = percentile(sample, 50.0);
          bands[i][(3 * v + 1) * nt + k] = percentile(sample, q_low);
          bands[i][(3 * v + 2) * nt + k] = percentile(sample, q_high);
        }
      }
    }
    if (writer) {
      for (std::size_t i = 0; i < n; ++i) {
        RunResult r = all[i * per];
        r.index = i;
        for (auto& d : r.decisions) d.rule += static_cast<int>(rule_offset[i]);
        if (r.status == RunStatus::ok) r.values.insert(r.values.end(), bands[i].begin(), bands[i].end());
        writer->accept(std::move(r));
      }
    }
  }
  if (writer) {
    writer->finish([&](hid_t file) {
      if (!members) return;
      std::vector<double> count(n);
      for (std::size_t i = 0; i < n; ++i) count[i] = static_cast<double>(failed[i].size());
      h5::Handle d = h5::create_dataset(file, "uncertainty_failed_members", H5T_IEEE_F64LE, {n});
      h5::write_all(d.id(), count);
      h5::set_attribute(d.id(), "units", std::string("1"));
      h5::set_attribute(d.id(), "long_name",
                        std::string("members of the parameter ensemble that failed (left out of the bands)"));
      h5::Handle run = h5::open_dataset(file, "run");
      h5::attach_scale(d.id(), run.id(), 0);
    });
  }

  // The table: one block per time, one row per scenario.
  std::size_t width = 8;
  for (const auto& name : shown) width = std::max(width, name.size());
  std::vector<RunResult> results;
  for (std::size_t i = 0; i < n; ++i) results.push_back(all[i * per]);
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
        const std::size_t column =
            static_cast<std::size_t>(std::find(recorded.begin(), recorded.end(), variables[v]) - recorded.begin());
        const std::string cell = format_cell(model.info().vocabulary, variables[v], results[i].values[column * nt + k]);
        o << "  " << std::string(column_width(variables[v]) - std::min(cell.size(), column_width(variables[v])), ' ')
          << cell;
      }
      const std::string note = dose_day_note(sims[i]->scenario(), times[k]);
      o << (note.empty() ? "" : "  *") << "\n";
      if (members) {
        const std::string labels[] = {"median", format_number(level) + " % band"};
        for (int row = 0; row < 2; ++row) {
          const std::string& label = labels[row];
          o << "    " << label << std::string(width > label.size() + 2 ? width - label.size() - 2 : 0, ' ');
          for (std::size_t v = 0; v < variables.size(); ++v) {
            const std::size_t column =
                static_cast<std::size_t>(std::find(recorded.begin(), recorded.end(), variables[v]) - recorded.begin());
            const double* b = bands[i].data();
            std::string cell;
            if (row == 0) {
              cell = format_cell(model.info().vocabulary, variables[v], b[(3 * column) * nt + k]);
            } else {
              const bool change =
                  variables[v].size() > 7 && variables[v].compare(variables[v].size() - 7, 7, "_change") == 0;
              const NumberFormat f = change ? NumberFormat{.digits = 2, .fixed = true, .sign = true}
                                            : (model.info().vocabulary.classification(variables[v])
                                                   ? NumberFormat{.digits = 2, .fixed = true}
                                                   : NumberFormat{.digits = 4});
              cell = format_number(b[(3 * column + 1) * nt + k], f) + " to " +
                     format_number(b[(3 * column + 2) * nt + k], f);
            }
            o << "  "
              << std::string(column_width(variables[v]) - std::min(cell.size(), column_width(variables[v])), ' ')
              << cell;
          }
          o << "\n";
        }
      }
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
  if (members) {
    o << "\nUncertainty: " << members << " members of the parameter ensemble per scenario (seed " << seed
      << "), drawn from the calibration's covariance (" << model.uncertainty()->source << "); median and "
      << format_number(level) << " % band (" << format_number(q_low) << "th to " << format_number(q_high)
      << "th percentile) over the members that ran";
    std::size_t total_failed = 0;
    for (const auto& f : failed) total_failed += f.size();
    if (!total_failed) {
      o << "; every member ran.\n";
    } else {
      o << ". Failed members, left out of the bands:\n";
      for (std::size_t i = 0; i < n; ++i) {
        if (failed[i].empty()) continue;
        o << "  " << shown[i] << ": " << failed[i].size() << " of " << members << " (";
        for (std::size_t j = 0; j < failed[i].size() && j < 3; ++j) {
          o << (j ? "; " : "") << "member " << failed[i][j] << ": " << all[i * per + failed[i][j]].message;
        }
        o << (failed[i].size() > 3 ? "; ..." : "") << ")\n";
      }
    }
  }
  // Decisions of the rules of each scenario with visits.
  bool any_rules = false;
  for (const auto& sim : sims) any_rules = any_rules || !sim->scenario().rules.empty();
  if (any_rules) {
    o << "\ndecisions:\n";
    for (std::size_t i = 0; i < n; ++i) {
      const Scenario& sc = sims[i]->scenario();
      if (sc.rules.empty()) continue;
      o << "  " << shown[i] << std::string(width - shown[i].size(), ' ');
      const RunResult& r = results[i];
      if (r.status != RunStatus::ok) {
        o << "  failed\n";
        continue;
      }
      if (r.decisions.empty()) o << "  none (no rule fired)\n";
      const RunSpec spec = sims[i]->run_spec(0);
      for (std::size_t j = 0; j < r.decisions.size(); ++j) {
        const auto& rule = spec.pathway->rules[static_cast<std::size_t>(r.decisions[j].rule)];
        o << (j ? "  " + std::string(width, ' ') : std::string()) << "  at " << when(r.decisions[j].time) << ": "
          << rule.name << " -> " << rule.action << "\n";
      }
    }
  }
  // Every column's unit, grouped by unit in the order of the columns (issue: only *_change and
  // T-scores had theirs, in the legend below).
  std::vector<std::pair<std::string, std::vector<std::string>>> by_unit;
  for (const auto& v : variables) {
    std::string unit(model.info().variable_unit(v));
    if (unit.empty() || unit == "1") unit = "dimensionless";
    auto it = std::find_if(by_unit.begin(), by_unit.end(), [&](const auto& g) { return g.first == unit; });
    if (it == by_unit.end()) it = by_unit.insert(by_unit.end(), {unit, {}});
    it->second.push_back(v);
  }
  o << "\nUnits:";
  for (std::size_t g = 0; g < by_unit.size(); ++g) {
    o << (g ? ";" : "") << " " << by_unit[g].first << " (";
    for (std::size_t j = 0; j < by_unit[g].second.size(); ++j) o << (j ? ", " : "") << by_unit[g].second[j];
    o << ")";
  }
  o << ".\n";
  for (const auto& c : model.info().vocabulary.classifications) o << c.legend << ".\n";
  o << "Research and teaching tool, not medical advice.\n";
  if (auto out = a.get("--output")) o << "wrote " << *out << "\n";
  std::cout << o.str();
  for (const auto& r : results) {
    if (r.status != RunStatus::ok) return exit_internal;
  }
  return exit_ok;
}

}  // namespace osteon::cli
