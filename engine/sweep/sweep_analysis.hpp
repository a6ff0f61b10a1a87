// Sensitivity analysis of a sweep's output file: reads the factors and
// metrics the sweep stored, computes Sobol' indices (sobol designs) or Morris
// statistics (morris designs) for every metric (sensitivity.hpp), writes them
// to the group `sensitivity` and formats them as a table. Used at the end of
// `osteon sweep` and by `osteon analyze`.
//
// Group layout (what the Python plotting reads):
//   /sensitivity  attrs method ("sobol" | "morris"), estimators, confidence_level,
//                 bootstrap_resamples, bootstrap_seed, and base_samples or trajectories and levels
//     metric (metric), factor (factor)        strings, dimension scales
//     sobol:  S1, S1_conf, ST, ST_conf (metric, factor);
//             S2, S2_conf (metric, factor, factor_j) with second order (upper triangle, NaN elsewhere)
//     morris: mu, mu_star, sigma, mu_star_conf (metric, factor)
//     n_nan (metric)   runs whose metric is NaN (failed, or a threshold never crossed): indices are NaN then
#pragma once

#include <hdf5.h>

#include <optional>
#include <string>
#include <vector>

#include "sweep/sensitivity.hpp"

namespace osteon {

struct SweepSensitivity {
  std::string method;  // "sobol", "morris", or empty: the design supports no analysis
  std::string design;  // the design type
  std::vector<std::string> metrics, factors, metric_units;
  BootstrapOptions options;
  std::size_t base_samples = 0;  // sobol N
  bool second_order = false;
  std::size_t trajectories = 0;  // morris r
  int levels = 0;
  std::vector<SobolIndices> sobol;    // per metric
  std::vector<MorrisIndices> morris;  // per metric
  std::vector<std::size_t> n_nan;     // per metric
};

// Computes the analysis from an open sweep file. `options` replaces the
// bootstrap settings stored with the sweep. Throws InputError when the file
// is not a sweep.
SweepSensitivity analyze_sweep(hid_t file, const std::string& path,
                               const std::optional<BootstrapOptions>& options = {});

void write_sensitivity(hid_t file, const SweepSensitivity& s);

std::string format_sensitivity(const SweepSensitivity& s);

// Sobol' indices outside [0, 1] or with a confidence half-width larger than the
// index, one sentence per metric and kind (issue 19); printed under the table by
// format_sensitivity and kept in the sensitivity group's `warnings` attribute.
std::vector<std::string> sensitivity_warnings(const SweepSensitivity& s);
// Distribution of every metric over the runs (for any design): mean, sd, 5th,
// 50th and 95th percentiles, NaN count; and the runs' status counts.
std::string summarize_metrics(hid_t file);
std::string sensitivity_json(const SweepSensitivity& s);

}  // namespace osteon
