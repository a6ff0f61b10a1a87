#include "sweep/metric_sink.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace osteon {

MetricSink::MetricSink(ResultSink& next, std::vector<double> times, std::size_t n_variables, std::size_t kept,
                       std::vector<MetricPlan> metrics)
    : next_(next), times_(std::move(times)), n_variables_(n_variables), kept_(kept), metrics_(std::move(metrics)) {}

void MetricSink::accept(RunResult&& r) {
  const std::size_t nt = times_.size();
  if (r.status != RunStatus::ok) {
    r.values.clear();  // the writer stores NaN for every value of a failed run
    next_.accept(std::move(r));
    return;
  }
  if (r.values.size() != n_variables_ * nt) {
    throw std::invalid_argument("run " + std::to_string(r.index) + " has " + std::to_string(r.values.size()) +
                                " values; the sweep expects " + std::to_string(n_variables_ * nt));
  }
  double m[64];
  std::vector<double> many;
  double* out = m;
  if (metrics_.size() > 64) {
    many.resize(metrics_.size());
    out = many.data();
  }
  for (std::size_t k = 0; k < metrics_.size(); ++k) {
    const MetricPlan& p = metrics_[k];
    out[k] = evaluate_metric(p.spec, times_.data(), r.values.data() + p.variable * nt, p.i0, p.i1);
  }
  // The kept trajectories are the first ones: shrink in place, then append the metrics.
  r.values.resize(kept_ * nt);
  r.values.insert(r.values.end(), out, out + metrics_.size());
  next_.accept(std::move(r));
}

}  // namespace osteon
