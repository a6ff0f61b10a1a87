#include "sweep/sweep_runner.hpp"

#include <new>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "core/json.hpp"
#include "core/number_format.hpp"
#include "core/version.hpp"
#include "model/model.hpp"
#include "output/output_schema.hpp"

namespace osteon {
namespace {

// FNV-1a, 64 bit: a fingerprint for recognising the same inputs again, not a
// cryptographic hash.
struct Fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void add(const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;  // separator, so that ("ab","c") and ("a","bc") differ
    h *= 0x100000001b3ull;
  }
  std::string hex() const {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

// Output times plus those the metrics read, ascending, without near-duplicates.
std::vector<double> merged_times(std::vector<double> times, const std::vector<MetricSpec>& metrics) {
  for (const auto& m : metrics) {
    for (double t : {m.from, m.to}) {
      if (find_time(times, t) == times.size()) {
        times.insert(std::upper_bound(times.begin(), times.end(), t), t);
      }
    }
  }
  return times;
}

}  // namespace

SweepRunner::SweepRunner(Sweep sweep, const Model& model, const RunOptions& options, bool compile)
    : sweep_(std::move(sweep)), model_(model) {
  std::vector<FactorDistribution> dists;
  for (const auto& f : sweep_.factors) dists.push_back(f.distribution);
  design_.runs = design_runs(sweep_.design, dists);
  design_.factors = dists.size();
  Scenario s = sweep_.base;
  std::vector<ScenarioPath> paths;
  for (const auto& f : sweep_.factors) paths.push_back(resolve_scenario_path(f.path, s, model_, f.origin));
  // The design is generated in chunks and every value every run gets is checked against its path
  // before anything runs; only a sweep that is compiled keeps it (8 B per run and factor, the
  // runs table), so validating a sweep of 10^8 runs needs little memory (docs/sweeps.md).
  // The first inadmissible value of the first factor that has one (as when the design was checked
  // factor by factor).
  auto inadmissible = [&](std::size_t run, std::size_t j, double x) -> std::string {
    std::string why = check_path_value(paths[j], x, model_);
    if (why.empty()) return why;
    const SweepFactor& f = sweep_.factors[j];
    return "run " + std::to_string(run) + " given " + f.path + " = " + format_number(x) + " " + f.unit + " (" + why +
           ")";
  };
  auto fail = [&](std::size_t j, const std::string& found) {
    const SweepFactor& f = sweep_.factors[j];
    throw InputError(f.origin.where, f.origin.key, found,
                     "a distribution whose values are all admissible (narrow it, or truncate it with 'range')");
  };
  try {
    if (!compile && sweep_.design.type == DesignSpec::Type::lhs) {
      // A Latin hypercube is checked factor by factor: one permutation (4 B per run) at a time.
      for (std::size_t j = 0; j < paths.size(); ++j) {
        generate_lhs_column(sweep_.design, dists, j, design_chunk_rows,
                            [&](std::size_t first, std::size_t rows, const double* v) {
                              for (std::size_t i = 0; i < rows; ++i) {
                                if (std::string found = inadmissible(first + i, j, v[i]); !found.empty())
                                  fail(j, found);
                              }
                            });
      }
    } else {
      if (compile) design_.values.resize(design_.runs * design_.factors);
      std::vector<std::string> first_bad(paths.size());
      generate_design(sweep_.design, dists, design_chunk_rows,
                      [&](std::size_t first, std::size_t rows, const double* v) {
                        for (std::size_t i = 0; i < rows; ++i) {
                          for (std::size_t j = 0; j < paths.size(); ++j) {
                            if (!first_bad[j].empty()) continue;
                            first_bad[j] = inadmissible(first + i, j, v[i * design_.factors + j]);
                            if (j == 0 && !first_bad[0].empty())
                              fail(0, first_bad[0]);  // no earlier factor to wait for
                          }
                        }
                        if (compile) {
                          std::copy(v, v + rows * design_.factors,
                                    design_.values.begin() + static_cast<std::ptrdiff_t>(first * design_.factors));
                        }
                      });
      for (std::size_t j = 0; j < paths.size(); ++j) {
        if (!first_bad[j].empty()) fail(j, first_bad[j]);
      }
    }
  } catch (const std::invalid_argument& e) {
    throw InputError(sweep_.design_origin.where, "design", e.what(), "a design that can be made");
  } catch (const std::bad_alloc&) {
    // A compiled sweep holds the design whole (8 B per run and factor: at the 10^8-run limit 0.8 GB a
    // factor); checking one holds a Latin hypercube's permutation (4 B per run), other designs a chunk.
    const double per_value = compile ? 8.0 : 4.0;
    const double factors = compile ? static_cast<double>(std::max<std::size_t>(1, dists.size())) : 1.0;
    const double gb = static_cast<double>(design_.runs) * factors * per_value / 1e9;
    throw ResourceError("the design of " + sweep_.file + " (" + std::to_string(design_.runs) + " runs x " +
                        std::to_string(dists.size()) + " factors, " + format_number(gb) +
                        " GB) does not fit in the memory this process may use; split the sweep into smaller ones");
  }
  // Output plan: kept trajectories first, then the variables only metrics read.
  std::vector<std::string> vars = sweep_.outputs;
  for (const auto& m : sweep_.metrics) {
    if (std::find(vars.begin(), vars.end(), m.variable) == vars.end()) vars.push_back(m.variable);
  }
  n_variables_ = vars.size();
  s.output_variables = vars;
  s.output_times = merged_times(s.output_times, sweep_.metrics);
  for (const auto& m : sweep_.metrics) {
    MetricPlan p;
    p.spec = m;
    p.variable = static_cast<std::size_t>(std::find(vars.begin(), vars.end(), m.variable) - vars.begin());
    p.i0 = find_time(s.output_times, m.from);
    p.i1 = find_time(s.output_times, m.to);
    metric_plans_.push_back(std::move(p));
  }
  RunsTable t;
  t.source = RunsTable::sweep_design;
  t.origin = sweep_.design_origin;
  for (const auto& f : sweep_.factors) {
    t.columns.push_back(f.path);
    t.column_origins.push_back(f.origin);
  }
  if (!compile) return;
  // The design is already row-major, one column per factor. Moved, not copied: 8 B per run and
  // factor held once (10^7 runs of 13 factors are 1 GB).
  t.values = std::move(design_.values);
  design_.values.clear();
  s.runs = std::move(t);
  sim_ = std::make_unique<Simulation>(std::move(s), model_, options);
}

OutputDescription SweepRunner::output_description(const std::string& history) const {
  OutputDescription d = sim_->output_description(history);
  const Sweep& sw = sweep_;
  d.title = sw.description.empty() ? sw.name : sw.name + ": " + sw.description;
  d.scenario_text = sw.base.text;
  const std::size_t kept = sw.outputs.size();
  d.names.resize(kept);
  d.units.resize(kept);
  d.long_names.resize(kept);
  for (std::size_t j = 0; j < d.factors.size(); ++j) {
    const SweepFactor& f = sw.factors[j];
    d.factors[j].name = f.name;
    d.factors[j].attributes.emplace_back(schema::factor_path, f.path);
    if (sw.design.type != DesignSpec::Type::list) {
      d.factors[j].attributes.emplace_back(schema::factor_distribution, f.distribution.describe(f.unit));
    }
  }
  for (const auto& m : sw.metrics) {
    RunScalar s{m.name, m.unit, m.long_name, {}};
    s.attributes.emplace_back(schema::metric_kind, std::string(MetricSpec::kind_name(m.kind)));
    s.attributes.emplace_back(schema::metric_definition, m.definition());
    if (m.kind == MetricSpec::Kind::time_to && std::isnan(m.if_never)) {
      s.attributes.emplace_back(schema::comment,
                                "NaN where the condition never held within the window (and for failed runs)");
    } else {
      s.attributes.emplace_back(schema::comment, "NaN for failed runs");
    }
    d.scalars.push_back(std::move(s));
  }
  std::string factor_names, metric_names;
  for (const auto& f : sw.factors) factor_names += (factor_names.empty() ? "" : "\n") + f.name;
  for (const auto& m : sw.metrics) metric_names += (metric_names.empty() ? "" : "\n") + m.name;
  auto& a = d.attributes;
  a.emplace_back(schema::sweep, sw.text);
  a.emplace_back(schema::sweep_name, sw.name);
  a.emplace_back(schema::sweep_design, std::string(design_type_name(sw.design.type)));
  a.emplace_back(schema::sweep_seed, std::to_string(sw.design.seed));
  a.emplace_back(schema::sweep_factors, factor_names);
  a.emplace_back(schema::sweep_metrics, metric_names);
  a.emplace_back(schema::sweep_fingerprint, fingerprint());
  a.emplace_back(schema::sweep_problem, problem_json());
  if (sw.design.type == DesignSpec::Type::sobol) {
    a.emplace_back(schema::sweep_base_samples, static_cast<std::int64_t>(sw.design.samples));
    a.emplace_back(schema::sweep_second_order, static_cast<std::int64_t>(sw.design.second_order));
    a.emplace_back(
        schema::sweep_sequence,
        std::string(sw.design.quasi_random ? (sw.design.digital_shift ? "sobol, digital shift" : "sobol") : "random"));
  }
  if (sw.design.type == DesignSpec::Type::morris) {
    a.emplace_back(schema::sweep_trajectories, static_cast<std::int64_t>(sw.design.trajectories));
    a.emplace_back(schema::sweep_levels, static_cast<std::int64_t>(sw.design.levels));
  }
  a.emplace_back(schema::sweep_bootstrap, static_cast<std::int64_t>(sw.analysis.resamples));
  a.emplace_back(schema::sweep_confidence, sw.analysis.confidence);
  a.emplace_back(schema::sweep_bootstrap_seed, std::to_string(sw.analysis.seed));
  return d;
}

OutputDescription SweepRunner::output_description(const std::string& history, const SweepShard& shard) const {
  OutputDescription d = output_description(history);
  d.first_run = shard.first;
  d.n_runs = shard.runs();
  for (auto& f : d.factors) {
    f.values = std::vector<double>(f.values.begin() + static_cast<std::ptrdiff_t>(shard.first),
                                   f.values.begin() + static_cast<std::ptrdiff_t>(shard.end));
  }
  d.attributes.emplace_back(schema::sweep_shard, shard.label());
  d.attributes.emplace_back(schema::sweep_total_runs, static_cast<std::int64_t>(design_.runs));
  return d;
}

std::string SweepRunner::fingerprint() const {
  Fnv1a h;
  h.add("osteon sweep fingerprint 1");
  h.add(version_string());
  h.add(sweep_.inputs_text);
  h.add(sim_->settings().to_json());
  h.add(std::to_string(design_.runs) + " runs, " + std::to_string(sim_->plan().times.size()) + " times");
  for (const auto& o : sweep_.outputs) h.add(o);
  // A resumed sweep writes into the datasets its partial file was made with.
  if (sim_->storage().precision == Precision::float32) h.add("float32");
  return h.hex();
}

std::string SweepRunner::problem_json() const {
  JsonWriter w;
  w.begin_object();
  w.key("num_vars").value(static_cast<long>(sweep_.factors.size()));
  w.key("names").begin_array();
  for (const auto& f : sweep_.factors) w.value(f.name);
  w.end_array();
  w.key("bounds").begin_array();
  for (const auto& f : sweep_.factors) {
    w.begin_array();
    std::vector<double> b = f.distribution.salib_bounds();
    if (b.empty() && f.distribution.kind == FactorDistribution::Kind::discrete && !f.distribution.values.empty()) {
      b = {*std::min_element(f.distribution.values.begin(), f.distribution.values.end()),
           *std::max_element(f.distribution.values.begin(), f.distribution.values.end())};
    }
    for (double x : b) w.value(x);
    w.end_array();
  }
  w.end_array();
  w.key("dists").begin_array();
  for (const auto& f : sweep_.factors) {
    const std::string n = f.distribution.salib_name();
    if (n.empty()) {
      w.null();
    } else {
      w.value(n);
    }
  }
  w.end_array();
  w.key("units").begin_array();
  for (const auto& f : sweep_.factors) w.value(f.unit);
  w.end_array();
  w.key("paths").begin_array();
  for (const auto& f : sweep_.factors) w.value(f.path);
  w.end_array();
  w.end_object();
  return w.str();
}

double SweepRunner::design_value(std::size_t run, std::size_t factor) const {
  if (!design_.values.empty()) return design_.at(run, factor);
  if (!sim_)
    throw std::logic_error("SweepRunner::design_value: the design of a sweep that is not compiled is not held");
  return sim_->scenario().runs->row(run)[factor];
}

void SweepRunner::write_design_csv(std::ostream& o) const {
  for (std::size_t j = 0; j < sweep_.factors.size(); ++j) o << (j ? "," : "") << sweep_.factors[j].name;
  o << "\n";
  std::vector<FactorDistribution> dists;
  for (const auto& f : sweep_.factors) dists.push_back(f.distribution);
  // Generated again, chunk by chunk: the runner does not hold the design of a sweep it did not compile.
  generate_design(sweep_.design, dists, design_chunk_rows, [&](std::size_t, std::size_t rows, const double* v) {
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t j = 0; j < design_.factors; ++j) {
        o << (j ? "," : "") << format_exact(v[i * design_.factors + j]);
      }
      o << "\n";
    }
  });
}

