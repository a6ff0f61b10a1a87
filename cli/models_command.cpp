// `osteon models` and `osteon describe MODEL`.
#include <iostream>

#include "arguments.hpp"
#include "builtin_models.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "model/model_describer.hpp"

namespace osteon::cli {

int models_command(const Args& args) {
  const Arguments a = parse_arguments(args, {{"--help", "-h", false}});
  if (a.has("--help")) {
    std::cout << "Usage: osteon models\n  Lists the built-in models with their citations.\n";
    return 0;
  }
  if (!a.positional.empty()) {
    throw InputError(SourceLocation{"command line", 0, 0}, "models", "'" + a.positional.front() + "'", "no arguments");
  }
  for (const auto& m : models::builtin_registry().models()) {
    std::cout << m->info().id << "\n    " << m->info().citation << "\n";
  }
  return 0;
}

int describe_command(const Args& args) {
  const Arguments a = parse_arguments(args, {{"--help", "-h", false}, {"--format", "", true}});
  if (a.has("--help")) {
    std::cout << "Usage: osteon describe MODEL [--format text|md|json]\n"
                 "  Prints a model's states, parameters (default, unit, symbol, source) and observables.\n";
    return 0;
  }
  const SourceLocation cmdline{"command line", 0, 0};
  if (a.positional.size() != 1) {
    throw InputError(cmdline, "MODEL", a.positional.empty() ? "no model" : "several arguments",
                     "one model id (see `osteon models`)");
  }
  const Model* m = models::builtin_registry().find(a.positional.front());
  if (!m) {
    throw InputError(cmdline, "MODEL", "unknown model '" + a.positional.front() + "'",
                     "one of the ids listed by `osteon models`");
  }
  const std::string f = a.get("--format").value_or("text");
  DescribeFormat format = DescribeFormat::text;
  if (f == "md" || f == "markdown") {
    format = DescribeFormat::markdown;
  } else if (f == "json") {
    format = DescribeFormat::json;
  } else if (f != "text") {
    throw InputError(cmdline, "--format", "'" + f + "'", "text, md or json");
  }
  std::cout << describe_model(*m, format);
  return 0;
}

}  // namespace osteon::cli
