// The one way osteon writes a number as text (messages, tables, CSV, JSON):
// printf's %g (significant digits) or %f (decimals), optionally signed and
// right-aligned, NaN as a chosen word. One place, so a table and the message
// that cites it can never round the same number differently.
#pragma once

#include <string>

namespace osteon {

struct NumberFormat {
  int digits = 6;             // significant digits (general) or decimals (fixed); < 0: printf's default
  bool fixed = false;         // %f instead of %g
  bool sign = false;          // always a sign (+0.50)
  int width = 0;              // right-aligned in at least this many columns
  const char* nan = nullptr;  // text for NaN (right-aligned too); nullptr: printf's "nan"
};

// 6 significant digits unless told otherwise: format_number(0.1 + 0.2) is "0.3".
std::string format_number(double x, const NumberFormat& f = {});
inline std::string format_number(double x, int significant_digits) {
  return format_number(x, NumberFormat{.digits = significant_digits});
}
// Round-trips every double exactly (17 significant digits).
inline std::string format_exact(double x) { return format_number(x, 17); }

}  // namespace osteon
