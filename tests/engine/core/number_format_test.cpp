// The one number formatter: each style against printf's own rendering of the
// same specification (the formatters it replaced), and the cases they got wrong.
#include "core/number_format.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace {

std::string printf_g(const char* spec, double x) {
  char buf[512];
  std::snprintf(buf, sizeof buf, spec, x);
  return buf;
}

}  // namespace

TEST(NumberFormat, MatchesPrintfForEveryStyleItReplaced) {
  const double xs[] = {0.0,
                       -0.0,
                       1.0,
                       0.1 + 0.2,
                       -2.5e-7,
                       123456.789,
                       3.0e12,
                       1.0 / 3.0,
                       std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()};
  for (double x : xs) {
    EXPECT_EQ(osteon::format_number(x), printf_g("%.6g", x));
    EXPECT_EQ(osteon::format_number(x, 8), printf_g("%.8g", x));
    EXPECT_EQ(osteon::format_number(x, 10), printf_g("%.10g", x));
    EXPECT_EQ(osteon::format_exact(x), printf_g("%.17g", x));
    EXPECT_EQ(osteon::format_number(x, {.digits = 2, .fixed = true}), printf_g("%.2f", x));
    EXPECT_EQ(osteon::format_number(x, {.digits = 2, .fixed = true, .sign = true}), printf_g("%+.2f", x));
    EXPECT_EQ(osteon::format_number(x, {.digits = 3, .fixed = true, .width = 8}), printf_g("%8.3f", x));
    EXPECT_EQ(osteon::format_number(x, {.digits = 4, .width = 12}), printf_g("%12.4g", x));
  }
  EXPECT_EQ(osteon::format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(osteon::format_number(-1.5, {.digits = 2, .fixed = true, .sign = true}), "-1.50");
  EXPECT_EQ(osteon::format_number(2.0, {.digits = 2, .fixed = true, .sign = true}), "+2.00");
}

TEST(NumberFormat, NanTextIsAlignedLikeANumber) {
  const double nan = std::nan("");
  EXPECT_EQ(osteon::format_number(nan, {.digits = 3, .fixed = true, .width = 8, .nan = "nan"}), "     nan");
  EXPECT_EQ(osteon::format_number(nan, {.digits = 2, .fixed = true, .nan = "n/a"}), "n/a");
}

// The compare table's formatter wrote into 32 characters and cut a large fixed-point value
// (1e40 in %.2f has 44) short without a sign of it; the one formatter sizes its text.
TEST(NumberFormat, LargeFixedPointValuesAreNotCut) {
  const std::string s = osteon::format_number(1e40, {.digits = 2, .fixed = true});
  EXPECT_EQ(s, printf_g("%.2f", 1e40));
  EXPECT_EQ(s.size(), 44u);
  // %.17g round-trips.
  const double x = 0.1 + 0.2;
  EXPECT_EQ(std::stod(osteon::format_exact(x)), x);
}
