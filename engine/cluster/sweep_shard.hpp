// A shard of a sweep (docs/cluster.md): `--shard I/N` computes the I-th of N
// contiguous blocks of the sweep's runs, so that N independent jobs (a Slurm
// job array) together compute the whole sweep and `osteon merge` joins their
// files. Shards are numbered 1..N, like `#SBATCH --array=1-N`; shard I holds
// the global runs floor((I-1)·n/N) .. floor(I·n/N) - 1, so the shard sizes
// differ by at most one run and the partition depends only on n and N.
#pragma once

#include <cstddef>
#include <string>

namespace osteon {

struct SweepShard {
  std::size_t index = 1;  // I, 1-based
  std::size_t count = 1;  // N
  std::size_t first = 0;  // first global run
  std::size_t end = 0;    // one past the last global run

  std::size_t runs() const { return end - first; }
  std::string label() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// The runs of shard `index` (1..count) of a sweep of `n_runs` runs.
SweepShard make_shard(std::size_t index, std::size_t count, std::size_t n_runs);

// Parses the value of --shard ("I/N" with 1 <= I <= N <= n_runs); throws
// InputError naming --shard, what was found and what was expected.
SweepShard parse_shard(const std::string& text, std::size_t n_runs);

}  // namespace osteon
