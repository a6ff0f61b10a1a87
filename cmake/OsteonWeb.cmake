# Dependencies of the WebAssembly build (emcmake, `make web`): no HDF5, threads, MPI, pybind11
# or host CPU flags. Eigen and Boost are header-only and come from Debian's packages, but only
# their own folders are put on the include path (never /usr/include, whose C library headers
# are the host's). yaml-cpp is compiled from Debian's source package (scripts/install-deps
# --web; `make web` unpacks it with `apt-get source` into build-web/_deps).

set(OSTEON_YAML_CPP_SOURCE "" CACHE PATH "Unpacked yaml-cpp source tree to compile for WebAssembly")
if(NOT EXISTS "${OSTEON_YAML_CPP_SOURCE}/CMakeLists.txt")
  message(FATAL_ERROR "OSTEON_YAML_CPP_SOURCE='${OSTEON_YAML_CPP_SOURCE}' is not a yaml-cpp source tree "
                      "(`make web` fetches Debian's with apt-get source)")
endif()

# Exceptions as WebAssembly exceptions (InputError reaches the page as a message), and the
# 128-bit SIMD the 4-lane batches vectorise to, for every target including yaml-cpp. Link-time
# optimisation across the engine, models and yaml-cpp: a slider recompute 7-13 % faster, the
# same numbers bit for bit, 54 KB more wasm (docs/performance.md).
string(APPEND CMAKE_CXX_FLAGS " -flto -fwasm-exceptions -msimd128")
string(APPEND CMAKE_C_FLAGS " -flto -msimd128")
string(APPEND CMAKE_EXE_LINKER_FLAGS " -flto -fwasm-exceptions")

set(_host_headers ${PROJECT_BINARY_DIR}/host-headers)
file(MAKE_DIRECTORY ${_host_headers})
foreach(pair "Eigen=/usr/include/eigen3/Eigen" "unsupported=/usr/include/eigen3/unsupported" "boost=/usr/include/boost")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 name)
  list(GET pair 1 target)
  if(NOT EXISTS ${target})
    message(FATAL_ERROR "${target} is missing: run scripts/install-deps")
  endif()
  if(NOT EXISTS ${_host_headers}/${name})
    file(CREATE_LINK ${target} ${_host_headers}/${name} SYMBOLIC)
  endif()
endforeach()

add_library(Eigen3::Eigen INTERFACE IMPORTED)
target_include_directories(Eigen3::Eigen SYSTEM INTERFACE ${_host_headers})
# Eigen 3.4's SSE/AVX kernels do not compile for wasm; the compiler vectorises the 4-lane packs.
target_compile_definitions(Eigen3::Eigen INTERFACE EIGEN_DONT_VECTORIZE)
add_library(Boost::headers INTERFACE IMPORTED)
target_include_directories(Boost::headers SYSTEM INTERFACE ${_host_headers})
add_library(Threads::Threads INTERFACE IMPORTED)  # one run at a time, in a Web Worker

set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
set(YAML_CPP_BUILD_CONTRIB OFF CACHE BOOL "" FORCE)
set(YAML_CPP_INSTALL OFF CACHE BOOL "" FORCE)
set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
add_subdirectory(${OSTEON_YAML_CPP_SOURCE} ${PROJECT_BINARY_DIR}/yaml-cpp EXCLUDE_FROM_ALL SYSTEM)
target_compile_options(yaml-cpp PRIVATE -w)  # Debian's source as it is; its warnings are not ours