namespace {

// Hands out the listed runs in order until they are used up or *stop is set.
class PendingRunSource final : public RunSource {
 public:
  PendingRunSource(const std::vector<std::size_t>& runs, const Simulation& sim, const std::atomic<bool>* stop)
      : runs_(runs), sim_(sim), stop_(stop) {}
  bool next(RunSpec& spec) override {
    if (stop_ && stop_->load(std::memory_order_relaxed)) return false;
    const std::size_t k = next_.fetch_add(1, std::memory_order_relaxed);
    if (k >= runs_.size()) return false;
    spec = sim_.run_spec(runs_[k]);
    return true;
  }

 private:
  const std::vector<std::size_t>& runs_;
  const Simulation& sim_;
  const std::atomic<bool>* stop_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace

void SweepRunner::run(const std::vector<std::size_t>& runs, ResultSink& sink, const std::atomic<bool>* stop) const {
  if (runs.empty()) return;
  MetricSink metrics(sink, sim_->plan().times, n_variables_, sweep_.outputs.size(), metric_plans_);
  PendingRunSource source(runs, *sim_, stop);
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(sim_->threads()), runs.size()));
  run_on_threads(model_, sim_->plan(), sim_->settings(), source, metrics, std::max(workers, 1));
}

std::vector<std::size_t> SweepRunner::pending_runs(const ResultWriter& writer) const {
  std::vector<std::size_t> out;
  const std::size_t rows = writer.block_rows(), first = writer.first_run();
  out.reserve(writer.n_runs() - writer.runs_done_before());  // 8 B per run, allocated once
  for (std::size_t i = 0; i < writer.n_runs(); ++i) {
    if (!writer.block_done(i / rows)) out.push_back(first + i);
  }
  return out;
}

}  // namespace osteon
