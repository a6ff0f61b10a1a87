// Lane packs: W scenarios side by side, one per SIMD lane.
#pragma once

#include <Eigen/Core>

namespace osteon {

// One double per scenario; arithmetic on a Lane is element-wise and compiles
// to SIMD instructions. W is fixed at compile time (4 or 8).
template <int W>
using Lane = Eigen::Array<double, W, 1>;

template <int W>
using LaneMask = Eigen::Array<bool, W, 1>;

// The lane width of the batched integrators, fixed at configure time
// (cmake -DOSTEON_LANE_WIDTH=4|8|0). 0 (the default) picks 8 when the target
// has AVX-512 (one register holds 8 doubles) and 4 otherwise (AVX2); see
// docs/performance.md for the measured difference.
#ifndef OSTEON_LANE_WIDTH
#define OSTEON_LANE_WIDTH 0
#endif
#if OSTEON_LANE_WIDTH == 0
#ifdef __AVX512F__
inline constexpr int lane_width = 8;
#else
inline constexpr int lane_width = 4;
#endif
#else
inline constexpr int lane_width = OSTEON_LANE_WIDTH;
#endif
static_assert(lane_width == 4 || lane_width == 8, "OSTEON_LANE_WIDTH must be 4 or 8");

}  // namespace osteon
