// Counts the floating-point work in one right-hand-side evaluation of each
// model by instantiating the templated right-hand side with a counting scalar:
// the input of the roofline estimate in docs/performance.md.
//   add/sub/mul count 1 flop, div 1 (but costs ~4-8x an FMA slot), and each
//   exp/log call is reported separately (a vectorised exp or log is ~20 flops).
#include <cmath>
#include <cstdio>
#include <vector>

#include "numerics/math.hpp"

namespace osteon::bench {

struct Counts {
  long add = 0, mul = 0, div = 0, exp = 0, log = 0, cmp = 0;
};
inline Counts counts;

// A double that counts what is done to it.
struct Counted {
  double v = 0.0;
  Counted() = default;
  Counted(double x) : v(x) {}  // NOLINT(google-explicit-constructor)
  friend Counted operator+(Counted a, Counted b) {
    ++counts.add;
    return a.v + b.v;
  }
  friend Counted operator-(Counted a, Counted b) {
    ++counts.add;
    return a.v - b.v;
  }
  friend Counted operator*(Counted a, Counted b) {
    ++counts.mul;
    return a.v * b.v;
  }
  friend Counted operator/(Counted a, Counted b) {
    ++counts.div;
    return a.v / b.v;
  }
  friend Counted operator-(Counted a) { return -a.v; }
  friend Counted operator+(Counted a, double b) {
    ++counts.add;
    return a.v + b;
  }
  friend Counted operator+(double a, Counted b) {
    ++counts.add;
    return a + b.v;
  }
  friend Counted operator-(Counted a, double b) {
    ++counts.add;
    return a.v - b;
  }
  friend Counted operator-(double a, Counted b) {
    ++counts.add;
    return a - b.v;
  }
  friend Counted operator*(Counted a, double b) {
    ++counts.mul;
    return a.v * b;
  }
  friend Counted operator*(double a, Counted b) {
    ++counts.mul;
    return a * b.v;
  }
  friend Counted operator/(Counted a, double b) {
    ++counts.div;
    return a.v / b;
  }
  friend Counted operator/(double a, Counted b) {
    ++counts.div;
    return a / b.v;
  }
  Counted& operator+=(Counted o) { return *this = *this + o; }
  Counted& operator-=(Counted o) { return *this = *this - o; }
  Counted& operator*=(Counted o) { return *this = *this * o; }
  friend bool operator<(Counted a, Counted b) {
    ++counts.cmp;
    return a.v < b.v;
  }
  friend bool operator>(Counted a, Counted b) {
    ++counts.cmp;
    return a.v > b.v;
  }
  friend bool operator<=(Counted a, Counted b) {
    ++counts.cmp;
    return a.v <= b.v;
  }
  friend bool operator>=(Counted a, Counted b) {
    ++counts.cmp;
    return a.v >= b.v;
  }
};

}  // namespace osteon::bench

// Overloads visible before the model templates are defined (qualified calls
// such as math::pow bind at the point of definition).
namespace osteon::math {
using bench::Counted;
inline Counted exp(Counted x) {
  ++bench::counts.exp;
  return std::exp(x.v);
}
inline Counted log(Counted x) {
  ++bench::counts.log;
  return std::log(x.v);
}
inline Counted sqrt(Counted x) {
  ++bench::counts.div;
  return std::sqrt(x.v);
}
inline Counted abs(Counted x) { return std::fabs(x.v); }
// As on lanes: x^y = exp(y log x).
inline Counted pow(Counted x, Counted y) { return exp(y * log(x)); }
inline Counted max(Counted a, Counted b) { return a > b ? a : b; }
inline Counted min(Counted a, Counted b) { return a < b ? a : b; }
inline Counted select(bool c, Counted a, Counted b) { return c ? a : b; }
inline Counted constant(Counted, double c) { return c; }
}  // namespace osteon::math

#include "builtin_models.hpp"
#include "integrated/integrated.hpp"
#include "komarova2003/komarova2003.hpp"
#include "lemaire2004/lemaire2004.hpp"
#include "martinez_reina2019/martinez_reina2019.hpp"
#include "pivonka2008/pivonka2008.hpp"
#include "scheiner2013/scheiner2013.hpp"

template <class M>
void count() {
  using osteon::bench::Counted;
  const osteon::Model& m = *osteon::models::builtin_registry().find(M::info().id);
  std::vector<double> p = m.default_params();
  p.resize(M::n_params + M::n_derived);
  m.derive(p.data(), p.data(), p.data() + M::n_params);
  const auto ss = m.steady_state(p.data(), {});
  std::vector<Counted> pc(p.begin(), p.end()), yc(ss.state.begin(), ss.state.end()), dy(M::n_states);
  osteon::bench::counts = {};
  M::template rhs<Counted>(Counted(100.0), yc.data(), pc.data(), dy.data());
  const auto& c = osteon::bench::counts;
  std::printf(
      "%-20s %3d states  add %4ld  mul %4ld  div %3ld  exp %2ld  log %2ld  cmp %2ld  (~%ld flops counting exp/log as "
      "20)\n",
      std::string(M::info().id).c_str(), M::n_states, c.add, c.mul, c.div, c.exp, c.log, c.cmp,
      c.add + c.mul + c.div + 20 * (c.exp + c.log));
}

int main() {
  using namespace osteon::models;
  count<Komarova2003>();
  count<Lemaire2004>();
  count<Pivonka2008>();
  count<Scheiner2013>();
  count<MartinezReina2019>();
  count<Integrated>();
}
