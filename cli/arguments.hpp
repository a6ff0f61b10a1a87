// Command-line parsing shared by every subcommand: positional arguments,
// options with values, repeated options and flags, with errors that say
// which option was wrong and what was expected.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/output_description.hpp"
#include "output/output_files.hpp"
#include "run/simulation.hpp"

namespace osteon::cli {

struct OptionSpec {
  std::string name;        // "--threads"
  std::string short_name;  // "-o" or ""
  bool takes_value = true;
  bool repeatable = false;
};

struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;  // by long name
  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
};

// Throws InputError (key = the option) on unknown options or missing values.
Arguments parse_arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// A command's arguments: its options plus --help/-h (listed first in "unknown option" messages).
// nullopt after printing `usage` when --help was given; the command then returns exit_ok.
std::optional<Arguments> parse_command_line(const std::vector<std::string>& args, std::vector<OptionSpec> specs,
                                            std::string_view usage);

// The single positional argument of a command that takes exactly one (`key` in messages: FILE,
// SCENARIO, SWEEP): InputError with `none` when it is missing, "N <many>" when there are more.
const std::string& one_positional(const Arguments& a, const std::string& key, const std::string& none,
                                  const std::string& many, const std::string& expected);

// The MODEL argument of describe and steady: the one positional argument, a built-in model's id.
const Model& model_argument(const Arguments& a);

// refuse_input_as_output and require_hdf5_output_name live in output/output_files.hpp (Python checks them too).

// Option value parsers that throw InputError naming the option.
int parse_positive_int(const std::string& option, const std::string& text);
double parse_positive_double(const std::string& option, const std::string& text);

// --compression and --precision (the scenario's output.compression / output.precision), when given.
void parse_output_storage(const Arguments& a, std::optional<int>& deflate_level, std::optional<Precision>& precision);

// The run options of any command that integrates: --threads, --integrator, --rtol, --atol and the
// output storage, each when given (a command that does not declare an option never has it).
RunOptions parse_run_options(const Arguments& a);

// The items of a comma-separated option value ("a, b,c"), blanks trimmed, empty items dropped.
std::vector<std::string> split_list(const std::string& s);

}  // namespace osteon::cli
