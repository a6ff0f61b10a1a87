#include "scenario/yaml_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "core/units.hpp"
#include "model/model_info.hpp"  // suggest

namespace osteon {

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

SourceLocation yaml_location(const std::string& file, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return {file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0};
}

std::string yaml_parser_message(const YAML::ParserException& e) {
  // yaml-cpp's depth guard reports nesting deeper than it will parse as "bad file".
  if (e.msg == YAML::ErrorMsg::BAD_FILE) return "lists or mappings nested too deeply";
  return e.msg;
}

std::optional<std::string> special_input_file(const std::string& path, std::uintmax_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;  // missing or unreadable: the caller's message
  if (S_ISDIR(st.st_mode)) return std::string("a directory");
  if (!S_ISREG(st.st_mode)) return std::string("a device, FIFO or other special file");
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    return "a file of " + std::to_string(st.st_size) + " bytes (at most " + std::to_string(max_bytes) + " are read)";
  }
  return std::nullopt;
}

std::string read_input_file(const std::string& path, const std::string& what) {
  // Regular files only: /dev/zero would be read forever, a FIFO would block.
  if (auto bad = special_input_file(path, max_input_file_bytes)) {
    if (*bad == "a directory") throw InputError(SourceLocation{path, 0, 0}, "a directory, not a " + what);
    throw InputError(SourceLocation{path, 0, 0}, "found " + *bad + "; expected a " + what + " (a regular file)");
  }
  // O_NONBLOCK: a FIFO put in its place after the check does not block the open.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw InputError(SourceLocation{path, 0, 0}, "cannot open " + what + " (does it exist and is it readable?)");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(SourceLocation{path, 0, 0},
                     "found a device, FIFO or other special file; expected a " + what + " (a regular file)");
  }
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      throw InputError(SourceLocation{path, 0, 0}, "cannot read " + what);
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > max_input_file_bytes) {
      ::close(fd);
      throw InputError(SourceLocation{path, 0, 0}, "found a " + what + " that grows past " +
                                                       std::to_string(max_input_file_bytes) +
                                                       " bytes; expected a regular file");
    }
  }
  ::close(fd);
  return text;
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    // The parser's words ("illegal map value") never say that a tab caused them: name it when the
    // failing line (or the one before, for a nested key) is indented with one.
    std::string hint;
    if (e.mark.line >= 0) {
      std::size_t begin = 0;
      for (int line = 0; line < e.mark.line - 1 && begin != std::string::npos; ++line) {
        begin = text.find('\n', begin);
        if (begin != std::string::npos) ++begin;
      }
      for (int k = 0; k < 2 && begin != std::string::npos && begin < text.size() && hint.empty(); ++k) {
        if (k == 0 && e.mark.line == 0) k = 1;
        const std::size_t end = std::min(text.find('\n', begin), text.size());
        const std::size_t indent_end = text.find_first_not_of(" \t", begin);
        if (text.substr(begin, std::min(indent_end, end) - begin).find('\t') != std::string::npos) {
          hint =
              " (line " + std::to_string(e.mark.line + k) + " is indented with a tab; YAML indents with spaces only)";
        }
        begin = end < text.size() ? end + 1 : std::string::npos;
      }
    }
    throw InputError(SourceLocation{file, e.mark.line + 1, e.mark.column + 1},
                     "malformed YAML: " + yaml_parser_message(e) + hint);
  }
}

void YamlReader::fail(const YAML::Node& n, const std::string& key, const std::string& found,
                      const std::string& expected) const {
  throw InputError(at(n), key, found, expected);
}

std::string YamlReader::describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar:
      return in_quotes(n.Scalar());
    case YAML::NodeType::Sequence:
      // "found a list; expected a list of rules" reads as a contradiction when the list is empty
      return n.size() == 0 ? "an empty list" : "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "nothing";
  }
}

std::string YamlReader::key_text(const YAML::Node& k, const std::string& path) const {
  if (!k.IsScalar()) fail(k, path, describe(k) + " as a key", "a name");
  return k.Scalar();
}

void YamlReader::keys(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) const {
  if (!n.IsMap()) fail(n, path, describe(n), "a mapping with keys " + join(allowed));
  std::map<std::string, int> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string k = key_text(it->first, path);
    const std::string full = path.empty() ? k : path + "." + k;
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      const std::string hint = suggest(k, allowed);
      fail(it->first, full, "unknown key " + in_quotes(k),
           hint.empty() ? "one of " + join(allowed) : hint + " (known keys: " + join(allowed) + ")");
    }
    const int line = at(it->first).line;
    if (auto [pos, fresh] = seen.emplace(k, line); !fresh) {
      fail(it->first, full, "a second " + in_quotes(k),
           "each key once (first at line " + std::to_string(pos->second) + ")");
    }
  }
}

YAML::Node YamlReader::mapping_document(const std::string& text, const std::vector<std::string>& top_keys,
                                        const std::string& expected) const {
  const YAML::Node root = parse_yaml(text, file_);
  if (!root.IsMap()) {
    throw InputError(SourceLocation{file_, 1, 1}, "", root.IsNull() ? "an empty document" : describe(root), expected);
  }
  keys(root, "", top_keys);
  return root;
}

