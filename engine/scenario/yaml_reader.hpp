// Reading YAML input (scenarios, sweeps) with knowledge of the file it came from: every
// rejection is an InputError naming file, line, column and key, what was found and what was
// expected (docs/errors.md). Shared by the scenario and sweep loaders so that both word their
// errors alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "core/units.hpp"
#include "scenario/scenario.hpp"  // Origin

namespace osteon {

std::string in_quotes(const std::string& s);  // 'text'
std::string join(const std::vector<std::string>& v, const std::string& sep = ", ");

// The 1-based line and column of a node in `file`.
SourceLocation yaml_location(const std::string& file, const YAML::Node& n);

// yaml-cpp's message for a parse error, in plain words.
std::string yaml_parser_message(const YAML::ParserException& e);

// The most bytes read from a scenario or sweep file (a runs table may be larger).
inline constexpr std::uintmax_t max_input_file_bytes = 64u << 20;

// The text of a file; InputError for a directory, a device or FIFO, a file larger
// than max_input_file_bytes, or an unreadable file. `what` names it ("scenario file", "sweep file").
std::string read_input_file(const std::string& path, const std::string& what);

// What is wrong with `path` as an input file, without opening it: "a directory",
// "a device, FIFO or other special file", "a file of N bytes (...)"; nothing when it is
// a regular file of at most `max_bytes` or cannot be looked at (the caller reports that).
std::optional<std::string> special_input_file(const std::string& path, std::uintmax_t max_bytes);

// Parses a document; malformed YAML is an InputError at its line and column.
YAML::Node parse_yaml(const std::string& text, const std::string& file);

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  SourceLocation at(const YAML::Node& n) const { return yaml_location(file_, n); }
  Origin origin(const YAML::Node& n, const std::string& key) const { return {at(n), key}; }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& key, const std::string& found,
                         const std::string& expected) const;

  // What a node is, for "found ...": its quoted text, "a list", "a mapping" or "nothing".
  static std::string describe(const YAML::Node& n);

  // The text of a mapping key; a complex key such as `[a]: 1` names nothing.
  std::string key_text(const YAML::Node& k, const std::string& path) const;

  // Checks that `n` is a mapping whose keys are all in `allowed` and unique; an unknown key
  // gets a did-you-mean suggestion.
  void keys(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) const;

  std::string scalar(const YAML::Node& n, const std::string& key, const std::string& expected) const;

  // The parsed file `text`, which must be a mapping (`expected` says of what) with only `top_keys`.
  YAML::Node mapping_document(const std::string& text, const std::vector<std::string>& top_keys,
                              const std::string& expected) const;

  // The value of a top-level key that must be there (its absence is reported at the file's start).
  YAML::Node required(const YAML::Node& root, const std::string& key, const std::string& expected) const;

  // The head every osteon file of format 1 starts with, 'osteon: 1' and a name of lower-case
  // letters, digits and '_': the name. `kind` ("scenario", "sweep") names the format in messages;
  // `name_expected` is what a name that is not a scalar is told.
  std::string format_1_name(const YAML::Node& root, const std::string& kind, const std::string& name_expected) const;

  // A quantity converted to `unit`; a bare number is taken to be in `unit`.
  double quantity(const YAML::Node& n, const std::string& key, const std::string& unit, const std::string& what) const;

  // A time converted to `declared` (days unless said otherwise); a bare number is taken in the
  // declared unit, as for every other quantity (DESIGN.md §5).
  double time(const YAML::Node& n, const std::string& key, const std::string& what, const char* declared = "d") const;

  // A plain number (no unit).
  double number(const YAML::Node& n, const std::string& key, const std::string& expected) const;

  // A whole number (no unit), as a plain number that has no fraction.
  long integer(const YAML::Node& n, const std::string& key, const std::string& expected) const;

  // A whole number in [lo, hi], read exactly when written as digits (counts beyond 2^53).
  std::uint64_t whole(const YAML::Node& n, const std::string& key, const std::string& expected, double lo,
                      double hi) const;

  bool boolean(const YAML::Node& n, const std::string& key) const;  // true/yes or false/no

 private:
  // `text` (the scalar at n) as a number and its unit; InputError naming n and key if it is neither.
  Quantity parsed_quantity(const YAML::Node& n, const std::string& key, const std::string& text,
                           const std::string& expected) const;

  std::string file_;
};

}  // namespace osteon
