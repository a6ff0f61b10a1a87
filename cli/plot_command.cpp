// `osteon plot OUT.h5 -o FIG.png [--variables a,b]`: figures are drawn by the
// Python package (python/osteon/plot.py, matplotlib), so this command hands
// its arguments to osteon.plot_cli in an isolated `python3 -I` and takes on its exit code
// (0 success, 2 bad input, 1 internal failure).
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/error.hpp"

#ifndef OSTEON_PLOT_PYTHON
#define OSTEON_PLOT_PYTHON "/usr/bin/python3"
#endif
#ifndef OSTEON_PLOT_PYTHON_SOURCE_DIR
#define OSTEON_PLOT_PYTHON_SOURCE_DIR ""
#endif

namespace osteon::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* plot_help = R"(Usage: osteon plot OUT.h5 [MORE.h5 ...] -o FIG.png [options]

Draws an osteon output file as an image (PNG, PDF or SVG, from the extension
of FIG). Needs Debian's python3 with matplotlib, xarray and h5py.

  trajectories   chosen variables against time, one panel each (default for
                 files of published models: the first six variables)
  compare        BMD change, T-scores with WHO classes, CTX and P1NP of the
                 integrated model, one line per file (default for its files)
  sensitivity    Sobol or Morris indices of a sweep file (default for them)
  grid           a grid sweep as small multiples: a column per level of the
                 first factor, a line per level of the others, each labelled
                 (default for grid sweeps)

Options:
  -o, --output FIG         image to write (required)
  --variables a,b          variables to plot (trajectories)
  --kind KIND              auto (default), trajectories, compare, sensitivity, grid
  --dpi N                  resolution of raster images (default 150)
  --quiet                  print nothing on success
  --force                  replace FIG if it exists

Environment: OSTEON_PYTHON selects the interpreter (default )" OSTEON_PLOT_PYTHON R"().
)";

// The directory that holds the `osteon` package: next to the executable in a
// build tree (<build>/python, with the compiled extension), else the sources.
std::string package_parent() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "python");
  if (std::strlen(OSTEON_PLOT_PYTHON_SOURCE_DIR) > 0) candidates.emplace_back(OSTEON_PLOT_PYTHON_SOURCE_DIR);
  for (const auto& c : candidates) {
    if (fs::is_regular_file(c / "osteon" / "plot_cli.py", ec)) return c.string();
  }
  return {};
}

}  // namespace

int plot_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      std::cout << plot_help;
      return exit_ok;
    }
  }
  const std::string parent = package_parent();
  if (parent.empty()) {
    std::cerr << "osteon plot: internal error: the Python package osteon (osteon/plot_cli.py) was not found next to "
                 "this executable (../python) nor in "
              << OSTEON_PLOT_PYTHON_SOURCE_DIR << "\n";
    return exit_internal;
  }
  const char* env_python = std::getenv("OSTEON_PYTHON");
  const std::string python = env_python && *env_python ? env_python : OSTEON_PLOT_PYTHON;
  if (::setenv("MPLBACKEND", "Agg", 0) != 0) {
    std::cerr << "osteon plot: internal error: cannot set the environment\n";
    return exit_internal;
  }
  // Isolated (-I): neither the current directory nor PYTHONPATH nor the user's site directory
  // is searched, so a planted h5py.py or matplotlib/ in the working directory is never imported;
  // the package directory is the only path added.
  std::vector<std::string> argv_strings{
      python, "-I", "-c",
      "import sys; sys.path.insert(0, sys.argv.pop(1)); from osteon.plot_cli import main; sys.exit(main())", parent};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(python.c_str(), argv.data());
  // Only reached when the interpreter could not be started.
  std::cerr << "osteon plot: internal error: cannot run " << python << ": " << std::strerror(errno)
            << " (set OSTEON_PYTHON to a python3 with matplotlib, xarray and h5py)\n";
  return exit_internal;
}

}  // namespace osteon::cli
