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

// The lane widths the engine is compiled for.
inline constexpr int default_lane_width = 4;

}  // namespace osteon
