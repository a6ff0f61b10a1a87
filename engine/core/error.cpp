#include "core/error.hpp"

namespace osteon {

namespace {
// What was found, shortened for the message: a whole binary file or a line of
// thousands of characters helps nobody. Cut at a UTF-8 character boundary.
std::string shortened(const std::string& found) {
  constexpr std::size_t limit = 160;
  if (found.size() <= limit) return found;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(found[cut]) & 0xC0) == 0x80) --cut;
  return found.substr(0, cut) + "... (" + std::to_string(found.size()) + " bytes)";
}
}  // namespace

InputError::InputError(SourceLocation where, std::string key, std::string found, std::string expected)
    : std::runtime_error([&] {
        std::string m = where.file.empty() ? std::string() : where.file;
        if (where.line > 0) m += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
        if (!m.empty()) m += ": ";
        m += "error: ";
        if (!key.empty()) m += "key '" + key + "': ";
        m += "found " + shortened(found) + "; expected " + expected;
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
