// Physical units: parsing of quantity strings ("60 mg", "6 mo", "1000 pM/d")
// and every unit conversion in osteon. Nothing else in the code base converts.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace osteon {

// Exponents of the base dimensions. IU (international units) is its own
// dimension because its mass equivalent depends on the substance.
struct Dimension {
  enum Base { time, amount, length, mass, iu, n_base };
  std::array<int, n_base> exponent{};
  friend bool operator==(const Dimension&, const Dimension&) = default;
};

// A unit is a factor onto the canonical base units (day, mol, m, kg, IU) and a
// dimension. Percent is dimensionless with factor 0.01.
struct Unit {
  double factor = 1.0;
  Dimension dim{};
  friend Unit operator*(const Unit& a, const Unit& b);
  friend Unit operator/(const Unit& a, const Unit& b);
  Unit pow(int e) const;
  bool dimensionless() const { return dim == Dimension{}; }
};

// Parses a unit expression: products, quotients, parentheses and integer
// powers of unit names, e.g. "pM/d", "1/(pM*d)", "%/(pM d)", "g/cm^3", "/d".
// An empty string is the dimensionless unit 1. Throws UnitError.
Unit parse_unit(std::string_view text);

// A number with the unit text it was written with.
struct Quantity {
  double value = 0.0;
  std::string unit_text;  // empty when the number was bare
};

// Parses "<number> [unit]". Rejects NaN and infinities. Throws UnitError.
Quantity parse_quantity(std::string_view text);

// Converts value in unit `from` to unit `to`; throws UnitError when the
// dimensions differ.
double convert(double value, std::string_view from, std::string_view to);

// The value of a quantity in the declared unit of the field that receives it.
// A bare number is taken to be in the declared unit already.
double to_unit(const Quantity& q, std::string_view declared_unit);

// True when text parses as a unit with the same dimension as `declared`.
bool same_dimension(std::string_view a, std::string_view b);

// Unit names accepted for time, in the order shown in messages.
std::string_view time_units_help();

// Days per unit of the named calendar unit, as used everywhere in the engine.
inline constexpr double days_per_week = 7.0;
inline constexpr double days_per_month = 30.4375;
inline constexpr double days_per_year = 365.25;

}  // namespace osteon
