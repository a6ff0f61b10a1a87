// osteon: the command line front door (docs/errors.md, "Exit codes").
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace osteon::cli {
std::string invocation;
}

namespace {

constexpr const char* usage = R"(osteon: mechanistic simulation of bone remodelling

Usage:
  osteon run SCENARIO.yaml -o OUT.h5 [--set NAME=VALUE]... [--threads N]
             [--integrator NAME] [--rtol X] [--atol X] [--quiet] [--force]
  osteon sweep SWEEP.yaml -o OUT.h5 [--threads N] [--resume] [--force]
               [--shard I/N] [--emit-problem] [--emit-design] [--quiet]
  osteon merge OUT.h5 SHARD.h5... [--force]
  osteon analyze SWEEP_OUTPUT.h5 [--format text|json]
  osteon compare A.yaml B.yaml ... [-o OUT.h5] [--at 1y,2y,5y] [--uncertainty N]
  osteon export OUT.h5 -o OUT.csv [--variables a,b] [--runs 0,2-5] [--force]
  osteon validate SCENARIO.yaml | SWEEP.yaml
  osteon models
  osteon describe MODEL [--format text|md|json]
  osteon steady MODEL [--set NAME=VALUE]... [--format text|json]
  osteon plot OUT.h5 -o FIG.png [--variables a,b]
  osteon --version | --help

Run `osteon COMMAND --help` for the options of a command.
Exit codes: 0 success, 1 internal failure, 2 bad input, 3 interrupted.
Research and teaching tool, not medical advice.
)";

}  // namespace

// A command's output that did not reach stdout (a full disk, a closed pipe)
// is a failure, never exit 0: `osteon sweep --emit-design > design.csv`.
int checked_stdout(const std::string& cmd, int code) {
  std::cout.flush();
  const bool failed = std::cout.fail() || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return code;
  const int err = errno;
  std::cerr << "osteon " << cmd << ": error: writing to standard output failed"
            << (err ? std::string(": ") + std::strerror(err) : std::string()) << "\n";
  return code == osteon::exit_ok ? osteon::exit_internal : code;
}

int main(int argc, char** argv) {
  using namespace osteon;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (int i = 0; i < argc; ++i) cli::invocation += (i ? " " : "") + std::string(argv[i]);
  if (args.empty()) {
    std::cerr << usage;
    return exit_bad_input;
  }
  const std::string cmd = args.front();
  const cli::Args rest(args.begin() + 1, args.end());
  try {
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << usage;
      return checked_stdout(cmd, exit_ok);
    }
    // --version works after any command too (docs/errors.md, "Exit codes"), up to a "--".
    const auto end = std::find(args.begin(), args.end(), "--");
    if (std::find(args.begin(), end, "--version") != end) {
      std::cout << version_string() << "\n";
      return checked_stdout(cmd, exit_ok);
    }
    if (cmd == "run") return checked_stdout(cmd, cli::run_command(rest));
    if (cmd == "validate") return checked_stdout(cmd, cli::validate_command(rest));
    if (cmd == "models") return checked_stdout(cmd, cli::models_command(rest));
    if (cmd == "describe") return checked_stdout(cmd, cli::describe_command(rest));
    if (cmd == "steady") return checked_stdout(cmd, cli::steady_command(rest));
    if (cmd == "compare") return checked_stdout(cmd, cli::compare_command(rest));
    if (cmd == "plot") return checked_stdout(cmd, cli::plot_command(rest));
    if (cmd == "sweep") return checked_stdout(cmd, cli::sweep_command(rest));
    if (cmd == "analyze") return checked_stdout(cmd, cli::analyze_command(rest));
    if (cmd == "merge") return checked_stdout(cmd, cli::merge_command(rest));
    if (cmd == "export") return checked_stdout(cmd, cli::export_command(rest));
    std::cerr
        << "osteon: error: unknown command '" << cmd
        << "'; expected one of run, sweep, merge, analyze, export, compare, validate, models, describe, steady, plot "
        << "(see osteon --help)\n";
    return exit_bad_input;
  } catch (const InputError& e) {
    std::cerr << "osteon " << cmd << ": " << e.what() << "\n";
    return exit_bad_input;
  } catch (const OutputError& e) {
    std::cerr << "osteon " << cmd << ": error: " << e.what() << "\n";
    // HDF5 1.10 crashes in its exit-time cleanup of a file whose close failed
    // (H5F__close_cb): end here; what osteon keeps or removes is settled.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(exit_internal);
  } catch (const ResourceError& e) {
    std::cerr << "osteon " << cmd << ": error: " << e.what() << "\n";
    return exit_internal;
  } catch (const std::bad_alloc&) {
    std::cerr << "osteon " << cmd
              << ": error: out of memory (a memory limit, or an input larger than this "
                 "machine can hold); nothing was written\n";
    return exit_internal;
  } catch (const std::exception& e) {
    std::cerr << "osteon " << cmd << ": internal error: " << e.what() << "\n";
    return exit_internal;
  }
}
