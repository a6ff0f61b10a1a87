// What one output file holds, independent of how it is stored: the variables with
// units, the times, the per-run coordinates and the provenance attributes
// (DESIGN.md section 6). The HDF5 writer and the web API both take it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace osteon {

// A per-run input of an ensemble, stored as a coordinate along `run`.
struct RunFactor {
  std::string name;
  std::string unit;
  std::string long_name;
  std::vector<double> values;                                        // one per run
  std::vector<std::pair<std::string, std::string>> attributes = {};  // further string attributes
};

// A per-run text coordinate along `run`, e.g. the scenario name of each run of
// `osteon compare`.
struct RunLabel {
  std::string name;
  std::string long_name;
  std::vector<std::string> values;  // one per run
};

// A per-run scalar output (a sweep's summary metric): one (run) dataset. Its
// value travels in RunResult::values after the trajectories.
struct RunScalar {
  std::string name;
  std::string unit;
  std::string long_name;
  std::vector<std::pair<std::string, std::string>> attributes;
};

using AttributeValue = std::variant<std::string, double, std::int64_t>;

enum class Precision { float64, float32 };

// How trajectories are stored (scenario `output.compression` / `output.precision`, CLI
// --compression / --precision). deflate_level 0 stores chunks uncompressed.
struct OutputStorage {
  // Level 1 measured best on the output-heavy benchmark (docs/scenario-format.md: higher levels
  // shrink the file by a few % for several times the CPU).
  static constexpr int default_deflate_level = 1;
  int deflate_level = default_deflate_level;  // 0 (none) or 1..9: shuffle + deflate at this level
  Precision precision = Precision::float64;

  bool compressed() const { return deflate_level > 0; }
  std::size_t element_size() const { return precision == Precision::float32 ? 4 : 8; }
  bool operator==(const OutputStorage&) const = default;
};

// "none", "deflate" (default level) or "deflate:N" (N = 1..9) as a level (0: none); nullopt otherwise.
inline std::optional<int> parse_compression(const std::string& s) {
  if (s == "none") return 0;
  if (s == "deflate") return OutputStorage::default_deflate_level;
  if (s.size() == 9 && s.rfind("deflate:", 0) == 0 && s[8] >= '1' && s[8] <= '9') return s[8] - '0';
  return std::nullopt;
}
inline std::optional<Precision> parse_precision(const std::string& s) {
  if (s == "float64") return Precision::float64;
  if (s == "float32") return Precision::float32;
  return std::nullopt;
}
inline constexpr const char* compression_help = "none, deflate (level 1) or deflate:N with N from 1 to 9";
inline constexpr const char* precision_help = "float64 or float32";

// Monitoring visits and rules of a care pathway (docs/scenario-format.md): what
// the visits measured and the decisions of the rules, per run.
struct PathwayLayout {
  std::vector<double> visit_times;         // days
  std::vector<std::string> measure_names;  // observables of the model; stored as measured_<name>
  std::vector<std::string> measure_units;
  std::vector<std::string> measure_long_names;
  std::vector<std::string> rule_names;
  std::vector<std::string> rule_actions;  // in words
};

struct OutputDescription {
  std::string title;
  std::string model_id;
  std::string model_citation;
  std::string scenario_text;
  std::string settings_json;
  std::string history;             // command line that made the file
  std::vector<double> times;       // days
  std::vector<std::string> names;  // one per variable
  std::vector<std::string> units;
  std::vector<std::string> long_names;
  std::size_t n_runs = 1;
  std::size_t first_run = 0;  // global index of the first run (a shard of a sweep holds runs
                              // first_run .. first_run + n_runs - 1; /run stores these indices)
  std::vector<RunFactor> factors;
  std::vector<RunLabel> labels;                                    // text coordinates along run
  std::vector<RunScalar> scalars;                                  // after the trajectories in each RunResult::values
  std::vector<std::pair<std::string, AttributeValue>> attributes;  // further root attributes
  OutputStorage storage;                 // of the trajectories (scalars, coordinates: always float64)
  std::optional<PathwayLayout> pathway;  // with monitoring visits
};

}  // namespace osteon
