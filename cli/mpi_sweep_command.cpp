// `mpirun -np N osteon sweep SWEEP.yaml -o OUT.h5` (MPI build): the ranks
// compute the sweep together into one file (mpi_sweep_runner.hpp); rank 0
// reports as `osteon sweep` does.
#include "commands.hpp"

#if OSTEON_HAVE_MPI

#include <chrono>
#include <iostream>

#include "cluster/mpi_sweep_runner.hpp"
#include "core/error.hpp"
#include "output/result_writer.hpp"

namespace osteon::cli {

int mpi_sweep(const MpiContext& mpi, const SweepRunner& runner, const MpiSweepOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  MpiSweepResult r;
  try {
    r = run_mpi_sweep(mpi, runner, o.out, invocation, o.force, o.resume, o.stop);
  } catch (const MpiPeerExit&) {
    // Rank 0 reports, and its exit code is the job's. A peer ending non-zero first would make
    // mpirun abort the job, which can kill rank 0 before its message is out.
    return exit_ok;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (mpi.rank() != 0) return r.interrupted ? exit_interrupted : exit_ok;
  const std::size_t n = runner.n_runs();
  if (r.nothing_to_do) {
    if (!o.quiet) std::cerr << "osteon sweep: " << o.out << " is complete; nothing to resume\n";
    return exit_ok;
  }
  if (r.started_afresh && !o.quiet) {
    std::cerr << "osteon sweep: no " << ResultWriter::partial_path(o.out) << " to resume; starting the sweep\n";
  }
  if (r.interrupted) {
    std::cerr << "osteon sweep: interrupted; " << r.stored << " of " << n << " runs are stored in "
              << ResultWriter::partial_path(o.out) << "\n  continue with: mpirun -np " << mpi.size() << " osteon sweep "
              << o.sweep_file << " -o " << o.out << " --resume\n";
    return exit_interrupted;
  }
  if (r.failed > 0)
    std::cerr << "osteon sweep: warning: " << r.failed << " of " << n << " run(s) failed (see status_message)\n";
  if (!o.quiet) {
    const Sweep& sw = runner.sweep();
    std::cout << "osteon sweep: " << sw.name << " (model " << sw.base.model << ", " << design_type_name(sw.design.type)
              << " design, " << sw.factors.size() << " factor(s))\n";
    std::cout << "  " << r.computed << " run(s) computed in " << seconds << " s by " << mpi.size() << " MPI ranks x "
              << runner.simulation().threads() << " thread(s)";
    if (r.stored_before > 0) std::cout << " (" << r.stored_before << " stored before the resume)";
    std::cout << "\n" << r.summary;
    const std::string table = format_sensitivity(r.analysis);
    if (!table.empty()) std::cout << table;
    std::cout << "  wrote " << o.out << "\n";
  }
  return r.ok == 0 ? exit_internal : exit_ok;
}

}  // namespace osteon::cli

#endif  // OSTEON_HAVE_MPI
