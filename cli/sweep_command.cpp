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
#include "output/output_schema.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "interrupt_guard.hpp"
#include "core/error.hpp"
#include "output/hdf5_file.hpp"
#include "output/result_writer.hpp"
#include "sweep/sweep_analysis.hpp"
#include "sweep/sweep_runner.hpp"
#include "cluster/sweep_shard.hpp"
#include "progress_bar.hpp"

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

// Forwards runs to the writer and moves the progress bar.
class ProgressSink final : public ResultSink {
 public:
  ProgressSink(ResultSink& next, ProgressBar& bar) : next_(next), bar_(bar) {}
  void accept(RunResult&& r) override {
    next_.accept(std::move(r));
    bar_.advance();
  }

 private:
  ResultSink& next_;
  ProgressBar& bar_;
};

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
  const Arguments a = parse_arguments(args, {{"--help", "-h", false},
                                             {"--output", "-o", true},
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
                                             {"--quiet", "-q", false}});
  if (a.has("--help")) {
    std::cout << sweep_help;
    return exit_ok;
  }
  const SourceLocation cmdline{"command line", 0, 0};
  if (a.positional.size() != 1) {
    throw InputError(cmdline, "SWEEP", a.positional.empty() ? "no sweep file" : std::to_string(a.positional.size()) + " arguments",
                     "one sweep file (YAML)");
  }
  RunOptions options = parse_run_options(a);
  if (a.has("--resume") && a.has("--force")) {
    throw InputError(cmdline, "--resume", "both --resume and --force", "one of them: --resume continues, --force starts again");
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
    std::cout << runner.design_csv();
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
    return mpi_sweep(*mpi, runner, {a.positional.front(), *out, a.has("--force"), a.has("--resume"), quiet,
                                    &InterruptGuard::flag()});
  }
#endif
  // A shard's partial file is of that shard only: another shard may not resume it.
  Checkpoint ckpt{runner.fingerprint() + (shard ? " shard " + shard->label() : std::string()), false};
  if (a.has("--resume")) {
    std::error_code ec;
    if (std::filesystem::exists(ResultWriter::partial_path(*out), ec)) {
      ckpt.resume = true;
    } else if (std::filesystem::exists(*out, ec)) {
      if (!quiet) std::cerr << "osteon sweep: " << *out << " is complete; nothing to resume\n";
      return exit_ok;
    } else if (!quiet) {
      std::cerr << "osteon sweep: no " << ResultWriter::partial_path(*out) << " to resume; starting the sweep\n";
    }
  }
  // Installed before the partial file is made (as in `osteon run`); released before the finish.
  auto guard = std::make_unique<InterruptGuard>();
  ResultWriter writer(*out, shard ? runner.output_description(invocation, *shard) : runner.output_description(invocation),
                      a.has("--force"), ckpt);
  const std::vector<std::size_t> pending = runner.pending_runs(writer);
  const std::size_t n = writer.n_runs();
  ProgressBar bar(n, n - pending.size(), ProgressBar::style_for_stderr(quiet));
  ProgressSink sink(writer, bar);
  const auto t0 = std::chrono::steady_clock::now();
  runner.run(pending, sink, &InterruptGuard::flag());  // a signal stops handing out runs; a second one ends at once
  guard.reset();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (InterruptGuard::interrupted()) {
    writer.suspend();
    bar.finish();
    std::size_t kept = 0;
    {
      h5::Handle f = h5::open_file(ResultWriter::partial_path(*out));
      const std::vector<double> st = h5::read_doubles(h5::open_dataset(f.id(), schema::status).id());
      for (double v : st) kept += v != 2.0;
    }
    std::cerr << "osteon sweep: interrupted; " << kept << " of " << n << " runs are stored in "
              << ResultWriter::partial_path(*out) << "\n  continue with: osteon sweep " << a.positional.front() << " -o "
              << *out << (shard ? " --shard " + shard->label() : std::string()) << " --resume\n";
    return exit_interrupted;
  }
  SweepSensitivity analysis;
  std::string summary;
  writer.finish([&](hid_t file) {
    if (!shard) {  // a shard holds part of the runs: `osteon merge` analyses the whole
      analysis = analyze_sweep(file, *out);
      write_sensitivity(file, analysis);
    }
    summary = summarize_metrics(file);
  });
  bar.finish();
  std::size_t failed = 0, ok = 0;
  {
    h5::Handle f = h5::open_file(*out);
    const std::vector<double> st = h5::read_doubles(h5::open_dataset(f.id(), schema::status).id());
    for (double v : st) {
      failed += v == 1.0;
      ok += v == 0.0;
    }
  }
  if (failed > 0) std::cerr << "osteon sweep: warning: " << failed << " of " << n << " run(s) failed (see status_message)\n";
  if (!quiet) {
    const Sweep& sw = runner.sweep();
    std::cout << "osteon sweep: " << sw.name << " (model " << sw.base.model << ", " << design_type_name(sw.design.type)
              << " design, " << sw.factors.size() << " factor(s))\n";
    if (shard) {
      std::cout << "  shard " << shard->label() << ": runs " << shard->first << ".." << shard->end - 1 << " of "
                << runner.n_runs() << " (join the shards with: osteon merge OUT.h5 SHARD.h5...)\n";
    }
    std::cout << "  " << pending.size() << " run(s) computed in " << seconds << " s";
    if (pending.size() < n) std::cout << " (" << n - pending.size() << " stored before the resume)";
    std::cout << "\n" << summary;
    const std::string table = format_sensitivity(analysis);
    if (!table.empty()) std::cout << table;
    std::cout << "  wrote " << *out << "\n";
  }
  return ok == 0 ? exit_internal : exit_ok;
}

}  // namespace osteon::cli
