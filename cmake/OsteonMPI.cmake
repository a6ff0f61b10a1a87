# OSTEON_MPI=ON: MPI sweeps into one HDF5 file through the MPI-IO driver
# (docs/cluster.md). Debian ships HDF5 in two flavours side by side: serial
# (libhdf5-dev, /usr/lib/<triplet>/hdf5/serial) and OpenMPI
# (libhdf5-openmpi-dev, .../hdf5/openmpi). The serial build keeps FindHDF5's
# default (the serial h5cc); this file, included before find_package(HDF5),
# points it at the OpenMPI flavour explicitly and checks that the HDF5 found
# really is parallel. Included only when OSTEON_MPI is ON.

find_package(MPI REQUIRED COMPONENTS C CXX)

set(HDF5_PREFER_PARALLEL TRUE)
# Debian's wrapper of the OpenMPI flavour; `h5pcc` itself is an alternatives link.
find_program(OSTEON_H5PCC NAMES h5pcc.openmpi h5pcc
             HINTS /usr/bin /usr/lib/x86_64-linux-gnu/hdf5/openmpi/bin
             DOC "h5pcc of the parallel (OpenMPI) HDF5")
if(NOT OSTEON_H5PCC)
  message(FATAL_ERROR "OSTEON_MPI=ON needs the OpenMPI flavour of HDF5 (h5pcc not found): "
                      "scripts/install-deps --mpi installs libhdf5-openmpi-dev")
endif()
set(HDF5_C_COMPILER_EXECUTABLE "${OSTEON_H5PCC}" CACHE FILEPATH "HDF5 compiler wrapper (parallel flavour)" FORCE)

# Called after find_package(HDF5): fails unless the HDF5 found was built with
# MPI (H5_HAVE_PARALLEL in its H5pubconf.h).
function(osteon_require_parallel_hdf5)
  if(NOT HDF5_IS_PARALLEL)
    message(FATAL_ERROR "OSTEON_MPI=ON found a serial HDF5 (${HDF5_C_LIBRARIES}); install libhdf5-openmpi-dev")
  endif()
  include(CheckSymbolExists)
  set(CMAKE_REQUIRED_INCLUDES ${HDF5_INCLUDE_DIRS} ${MPI_C_INCLUDE_DIRS})
  set(CMAKE_REQUIRED_QUIET TRUE)
  check_symbol_exists(H5_HAVE_PARALLEL "H5pubconf.h" OSTEON_H5_HAVE_PARALLEL)
  if(NOT OSTEON_H5_HAVE_PARALLEL)
    message(FATAL_ERROR "OSTEON_MPI=ON: ${HDF5_INCLUDE_DIRS}/H5pubconf.h does not define H5_HAVE_PARALLEL")
  endif()
  message(STATUS "osteon: MPI sweeps with parallel HDF5 (${HDF5_C_LIBRARIES})")
endfunction()
