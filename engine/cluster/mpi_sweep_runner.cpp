#include "cluster/mpi_sweep_runner.hpp"

#if OSTEON_HAVE_MPI

#include <hdf5.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_file.hpp"
#include "output/message_log.hpp"
#include "output/output_schema.hpp"
#include "output/pathway_records.hpp"
#include "output/result_writer.hpp"

namespace osteon {
namespace fs = std::filesystem;

namespace {

// Blocks per rank below which the round-robin deal would leave ranks idle at the end.
constexpr std::size_t blocks_per_rank = 8;

// The partial file opened by every rank through the MPI-IO driver.
class ParallelPartialFile {
 public:
  ParallelPartialFile(const std::string& path, MPI_Comm comm, const OutputDescription& desc) {
    h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate");
    h5::check(H5Pset_fapl_mpio(fapl.id(), comm, MPI_INFO_NULL), "H5Pset_fapl_mpio");
    // Metadata is read once by one rank and broadcast, and written collectively.
    h5::check(H5Pset_all_coll_metadata_ops(fapl.id(), true), "H5Pset_all_coll_metadata_ops");
    h5::check(H5Pset_coll_metadata_write(fapl.id(), true), "H5Pset_coll_metadata_write");
    file_ = h5::Handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.id()), H5Fclose, ("open (MPI-IO) " + path).c_str());
    // Every rank opens the same datasets in the same order (collective metadata reads).
    for (const auto& n : desc.names) vars.push_back(h5::open_dataset(file_.id(), n));
    for (const auto& sc : desc.scalars) scalars.push_back(h5::open_dataset(file_.id(), sc.name));
    if (desc.pathway) {
      for (const auto& n : desc.pathway->measure_names)
        measured.push_back(h5::open_dataset(file_.id(), schema::measured_prefix + n));
    }
    status = h5::open_dataset(file_.id(), schema::status);
    done = h5::open_dataset(file_.id(), ResultWriter::done_mask_name);
  }
  // Collective: every rank closes the same objects.
  void close() {
    vars.clear();
    scalars.clear();
    measured.clear();
    status.reset();
    done.reset();
    file_.reset();
  }

  std::vector<h5::Handle> vars, scalars, measured;  // measured: with monitoring visits
  h5::Handle status, done;

 private:
  h5::Handle file_;
};

// Assembles this rank's runs into its blocks and writes each complete block:
// rows, then the messages of failed runs and the decisions of care-pathway rules
// (the rank's side logs), then the done flag.
class RankBlockWriter final : public ResultSink {
 public:
  RankBlockWriter(ParallelPartialFile& file, const OutputDescription& desc, std::size_t block_rows,
                  const std::string& out, int rank)
      : file_(file),
        block_rows_(block_rows),
        n_runs_(desc.n_runs),
        shape_{desc.names.size(), desc.times.size(), desc.scalars.size()},
        decision_log_path_(ResultWriter::rank_decisions_path(out, rank)) {
    const std::string log_path = ResultWriter::rank_messages_path(out, rank);
    log_ = open_append_no_follow(log_path);  // a link planted there is never followed
    if (!log_) throw std::runtime_error("cannot write " + log_path);
    if (desc.pathway) {
      shape_.n_visits = desc.pathway->visit_times.size();
      shape_.n_measures = desc.pathway->measure_names.size();
      decision_log_ = open_append_no_follow(decision_log_path_);
      if (!decision_log_) throw std::runtime_error("cannot write " + decision_log_path_);
    }
  }
  ~RankBlockWriter() override {
    if (log_) std::fclose(log_);
    if (decision_log_) std::fclose(decision_log_);
  }
  RankBlockWriter(const RankBlockWriter&) = delete;
  RankBlockWriter& operator=(const RankBlockWriter&) = delete;

  // Thread-safe; the writes of one rank are serialised (MPI_THREAD_SERIALIZED).
  void accept(RunResult&& r) override {
    std::lock_guard lock(mutex_);
    const std::size_t b = r.index / block_rows_;
    auto it = open_.find(b);
    if (it == open_.end()) {
      const std::size_t first = b * block_rows_;
      it = open_.emplace(b, spare_.take(first, std::min(block_rows_, n_runs_ - first), shape_)).first;
    }
    RunBlock& blk = it->second;
    if (blk.place(std::move(r), shape_)) {
      write(blk, b);
      written_ += blk.rows;
      spare_.give(std::move(blk));
      open_.erase(it);
    }
  }

