#include "core/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace osteon {

std::string format_number(double x, const NumberFormat& f) {
  char buf[64];
  if (f.nan != nullptr && std::isnan(x)) {
    std::snprintf(buf, sizeof buf, "%*s", f.width, f.nan);
    return buf;
  }
  char spec[16];
  char* s = spec;
  *s++ = '%';
  if (f.sign) *s++ = '+';
  *s++ = '*';
  if (f.digits >= 0) {
    *s++ = '.';
    *s++ = '*';
  }
  *s++ = f.fixed ? 'f' : 'g';
  *s = '\0';
  // A huge %f (1e300) needs more room than buf: measure first.
  const int n = f.digits >= 0 ? std::snprintf(nullptr, 0, spec, f.width, f.digits, x)
                              : std::snprintf(nullptr, 0, spec, f.width, x);
  std::string out(static_cast<std::size_t>(n), '\0');
  if (f.digits >= 0) {
    std::snprintf(out.data(), out.size() + 1, spec, f.width, f.digits, x);
  } else {
    std::snprintf(out.data(), out.size() + 1, spec, f.width, x);
  }
  return out;
}

}  // namespace osteon
