// Which osteon this is.
#pragma once

#include <string>

namespace osteon {

const char* version();       // e.g. "0.1.0"
const char* git_revision();  // short SHA of the source tree, "-dirty" if modified, or "unknown"

inline std::string version_string() { return std::string("osteon ") + version() + " (git " + git_revision() + ")"; }

}  // namespace osteon
