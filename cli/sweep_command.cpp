// `osteon sweep SWEEP.yaml -o OUT.h5`: runs a sweep (docs/sweeps.md) through
// the batched engine, streaming per-run metrics (and any trajectories asked
// for) to a resumable HDF5 file, then prints the sensitivity analysis.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "cluster/sweep_shard.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "interrupt_guard.hpp"
#include "output/result_writer.hpp"
#include "progress_bar.hpp"
#include "sweep/sweep_analysis.hpp"
#include "sweep/sweep_file.hpp"
#include "sweep/sweep_runner.hpp"

namespace osteon::cli {
namespace {

constexpr const char* sweep_help = R"(Usage: osteon sweep SWEEP.yaml -o OUT.h5 [options]

Runs every run of a sweep (a base scenario, factors, a design, metrics; see
docs/sweeps.md) and writes factors, per-run metrics and the trajectories
listed under `outputs:` to OUT.h5; for sobol and morris designs it adds the
sensitivity indices (group `sensitivity`) and prints them.

The file is built as OUT.h5.partial and renamed when complete. After an
interruption (Ctrl-C, kill, power loss of the process) `--resume` computes
only the runs not yet stored; the result is identical to an uninterrupted run.

Options:
  -o, --output PATH        output file (required unless --emit-*)
  --threads N              worker threads (default: all cores)
  --precision P            float64 (default) or float32 for the trajectories
                           (sweep files are resumable, hence never compressed)
  --resume                 continue OUT.h5.partial (same sweep file, base
                           scenario and options); starts afresh if there is none
  --shard I/N              compute only shard I of N (1 <= I <= N): the I-th of
                           N contiguous blocks of runs, for job arrays; OUT.h5
                           holds those runs (global indices in /run) and no
                           sensitivity group; join the N files with
                           `osteon merge` (docs/cluster.md)
  --force                  replace OUT.h5 and any OUT.h5.partial
  --integrator NAME        dopri5 (default), rosenbrock, odeint-dopri5,
                           odeint-rosenbrock4
  --rtol X, --atol X       tolerances (override the base scenario's)
  --emit-problem           print the factors as a SALib problem (JSON) and exit
  --emit-design            print the design (CSV, one row per run) and exit
  --quiet                  no progress bar, no tables

Exit codes: 0 done, 1 internal failure or every run failed, 2 bad input,
3 interrupted (finished blocks kept in OUT.h5.partial; continue with --resume).
)";

}  // namespace

int validate_sweep(const std::string& path, bool quiet) {
  const ModelRegistry& registry = models::builtin_registry();
  Sweep sweep = load_sweep_file(path, registry);
  const Model& model = *registry.find(sweep.base.model);
  // The design and every factor value are checked; the runs are compiled when the sweep starts.
  const SweepRunner runner(std::move(sweep), model, {}, false);
  if (!quiet) {
    const Sweep& sw = runner.sweep();
    std::cout << path << ": ok (sweep over model " << sw.base.model << ", " << design_type_name(sw.design.type)
              << " design, " << sw.factors.size() << " factor(s), " << runner.n_runs() << " run(s), "
              << sw.metrics.size() << " metric(s))\n";
  }
  return exit_ok;
}

int sweep_command(const Args& args) {
  const auto parsed = parse_command_line(args,
                                         {{"--output", "-o", true},
                                          {"--threads", "", true},
                                          {"--precision", "", true},
                                          {"--resume", "", false},
                                          {"--force", "", false},
                                          {"--integrator", "", true},
                                          {"--rtol", "", true},
                                          {"--atol", "", true},
                                          {"--emit-problem", "", false},
                                          {"--emit-design", "", false},
                                          {"--shard", "", true},
                                          {"--quiet", "-q", false}},
                                         sweep_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const SourceLocation cmdline{"command line", 0, 0};
  one_positional(a, "SWEEP", "no sweep file", "arguments", "one sweep file (YAML)");
  RunOptions options = parse_run_options(a);
  if (a.has("--resume") && a.has("--force")) {
    throw InputError(cmdline, "--resume", "both --resume and --force",
                     "one of them: --resume continues, --force starts again");
  }

  const ModelRegistry& registry = models::builtin_registry();
  Sweep sweep = load_sweep_file(a.positional.front(), registry);
  const Model& model = *registry.find(sweep.base.model);
  const bool emit = a.has("--emit-problem") || a.has("--emit-design");
#if OSTEON_HAVE_MPI
  // Started by mpirun/srun: the ranks of the job share the sweep (docs/cluster.md),
  // each with its share of the node's cores unless --threads says otherwise.
  std::optional<MpiContext> mpi;
  if (!emit && MpiContext::launched()) mpi.emplace();
  if (mpi && mpi->size() > 1 && options.threads == 0) {
    options.threads = std::max(1, hardware_threads() / mpi->local_size());
  }
#endif
  const SweepRunner runner(std::move(sweep), model, options, !emit);
  if (a.has("--emit-problem")) {
    std::cout << runner.problem_json() << "\n";
    return exit_ok;
  }
  if (a.has("--emit-design")) {
    runner.write_design_csv(std::cout);
    return exit_ok;
  }
  const auto out = a.get("--output");
  if (!out) throw InputError(cmdline, "-o", "no output file", "-o OUT.h5");
  const bool quiet = a.has("--quiet");

  refuse_input_as_output(*out, {a.positional.front(), runner.sweep().base_file});
  require_hdf5_output_name(*out);
  std::optional<SweepShard> shard;
  if (auto v = a.get("--shard")) shard = parse_shard(*v, runner.n_runs());
#if OSTEON_HAVE_MPI
  if (mpi && mpi->size() > 1) {
    if (shard) {
      throw InputError(cmdline, "--shard", "--shard in an MPI job of " + std::to_string(mpi->size()) + " ranks",
                       "either --shard (independent jobs, joined by osteon merge) or mpirun (one job), not both");
    }
    const InterruptGuard guard;  // SIGINT/SIGTERM (mpirun forwards them): stop handing out runs
    return mpi_sweep(*mpi, runner,
                     {a.positional.front(), *out, a.has("--force"), a.has("--resume"), quiet, &InterruptGuard::flag()});
  }
#endif
  // The progress bar on stderr; the signal guard from before the partial file is made (as in
  // `osteon run`) until the runs are done, so that the finish is not interrupted.
  class Progress final : public SweepObserver {
   public:
    explicit Progress(bool quiet) : quiet_(quiet), guard_(std::make_unique<InterruptGuard>()) {}
    void note(const std::string& message) override {
      if (!quiet_) std::cerr << "osteon sweep: " << message << "\n";
    }
    void started(std::size_t n, std::size_t stored) override {
      bar_.emplace(n, stored, ProgressBar::style_for_stderr(quiet_));
    }
    void run_done() override { bar_->advance(); }
    void runs_finished() override { guard_.reset(); }
    void finish() {
      if (bar_) bar_->finish();
    }

   private:
    bool quiet_;
    std::unique_ptr<InterruptGuard> guard_;
    std::optional<ProgressBar> bar_;
  } progress(quiet);
  const SweepFileResult r =
      run_sweep_file(runner, {*out, invocation, a.has("--force"), a.has("--resume"), shard}, progress,
                     &InterruptGuard::flag());  // a signal stops handing out runs; a second one ends at once
  progress.finish();
  if (r.outcome == SweepFileResult::Outcome::already_complete) return exit_ok;
  const std::size_t n = r.n_runs;
  if (r.outcome == SweepFileResult::Outcome::interrupted) {
    std::cerr << "osteon sweep: interrupted; " << r.kept << " of " << n << " runs are stored in "
              << ResultWriter::partial_path(*out) << "\n  continue with: osteon sweep " << a.positional.front()
              << " -o " << *out << (shard ? " --shard " + shard->label() : std::string()) << " --resume\n";
    return exit_interrupted;
  }
  const std::size_t failed = r.failed, ok = r.ok;
  const SweepSensitivity& analysis = r.analysis;
  const std::string& summary = r.summary;
  const double seconds = r.seconds;
  const std::size_t computed = r.computed;
  if (failed > 0)
    std::cerr << "osteon sweep: warning: " << failed << " of " << n << " run(s) failed (see status_message)\n";
  if (!quiet) {
    const Sweep& sw = runner.sweep();
    std::cout << "osteon sweep: " << sw.name << " (model " << sw.base.model << ", " << design_type_name(sw.design.type)
              << " design, " << sw.factors.size() << " factor(s))\n";
    if (shard) {
      std::cout << "  shard " << shard->label() << ": runs " << shard->first << ".." << shard->end - 1 << " of "
                << runner.n_runs() << " (join the shards with: osteon merge OUT.h5 SHARD.h5...)\n";
    }
    std::cout << "  " << computed << " run(s) computed in " << seconds << " s";
    if (computed < n) std::cout << " (" << n - computed << " stored before the resume)";
    std::cout << "\n" << summary;
    const std::string table = format_sensitivity(analysis);
    if (!table.empty()) std::cout << table;
    std::cout << "  wrote " << *out << "\n";
  }
  return ok == 0 ? exit_internal : exit_ok;
}

}  // namespace osteon::cli
