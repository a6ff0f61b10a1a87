// Joining the files of a sharded sweep (`osteon sweep --shard I/N`, see
// sweep_shard.hpp) into the file the unsharded sweep writes: the same
// datasets and attributes (apart from `history`), data bitwise identical,
// and for sobol and morris designs the sensitivity group computed from the
// joined metrics exactly as `osteon sweep` computes it.
//
// The data are copied (not linked as HDF5 virtual datasets), so the result is
// self-contained: the shards may be deleted afterwards (docs/cluster.md). It is
// written as OUT.h5.partial with the layout of a sweep's own file and renamed
// when complete.
//
// Refused with an InputError (exit code 2): a file that is not HDF5 or not
// written by osteon, a complete (unsharded) sweep file, an incomplete shard
// (the partial file of an interrupted shard), shards of different sweeps
// (their `sweep_fingerprint` differs: another sweep file, base scenario,
// design, seed, solver settings or osteon version), shards whose runs overlap,
// and missing runs (named as ranges, with the shards that would hold them).
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "sweep/sweep_analysis.hpp"

namespace osteon {

struct MergeResult {
  std::size_t runs = 0, shards = 0, failed = 0;
  SweepSensitivity analysis;  // method empty unless the design is sobol or morris
  std::string summary;        // summarize_metrics of the joined file
  bool interrupted = false;   // *stop was set: nothing was written, no partial file is left
};

// Joins `shards` (any order) into `out`. `overwrite` replaces an existing
// `out`; `history` becomes the joined file's history attribute. When `stop`
// is set while the runs are copied, the partial file is removed and the result
// says `interrupted`.
MergeResult merge_shards(const std::string& out, const std::vector<std::string>& shards, bool overwrite,
                         const std::string& history, const std::atomic<bool>* stop = nullptr);

}  // namespace osteon
