// OSTEON_FLATTEN: inline everything a function calls into its body. The batched workers wrap the
// model's right-hand side (and its AD Jacobian) in it; see batched_dopri5_worker.hpp for why.
// Sanitizer builds define OSTEON_NO_FLATTEN (cmake/OsteonFlags.cmake): they test correctness, and
// instrumented flattened bodies take minutes to compile. Results are the same either way
// (-ffp-contract=off: inlining cannot change the arithmetic).
#pragma once

#if defined(OSTEON_NO_FLATTEN) || !(defined(__GNUC__) || defined(__clang__))
#define OSTEON_FLATTEN
#else
#define OSTEON_FLATTEN [[gnu::flatten]]
#endif
