#include "output/pathway_records.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>

#include "output/output_schema.hpp"

namespace osteon {
namespace {

// A dimension scale `name` holding 0 .. n-1 (the rules and the decisions are numbered, not timed).
h5::Handle index_scale(hid_t f, const char* name, hsize_t n, const std::string& long_name) {
  h5::Handle scale = h5::create_dataset(f, name, H5T_STD_I64LE, {n});
  std::vector<std::int64_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::int64_t>(i);
  h5::write_all(scale.id(), idx);
  h5::make_scale(scale.id(), name);
  h5::set_attribute(scale.id(), schema::long_name, long_name);
  return scale;
}

}  // namespace

std::vector<h5::Handle> create_visit_datasets(hid_t f, const PathwayLayout& layout, std::size_t n_runs,
                                              bool preallocated) {
  const hsize_t nr = n_runs, nv = layout.visit_times.size();
  h5::Handle run = h5::open_dataset(f, schema::run);
  h5::Handle visit = h5::create_dataset(f, schema::visit, H5T_IEEE_F64LE, {nv});
  h5::write_all(visit.id(), layout.visit_times);
  h5::make_scale(visit.id(), schema::visit);
  h5::set_attribute(visit.id(), schema::units, std::string("d"));
  h5::set_attribute(visit.id(), schema::long_name, std::string("time of a monitoring visit since scenario start"));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<h5::Handle> out;
  for (std::size_t m = 0; m < layout.measure_names.size(); ++m) {
    const std::string name = schema::measured_prefix + layout.measure_names[m];
    h5::Handle d = preallocated ? h5::create_preallocated(f, name, H5T_IEEE_F64LE, {nr, nv}, &nan)
                                : h5::create_dataset(f, name, H5T_IEEE_F64LE, {nr, nv}, true);
    h5::set_attribute(d.id(), schema::units, layout.measure_units[m]);
    h5::set_attribute(d.id(), schema::long_name, layout.measure_long_names[m]);
    h5::attach_scale(d.id(), run.id(), 0);
    h5::attach_scale(d.id(), visit.id(), 1);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<std::vector<h5::Handle>> open_measured_datasets(hid_t f, const PathwayLayout& layout,
                                                              std::size_t n_runs) {
  const std::vector<hsize_t> shape{n_runs, layout.visit_times.size()};
  std::vector<h5::Handle> out;
  for (const auto& name : layout.measure_names) {
    const std::string full = schema::measured_prefix + name;
    if (!h5::exists(f, full)) return std::nullopt;
    h5::Handle d = h5::open_dataset(f, full);
    if (h5::dims(d.id()) != shape) return std::nullopt;
    out.push_back(std::move(d));
  }
  return out;
}

void write_decisions(hid_t f, const PathwayLayout& layout, const std::vector<std::vector<Decision>>& decisions) {
  const hsize_t nr = decisions.size(), nrule = layout.rule_names.size();
  h5::Handle run = h5::open_dataset(f, schema::run);
  h5::Handle rule = index_scale(f, schema::rule, nrule, "index of a treatment rule of the scenario");
  h5::Handle st = h5::string_type();
  for (const auto& [name, values, long_name] :
       {std::tuple{schema::rule_name, &layout.rule_names, "name of the rule"},
        std::tuple{schema::rule_action, &layout.rule_actions, "what the rule does when it fires"}}) {
    h5::Handle d = h5::create_dataset(f, name, st.id(), {nrule});
    if (nrule > 0) h5::write_string_rows(d.id(), 0, *values);
    h5::set_attribute(d.id(), schema::long_name, std::string(long_name));
    h5::attach_scale(d.id(), rule.id(), 0);
  }

  std::size_t nd = 0;
  for (const auto& d : decisions) nd = std::max(nd, d.size());
  h5::Handle decision = index_scale(f, schema::decision, nd, "decision of a run, in time order");
  std::vector<double> times(nr * nd, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> rules(nr * nd, -1.0);
  for (std::size_t i = 0; i < nr; ++i) {
    for (std::size_t j = 0; j < decisions[i].size(); ++j) {
      times[i * nd + j] = decisions[i][j].time;
      rules[i * nd + j] = decisions[i][j].rule;
    }
  }
  h5::Handle dt = h5::create_dataset(f, schema::decision_time, H5T_IEEE_F64LE, {nr, nd}, true);
  if (nr * nd > 0) h5::write_rows(dt.id(), 0, nr, nd, times.data());
  h5::set_attribute(dt.id(), schema::units, std::string("d"));
  h5::set_attribute(dt.id(), schema::long_name, std::string("time of the decision; NaN after a run's last"));
  h5::attach_scale(dt.id(), run.id(), 0);
  h5::attach_scale(dt.id(), decision.id(), 1);
  // Stored as float64 (index of /rule, -1 after a run's last decision) so that every reader gets numbers as written.
  h5::Handle dr = h5::create_dataset(f, schema::decision_rule, H5T_IEEE_F64LE, {nr, nd});
  if (nr * nd > 0) h5::write_rows(dr.id(), 0, nr, nd, rules.data());
  h5::set_attribute(dr.id(), schema::long_name,
                    std::string("the rule that fired (index of /rule); -1 after a run's last decision"));
  std::string meanings;
  for (const auto& n : layout.rule_names) meanings += (meanings.empty() ? "" : " ") + n;
  h5::set_attribute(dr.id(), schema::decision_rule_names, meanings);
  h5::attach_scale(dr.id(), run.id(), 0);
  h5::attach_scale(dr.id(), decision.id(), 1);
}

std::string decision_line(std::size_t run, const std::vector<Decision>& decisions) {
  std::string line = std::to_string(run);
  char buf[64];
  for (const auto& d : decisions) {
    std::snprintf(buf, sizeof buf, "\t%.17g %d", d.time, d.rule);
    line += buf;
  }
  return line;
}

bool parse_decision_line(const std::string& line, std::size_t& run, std::vector<Decision>& decisions) {
  decisions.clear();
  const char* p = line.data();
  const char* end = p + line.size();
  auto [q, ec] = std::from_chars(p, end, run);
  if (ec != std::errc{} || q == p) return false;
  p = q;
  while (p < end) {
    if (*p != '\t') return false;
    ++p;
    Decision d;
    auto [t_end, t_ec] = std::from_chars(p, end, d.time);
    if (t_ec != std::errc{} || t_end == p || t_end >= end || *t_end != ' ') return false;
    p = t_end + 1;
    auto [r_end, r_ec] = std::from_chars(p, end, d.rule);
    if (r_ec != std::errc{} || r_end == p || d.rule < 0) return false;
    p = r_end;
    decisions.push_back(d);
  }
  return !decisions.empty();
}

void write_block_pathway(const std::vector<h5::Handle>& measured, std::FILE* log, const RunBlock& b,
                         std::size_t n_visits, const std::string& log_path) {
  if (n_visits > 0) {
    for (std::size_t m = 0; m < measured.size(); ++m)
      h5::write_rows(measured[m].id(), b.first, b.rows, n_visits, b.measured.data() + m * b.rows * n_visits);
  }
  bool any = false;
  for (std::size_t r = 0; r < b.rows; ++r) {
    if (b.decisions[r].empty()) continue;
    std::fprintf(log, "%s\n", decision_line(b.first + r, b.decisions[r]).c_str());
    any = true;
  }
  if (any && std::fflush(log) != 0)
    throw std::runtime_error("writing the decision log " + log_path + " failed: " + std::strerror(errno));
}

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
}

void PathwayRecords::write(hid_t f) const {
  const std::size_t nr = n_runs_, nv = layout_.visit_times.size();
  std::vector<h5::Handle> measured = create_visit_datasets(f, layout_, nr, false);
  std::vector<double> column(nr * nv);
  for (std::size_t m = 0; m < nm_; ++m) {
    for (std::size_t i = 0; i < nr; ++i) {
      for (std::size_t k = 0; k < nv; ++k) column[i * nv + k] = measured_[(i * nv + k) * nm_ + m];
    }
    if (nr * nv > 0) h5::write_rows(measured[m].id(), 0, nr, nv, column.data());
  }
  write_decisions(f, layout_, decisions_);
}

}  // namespace osteon
