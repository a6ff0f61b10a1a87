// `osteon merge OUT.h5 SHARD.h5...`: joins the files of a sharded sweep
// (`osteon sweep --shard I/N`, a job array) into the file the whole sweep
// writes, with its sensitivity analysis (shard_merge.hpp, docs/cluster.md).
#include <iostream>

#include "arguments.hpp"
#include "cluster/shard_merge.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "interrupt_guard.hpp"

namespace osteon::cli {
namespace {

constexpr const char* merge_help = R"(Usage: osteon merge OUT.h5 SHARD.h5... [--force] [--quiet]

Joins the files of a sweep run in shards (`osteon sweep SWEEP.yaml -o
part-I.h5 --shard I/N`, e.g. a Slurm job array) into OUT.h5: the file the
whole sweep would have written (same datasets and attributes apart from
history, data bitwise identical), with the sensitivity group of sobol and
morris designs computed from all runs. The data are copied: OUT.h5 is
self-contained. It is built as OUT.h5.partial and renamed when complete.

Refused (exit code 2, nothing written): files that are not shards of osteon
sweeps, an incomplete shard (finish it with --shard I/N --resume), shards of
different sweeps, overlapping shards, and missing runs (named by range and
shard).

Options:
  --force                  replace an existing OUT.h5
  --quiet                  print nothing but errors

Exit codes: 0 done, 1 internal failure, 2 bad input, 3 interrupted by
SIGINT, SIGTERM or SIGHUP (nothing is left).
)";

}  // namespace

int merge_command(const Args& args) {
  const auto parsed = parse_command_line(args, {{"--force", "", false}, {"--quiet", "-q", false}}, merge_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const SourceLocation cmdline{"command line", 0, 0};
  if (a.positional.size() < 2) {
    throw InputError(cmdline, "OUT", a.positional.empty() ? "no arguments" : "no shard files",
                     "OUT.h5 followed by the shard files (see osteon merge --help)");
  }
  const std::string out = a.positional.front();
  require_hdf5_output_name(out);
  const std::vector<std::string> shards(a.positional.begin() + 1, a.positional.end());
  const InterruptGuard guard;  // a signal stops the copying; the partial file is removed
  const MergeResult r = merge_shards(out, shards, a.has("--force"), invocation, &InterruptGuard::flag());
  if (r.interrupted) {
    std::cerr << "osteon merge: interrupted by " << InterruptGuard::signal_name() << "; " << out
              << " was not written and no partial file is left (run the command again)\n";
    return exit_interrupted;
  }
  if (r.failed > 0)
    std::cerr << "osteon merge: warning: " << r.failed << " of " << r.runs << " run(s) failed (see status_message)\n";
  if (!a.has("--quiet")) {
    std::cout << "osteon merge: " << r.shards << " shard(s), " << r.runs << " run(s)\n" << r.summary;
    const std::string table = format_sensitivity(r.analysis);
    if (!table.empty()) std::cout << table;
    std::cout << "  wrote " << out << "\n";
  }
  return exit_ok;
}

}  // namespace osteon::cli
