// Unit parsing and conversion: every conversion in osteon goes through here.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/units.hpp"

using namespace osteon;

TEST(Units, TimeUnitsOfTheScenarioFormat) {
  EXPECT_DOUBLE_EQ(convert(1, "min", "d"), 1.0 / 1440.0);
  EXPECT_DOUBLE_EQ(convert(12, "h", "d"), 0.5);
  EXPECT_DOUBLE_EQ(convert(2, "wk", "d"), 14.0);
  EXPECT_DOUBLE_EQ(convert(6, "mo", "d"), 182.625);  // 30.4375 d per month
  EXPECT_DOUBLE_EQ(convert(5, "y", "d"), 1826.25);   // 365.25 d per year
  EXPECT_DOUBLE_EQ(convert(1, "y", "mo"), 12.0);
}

TEST(Units, ConcentrationsAndRates) {
  EXPECT_DOUBLE_EQ(convert(1, "nM", "pM"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(24, "pM/d", "pM/h"), 1.0);
  EXPECT_DOUBLE_EQ(convert(1, "1/(pM*d)", "1/(nM*d)"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(0.7, "/d", "1/d"), 0.7);
  EXPECT_DOUBLE_EQ(convert(1, "ug/mL", "ng/mL"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(1, "mg/L", "ng/mL"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(50, "%", "1"), 0.5);
  EXPECT_DOUBLE_EQ(convert(1, "g/cm^3", "kg/m^3"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(1, "GPa", "MPa"), 1000.0);
  EXPECT_DOUBLE_EQ(convert(2672, "ng/(kg*d)", "ng/(kg*d)"), 2672.0);
}

TEST(Units, SameUnitIsExact) {
  // A value given in its declared unit must come through bit for bit.
  const double v = 0.1 + 0.2;
  EXPECT_EQ(convert(v, "pM/d", "pM/d"), v);
  EXPECT_EQ(to_unit(parse_quantity("1e-4 pM"), "pM"), 1e-4);
}

TEST(Units, Quantities) {
  auto q = parse_quantity("60 mg");
  EXPECT_EQ(q.value, 60.0);
  EXPECT_EQ(q.unit_text, "mg");
  EXPECT_DOUBLE_EQ(to_unit(parse_quantity("6 mo"), "d"), 182.625);
  EXPECT_DOUBLE_EQ(to_unit(parse_quantity("1000 pM/d"), "pM/d"), 1000.0);
  EXPECT_DOUBLE_EQ(to_unit(parse_quantity("+2.5e3"), "pM"), 2500.0);  // bare: declared unit
  EXPECT_DOUBLE_EQ(to_unit(parse_quantity("-1.2e-3 pM/d"), "pM/d"), -1.2e-3);
}

TEST(Units, RejectsBadInput) {
  EXPECT_THROW(parse_quantity(""), UnitError);
  EXPECT_THROW(parse_quantity("mg"), UnitError);
  EXPECT_THROW(parse_quantity("nan"), UnitError);
  EXPECT_THROW(parse_quantity("inf d"), UnitError);
  EXPECT_THROW(parse_quantity("1e999 d"), UnitError);
  EXPECT_THROW(parse_quantity("5 parsec"), UnitError);
  EXPECT_THROW(parse_unit("pM/(d"), UnitError);
  EXPECT_THROW(convert(1, "mg", "d"), UnitError);      // mass is not time
  EXPECT_THROW(convert(1, "ng/mL", "pM"), UnitError);  // needs a molar mass: not a unit conversion
  EXPECT_THROW(convert(1, "IU", "mg"), UnitError);
  // Found by fuzzing: a huge power overflowed the exponent arithmetic.
  EXPECT_THROW(parse_unit("M^1246262626"), UnitError);
  EXPECT_THROW(parse_unit("((m^12)^12)^12"), UnitError);
  EXPECT_DOUBLE_EQ(parse_unit("m^-3").factor, 1.0);
}

// Issue 19: ~33 000 nested '(' overflowed the stack of the recursive parser (SIGSEGV).
TEST(Units, RejectsDeeplyNestedParenthesesWithoutStackOverflow) {
  const std::string deep = std::string(100000, '(') + "d" + std::string(100000, ')');
  try {
    parse_unit(deep);
    FAIL() << "accepted";
  } catch (const UnitError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("nested more than"), std::string::npos) << what;
    EXPECT_LT(what.size(), 400u) << "the message quotes the whole input";
  }
  EXPECT_THROW(parse_quantity("1 " + deep), UnitError);
  EXPECT_DOUBLE_EQ(parse_unit("((((d))))").factor, 1.0);  // moderate nesting still reads
}

TEST(Units, DimensionComparison) {
  EXPECT_TRUE(same_dimension("pM/d", "nM/h"));
  EXPECT_FALSE(same_dimension("pM/d", "pM"));
  EXPECT_TRUE(same_dimension("%", "1"));
}