  std::size_t runs_written() const { return written_; }

 private:
  void write(const RunBlock& b, std::size_t block) {
    const std::size_t nv = shape_.nv, nt = shape_.nt, ns = shape_.ns;
    for (std::size_t v = 0; v < nv; ++v) {
      if (nt > 0) h5::write_rows(file_.vars[v].id(), b.first, b.rows, nt, b.values.data() + v * b.rows * nt);
    }
    for (std::size_t s = 0; s < ns; ++s) {
      h5::write_rows(file_.scalars[s].id(), b.first, b.rows, b.scalars.data() + s * b.rows);
    }
    h5::write_rows(file_.status.id(), b.first, b.rows, b.status.data());
    bool any = false;
    for (std::size_t r = 0; r < b.rows; ++r) {
      if (b.status[r] != static_cast<std::int8_t>(RunStatus::ok) && !b.messages[r].empty()) {
        std::fprintf(log_, "%zu\t%s\n", b.first + r, escape_line(b.messages[r]).c_str());
        any = true;
      }
    }
    if (any && std::fflush(log_) != 0) throw std::runtime_error("writing the message log failed (disk full?)");
    if (decision_log_) write_block_pathway(file_.measured, decision_log_, b, shape_.n_visits, decision_log_path_);
    // Raw data reach the file (MPI-IO writes, in order) before the block's done flag.
    const std::int8_t one = 1;
    h5::write_rows(file_.done.id(), block, 1, &one);
  }

  ParallelPartialFile& file_;
  std::size_t block_rows_, n_runs_;
  BlockShape shape_;
  std::string decision_log_path_;
  std::FILE* log_ = nullptr;
  std::FILE* decision_log_ = nullptr;
  std::mutex mutex_;
  std::map<std::size_t, RunBlock> open_;
  RunBlockPool spare_{1};  // blocks are written here as they fill: one spare serves
  std::size_t written_ = 0;
};

// Broadcasts rank 0's outcome of a step; rank 0 rethrows its own error, the others throw MpiPeerExit.
void settle(const MpiContext& mpi, int code, const std::exception_ptr& error) {
  MPI_Bcast(&code, 1, MPI_INT, 0, mpi.comm());
  if (code == 0) return;
  if (mpi.rank() == 0 && error) std::rethrow_exception(error);
  throw MpiPeerExit(code);
}

int exit_code_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const InputError&) {
    return exit_bad_input;
  } catch (...) {
    return exit_internal;
  }
}

// A barrier that sleeps while it waits: ranks that finished their runs (or wait
// for rank 0 to finish the file) would otherwise spin in MPI's progress loop
// and take a core from the ranks still computing on the same node.
void idle_barrier(const MpiContext& mpi) {
  MPI_Request request;
  MPI_Ibarrier(mpi.comm(), &request);
  int done = 0;
  while (MPI_Test(&request, &done, MPI_STATUS_IGNORE) == MPI_SUCCESS && !done) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

std::size_t u64(std::size_t v, const MpiContext& mpi) {
  unsigned long long x = v;
  MPI_Bcast(&x, 1, MPI_UNSIGNED_LONG_LONG, 0, mpi.comm());
  return static_cast<std::size_t>(x);
}

}  // namespace

