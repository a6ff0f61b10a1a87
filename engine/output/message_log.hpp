// The side log of failed runs' messages kept next to a resumable sweep's partial file: one
// record per line, "RUN<TAB>MESSAGE", with backslash, newline and tab escaped. The serial writer
// and the MPI ranks write it and a resume reads it back, so the format lives here once.
#pragma once

#include <string>

namespace osteon {

inline std::string escape_line(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '\\')
      o += "\\\\";
    else if (c == '\n')
      o += "\\n";
    else if (c == '\t')
      o += "\\t";
    else
      o += c;
  }
  return o;
}

inline std::string unescape_line(const std::string& s) {
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      o += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      o += s[i];
    }
  }
  return o;
}

}  // namespace osteon
