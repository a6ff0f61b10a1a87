// Right-hand-side cost per model, per scenario: double, 4 lanes and 8 lanes.
#include <benchmark/benchmark.h>

#include <array>
#include <vector>

#include "builtin_models.hpp"
#include "integrate/jacobian.hpp"
#include "integrated/integrated.hpp"
#include "komarova2003/komarova2003.hpp"
#include "lemaire2004/lemaire2004.hpp"
#include "martinez_reina2019/martinez_reina2019.hpp"
#include "numerics/flatten.hpp"
#include "numerics/lane.hpp"
#include "pivonka2008/pivonka2008.hpp"
#include "scheiner2013/scheiner2013.hpp"

namespace {

using namespace osteon;

// Parameters (declared and derived) and the steady state of a model's defaults.
template <class M>
std::pair<std::vector<double>, std::vector<double>> model_point() {
  const Model& m = *models::builtin_registry().find(M::info().id);
  std::vector<double> p = m.default_params();
  p.resize(M::n_params + M::n_derived);
  m.derive(p.data(), p.data(), p.data() + M::n_params);
  auto rep = m.steady_state(p.data(), {});
  std::vector<double> y = rep.state;
  for (auto& v : y) v *= 1.01;  // slightly off the fixed point, as during a run
  return {p, y};
}

template <class T>
T splat(double v) {
  if constexpr (std::is_same_v<T, double>) {
    return v;
  } else {
    return T::Constant(v);
  }
}

// Called as the batched workers call it: inlined into one body (see batched_dopri5_worker.hpp).
template <class M, class T>
OSTEON_FLATTEN void evaluate_rhs(const T& t, const T* y, const T* p, T* dydt) {
  M::template rhs<T>(t, y, p, dydt);
}

template <class M, class T>
void BM_rhs(benchmark::State& state) {
  auto [pd, yd] = model_point<M>();
  std::vector<T> p, y, dy(M::n_states);
  for (double v : pd) p.push_back(splat<T>(v));
  for (double v : yd) y.push_back(splat<T>(v));
  const T t = splat<T>(100.0);
  for (auto _ : state) {
    evaluate_rhs<M, T>(t, y.data(), p.data(), dy.data());
    benchmark::DoNotOptimize(dy.data());
    benchmark::ClobberMemory();
  }
  int lanes = 1;
  if constexpr (!std::is_same_v<T, double>) lanes = T::SizeAtCompileTime;
  state.counters["scenario_evals_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * lanes, benchmark::Counter::kIsRate);
}

template <class M>
void BM_jacobian(benchmark::State& state) {
  auto [p, y] = model_point<M>();
  std::vector<double> jac(M::n_states * M::n_states), dfdt(M::n_states);
  for (auto _ : state) {
    model_jacobian<M, double>(100.0, y.data(), p.data(), jac.data(), dfdt.data());
    benchmark::DoNotOptimize(jac.data());
  }
}

#define OSTEON_RHS_BENCH(M)                       \
  BENCHMARK_TEMPLATE(BM_rhs, M, double);          \
  BENCHMARK_TEMPLATE(BM_rhs, M, osteon::Lane<4>); \
  BENCHMARK_TEMPLATE(BM_rhs, M, osteon::Lane<8>); \
  BENCHMARK_TEMPLATE(BM_jacobian, M);

using models::Integrated;
using models::Komarova2003;
using models::Lemaire2004;
using models::MartinezReina2019;
using models::Pivonka2008;
using models::Scheiner2013;
OSTEON_RHS_BENCH(Komarova2003)
OSTEON_RHS_BENCH(Lemaire2004)
OSTEON_RHS_BENCH(Pivonka2008)
OSTEON_RHS_BENCH(Scheiner2013)
OSTEON_RHS_BENCH(MartinezReina2019)
OSTEON_RHS_BENCH(Integrated)

}  // namespace

BENCHMARK_MAIN();
