# Compiler settings shared by every osteon target, as INTERFACE targets so that
# they follow the targets that link them and nothing else.

add_library(osteon_warnings INTERFACE)
add_library(osteon::warnings ALIAS osteon_warnings)
target_compile_options(osteon_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
  # GCC 12 false positives in std::string concatenation (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  # GCC 12 false positives inside its own AVX-512 intrinsics as Eigen uses them
  # (avx512fintrin.h: '__Y' is used uninitialized).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized -Wno-uninitialized>)

add_library(osteon_flags INTERFACE)
add_library(osteon::flags ALIAS osteon_flags)
target_compile_features(osteon_flags INTERFACE cxx_std_20)
# EIGEN_FAST_MATH=0: Eigen's AVX-512 sqrt is otherwise an approximate reciprocal
# square root refined by Newton steps, which would make 8-lane results differ
# from 4-lane (and scalar) ones in the last bits.
target_compile_definitions(osteon_flags INTERFACE OSTEON_LANE_WIDTH=${OSTEON_LANE_WIDTH} EIGEN_FAST_MATH=0)
# No floating-point contraction: a run's numbers must not depend on whether the
# compiler fused a multiply-add in the scalar, 4-lane or 8-lane instantiation.
target_compile_options(osteon_flags INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-ffp-contract=off>)
if(OSTEON_NATIVE)
  target_compile_options(osteon_flags INTERFACE $<$<CXX_COMPILER_ID:GNU,Clang>:-march=native>)
endif()
if(OSTEON_FUZZ)
  # Coverage instrumentation for libFuzzer on all osteon code, not only the targets.
  target_compile_options(osteon_flags INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(OSTEON_SANITIZE)
  string(REPLACE "," ";" _san "${OSTEON_SANITIZE}")
  foreach(s IN LISTS _san)
    target_compile_options(osteon_flags INTERFACE -fsanitize=${s} -fno-omit-frame-pointer)
    target_link_options(osteon_flags INTERFACE -fsanitize=${s})
  endforeach()
  # Sanitizer builds check correctness, not speed: flattening the AD Jacobian of the integrated
  # model into one body takes minutes and gigabytes to compile under instrumentation.
  target_compile_definitions(osteon_flags INTERFACE OSTEON_NO_FLATTEN)
endif()
