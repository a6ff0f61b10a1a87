// The MPI environment of an MPI build (OSTEON_MPI=ON, docs/cluster.md): MPI
// is initialised only when the process was started by an MPI launcher
// (mpirun, mpiexec, srun), so the MPI build's `osteon` still runs on its own
// like the serial one. Threads: MPI_THREAD_SERIALIZED, because the compute
// threads of a rank write their finished blocks through MPI-IO one at a time.
#pragma once

#if OSTEON_HAVE_MPI

#include <mpi.h>

namespace osteon {

class MpiContext {
 public:
  MpiContext();   // MPI_Init_thread; throws std::runtime_error if the thread level is not available
  ~MpiContext();  // MPI_Finalize
  MpiContext(const MpiContext&) = delete;
  MpiContext& operator=(const MpiContext&) = delete;

  // True when an MPI launcher started this process (OpenMPI, PMI or PMIx variables).
  static bool launched();

  MPI_Comm comm() const { return MPI_COMM_WORLD; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Ranks on this node (MPI_COMM_TYPE_SHARED), to share its cores between them.
  int local_size() const { return local_size_; }
  // Ends every rank at once (after an error that leaves others waiting in a collective call).
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1, local_size_ = 1;
};

}  // namespace osteon

#endif  // OSTEON_HAVE_MPI
