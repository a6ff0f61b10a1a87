#include "run/simulation.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "core/error.hpp"
#include "core/number_format.hpp"
#include "scenario/scenario_compiler.hpp"

namespace osteon {

namespace {
std::vector<std::string> validity_warnings(const Model& model, const std::vector<double>& params, double duration) {
  std::vector<std::string> out;
  const ModelInfo& info = model.info();
  for (const ValidityRange& v : info.validity) {
    const auto i = info.param_index(v.parameter);
    if (!i || static_cast<std::size_t>(*i) >= params.size()) continue;
    const double start = params[static_cast<std::size_t>(*i)];
    const double end = start + v.growth_per_day * duration;
    if (start >= v.low && end <= v.high) continue;
    const std::string unit(info.params[static_cast<std::size_t>(*i)].unit);
    std::string what = std::string(v.parameter) + " " + format_number(start) + " " + unit;
    if (v.growth_per_day != 0.0) what += " at the start and " + format_number(end) + " " + unit + " at the end";
    out.push_back(what + " lies outside " + format_number(v.low) + " to " + format_number(v.high) + " " + unit + ", " +
                  std::string(v.basis) + ", for which model " + std::string(info.id) +
                  " was calibrated: treat the result as a hypothesis");
  }
  return out;
}
}  // namespace

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

Simulation::Simulation(Scenario scenario, const Model& model, const RunOptions& options)
    : scenario_(std::move(scenario)), model_(model) {
  plan_ = compile_output(scenario_, model_);
  base_ = compile_run(scenario_, model_);
  warnings_ = validity_warnings(model_, base_.params, scenario_.duration);
  for (std::string& w : model_.scenario_warnings(scenario_, base_.params)) warnings_.push_back(std::move(w));
  settings_ = scenario_.solver;
  // Options obey the bounds of the scenario's solver block (docs/errors.md).
  const SourceLocation cmdline{"command line", 0, 0};
  if (options.rtol && !(*options.rtol >= 1e-14 && *options.rtol <= 1e-2)) {
    throw InputError(cmdline, "--rtol", "'" + format_number(*options.rtol) + "'",
                     "a relative tolerance between 1e-14 and 1e-2");
  }
  if (options.atol && !(*options.atol > 0.0 && std::isfinite(*options.atol))) {
    throw InputError(cmdline, "--atol", "'" + format_number(*options.atol) + "'", "a positive absolute tolerance");
  }
  if (options.threads < 0 || options.threads > RunOptions::max_threads) {
    throw InputError(cmdline, "--threads", "'" + std::to_string(options.threads) + "'",
                     "a thread count between 1 and " + std::to_string(RunOptions::max_threads));
  }
  if (options.method) settings_.method = *options.method;
  if (options.rtol) settings_.rtol = *options.rtol;
  if (options.atol) settings_.atol = *options.atol;
  storage_ = scenario_.output_storage;
  if (options.deflate_level) storage_.deflate_level = *options.deflate_level;
  if (options.precision) storage_.precision = *options.precision;
  threads_ = options.threads > 0 ? options.threads : hardware_threads();
  if (scenario_.runs) {
    // The template is the scenario without its table: copying the table (8 B per cell) only
    // to drop it would be a transient as large as the ensemble.
    std::optional<RunsTable> table = std::move(scenario_.runs);
    scenario_.runs.reset();
    row_template_ = scenario_;
    row_template_.text.clear();
    scenario_.runs = std::move(table);
    const RunsTable& t = *scenario_.runs;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      columns_.push_back(resolve_scenario_path(t.columns[c], scenario_, model_, t.column_origins[c]));
      parameters_only_ = parameters_only_ && columns_.back().is_parameter();
    }
    // Rows are compiled when their run starts. A row that does not compile
    // (e.g. a stop before its start) fails that run with the reason and leaves
    // the rest of the ensemble to finish; cell values were checked on loading.
  }
}

RunSpec Simulation::run_spec(std::size_t i) const {
  if (!scenario_.runs) {
    RunSpec r = base_;
    r.index = i;
    return r;
  }
  if (i >= scenario_.runs->n_rows()) throw std::out_of_range("Simulation::run_spec: no run " + std::to_string(i));
  const double* row = scenario_.runs->row(i);
  if (parameters_only_) {
    RunSpec r = base_;
    r.index = i;
    for (std::size_t c = 0; c < columns_.size(); ++c) r.params[static_cast<std::size_t>(columns_[c].index)] = row[c];
    return r;
  }
  Scenario s = row_template_;
  for (std::size_t c = 0; c < columns_.size(); ++c) assign_path(s, columns_[c], row[c]);
  try {
    RunSpec r = compile_run(s, model_);
    r.index = i;
    return r;
  } catch (const InputError& e) {
    RunSpec r = base_;
    r.index = i;
    // A sweep numbers its runs from 0 (as its file does); a runs table numbers its rows from 1.
    const std::string which = scenario_.runs->source == RunsTable::sweep_design ? "run " + std::to_string(i)
                                                                                : "runs row " + std::to_string(i + 1);
    r.error = which + " cannot be simulated: " + e.found() + "; expected " + e.expected() + " (" + e.key() + ")";
    return r;
  }
}