MpiSweepResult run_mpi_sweep(const MpiContext& mpi, const SweepRunner& runner, const std::string& out,
                             const std::string& history, bool overwrite, bool resume, const std::atomic<bool>* stop) {
  MpiSweepResult result;
  h5::quiet_errors();
  const OutputDescription desc = runner.output_description(history);
  const std::string fingerprint = runner.fingerprint();
  const std::string partial = ResultWriter::partial_path(out);
  const std::size_t n = desc.n_runs;

  // 1. Rank 0 creates or resumes the partial file with the serial writer.
  int code = 0;
  std::exception_ptr error;
  std::size_t block_rows = 0;
  std::vector<std::int8_t> done;
  if (mpi.rank() == 0) {
    try {
      std::error_code ec;
      bool resuming = false;
      if (resume) {
        if (fs::exists(partial, ec)) {
          resuming = true;
        } else if (fs::exists(out, ec)) {
          result.nothing_to_do = true;
        } else {
          result.started_afresh = true;
        }
      }
      if (!result.nothing_to_do) {
        const std::size_t max_rows =
            std::max<std::size_t>(1, n / (blocks_per_rank * static_cast<std::size_t>(mpi.size())));
        ResultWriter writer(out, desc, overwrite, Checkpoint{fingerprint, resuming, max_rows});
        block_rows = writer.block_rows();
        done.resize((n + block_rows - 1) / block_rows);
        for (std::size_t b = 0; b < done.size(); ++b) done[b] = writer.block_done(b) ? 1 : 0;
        result.stored_before = writer.runs_done_before();
        writer.suspend();  // closes the file; the ranks open it through MPI-IO
      }
    } catch (...) {
      error = std::current_exception();
      code = exit_code_of(error);
    }
  }
  settle(mpi, code, error);
  int nothing = result.nothing_to_do ? 1 : 0;
  MPI_Bcast(&nothing, 1, MPI_INT, 0, mpi.comm());
  if (nothing) {
    result.nothing_to_do = true;
    return result;
  }
  block_rows = u64(block_rows, mpi);
  result.stored_before = u64(result.stored_before, mpi);
  done.resize((n + block_rows - 1) / block_rows);
  MPI_Bcast(done.data(), static_cast<int>(done.size()), MPI_INT8_T, 0, mpi.comm());

  // 2. Deal the blocks not done round-robin.
  std::vector<std::size_t> runs;
  std::size_t k = 0;
  for (std::size_t b = 0; b < done.size(); ++b) {
    if (done[b]) continue;
    if (k++ % static_cast<std::size_t>(mpi.size()) != static_cast<std::size_t>(mpi.rank())) continue;
    for (std::size_t i = b * block_rows; i < std::min(n, (b + 1) * block_rows); ++i) runs.push_back(i);
  }

  // 3. Compute and write through MPI-IO. An error here leaves other ranks in
  //    collective calls: the job is aborted (the partial file stays resumable).
  int stopped = 0;
  unsigned long long computed = 0;
  try {
    ParallelPartialFile file(partial, mpi.comm(), desc);
    {
      RankBlockWriter sink(file, desc, block_rows, out, mpi.rank());
      runner.run(runs, sink, stop);
      computed = sink.runs_written();  // incomplete blocks (interrupted) are computed again on resume
    }
    file.close();
  } catch (const std::exception& e) {
    std::cerr << "osteon sweep: rank " << mpi.rank() << ": internal error: " << e.what() << "\n";
    mpi.abort(exit_internal);
  }
  idle_barrier(mpi);
  stopped = stop && stop->load() ? 1 : 0;
  MPI_Allreduce(MPI_IN_PLACE, &stopped, 1, MPI_INT, MPI_MAX, mpi.comm());
  MPI_Allreduce(MPI_IN_PLACE, &computed, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, mpi.comm());
  result.computed = static_cast<std::size_t>(computed);

  // 4. Rank 0 finishes the file as a serial sweep does (or counts what is stored).
  code = 0;
  error = nullptr;
  if (mpi.rank() == 0) {
    try {
      if (stopped) {
        result.interrupted = true;
        h5::Handle f = h5::open_file(partial);
        const std::vector<double> st = h5::read_doubles(h5::open_dataset(f.id(), schema::status).id());
        for (double v : st) result.stored += v != static_cast<double>(RunStatus::not_run);
      } else {
        ResultWriter writer(out, desc, overwrite, Checkpoint{fingerprint, true});  // --force: OUT.h5 may exist
        writer.finish([&](hid_t file) {
          result.analysis = analyze_sweep(file, out);
          write_sensitivity(file, result.analysis);
          result.summary = summarize_metrics(file);
        });
        h5::Handle f = h5::open_file(out);
        const std::vector<double> st = h5::read_doubles(h5::open_dataset(f.id(), schema::status).id());
        for (double v : st) {
          result.failed += v == static_cast<double>(RunStatus::failed);
          result.ok += v == static_cast<double>(RunStatus::ok);
        }
      }
    } catch (...) {
      error = std::current_exception();
      code = exit_code_of(error);
    }
  }
  idle_barrier(mpi);
  settle(mpi, code, error);
  result.interrupted = stopped != 0;
  return result;
}

}  // namespace osteon

#endif  // OSTEON_HAVE_MPI
