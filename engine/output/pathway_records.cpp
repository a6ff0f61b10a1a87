#include "output/pathway_records.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "output/hdf5_file.hpp"

namespace osteon {
namespace {

// A dimension scale `name` holding 0 .. n-1 (the rules and the decisions are numbered, not timed).
h5::Handle index_scale(hid_t f, const char* name, hsize_t n, const std::string& long_name) {
  h5::Handle scale = h5::create_dataset(f, name, H5T_STD_I64LE, {n});
  std::vector<std::int64_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::int64_t>(i);
  h5::write_all(scale.id(), idx);
  h5::make_scale(scale.id(), name);
  h5::set_attribute(scale.id(), "long_name", long_name);
  return scale;
}

}  // namespace

PathwayRecords::PathwayRecords(const PathwayLayout& layout, std::size_t n_runs)
    : layout_(layout),
      n_runs_(n_runs),
      nm_(layout.measure_names.size()),
      measured_(n_runs * layout.visit_times.size() * layout.measure_names.size(),
                std::numeric_limits<double>::quiet_NaN()),
      decisions_(n_runs) {}

void PathwayRecords::add(std::size_t row, const RunResult& r) {
  if (row >= n_runs_) return;
  const std::size_t nv = layout_.visit_times.size();
  std::lock_guard lock(mutex_);
  if (r.measured.size() == nv * nm_)
    std::copy(r.measured.begin(), r.measured.end(), measured_.begin() + static_cast<std::ptrdiff_t>(row * nv * nm_));
  decisions_[row] = r.decisions;
  ++added_;
}

void PathwayRecords::write(hid_t f) const {
  const hsize_t nr = n_runs_, nv = layout_.visit_times.size(), nrule = layout_.rule_names.size();
  h5::Handle run = h5::open_dataset(f, "run");
  h5::Handle visit = h5::create_dataset(f, "visit", H5T_IEEE_F64LE, {nv});
  h5::write_all(visit.id(), layout_.visit_times);
  h5::make_scale(visit.id(), "visit");
  h5::set_attribute(visit.id(), "units", std::string("d"));
  h5::set_attribute(visit.id(), "long_name", std::string("time of a monitoring visit since scenario start"));
  std::vector<double> column(nr * nv);
  for (std::size_t m = 0; m < nm_; ++m) {
    for (std::size_t i = 0; i < nr; ++i) {
      for (std::size_t k = 0; k < nv; ++k) column[i * nv + k] = measured_[(i * nv + k) * nm_ + m];
    }
    h5::Handle d = h5::create_dataset(f, "measured_" + layout_.measure_names[m], H5T_IEEE_F64LE, {nr, nv}, true);
    if (nr * nv > 0) h5::write_rows(d.id(), 0, nr, nv, column.data());
    h5::set_attribute(d.id(), "units", layout_.measure_units[m]);
    h5::set_attribute(d.id(), "long_name", layout_.measure_long_names[m]);
    h5::attach_scale(d.id(), run.id(), 0);
    h5::attach_scale(d.id(), visit.id(), 1);
  }

  h5::Handle rule = index_scale(f, "rule", nrule, "index of a treatment rule of the scenario");
  h5::Handle st = h5::string_type();
  for (const auto& [name, values, long_name] :
       {std::tuple{"rule_name", &layout_.rule_names, "name of the rule"},
        std::tuple{"rule_action", &layout_.rule_actions, "what the rule does when it fires"}}) {
    h5::Handle d = h5::create_dataset(f, name, st.id(), {nrule});
    if (nrule > 0) h5::write_string_rows(d.id(), 0, *values);
    h5::set_attribute(d.id(), "long_name", std::string(long_name));
    h5::attach_scale(d.id(), rule.id(), 0);
  }

  std::size_t nd = 0;
  for (const auto& d : decisions_) nd = std::max(nd, d.size());
  h5::Handle decision = index_scale(f, "decision", nd, "decision of a run, in time order");
  std::vector<double> times(nr * nd, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> rules(nr * nd, -1.0);
  for (std::size_t i = 0; i < nr; ++i) {
    for (std::size_t j = 0; j < decisions_[i].size(); ++j) {
      times[i * nd + j] = decisions_[i][j].time;
      rules[i * nd + j] = decisions_[i][j].rule;
    }
  }
  h5::Handle dt = h5::create_dataset(f, "decision_time", H5T_IEEE_F64LE, {nr, nd}, true);
  if (nr * nd > 0) h5::write_rows(dt.id(), 0, nr, nd, times.data());
  h5::set_attribute(dt.id(), "units", std::string("d"));
  h5::set_attribute(dt.id(), "long_name", std::string("time of the decision; NaN after a run's last"));
  h5::attach_scale(dt.id(), run.id(), 0);
  h5::attach_scale(dt.id(), decision.id(), 1);
  // Stored as float64 (index of /rule, -1 after a run's last decision) so that every reader gets numbers as written.
  h5::Handle dr = h5::create_dataset(f, "decision_rule", H5T_IEEE_F64LE, {nr, nd});
  if (nr * nd > 0) h5::write_rows(dr.id(), 0, nr, nd, rules.data());
  h5::set_attribute(dr.id(), "long_name",
                    std::string("the rule that fired (index of /rule); -1 after a run's last decision"));
  std::string meanings;
  for (const auto& n : layout_.rule_names) meanings += (meanings.empty() ? "" : " ") + n;
  h5::set_attribute(dr.id(), "rule_names", meanings);
  h5::attach_scale(dr.id(), run.id(), 0);
  h5::attach_scale(dr.id(), decision.id(), 1);
}

}  // namespace osteon