OutputDescription Simulation::output_description(const std::string& history) const {
  OutputDescription d;
  const ModelInfo& info = model_.info();
  d.title = scenario_.description.empty() ? scenario_.name : scenario_.name + ": " + scenario_.description;
  d.model_id = std::string(info.id);
  d.model_citation = std::string(info.citation);
  d.scenario_text = scenario_.text;
  d.settings_json = settings_.to_json();
  d.history = history;
  d.times = plan_.times;
  d.storage = storage_;
  const int ns = model_.n_states();
  for (int v : plan_.variables) {
    if (v < ns) {
      const StateInfo& s = info.states[static_cast<std::size_t>(v)];
      d.names.emplace_back(s.name);
      d.units.emplace_back(s.unit);
      d.long_names.emplace_back(s.long_name);
    } else {
      const ObservableInfo& o = info.observables[static_cast<std::size_t>(v - ns)];
      d.names.emplace_back(o.name);
      d.units.emplace_back(o.unit);
      d.long_names.emplace_back(o.long_name);
    }
  }
  d.n_runs = n_runs();
  if (!warnings_.empty()) {
    std::string all;
    for (const auto& w : warnings_) all += (all.empty() ? "" : "\n") + w;
    d.attributes.emplace_back("validity_warnings", all);
  }
  if (base_.pathway) {
    const CarePathway& pw = *base_.pathway;
    PathwayLayout l;
    l.visit_times = pw.visit_times;
    const std::string error =
        pw.lsc > 0.0 ? " as measured (with the scan's precision error)" : " as measured (exactly)";
    auto add = [&](int observable) {
      const ObservableInfo& o = info.observables[static_cast<std::size_t>(observable)];
      l.measure_names.emplace_back(o.name);
      l.measure_units.emplace_back(o.unit);
      l.measure_long_names.push_back(std::string(o.long_name) + " at a monitoring visit" + error);
    };
    for (const auto& sc : pw.scans) {
      add(sc.t_score);
      add(sc.bmd_change);
    }
    for (const auto& m : pw.markers) add(m.observable);
    for (const auto& r : pw.rules) {
      l.rule_names.push_back(r.name);
      l.rule_actions.push_back(r.action);
    }
    d.pathway = std::move(l);
  }
  if (scenario_.runs) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      RunFactor f{scenario_.runs->columns[c], columns_[c].unit, columns_[c].long_name, {}};
      f.values.reserve(n_runs());
      for (std::size_t r = 0; r < n_runs(); ++r) f.values.push_back(scenario_.runs->row(r)[c]);
      d.factors.push_back(std::move(f));
    }
  }
  return d;
}

void Simulation::run(ResultSink& sink, const std::atomic<bool>* stop) const {
  IndexedRunSource source(
      n_runs(), [this](std::size_t i) { return run_spec(i); }, stop);
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads_), n_runs()));
  run_on_threads(model_, plan_, settings_, source, sink, std::max(workers, 1));
}

namespace {
// Stops handing out runs once `halt` is set (a thread could not be started).
class HaltableSource final : public RunSource {
 public:
  explicit HaltableSource(RunSource& inner) : inner_(inner) {}
  bool next(RunSpec& spec) override {
    return !halt.load(std::memory_order_relaxed) && inner_.next(spec);  // inner_.next is thread-safe
  }
  std::atomic<bool> halt{false};

 private:
  RunSource& inner_;
};
}  // namespace

void run_on_threads(const Model& model, const OutputPlan& plan, const SolverSettings& settings, RunSource& source,
                    ResultSink& sink, int workers) {
  std::vector<std::unique_ptr<RunWorker>> pool;
  for (int i = 0; i < workers; ++i) pool.push_back(model.make_worker(plan, settings));
  if (workers == 1) {
    pool.front()->run(source, sink);
    return;
  }
  HaltableSource haltable(source);
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  std::vector<std::thread> threads;
  std::string start_error;
  for (int i = 0; i < workers; ++i) {
    try {
      threads.emplace_back([&, i] {
        try {
          pool[static_cast<std::size_t>(i)]->run(haltable, sink);
        } catch (...) {
          errors[static_cast<std::size_t>(i)] = std::current_exception();
        }
      });
    } catch (const std::system_error& e) {
      // A process or memory limit: the threads already started finish the run in hand and stop.
      start_error = "cannot start worker thread " + std::to_string(i + 1) + " of " + std::to_string(workers) + ": " +
                    e.what() + " (a process or memory limit? try fewer --threads)";
      haltable.halt.store(true);
      break;
    }
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (!start_error.empty()) throw ResourceError(start_error);
}

void ResultCollector::accept(RunResult&& r) {
  std::lock_guard lock(mutex_);
  const std::size_t i = r.index;
  results_.at(i) = std::move(r);
}

}  // namespace osteon