YAML::Node YamlReader::required(const YAML::Node& root, const std::string& key, const std::string& expected) const {
  YAML::Node n = root[key];
  if (!n) throw InputError(SourceLocation{file_, 1, 1}, key, "no '" + key + "'", expected);
  return n;
}

std::string YamlReader::format_1_name(const YAML::Node& root, const std::string& kind,
                                      const std::string& name_expected) const {
  const YAML::Node version = required(root, "osteon", "the format version, 'osteon: 1'");
  if (!version.IsScalar() || version.Scalar() != "1") {
    fail(version, "osteon", describe(version), "1 (this osteon reads " + kind + " format 1)");
  }
  const YAML::Node node = required(root, "name", "a " + kind + " name of lower-case letters, digits and '_'");
  std::string name = scalar(node, "name", name_expected);
  static const std::regex name_re("[a-z0-9_]+");
  if (!std::regex_match(name, name_re)) fail(node, "name", in_quotes(name), "lower-case letters, digits and '_' only");
  return name;
}

std::string YamlReader::scalar(const YAML::Node& n, const std::string& key, const std::string& expected) const {
  if (!n.IsScalar()) fail(n, key, describe(n), expected);
  return n.Scalar();
}

Quantity YamlReader::parsed_quantity(const YAML::Node& n, const std::string& key, const std::string& text,
                                     const std::string& expected) const {
  try {
    return parse_quantity(text);
  } catch (const UnitError& e) {
    fail(n, key, in_quotes(text) + " (" + e.what() + ")", expected);
  }
}

double YamlReader::quantity(const YAML::Node& n, const std::string& key, const std::string& unit,
                            const std::string& what) const {
  const std::string u = unit.empty() ? "1" : unit;
  const std::string expected = what + (u == "1" ? "" : " in " + u + " or a compatible unit");
  const std::string s = scalar(n, key, expected);
  const Quantity q = parsed_quantity(n, key, s, expected);
  try {
    return to_unit(q, u);
  } catch (const UnitError&) {
    fail(n, key, in_quotes(s) + " (unit " + in_quotes(q.unit_text) + ")", expected);
  }
}

double YamlReader::time(const YAML::Node& n, const std::string& key, const std::string& what,
                        const char* declared) const {
  const std::string expected = what + " with a time unit (" + std::string(time_units_help()) + "), e.g. '6 mo'";
  const std::string s = scalar(n, key, expected);
  const Quantity q = parsed_quantity(n, key, s, expected);
  // A bare number of days was a silent wrong answer (`every: 6` dosed every 6 days): a time needs
  // its unit. Zero needs none, and ages (declared in years) keep their bare years.
  if (q.unit_text.empty() && q.value != 0.0 && std::string(declared) != "y") {
    fail(n, key, in_quotes(s) + " (a number without a unit: days? months? years?)", expected);
  }
  try {
    return to_unit(q, declared);
  } catch (const UnitError& e) {
    fail(n, key, in_quotes(s) + " (" + e.what() + ")", expected);
  }
}

double YamlReader::number(const YAML::Node& n, const std::string& key, const std::string& expected) const {
  const std::string s = scalar(n, key, expected);
  Quantity q;
  try {
    q = parse_quantity(s);
  } catch (const UnitError&) {
    fail(n, key, in_quotes(s), expected);
  }
  if (!q.unit_text.empty()) fail(n, key, in_quotes(s), expected + " (a plain number)");
  return q.value;
}

long YamlReader::integer(const YAML::Node& n, const std::string& key, const std::string& expected) const {
  const double v = number(n, key, expected);
  if (v != std::floor(v) || std::fabs(v) > 9e15) fail(n, key, in_quotes(n.Scalar()), expected);
  return static_cast<long>(v);
}

std::uint64_t YamlReader::whole(const YAML::Node& n, const std::string& key, const std::string& expected, double lo,
                                double hi) const {
  const std::string s = scalar(n, key, expected);
  static const std::regex digits(R"(\s*-?\d+\s*)");
  if (std::regex_match(s, digits)) {
    if (s.find('-') != std::string::npos) fail(n, key, in_quotes(s), expected);
    try {
      const unsigned long long v = std::stoull(s);
      if (static_cast<double>(v) < lo || static_cast<double>(v) > hi) fail(n, key, in_quotes(s), expected);
      return v;
    } catch (const std::out_of_range&) {
      fail(n, key, in_quotes(s), expected);
    }
  }
  const double v = number(n, key, expected);
  if (v != std::floor(v) || v < lo || v > hi) fail(n, key, in_quotes(s), expected);
  return static_cast<std::uint64_t>(v);
}

bool YamlReader::boolean(const YAML::Node& n, const std::string& key) const {
  const std::string s = scalar(n, key, "true or false");
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(n, key, in_quotes(s), "true or false");
}

}  // namespace osteon
