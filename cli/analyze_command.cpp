// `osteon analyze OUT.h5`: the sensitivity analysis of a finished sweep,
// computed again from the stored metrics (optionally with other bootstrap
// settings) and printed; the file is not changed.
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "output/hdf5_file.hpp"
#include "sweep/sweep_analysis.hpp"

namespace osteon::cli {

constexpr const char* analyze_help =
    "Usage: osteon analyze SWEEP_OUTPUT.h5 [--format text|json] [--bootstrap N] [--confidence X] [--seed N]\n"
    "  Prints the distribution of each metric and, for sobol and morris designs, the\n"
    "  sensitivity indices (Sobol' S1/ST, Morris mu*/mu/sigma) with bootstrap confidence\n"
    "  intervals. Bootstrap settings default to those stored with the sweep.\n";

int analyze_command(const Args& args) {
  const auto parsed = parse_command_line(
      args, {{"--format", "", true}, {"--bootstrap", "", true}, {"--confidence", "", true}, {"--seed", "", true}},
      analyze_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const SourceLocation cmdline{"command line", 0, 0};
  const std::string path = one_positional(a, "FILE", "no file", "arguments", "one output file of osteon sweep");
  const std::string format = a.get("--format").value_or("text");
  if (format != "text" && format != "json") throw InputError(cmdline, "--format", "'" + format + "'", "text or json");
  h5::quiet_errors();
  h5::Handle f;
  try {
    f = h5::open_file(path);
  } catch (const h5::H5Error&) {
    throw InputError(SourceLocation{path, 0, 0}, "", "a file that cannot be opened as HDF5",
                     "an output file of osteon sweep");
  }
  std::optional<BootstrapOptions> options;
  if (a.has("--bootstrap") || a.has("--confidence") || a.has("--seed")) {
    const SweepSensitivity stored = analyze_sweep(f.id(), path, BootstrapOptions{0, 0.95, 0});
    BootstrapOptions o = stored.options;
    if (auto v = a.get("--bootstrap")) {
      o.resamples = static_cast<std::size_t>(parse_positive_int("--bootstrap", *v));
      // As `analysis.bootstrap` in a sweep file: the cost is resamples x metrics x factors.
      if (o.resamples < 2 || o.resamples > max_bootstrap_resamples) {
        throw InputError(cmdline, "--bootstrap", "'" + *v + "'",
                         "2 to " + std::to_string(max_bootstrap_resamples) + " resamples");
      }
    }
    if (auto v = a.get("--confidence")) {
      o.confidence = parse_positive_double("--confidence", *v);
      if (!(o.confidence < 1.0))
        throw InputError(cmdline, "--confidence", "'" + *v + "'", "a level between 0 and 1, e.g. 0.95");
    }
    if (auto v = a.get("--seed")) o.seed = static_cast<std::uint64_t>(parse_positive_int("--seed", *v));
    options = o;
  }
  const SweepSensitivity s = analyze_sweep(f.id(), path, options);
  if (format == "json") {
    std::cout << sensitivity_json(s) << "\n";
    return exit_ok;
  }
  std::cout << path << ": " << s.design << " design, " << s.factors.size() << " factor(s)\n"
            << summarize_metrics(f.id());
  const std::string table = format_sensitivity(s);
  if (table.empty()) {
    std::cout << "(no sensitivity indices for a " << s.design << " design: use sobol or morris)\n";
  } else {
    std::cout << table;
  }
  return exit_ok;
}

}  // namespace osteon::cli
