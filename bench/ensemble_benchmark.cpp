// Ensemble throughput: a heterogeneous 10-year ensemble of the Martínez-Reina
// 2019 model (PMO and denosumab PK parameters spread ±30 %, denosumab started
// at a different time in every run, so doses fall at different times), in
// run-years per second, per integrator, thread count and lane width.
//   OSTEON_BENCH_RUNS (default 10000) sets the ensemble size.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <sstream>
#include <thread>

#include "builtin_models.hpp"
#include "integrate/batched_dopri5_worker.hpp"
#include "martinez_reina2019/martinez_reina2019.hpp"
#include "output/result_writer.hpp"
#include "run/simulation.hpp"
#include "scenario/scenario.hpp"

namespace {

using namespace osteon;

std::size_t ensemble_size() {
  const char* e = std::getenv("OSTEON_BENCH_RUNS");
  return e ? std::strtoul(e, nullptr, 10) : 10000;
}

// The ensemble as a scenario with an inline runs table, seeded for repeatability.
std::string ensemble_yaml(std::size_t n) {
  std::ostringstream y;
  y.precision(10);
  y << "osteon: 1\nname: bench\nmodel: martinez_reina2019\nduration: 10 y\noutput: {every: 1 mo, variables: [OCa, "
       "BV_TV, "
       "denosumab_serum]}\nsolver: {rtol: 1e-8, atol: 1e-12}\nparameters: {PMO: 1, t_PMO: 0 d}\n"
       "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 1 y}\n"
       "runs:\n  columns: [P_PMO_ini, xi_PMO, k_a_den, body_weight, \"drugs[0].start\"]\n  rows:\n";
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> spread(0.7, 1.3), start(0.5, 2.0);
  for (std::size_t i = 0; i < n; ++i) {
    y << "    - [" << 4000 * spread(rng) << ", " << 65 * spread(rng) << ", " << 0.17 * spread(rng) << ", "
      << 60 * spread(rng) << ", " << start(rng) << " y]\n";
  }
  return y.str();
}

const Simulation& simulation(Method method, int threads) {
  static const std::string yaml = ensemble_yaml(ensemble_size());
  static std::map<std::pair<int, int>, std::unique_ptr<Simulation>> cache;
  auto& slot = cache[{static_cast<int>(method), threads}];
  if (!slot) {
    const auto& reg = models::builtin_registry();
    Scenario s = load_scenario_text(yaml, "<bench>", reg);
    RunOptions o;
    o.method = method;
    o.threads = threads;
    const Model& m = *reg.find(s.model);
    slot = std::make_unique<Simulation>(std::move(s), m, o);
  }
  return *slot;
}

// Counts results and drops them: pure compute.
class DropSink final : public ResultSink {
 public:
  void accept(RunResult&& r) override {
    if (r.status != RunStatus::ok) failed.fetch_add(1);
    steps.fetch_add(r.stats.steps + r.stats.rejected);
    rhs.fetch_add(r.stats.rhs_evals);
  }
  std::atomic<long> failed{0}, steps{0}, rhs{0};
};

void report(benchmark::State& state, const Simulation& sim, int cores) {
  const double run_years = static_cast<double>(sim.n_runs()) * sim.scenario().duration / 365.25;
  state.counters["runs"] = static_cast<double>(sim.n_runs());
  state.counters["run_years_per_s"] =
      benchmark::Counter(run_years * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["run_years_per_s_per_core"] =
      benchmark::Counter(run_years * static_cast<double>(state.iterations()) / cores, benchmark::Counter::kIsRate);
}

void BM_Ensemble(benchmark::State& state) {
  const auto method = static_cast<Method>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const Simulation& sim = simulation(method, threads);
  state.SetLabel(std::string(method_name(method)) + ", " + std::to_string(threads) + " thread(s)");
  double steps = 0, rhs = 0;
  for (auto _ : state) {
    DropSink sink;
    sim.run(sink);
    if (sink.failed > 0) state.SkipWithError("runs failed");
    steps = static_cast<double>(sink.steps) / static_cast<double>(sim.n_runs());
    rhs = static_cast<double>(sink.rhs) / static_cast<double>(sim.n_runs());
  }
  state.counters["steps_per_run"] = steps;
  state.counters["rhs_per_run"] = rhs;
  report(state, sim, threads);
}
BENCHMARK(BM_Ensemble)
    ->ArgsProduct({{static_cast<int>(Method::dopri5), static_cast<int>(Method::odeint_dopri5)}, {1, 2}})
    ->Args({static_cast<int>(Method::rosenbrock), 1})
    ->Args({static_cast<int>(Method::odeint_rosenbrock4), 1})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

// The same ensemble written to HDF5 (monthly output): the writer thread's busy share.
void BM_EnsembleToHdf5(benchmark::State& state) {
  const Simulation& sim = simulation(Method::dopri5, 1);
  double writing = 0.0, wall = 0.0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    ResultWriter w("/tmp/osteon_bench_ensemble.h5", sim.output_description("bench"), true);
    sim.run(w);
    w.finish();
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    writing += w.seconds_writing();
  }
  state.counters["writer_busy_share_percent"] = 100.0 * writing / wall;
  report(state, sim, 1);
}
BENCHMARK(BM_EnsembleToHdf5)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// Lane width 4 vs 8 of the batched Dormand–Prince worker, one thread.
template <int W>
void BM_LaneWidth(benchmark::State& state) {
  const Simulation& sim = simulation(Method::dopri5, 1);
  for (auto _ : state) {
    IndexedRunSource source(sim.n_runs(), [&](std::size_t i) { return sim.run_spec(i); });
    DropSink sink;
    BatchedDopri5Worker<models::MartinezReina2019, W> worker(sim.plan(), sim.settings());
    worker.run(source, sink);
  }
  report(state, sim, 1);
}
BENCHMARK_TEMPLATE(BM_LaneWidth, 4)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK_TEMPLATE(BM_LaneWidth, 8)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// One 10-year run, scalar reference vs batched (a batch of one).
void BM_TenYearRun(benchmark::State& state) {
  const auto method = static_cast<Method>(state.range(0));
  const auto& reg = models::builtin_registry();
  Scenario s = load_scenario_text(ensemble_yaml(1), "<bench>", reg);
  RunOptions o;
  o.method = method;
  o.threads = 1;
  const Simulation sim(std::move(s), *reg.find("martinez_reina2019"), o);
  state.SetLabel(std::string(method_name(method)));
  for (auto _ : state) {
    DropSink sink;
    sim.run(sink);
  }
}
BENCHMARK(BM_TenYearRun)
    ->Arg(static_cast<int>(Method::dopri5))
    ->Arg(static_cast<int>(Method::odeint_dopri5))
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
