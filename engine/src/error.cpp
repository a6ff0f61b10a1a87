#include "osteon/error.hpp"

namespace osteon {

InputError::InputError(SourceLocation where, std::string key, std::string found, std::string expected)
    : std::runtime_error([&] {
        std::string m = where.file.empty() ? std::string() : where.file;
        if (where.line > 0) m += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
        if (!m.empty()) m += ": ";
        m += "error: ";
        if (!key.empty()) m += "key '" + key + "': ";
        m += "found " + found + "; expected " + expected;
        return m;
      }()),
      where_(std::move(where)),
      key_(std::move(key)),
      found_(std::move(found)),
      expected_(std::move(expected)) {}

InputError::InputError(SourceLocation where, std::string message)
    : std::runtime_error([&] {
        std::string m = where.file;
        if (where.line > 0) m += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
        if (!m.empty()) m += ": ";
        return m + "error: " + message;
      }()),
      where_(std::move(where)) {}

}  // namespace osteon
