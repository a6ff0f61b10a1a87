// Streams finished runs into one netCDF-4/CF-compatible HDF5 file (DESIGN.md
// §6). Rows are gathered into blocks of consecutive runs and written by a
// dedicated thread, so compute threads never wait on disk; memory is bounded
// by a few blocks whatever the number of runs. The file is written under a
// temporary name and renamed only by finish(): an interrupted run never
// leaves a file that looks complete.
//
// Resumable writing (sweeps, given a Checkpoint): the data go to a persistent
// `OUT.h5.partial` whose datasets are all allocated when it is created, so
// that writing a block changes raw data only and never HDF5 metadata; after a
// block's rows are written and flushed its entry in a per-block "done" mask is
// set and flushed. A process killed at any moment (even by SIGKILL) leaves a
// partial file whose done blocks are complete; --resume computes only the
// others. Messages of failed runs go to a small side log until finish(), and
// so do the decisions of care-pathway rules (pathway_records.hpp); what the
// monitoring visits measured is preallocated like the metrics.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "model/run_result.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_description.hpp"
#include "output/output_files.hpp"
#include "output/output_schema.hpp"
#include "output/pathway_records.hpp"
#include "output/run_block.hpp"

namespace osteon {

// Makes a ResultWriter resumable (see above).
struct Checkpoint {
  std::string fingerprint;         // what is being computed; a partial file with another one is refused
  bool resume = false;             // continue the existing partial file
  std::size_t max_block_rows = 0;  // at most this many runs per block of a new partial file (0: no limit
                                   // beyond the one from the output size); MPI sweeps deal blocks to ranks
};

class ResultWriter final : public ResultSink {
 public:
  // Creates the temporary file next to `path`. Throws InputError when the
  // location cannot be written, or when `path` exists and !overwrite.
  ResultWriter(std::string path, OutputDescription description, bool overwrite);
  // Resumable: starts `partial_path(path)` (refusing an existing one unless
  // overwrite), or continues it when checkpoint.resume. Throws InputError when
  // the partial file belongs to another fingerprint or cannot be used.
  ResultWriter(std::string path, OutputDescription description, bool overwrite, Checkpoint checkpoint);
  ~ResultWriter() override;  // discards the temporary file unless finished; keeps a partial file
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;

  void accept(RunResult&& result) override;  // thread-safe
  // Writes what remains, calls `before_close` with the open file (to add
  // groups or attributes), closes and renames to the final path.
  void finish(const std::function<void(hid_t file)>& before_close = {});
  // Resumable only: writes the blocks that are complete, drops incomplete
  // ones and closes, keeping the partial file for a later resume.
  void suspend();
  // Stops and removes what was written, a partial file too (an interrupted merge).
  void discard() noexcept;

  static std::string partial_path(const std::string& path) { return path + ".partial"; }
  static std::string partial_messages_path(const std::string& path) { return path + ".partial-messages"; }
  // The side log of one MPI rank (mpi_sweep_runner.hpp); a resume folds every
  // rank's log into partial_messages_path and removes them.
  static std::string rank_messages_path(const std::string& path, int rank) {
    return partial_messages_path(path) + ".rank" + std::to_string(rank);
  }
  // The same for the decisions of care-pathway rules (files with monitoring visits only).
  static std::string partial_decisions_path(const std::string& path) { return path + ".partial-decisions"; }
  static std::string rank_decisions_path(const std::string& path, int rank) {
    return partial_decisions_path(path) + ".rank" + std::to_string(rank);
  }

  // The per-block done mask of a partial file (int8, one entry per block).
  static constexpr const char* done_mask_name = schema::block_done;

  // Runs are stored in blocks of block_rows() consecutive runs; a resumed
  // writer already holds the blocks for which block_done() is true.
  std::size_t block_rows() const { return block_rows_; }
  bool block_done(std::size_t block) const { return !done_.empty() && done_[block] != 0; }
  std::size_t runs_done_before() const { return runs_done_before_; }
  // The runs this file holds: global indices first_run() .. first_run() + n_runs() - 1.
  std::size_t first_run() const { return desc_.first_run; }
  std::size_t n_runs() const { return desc_.n_runs; }

  std::size_t runs_failed() const { return failed_; }
  std::size_t runs_written() const { return written_; }
  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return tmp_path_; }
  double seconds_writing() const { return seconds_writing_; }

 private:
  void check_target(bool overwrite) const;
  void create_temporary();
  void start_writer_thread();
  [[noreturn]] void target_appeared();
  void create_layout();
  // Runs `lay_out` on the new file; on any failure closes and removes the file and rethrows (an
  // HDF5 error as an OutputError naming `shown_path` and saying nothing was written).
  template <class LayOut>
  void lay_out_or_discard(const std::string& shown_path, LayOut lay_out);
  void open_partial();
  void writer_loop();
  void write_block(const RunBlock& b);
  void encode(RunBlock& b) const;                 // on the calling (compute) thread, without the lock
  void deliver(std::size_t block, RunBlock&& b);  // an encoded block to the writer (lock held)
  std::size_t writable_blocks() const;            // ready blocks the writer may write now (lock held)
  void close_and_discard() noexcept;
  void abandon() noexcept;  // unfinished: keeps a partial (resumable) file, removes any other
  void close_handles() noexcept;
  std::string write_failure() const;  // the message of a failed write, naming the file and what is left
  void finish_partial();
  void drop_checkpoint();
  void fold_decision_logs();  // resume: keeps the decisions of done blocks, from every log, in one

  std::unique_ptr<OutputLock> lock_;  // first: released after everything else
  std::string path_, tmp_path_;
  OutputDescription desc_;
  bool overwrite_ = false;
  std::size_t block_rows_ = 1;
  BlockShape shape_;

  h5::Handle file_;
  std::vector<h5::Handle> vars_, scalars_;
  h5::Handle status_, messages_;
  std::vector<h5::Handle> measured_;  // resumable files with monitoring visits

  bool checkpoint_ = false;
  Checkpoint ckpt_;
  h5::Handle done_mask_;
  std::vector<std::int8_t> done_;                    // per block, resumable only
  std::map<std::size_t, std::string> old_messages_;  // failed runs of blocks done before a resume
  std::FILE* message_log_ = nullptr;
  std::FILE* decision_log_ = nullptr;  // resumable files with monitoring visits
  std::size_t runs_done_before_ = 0;

  std::mutex mutex_;
  std::condition_variable cv_work_, cv_space_;
  std::map<std::size_t, RunBlock> open_blocks_;  // being filled, by block index
  // Back-pressure on compute threads: the queue only smooths bursts (a slower writer stalls
  // compute whatever its depth), and each block holds ~256 KiB per variable.
  static constexpr std::size_t max_ready_blocks = 3;
  // Complete and encoded, by block index. Chunked files get their blocks in index order (chunk
  // addresses follow write order), so the file is the same bytes whatever the thread count.
  std::map<std::size_t, RunBlock> ready_;
  std::size_t next_block_ = 0;  // the block a chunked file writes next
  // Written blocks, reused: one per block in flight (queued, being written, being encoded).
  RunBlockPool spare_{max_ready_blocks + 4};
  bool stop_ = false, finished_ = false;
  std::string writer_error_;
  std::thread writer_;
  std::size_t failed_ = 0, written_ = 0;
  std::unique_ptr<PathwayRecords> pathway_;  // with monitoring visits, a file written in one piece
  double seconds_writing_ = 0.0;
};

}  // namespace osteon
