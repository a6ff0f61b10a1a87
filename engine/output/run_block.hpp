// A block of consecutive runs as the writers hold it until it is complete: the unit of writing
// and of resume. Shared by the serial ResultWriter and the MPI sweep writer so that both lay
// out and fill blocks identically (their files must be bitwise equal).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "model/run_result.hpp"

namespace osteon {

// What each run of a file holds: nv variables of nt times, ns scalars, and with monitoring
// visits (care pathways) n_measures values at each of n_visits visits.
struct BlockShape {
  std::size_t nv = 0, nt = 0, ns = 0;
  std::size_t n_visits = 0, n_measures = 0;
};

struct RunBlock {
  std::size_t first = 0, rows = 0, filled = 0;
  std::vector<double> values;   // variable-major: [var][row][time], NaN until a run fills it
  std::vector<double> scalars;  // [scalar][row]
  std::vector<std::int8_t> status;
  std::vector<std::string> messages;
  std::vector<std::vector<std::uint8_t>> chunks;  // per variable, the encoded HDF5 chunk (chunk_codec.hpp)
  std::vector<double> measured;                   // [measure][row][visit], NaN where not measured
  std::vector<std::vector<Decision>> decisions;   // per row

  RunBlock() = default;
  RunBlock(std::size_t first_run, std::size_t n_rows, const BlockShape& shape) { reset(first_run, n_rows, shape); }

  // Makes this an empty block of runs first_run.., reusing the buffers (see RunBlockPool).
  void reset(std::size_t first_run, std::size_t n_rows, const BlockShape& s) {
    first = first_run;
    rows = n_rows;
    filled = 0;
    values.assign(s.nv * n_rows * s.nt, std::numeric_limits<double>::quiet_NaN());
    scalars.assign(s.ns * n_rows, std::numeric_limits<double>::quiet_NaN());
    status.assign(n_rows, static_cast<std::int8_t>(RunStatus::not_run));
    messages.assign(n_rows, std::string());
    measured.assign(s.n_measures * n_rows * s.n_visits, std::numeric_limits<double>::quiet_NaN());
    decisions.resize(n_rows);
    for (auto& d : decisions) d.clear();
  }

  // Places run r (nv variables of nt times, then ns scalars); returns true when the block is full.
  // A failed run keeps the NaN fill whatever it computed before failing, so no partial
  // trajectory can be mistaken for a result (DESIGN.md §6). Its visits and decisions are kept:
  // they happened before it failed (visits it did not reach are NaN).
  bool place(RunResult&& r, const BlockShape& s) {
    const std::size_t row = r.index - first, nv = s.nv, nt = s.nt, ns = s.ns;
    if (r.measured.size() == s.n_visits * s.n_measures) {
      for (std::size_t k = 0; k < s.n_visits; ++k) {
        for (std::size_t m = 0; m < s.n_measures; ++m)
          measured[(m * rows + row) * s.n_visits + k] = r.measured[k * s.n_measures + m];
      }
    }
    decisions[row] = std::move(r.decisions);
    if (r.status == RunStatus::ok) {
      for (std::size_t v = 0; v < nv; ++v) {
        std::copy_n(r.values.begin() + static_cast<std::ptrdiff_t>(v * nt), nt,
                    values.begin() + static_cast<std::ptrdiff_t>((v * rows + row) * nt));
      }
      for (std::size_t k = 0; k < ns; ++k) scalars[k * rows + row] = r.values[nv * nt + k];
    }
    status[row] = static_cast<std::int8_t>(r.status);
    messages[row] = std::move(r.message);
    return ++filled == rows;
  }
};

// Written blocks kept for reuse. Writers recycle their blocks instead of freeing them: megabyte
// blocks allocated on compute threads and freed on the writer's fragment the heap, and the
// resident set then grew with the number of runs. Not thread-safe: callers hold their lock.
class RunBlockPool {
 public:
  explicit RunBlockPool(std::size_t max_spare) : max_spare_(max_spare) {}

  // An empty block of runs first_run.. (reset), on a spare block's buffers when there is one.
  RunBlock take(std::size_t first_run, std::size_t n_rows, const BlockShape& shape) {
    RunBlock b;
    if (!spare_.empty()) {
      b = std::move(spare_.back());
      spare_.pop_back();
    }
    b.reset(first_run, n_rows, shape);
    return b;
  }

  // Keeps a written block for reuse, up to max_spare blocks.
  void give(RunBlock&& b) {
    if (spare_.size() < max_spare_) spare_.push_back(std::move(b));
  }

 private:
  std::size_t max_spare_;
  std::vector<RunBlock> spare_;
};

}  // namespace osteon
