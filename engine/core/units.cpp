#include "core/units.hpp"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>

#include "core/error.hpp"

namespace osteon {
namespace {

// std::from_chars for a double. Emscripten's libc++ has only the integer overloads, so the web
// build reads the same decimal grammar (sign, digits, point, exponent; or inf/nan) and converts
// that prefix with strtod in the "C" locale every WebAssembly module runs in.
std::from_chars_result double_from_chars(const char* first, const char* last, double& v) {
#if defined(__EMSCRIPTEN__)
  const char* p = first;
  if (p != last && *p == '-') ++p;
  const auto word = [&](const char* w) {
    const char* q = p;
    for (; *w; ++w, ++q) {
      if (q == last || std::tolower(static_cast<unsigned char>(*q)) != *w) return static_cast<const char*>(nullptr);
    }
    return q;
  };
  const char* end = nullptr;
  if (const char* long_inf = word("infinity")) {
    end = long_inf;
  } else if (const char* inf = word("inf")) {
    end = inf;
  } else if (const char* not_a_number = word("nan")) {
    end = not_a_number;
  } else {
    const auto digits = [&](const char* q) {
      while (q != last && std::isdigit(static_cast<unsigned char>(*q))) ++q;
      return q;
    };
    const char* q = digits(p);
    bool any = q != p;
    if (q != last && *q == '.') {
      const char* f = digits(q + 1);
      any = any || f != q + 1;
      q = f;
    }
    if (!any) return {first, std::errc::invalid_argument};
    if (q != last && (*q == 'e' || *q == 'E')) {
      const char* e = q + 1;
      if (e != last && (*e == '+' || *e == '-')) ++e;
      const char* d = digits(e);
      if (d != e) q = d;
    }
    end = q;
  }
  const std::string text(first, end);
  errno = 0;
  const double x = std::strtod(text.c_str(), nullptr);
  if (errno == ERANGE) return {end, std::errc::result_out_of_range};
  v = x;
  return {end, std::errc{}};
#else
  return std::from_chars(first, last, v);
#endif
}

Unit base(double factor, Dimension::Base b, int e = 1) {
  Unit u{factor, {}};
  u.dim.exponent[b] = e;
  return u;
}

// Every unit name osteon understands, onto day, mol, m, kg, IU.
const std::map<std::string, Unit, std::less<>>& unit_table() {
  static const std::map<std::string, Unit, std::less<>> table = [] {
    std::map<std::string, Unit, std::less<>> t;
    const auto T = Dimension::time, N = Dimension::amount, L = Dimension::length, M = Dimension::mass,
               I = Dimension::iu;
    // time
    for (const char* n : {"s", "sec"}) t[n] = base(1.0 / 86400.0, T);
    for (const char* n : {"min", "minute", "minutes"}) t[n] = base(1.0 / 1440.0, T);
    for (const char* n : {"h", "hr", "hour", "hours"}) t[n] = base(1.0 / 24.0, T);
    for (const char* n : {"d", "day", "days"}) t[n] = base(1.0, T);
    for (const char* n : {"wk", "week", "weeks"}) t[n] = base(days_per_week, T);
    for (const char* n : {"mo", "month", "months"}) t[n] = base(days_per_month, T);
    for (const char* n : {"y", "yr", "year", "years"}) t[n] = base(days_per_year, T);
    // amount of substance
    t["mol"] = base(1.0, N);
    t["mmol"] = base(1e-3, N);
    for (const char* n : {"umol", "µmol"}) t[n] = base(1e-6, N);
    t["nmol"] = base(1e-9, N);
    t["pmol"] = base(1e-12, N);
    t["fmol"] = base(1e-15, N);
    // length and volume
    t["m"] = base(1.0, L);
    t["cm"] = base(1e-2, L);
    t["mm"] = base(1e-3, L);
    for (const char* n : {"um", "µm"}) t[n] = base(1e-6, L);
    t["L"] = base(1e-3, L, 3);
    t["dL"] = base(1e-4, L, 3);
    t["mL"] = base(1e-6, L, 3);
    for (const char* n : {"uL", "µL"}) t[n] = base(1e-9, L, 3);
    // mass
    t["kg"] = base(1.0, M);
    t["g"] = base(1e-3, M);
    t["mg"] = base(1e-6, M);
    for (const char* n : {"ug", "µg", "mcg"}) t[n] = base(1e-9, M);
    t["ng"] = base(1e-12, M);
    t["pg"] = base(1e-15, M);
    // molar concentrations (mol per litre)
    const Unit litre = base(1e-3, L, 3);
    t["M"] = base(1.0, N) / litre;
    t["mM"] = base(1e-3, N) / litre;
    for (const char* n : {"uM", "µM"}) t[n] = base(1e-6, N) / litre;
    t["nM"] = base(1e-9, N) / litre;
    t["pM"] = base(1e-12, N) / litre;
    t["fM"] = base(1e-15, N) / litre;
    // pressure and energy density (kg m^-1 s^-2, with seconds expressed in days)
    const Unit pa = base(1.0, M) / base(1.0, L) / base(1.0 / 86400.0, T).pow(2);
    t["Pa"] = pa;
    t["kPa"] = Unit{1e3 * pa.factor, pa.dim};
    t["MPa"] = Unit{1e6 * pa.factor, pa.dim};
    t["GPa"] = Unit{1e9 * pa.factor, pa.dim};
    // international units (vitamin D)
    t["IU"] = base(1.0, I);
    // dimensionless
    t["%"] = Unit{0.01, {}};
    t["1"] = Unit{1.0, {}};
    for (const char* n : {"cell", "cells"}) t[n] = Unit{1.0, {}};
    return t;
  }();
  return table;
}

// Recursive-descent parser over a unit expression.
class UnitParser {
 public:
  explicit UnitParser(std::string_view s) : s_(s) {}

