// `osteon models` and `osteon describe MODEL`.
#include <iostream>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "model/model_describer.hpp"

namespace osteon::cli {

constexpr const char* models_help = "Usage: osteon models\n  Lists the built-in models with their citations.\n";

int models_command(const Args& args) {
  const auto parsed = parse_command_line(args, {}, models_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  if (!a.positional.empty()) {
    throw InputError(SourceLocation{"command line", 0, 0}, "models", "'" + a.positional.front() + "'", "no arguments");
  }
  for (const auto& m : models::builtin_registry().models()) {
    std::cout << m->info().id << "\n    " << m->info().citation << "\n";
  }
  return 0;
}

constexpr const char* describe_help =
    "Usage: osteon describe MODEL [--format text|md|json]\n"
    "  Prints a model's states, parameters (default, unit, symbol, source) and observables.\n";

int describe_command(const Args& args) {
  const auto parsed = parse_command_line(args, {{"--format", "", true}}, describe_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const SourceLocation cmdline{"command line", 0, 0};
  const Model& m = model_argument(a);
  const std::string f = a.get("--format").value_or("text");
  DescribeFormat format = DescribeFormat::text;
  if (f == "md" || f == "markdown") {
    format = DescribeFormat::markdown;
  } else if (f == "json") {
    format = DescribeFormat::json;
  } else if (f != "text") {
    throw InputError(cmdline, "--format", "'" + f + "'", "text, md or json");
  }
  std::cout << describe_model(m, format);
  return 0;
}

}  // namespace osteon::cli
