// Error types and the process exit codes that go with them.
#pragma once

#include <stdexcept>
#include <string>

namespace osteon {

// Exit codes of the command line: 0 success, 1 internal failure, 2 bad input,
// 3 interrupted by a signal (finished work kept, file marked incomplete).
inline constexpr int exit_ok = 0;
inline constexpr int exit_internal = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_interrupted = 3;

// A malformed unit or quantity string; the caller adds where it came from.
class UnitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writing an output failed for a reason outside the input: disk full, file
// size limit, I/O error. The message names the file and the OS error; the
// command exits 1 and leaves no file that looks complete (docs/errors.md).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The machine refused a resource the command needs (a thread under a process
// or memory limit, memory for a table the limits allow): exit 1 with the
// reason, nothing written. Rerunning with fewer threads or more memory helps.
class ResourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where in an input a value was found. line and column are 1-based; 0 when
// the value did not come from a file (e.g. a --set option).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Bad input from the user: a scenario, a sweep, an option. The message names
// the file and line, the key, what was found and what was expected.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string key, std::string found, std::string expected);
  // For problems that are not about a single value (e.g. an unreadable file).
  InputError(SourceLocation where, std::string message);

  const SourceLocation& where() const { return where_; }
  const std::string& key() const { return key_; }
  const std::string& found() const { return found_; }
  const std::string& expected() const { return expected_; }

 private:
  SourceLocation where_;
  std::string key_, found_, expected_;
};

}  // namespace osteon