  Unit parse() {
    skip_space();
    Unit u;
    if (peek() == '/') {  // "/d" means 1/d
      u = Unit{};
    } else if (at_end()) {
      return Unit{};
    } else {
      u = factor();
    }
    u = rest(u);
    skip_space();
    if (!at_end()) fail("unexpected '" + std::string(1, peek()) + "'");
    return u;
  }

 private:
  static constexpr int max_power = 12;
  // Parentheses nest through recursion: bounded, so that no input can exhaust
  // the stack (tens of thousands of '(' crashed the process).
  static constexpr int max_depth = 32;

  // Every exponent of a result stays within ±max_power, however nested.
  Unit bounded(const Unit& u) const {
    for (int e : u.dim.exponent) {
      if (e < -max_power || e > max_power) fail("unit powers out of range");
    }
    return u;
  }

  Unit rest(Unit u) {
    for (;;) {
      skip_space();
      if (at_end() || peek() == ')') return u;
      if (peek() == '*' || peek() == '.' || starts_with("·")) {
        advance_operator();
        u = bounded(u * factor());
      } else if (peek() == '/') {
        ++pos_;
        u = bounded(u / factor());
      } else {
        u = bounded(u * factor());  // juxtaposition, e.g. "pM d"
      }
    }
  }

  Unit factor() {
    skip_space();
    Unit u;
    if (peek() == '(') {
      if (++depth_ > max_depth) fail("parentheses nested more than " + std::to_string(max_depth) + " deep");
      ++pos_;
      skip_space();
      u = (peek() == '/') ? rest(Unit{}) : rest(factor());
      skip_space();
      if (peek() != ')') fail("missing ')'");
      ++pos_;
      --depth_;
    } else {
      const std::size_t start = pos_;
      while (!at_end() && is_name_char()) ++pos_;
      std::string_view name = s_.substr(start, pos_ - start);
      if (name.empty()) fail(at_end() ? "unit expected at end" : "unexpected '" + std::string(1, peek()) + "'");
      const auto& table = unit_table();
      auto it = table.find(name);
      if (it == table.end()) fail("unknown unit '" + std::string(name) + "'");
      u = it->second;
    }
    skip_space();
    if (peek() == '^') {
      ++pos_;
      skip_space();
      int e = 0;
      auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), e);
      if (ec != std::errc{}) fail("integer power expected after '^'");
      pos_ = static_cast<std::size_t>(p - s_.data());
      // Physical units need small powers; bounding them keeps exponent
      // arithmetic far from integer overflow (found by fuzzing: "M^1246262626").
      if (e < -max_power || e > max_power) fail("power " + std::to_string(e) + " is out of range");
      u = bounded(u.pow(e));
    } else if (!at_end() && (peek() == '2' || peek() == '3') && pos_ > 0 &&
               std::isalpha(static_cast<unsigned char>(s_[pos_ - 1]))) {
      u = u.pow(peek() - '0');  // "cm3", "m2"
      ++pos_;
    }
    return u;
  }

