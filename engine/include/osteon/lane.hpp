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
// (cmake -DOSTEON_LANE_WIDTH=4|8). 4 doubles fill an AVX2 register.
#ifndef OSTEON_LANE_WIDTH
#define OSTEON_LANE_WIDTH 4
#endif
inline constexpr int lane_width = OSTEON_LANE_WIDTH;
static_assert(lane_width == 4 || lane_width == 8, "OSTEON_LANE_WIDTH must be 4 or 8");

}  // namespace osteon
