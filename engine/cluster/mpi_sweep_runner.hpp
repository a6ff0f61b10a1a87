// A sweep run by every rank of an MPI job into ONE HDF5 file (docs/cluster.md;
// built only with OSTEON_MPI=ON). The file is the resumable partial file of
// a serial sweep (result_writer.hpp), so the result is the serial sweep's
// file, bitwise, and an interrupted MPI sweep resumes with MPI or without:
//   1. rank 0 creates OUT.h5.partial with the serial writer (every dataset
//      allocated, a done flag per block of runs), or opens it to resume, and
//      tells the other ranks the block size and which blocks are done;
//   2. the blocks not done are dealt round-robin to the ranks (blocks are
//      small enough that every rank gets several: the load evens out); each
//      rank computes its runs on its threads and SIMD lanes;
//   3. every rank opens the partial file through the MPI-IO driver (collective
//      metadata reads and writes) and writes each finished block as row
//      hyperslabs with independent raw-data writes, then the block's messages
//      to its own side log and its done flag: nothing but raw data changes,
//      so ranks never need to agree on HDF5 structure while they compute;
//   4. rank 0 closes the job (status messages, sensitivity group, rename)
//      with the serial writer, exactly as a serial sweep does.
#pragma once

#if OSTEON_HAVE_MPI

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "cluster/mpi_context.hpp"
#include "sweep/sweep_analysis.hpp"
#include "sweep/sweep_runner.hpp"

namespace osteon {

struct MpiSweepResult {
  bool nothing_to_do = false;      // --resume found OUT.h5 complete
  bool started_afresh = false;     // --resume found no partial file
  bool interrupted = false;        // a rank was told to stop (SIGINT/SIGTERM)
  std::size_t computed = 0;        // runs computed by all ranks in this job
  std::size_t stored_before = 0;   // runs a resume found stored
  std::size_t stored = 0;          // runs stored when interrupted
  std::size_t failed = 0, ok = 0;  // rank 0, when finished
  SweepSensitivity analysis;       // rank 0
  std::string summary;             // rank 0
};

// Thrown on ranks other than 0 when rank 0 failed (it reports the error); carries the exit code.
class MpiPeerExit : public std::runtime_error {
 public:
  explicit MpiPeerExit(int code) : std::runtime_error("rank 0 failed"), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// Collective over every rank of `mpi`. Errors of rank 0 before the runs start
// (an existing output, a foreign partial file) are thrown on rank 0 and make
// the other ranks throw MpiPeerExit; a failure while writing aborts the job.
MpiSweepResult run_mpi_sweep(const MpiContext& mpi, const SweepRunner& runner, const std::string& out,
                             const std::string& history, bool overwrite, bool resume, const std::atomic<bool>* stop);

}  // namespace osteon

#endif  // OSTEON_HAVE_MPI