  bool is_name_char() const {
    const unsigned char c = static_cast<unsigned char>(peek());
    return std::isalpha(c) || c == '%' || c == '1' || c >= 0x80;
  }
  bool starts_with(std::string_view p) const { return s_.substr(pos_).starts_with(p); }
  void advance_operator() { pos_ += starts_with("·") ? std::string_view("·").size() : 1; }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  bool at_end() const { return pos_ >= s_.size(); }
  void skip_space() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  [[noreturn]] void fail(const std::string& why) const {
    // Quoted at most 160 bytes: the unit text may be a whole hostile input.
    constexpr std::size_t max_quote = 160;
    const std::string quoted =
        s_.size() <= max_quote ? std::string(s_)
                               : std::string(s_.substr(0, max_quote)) + "... (" + std::to_string(s_.size()) + " bytes)";
    throw UnitError("cannot read unit '" + quoted + "': " + why);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Unit operator*(const Unit& a, const Unit& b) {
  Unit u{a.factor * b.factor, a.dim};
  for (int i = 0; i < Dimension::n_base; ++i) u.dim.exponent[i] += b.dim.exponent[i];
  return u;
}

Unit operator/(const Unit& a, const Unit& b) {
  Unit u{a.factor / b.factor, a.dim};
  for (int i = 0; i < Dimension::n_base; ++i) u.dim.exponent[i] -= b.dim.exponent[i];
  return u;
}

Unit Unit::pow(int e) const {
  Unit u{std::pow(factor, e), dim};
  for (auto& x : u.dim.exponent) x *= e;
  return u;
}

Unit parse_unit(std::string_view text) { return UnitParser(trim(text)).parse(); }

Quantity parse_quantity(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) throw UnitError("empty value");
  double v = 0.0;
  const char* first = s.data();
  if (*first == '+') ++first;  // from_chars rejects a leading '+'
  auto [p, ec] = double_from_chars(first, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) throw UnitError("number out of range in '" + std::string(s) + "'");
  if (ec != std::errc{}) throw UnitError("'" + std::string(s) + "' does not start with a number");
  if (!std::isfinite(v)) throw UnitError("'" + std::string(s) + "' is not a finite number");
  Quantity q{v, std::string(trim(std::string_view(p, static_cast<std::size_t>(s.data() + s.size() - p))))};
  if (!q.unit_text.empty()) parse_unit(q.unit_text);  // validate now
  return q;
}

double convert(double value, std::string_view from, std::string_view to) {
  if (from == to) return value;  // exact, no rounding
  const Unit a = parse_unit(from), b = parse_unit(to);
  if (!(a.dim == b.dim)) {
    throw UnitError("unit '" + std::string(from) + "' cannot be converted to '" + std::string(to) + "'");
  }
  return value * (a.factor / b.factor);
}

double to_unit(const Quantity& q, std::string_view declared_unit) {
  if (q.unit_text.empty()) return q.value;
  return convert(q.value, q.unit_text, declared_unit);
}

bool same_dimension(std::string_view a, std::string_view b) {
  try {
    return parse_unit(a).dim == parse_unit(b).dim;
  } catch (const UnitError&) {
    return false;
  }
}

std::string_view time_units_help() { return "min, h, d, wk (7 d), mo (30.4375 d), y (365.25 d)"; }

}  // namespace osteon
