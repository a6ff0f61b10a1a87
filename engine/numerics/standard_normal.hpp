// The standard normal distribution: its CDF and its quantile function, used
// to turn uniform design points into normal and log-normal factor values.
#pragma once

namespace osteon {

// Φ(x) = erfc(-x/√2)/2.
double normal_cdf(double x);

// Φ⁻¹(p) for 0 < p < 1 by Wichura's algorithm AS 241 (PPND16, Applied
// Statistics 37:477–484, 1988), relative accuracy about 1e-16. Returns -inf
// at 0, +inf at 1 and NaN outside [0, 1].
double normal_quantile(double p);

}  // namespace osteon
