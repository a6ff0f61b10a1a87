// The subcommands of `osteon`. Each takes its arguments (after the command
// name) and returns the process exit code; InputError propagates to main.
#pragma once

#include <string>
#include <vector>

namespace osteon::cli {

using Args = std::vector<std::string>;

int run_command(const Args& args);
int models_command(const Args& args);
int describe_command(const Args& args);
int validate_command(const Args& args);
int steady_command(const Args& args);
int compare_command(const Args& args);
int plot_command(const Args& args);
int sweep_command(const Args& args);
int analyze_command(const Args& args);
int merge_command(const Args& args);
int export_command(const Args& args);
// `osteon validate` of a sweep file (sweep_command.cpp).
int validate_sweep(const std::string& path, bool quiet);

#if OSTEON_HAVE_MPI
}  // namespace osteon::cli
#include <atomic>

#include "cluster/mpi_context.hpp"
#include "sweep/sweep_runner.hpp"
namespace osteon::cli {
struct MpiSweepOptions {
  std::string sweep_file, out;
  bool force = false, resume = false, quiet = false;
  const std::atomic<bool>* stop = nullptr;
};
// `osteon sweep` in an MPI job of more than one rank (mpi_sweep_command.cpp).
int mpi_sweep(const MpiContext& mpi, const SweepRunner& runner, const MpiSweepOptions& options);
#endif

// The full command line, for the `history` attribute of output files.
extern std::string invocation;

}  // namespace osteon::cli
