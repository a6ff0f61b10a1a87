// `osteon run SCENARIO.yaml -o OUT.h5` and `osteon validate SCENARIO.yaml`.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "core/number_format.hpp"
#include "interrupt_guard.hpp"
#include "output/result_writer.hpp"
#include "run/simulation.hpp"
#include "sweep/sweep.hpp"

namespace osteon::cli {
namespace {

constexpr const char* run_help = R"(Usage: osteon run SCENARIO.yaml -o OUT.h5 [options]

Runs a scenario and writes its trajectories to an HDF5 file that
xarray.open_dataset(OUT.h5, engine="h5netcdf") opens directly.

Options:
  -o, --output PATH        output file (required); written under a temporary
                           name and renamed when complete
  --set NAME=VALUE         override a model parameter, e.g. --set A_OCa=0.7/d
                           (repeatable; VALUE may carry a unit)
  --threads N              worker threads (default: all cores)
  --compression C          none, deflate (level 1, the default) or deflate:N
                           (N = 1..9); over the scenario's output.compression
  --precision P            float64 (default) or float32; over output.precision
  --integrator NAME        dopri5 (default), rosenbrock, odeint-dopri5,
                           odeint-rosenbrock4
  --rtol X, --atol X       tolerances (override the scenario's solver block)
  --force                  replace OUT.h5 if it exists
  --quiet                  print nothing on success

Exit codes: 0 done (some runs may have failed: see status), 1 internal
failure, every run failed, or the output could not be written (disk full),
2 bad input, 3 interrupted by SIGINT/SIGTERM (no output file is left;
runs under way finish first, a second signal ends at once).
)";

// Passes results on to the file and keeps the first run for the summary.
class SummarySink final : public ResultSink {
 public:
  explicit SummarySink(ResultSink& next) : next_(next) {}
  void accept(RunResult&& r) override {
    {
      std::lock_guard lock(mutex_);
      if (r.status != RunStatus::ok && first_failure_.empty()) {
        first_failure_ = "run " + std::to_string(r.index) + ": " + r.message;
      }
      if (r.index == 0) first_ = r;
      ++accepted_;
    }
    next_.accept(std::move(r));
  }
  RunResult first_;
  std::string first_failure_;
  std::size_t accepted_ = 0;

 private:
  std::mutex mutex_;
  ResultSink& next_;
};

std::string describe_duration(double days) {
  if (days >= 365.25 && std::fmod(days, 365.25) < 1e-9) return format_number(days / 365.25) + " y";
  return format_number(days) + " d";
}

Simulation prepare(const Arguments& a, RunOptions options) {
  const ModelRegistry& registry = models::builtin_registry();
  Scenario s = load_scenario_file(a.positional.front(), registry);
  const Model& model = *registry.find(s.model);
  for (const auto& set : a.all("--set")) apply_parameter_override(s, set, model);
  return Simulation(std::move(s), model, options);
}

void require_one_scenario(const Arguments& a) {
  one_positional(a, "SCENARIO", "no scenario file", "arguments", "one scenario file (YAML)");
}

}  // namespace

int run_command(const Args& args) {
  const auto parsed = parse_command_line(args,
                                         {{"--output", "-o", true},
                                          {"--set", "", true, true},
                                          {"--threads", "", true},
                                          {"--compression", "", true},
                                          {"--precision", "", true},
                                          {"--integrator", "", true},
                                          {"--rtol", "", true},
                                          {"--atol", "", true},
                                          {"--force", "", false},
                                          {"--quiet", "-q", false}},
                                         run_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  require_one_scenario(a);
  const SourceLocation cmdline{"command line", 0, 0};
  const auto out = a.get("--output");
  if (!out) throw InputError(cmdline, "-o", "no output file", "-o OUT.h5");

  RunOptions options = parse_run_options(a);

  const Simulation sim = prepare(a, options);
  for (const auto& w : sim.warnings()) std::cerr << "osteon run: warning: " << w << "\n";
  refuse_input_as_output(*out, {a.positional.front(), sim.scenario().runs ? sim.scenario().runs->source : ""});
  require_hdf5_output_name(*out);
  const auto t0 = std::chrono::steady_clock::now();
  // Installed before the temporary file exists: a signal from here on stops
  // handing out runs, and the writer's destructor removes the temporary file.
  const InterruptGuard guard;
  ResultWriter writer(*out, sim.output_description(invocation), a.has("--force"));
  SummarySink sink(writer);
  sim.run(sink, &InterruptGuard::flag());
  if (InterruptGuard::interrupted()) {
    std::cerr << "osteon run: interrupted by " << InterruptGuard::signal_name() << " after " << sink.accepted_ << " of "
              << sim.n_runs() << " run(s); " << *out << " was not written and no temporary file is left "
              << "(run the command again to produce it)\n";
    return exit_interrupted;  // ~ResultWriter discards the temporary file
  }
  writer.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const bool quiet = a.has("--quiet");
  if (!sink.first_failure_.empty()) {
    std::cerr << "osteon run: warning: " << writer.runs_failed() << " of " << sim.n_runs()
              << " run(s) failed; first: " << sink.first_failure_ << "\n";
  }
  if (!quiet) {
    const Scenario& s = sim.scenario();
    const OutputDescription d = sim.output_description("");
    std::ostringstream o;
    o << "osteon run: " << s.name << " (model " << s.model << ")\n";
    o << "  " << describe_duration(s.duration) << ", " << d.times.size() << " output times, " << sim.n_runs()
      << " run(s), integrator " << method_name(sim.settings().method) << ", " << format_number(seconds) << " s\n";
    if (sink.first_.status == RunStatus::ok && !d.times.empty()) {
      o << "  at " << describe_duration(d.times.back()) << ":";
      const std::size_t nt = d.times.size();
      for (std::size_t v = 0; v < d.names.size() && v < 8; ++v) {
        o << (v ? "," : "") << " " << d.names[v] << " = " << format_number(sink.first_.values[v * nt + nt - 1]) << " "
          << d.units[v];
      }
      if (d.names.size() > 8) o << ", ...";
      o << "\n";
    }
    o << "  HDF5 writer thread busy " << format_number(writer.seconds_writing()) << " s ("
      << format_number(seconds > 0.0 ? 100.0 * writer.seconds_writing() / seconds : 0.0) << " % of wall time)\n";
    o << "  wrote " << *out << "\n";
    std::cout << o.str();
  }
  return writer.runs_failed() == sim.n_runs() ? exit_internal : exit_ok;
}

constexpr const char* validate_help =
    "Usage: osteon validate SCENARIO.yaml [--set NAME=VALUE]...\n"
    "       osteon validate SWEEP.yaml\n"
    "  Checks a scenario or a sweep without running it; exit 0 when valid, 2 with a message when not.\n";

int validate_command(const Args& args) {
  const auto parsed = parse_command_line(args, {{"--set", "", true, true}, {"--quiet", "-q", false}}, validate_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  require_one_scenario(a);
  if (is_sweep_file(a.positional.front())) return validate_sweep(a.positional.front(), a.has("--quiet"));
  const Simulation sim = prepare(a, {});
  for (const auto& w : sim.warnings()) std::cerr << "osteon validate: warning: " << w << "\n";
  if (!a.has("--quiet")) {
    std::cout << a.positional.front() << ": ok (model " << sim.scenario().model << ", "
              << describe_duration(sim.scenario().duration) << ", " << sim.plan().times.size() << " output times, "
              << sim.n_runs() << " run(s))\n";
  }
  return 0;
}

}  // namespace osteon::cli
