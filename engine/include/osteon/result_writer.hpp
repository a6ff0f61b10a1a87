// Streams finished runs into one netCDF-4/CF-compatible HDF5 file (DESIGN.md
// §6). Rows are gathered into blocks of consecutive runs and written by a
// dedicated thread, so compute threads never wait on disk; memory is bounded
// by a few blocks whatever the number of runs. The file is written under a
// temporary name and renamed only by finish(): an interrupted run never
// leaves a file that looks complete.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "osteon/hdf5_file.hpp"
#include "osteon/run_result.hpp"

namespace osteon {

// A per-run input of an ensemble, stored as a coordinate along `run`.
struct RunFactor {
  std::string name;
  std::string unit;
  std::string long_name;
  std::vector<double> values;  // one per run
};

struct OutputDescription {
  std::string title;
  std::string model_id;
  std::string model_citation;
  std::string scenario_text;
  std::string settings_json;
  std::string history;                 // command line that made the file
  std::vector<double> times;           // days
  std::vector<std::string> names;      // one per variable
  std::vector<std::string> units;
  std::vector<std::string> long_names;
  std::size_t n_runs = 1;
  std::vector<RunFactor> factors;
};

class ResultWriter final : public ResultSink {
 public:
  // Creates the temporary file next to `path`. Throws InputError when the
  // location cannot be written, or when `path` exists and !overwrite.
  ResultWriter(std::string path, OutputDescription description, bool overwrite);
  ~ResultWriter() override;  // discards the temporary file unless finished
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;

  void accept(RunResult&& result) override;  // thread-safe
  // Writes what remains, closes and renames to the final path.
  void finish();

  std::size_t runs_failed() const { return failed_; }
  std::size_t runs_written() const { return written_; }
  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return tmp_path_; }
  double seconds_writing() const { return seconds_writing_; }

 private:
  struct Block {
    std::size_t first = 0, rows = 0, filled = 0;
    std::vector<double> values;          // variable-major: [var][row][time]
    std::vector<std::int8_t> status;
    std::vector<std::string> messages;
  };

  void create_layout();
  void writer_loop();
  void write_block(const Block& b);
  void close_and_discard() noexcept;

  std::string path_, tmp_path_;
  OutputDescription desc_;
  std::size_t block_rows_ = 1;

  h5::Handle file_;
  std::vector<h5::Handle> vars_;
  h5::Handle status_, messages_;

  std::mutex mutex_;
  std::condition_variable cv_work_, cv_space_;
  std::map<std::size_t, Block> open_blocks_;   // being filled, by block index
  std::deque<Block> ready_;                     // complete, waiting for the writer
  bool stop_ = false, finished_ = false;
  std::string writer_error_;
  std::thread writer_;
  std::size_t failed_ = 0, written_ = 0;
  double seconds_writing_ = 0.0;
};

}  // namespace osteon
