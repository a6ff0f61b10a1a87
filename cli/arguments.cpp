#include "arguments.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

#include <charconv>
#include <cmath>
#include <sstream>

#include "builtin_models.hpp"
#include "core/error.hpp"

namespace osteon::cli {

std::optional<std::string> Arguments::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Arguments::all(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

Arguments parse_arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  Arguments out;
  const SourceLocation cmdline{"command line", 0, 0};
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() < 2 || a[0] != '-' || a == "--") {
      if (a == "--") {
        for (++i; i < args.size(); ++i) out.positional.push_back(args[i]);
        break;
      }
      out.positional.push_back(a);
      continue;
    }
    std::optional<std::string> inline_value;
    if (auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
      inline_value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == a || (!s.short_name.empty() && s.short_name == a)) spec = &s;
    }
    if (!spec) {
      std::string known;
      for (const auto& s : specs) known += (known.empty() ? "" : ", ") + s.name;
      throw InputError(cmdline, a, "unknown option '" + a + "'", "one of " + known + " (see --help)");
    }
    auto& slot = out.values[spec->name];
    if (!spec->repeatable && !slot.empty()) {
      throw InputError(cmdline, spec->name, "'" + spec->name + "' twice", "each option once");
    }
    if (!spec->takes_value) {
      if (inline_value) throw InputError(cmdline, spec->name, "a value for a flag", "no value");
      slot.emplace_back();
      continue;
    }
    if (inline_value) {
      slot.push_back(*inline_value);
    } else if (i + 1 < args.size()) {
      slot.push_back(args[++i]);
    } else {
      throw InputError(cmdline, spec->name, "no value after '" + spec->name + "'", "a value");
    }
  }
  return out;
}

std::optional<Arguments> parse_command_line(const std::vector<std::string>& args, std::vector<OptionSpec> specs,
                                            std::string_view usage) {
  specs.insert(specs.begin(), OptionSpec{"--help", "-h", false});
  Arguments a = parse_arguments(args, specs);
  if (!a.has("--help")) return a;
  std::cout << usage;
  return std::nullopt;
}

const std::string& one_positional(const Arguments& a, const std::string& key, const std::string& none,
                                  const std::string& many, const std::string& expected) {
  if (a.positional.size() != 1) {
    throw InputError(SourceLocation{"command line", 0, 0}, key,
                     a.positional.empty() ? none : std::to_string(a.positional.size()) + " " + many, expected);
  }
  return a.positional.front();
}

const Model& model_argument(const Arguments& a) {
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
  return *m;
}

int parse_positive_int(const std::string& option, const std::string& text) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v <= 0) {
    throw InputError(SourceLocation{"command line", 0, 0}, option, "'" + text + "'", "a positive whole number");
  }
  return v;
}

double parse_positive_double(const std::string& option, const std::string& text) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || !(v > 0.0) || !std::isfinite(v)) {
    throw InputError(SourceLocation{"command line", 0, 0}, option, "'" + text + "'", "a positive number");
  }
  return v;
}

void parse_output_storage(const Arguments& a, std::optional<int>& deflate_level, std::optional<Precision>& precision) {
  const SourceLocation cmdline{"command line", 0, 0};
  if (auto v = a.get("--compression")) {
    deflate_level = parse_compression(*v);
    if (!deflate_level) throw InputError(cmdline, "--compression", "'" + *v + "'", compression_help);
  }
  if (auto v = a.get("--precision")) {
    precision = parse_precision(*v);
    if (!precision) throw InputError(cmdline, "--precision", "'" + *v + "'", precision_help);
  }
}

RunOptions parse_run_options(const Arguments& a) {
  RunOptions options;
  if (auto v = a.get("--threads")) options.threads = parse_positive_int("--threads", *v);
  if (auto v = a.get("--integrator")) {
    options.method = parse_method(*v);
    if (!options.method) {
      throw InputError(SourceLocation{"command line", 0, 0}, "--integrator", "'" + *v + "'",
                       "one of " + std::string(method_names_help()));
    }
  }
  if (auto v = a.get("--rtol")) options.rtol = parse_positive_double("--rtol", *v);
  if (auto v = a.get("--atol")) options.atol = parse_positive_double("--atol", *v);
  parse_output_storage(a, options.deflate_level, options.precision);
  return options;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace osteon::cli
