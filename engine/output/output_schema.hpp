// The names in osteon's HDF5 files, spelled once: the writer, MPI ranks, the
// merge of shards, sweep analysis and the Python package (through the _core
// module's `schema` dict) read them from here. The layout (DESIGN §6, docs/output.md):
// variables are (run, time) datasets with the dimension scales `run` and `time`,
// per-run metrics and factors are (run) datasets, `status`/`status_message` say
// how each run ended, and the attributes below describe the file.
#pragma once

#include <array>
#include <cstdint>
#include <utility>

namespace osteon::schema {

// X(identifier, name in the file)
// clang-format off
#define OSTEON_OUTPUT_SCHEMA(X)                                                                        \
  /* dimensions and per-run datasets */                                                                \
  X(time, "time")                                                                                      \
  X(run, "run")                                                                                        \
  X(status, "status")                                                                                  \
  X(status_message, "status_message")                                                                  \
  X(sensitivity_group, "sensitivity")                                                                  \
  /* file attributes (CF globals, then osteon's) */                                                    \
  X(conventions, "Conventions")                                                                        \
  X(title, "title")                                                                                    \
  X(source, "source")                                                                                  \
  X(history, "history")                                                                                \
  X(format_version, "osteon_format")                                                                   \
  X(model, "model")                                                                                    \
  X(model_citation, "model_citation")                                                                  \
  X(scenario, "scenario")                                                                              \
  X(settings, "settings")                                                                              \
  X(disclaimer, "disclaimer")                                                                          \
  /* variable attributes */                                                                            \
  X(units, "units")                                                                                    \
  X(long_name, "long_name")                                                                            \
  X(coordinates, "coordinates")                                                                        \
  X(axis, "axis")                                                                                      \
  X(flag_values, "flag_values")                                                                        \
  X(flag_meanings, "flag_meanings")                                                                    \
  X(comment, "comment")                                                                                \
  X(factor_path, "osteon_path")                                                                        \
  X(factor_distribution, "osteon_distribution")                                                        \
  X(metric_kind, "osteon_metric")                                                                      \
  X(metric_definition, "osteon_definition")                                                            \
  /* sweep file attributes */                                                                          \
  X(sweep, "sweep")                                                                                    \
  X(sweep_name, "sweep_name")                                                                          \
  X(sweep_design, "sweep_design")                                                                      \
  X(sweep_seed, "sweep_seed")                                                                          \
  X(sweep_factors, "sweep_factors")                                                                    \
  X(sweep_metrics, "sweep_metrics")                                                                    \
  X(sweep_fingerprint, "sweep_fingerprint")                                                            \
  X(sweep_problem, "problem")                                                                          \
  X(sweep_base_samples, "sweep_base_samples")                                                          \
  X(sweep_second_order, "sweep_second_order")                                                          \
  X(sweep_sequence, "sweep_sequence")                                                                  \
  X(sweep_trajectories, "sweep_trajectories")                                                          \
  X(sweep_levels, "sweep_levels")                                                                      \
  X(sweep_bootstrap, "sweep_bootstrap")                                                                \
  X(sweep_confidence, "sweep_confidence")                                                              \
  X(sweep_bootstrap_seed, "sweep_bootstrap_seed")                                                      \
  /* a shard of a sweep (--shard I/N) */                                                               \
  X(sweep_shard, "sweep_shard")                                                                        \
  X(sweep_total_runs, "sweep_total_runs")                                                              \
  /* care pathways: monitoring visits and the decisions of rules (pathway_records.hpp) */              \
  X(visit, "visit")                                                                                    \
  X(measured_prefix, "measured_")                                                                      \
  X(rule, "rule")                                                                                      \
  X(rule_name, "rule_name")                                                                            \
  X(rule_action, "rule_action")                                                                        \
  X(decision, "decision")                                                                              \
  X(decision_time, "decision_time")                                                                    \
  X(decision_rule, "decision_rule")                                                                    \
  X(decision_rule_names, "rule_names")                                                                 \
  /* a partial (resumable) file */                                                                     \
  X(checkpoint_fingerprint, "osteon_checkpoint_fingerprint")                                           \
  X(checkpoint_block_rows, "osteon_checkpoint_block_rows")                                             \
  X(block_done, "osteon_block_done")
// clang-format on

#define OSTEON_SCHEMA_CONSTANT(id, text) inline constexpr const char* id = text;
OSTEON_OUTPUT_SCHEMA(OSTEON_SCHEMA_CONSTANT)
#undef OSTEON_SCHEMA_CONSTANT

// Every name with its identifier, for the Python package.
#define OSTEON_SCHEMA_ENTRY(id, text) std::pair<const char*, const char*>{#id, text},
inline constexpr std::array all_names{OSTEON_OUTPUT_SCHEMA(OSTEON_SCHEMA_ENTRY)};
#undef OSTEON_SCHEMA_ENTRY

// Values written with the names above.
inline constexpr std::int64_t format_version_value = 1;
inline constexpr const char* conventions_value = "CF-1.10";
inline constexpr const char* disclaimer_text = "Research and teaching tool, not medical advice.";
inline constexpr const char* time_units = "d";
inline constexpr const char* time_axis = "T";
inline constexpr const char* time_long_name = "time since scenario start";
inline constexpr const char* run_long_name = "run index";
inline constexpr const char* status_long_name = "run status";
inline constexpr const char* status_message_long_name = "why a run failed; empty where ok";

// Prefix of datasets and attributes that are osteon's own bookkeeping.
inline constexpr const char* reserved_prefix = "osteon_";

}  // namespace osteon::schema
