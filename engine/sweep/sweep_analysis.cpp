#include "sweep/sweep_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/number_format.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_schema.hpp"

namespace osteon {
namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::int64_t int_attr(hid_t f, const char* name) {
  return static_cast<std::int64_t>(h5::get_double_attribute(f, name));
}

// Table columns: indices in 3 decimals, other numbers in 4 significant digits, NaN spelled out.
NumberFormat index_column(int width) { return {.digits = 3, .fixed = true, .width = width, .nan = "nan"}; }
NumberFormat value_column(int width) { return {.digits = 4, .width = width, .nan = "nan"}; }

std::string pad(const std::string& s, std::size_t w) { return s.size() >= w ? s : s + std::string(w - s.size(), ' '); }

void write_matrix(hid_t group, const char* name, const std::vector<double>& v, std::size_t m, std::size_t d,
                  hid_t metric_scale, hid_t factor_scale, const char* long_name) {
  h5::Handle ds = h5::create_dataset(group, name, H5T_IEEE_F64LE, {m, d});
  h5::write_all(ds.id(), v);
  h5::attach_scale(ds.id(), metric_scale, 0);
  h5::attach_scale(ds.id(), factor_scale, 1);
  h5::set_attribute(ds.id(), schema::long_name, std::string(long_name));
  h5::set_attribute(ds.id(), schema::units, std::string("1"));
}

h5::Handle string_scale(hid_t group, const char* name, const std::vector<std::string>& values, const char* long_name) {
  h5::Handle t = h5::string_type();
  h5::Handle ds = h5::create_dataset(group, name, t.id(), {values.size()});
  h5::write_string_rows(ds.id(), 0, values);
  h5::make_scale(ds.id(), name);
  h5::set_attribute(ds.id(), schema::long_name, std::string(long_name));
  return ds;
}

}  // namespace

SweepSensitivity analyze_sweep(hid_t f, const std::string& path, const std::optional<BootstrapOptions>& options) {
  SweepSensitivity s;
  const SourceLocation where{path, 0, 0};
  if (!h5::has_attribute(f, schema::sweep_design)) {
    throw InputError(where, "", "a file without a sweep (no 'sweep_design' attribute)",
                     "an output file of osteon sweep");
  }
  if (h5::has_attribute(f, schema::sweep_shard)) {  // part of the runs: the indices need all of them
    throw InputError(where, "", "shard " + h5::get_string_attribute(f, schema::sweep_shard) + " of a sweep",
                     "the whole sweep's file: join the shards with osteon merge OUT.h5 SHARD.h5... (docs/cluster.md)");
  }
  s.design = h5::get_string_attribute(f, schema::sweep_design);
  s.factors = split_lines(h5::get_string_attribute(f, schema::sweep_factors));
  s.metrics = split_lines(h5::get_string_attribute(f, schema::sweep_metrics));
  {
    // Attributes of a file that may have been edited: bounded like the sweep file's own keys.
    const double resamples = h5::get_double_attribute(f, schema::sweep_bootstrap);
    if (!(resamples >= 0.0 && resamples <= static_cast<double>(max_bootstrap_resamples))) {
      throw InputError(where, "sweep_bootstrap", std::to_string(resamples),
                       "0 to " + std::to_string(max_bootstrap_resamples) + " bootstrap resamples");
    }
    s.options.resamples = static_cast<std::size_t>(resamples);
    s.options.confidence = h5::get_double_attribute(f, schema::sweep_confidence);
    const std::string seed = h5::get_string_attribute(f, schema::sweep_bootstrap_seed);
    try {
      std::size_t used = 0;
      s.options.seed = std::stoull(seed, &used);
      if (used != seed.size()) throw std::invalid_argument(seed);
    } catch (const std::exception&) {
      throw InputError(where, "sweep_bootstrap_seed", "'" + seed.substr(0, 40) + "'",
                       "a whole number from 0 to 2^64-1");
    }
  }
  if (options) s.options = *options;
  if (s.design == "sobol") {
    s.method = "sobol";
    s.base_samples = static_cast<std::size_t>(int_attr(f, schema::sweep_base_samples));
    s.second_order = int_attr(f, schema::sweep_second_order) != 0;
  } else if (s.design == "morris") {
    s.method = "morris";
    s.trajectories = static_cast<std::size_t>(int_attr(f, schema::sweep_trajectories));
    s.levels = static_cast<int>(int_attr(f, schema::sweep_levels));
  } else {
    return s;
  }
  const std::size_t d = s.factors.size();
  std::vector<double> x;  // Morris: the design, runs x d
  if (s.method == "morris") {
    std::vector<std::vector<double>> cols;
    for (const auto& name : s.factors) cols.push_back(h5::read_doubles(h5::open_dataset(f, name).id()));
    const std::size_t n = cols.empty() ? 0 : cols[0].size();
    x.resize(n * d);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < d; ++j) x[i * d + j] = cols[j][i];
    }
  }
  for (const auto& name : s.metrics) {
    h5::Handle ds = h5::open_dataset(f, name);
    s.metric_units.push_back(
        h5::has_attribute(ds.id(), schema::units) ? h5::get_string_attribute(ds.id(), schema::units) : "");
    const std::vector<double> y = h5::read_doubles(ds.id());
    std::size_t nan = 0;
    for (double v : y) nan += std::isnan(v) ? 1 : 0;
    s.n_nan.push_back(nan);
    if (s.method == "sobol") {
      s.sobol.push_back(sobol_indices(y, s.base_samples, d, s.second_order, s.options));
    } else {
      s.morris.push_back(morris_indices(x, y, d, s.levels, s.options));
    }
  }
  return s;
}

std::vector<std::string> sensitivity_warnings(const SweepSensitivity& s) {
  std::vector<std::string> out;
  if (s.method != "sobol") return out;
  for (std::size_t k = 0; k < s.metrics.size() && k < s.sobol.size(); ++k) {
    const auto& x = s.sobol[k];
    std::string outside, wide;
    auto check = [&](const char* index, const std::vector<double>& v, const std::vector<double>& conf) {
      for (std::size_t j = 0; j < s.factors.size() && j < v.size(); ++j) {
        if (std::isnan(v[j])) continue;
        const std::string what = std::string(index) + "(" + s.factors[j] + ") = " + format_number(v[j], 3);
        if (v[j] < 0.0 || v[j] > 1.0) outside += (outside.empty() ? "" : ", ") + what;
        if (j < conf.size() && !std::isnan(conf[j]) && conf[j] > std::fabs(v[j])) {
          wide += (wide.empty() ? "" : ", ") + what + " ± " + format_number(conf[j], 3);
        }
      }
    };
    check("S1", x.S1, x.S1_conf);
    check("ST", x.ST, x.ST_conf);
    if (!outside.empty()) {
      out.push_back(s.metrics[k] + ": indices outside [0, 1]: " + outside + " (sampling error of N = " +
                    std::to_string(s.base_samples) + " base samples; raise design.samples)");
    }
    if (!wide.empty()) {
      out.push_back(s.metrics[k] + ": confidence intervals wider than the index: " + wide +
                    " (not distinguishable from 0; raise design.samples for firmer estimates)");
    }
  }
  return out;
}

void write_sensitivity(hid_t file, const SweepSensitivity& s) {
  if (s.method.empty() || s.metrics.empty()) return;
  h5::Handle g(H5Gcreate2(file, schema::sensitivity_group, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
               "create group sensitivity");
  const hid_t gid = g.id();
  h5::set_attribute(gid, "method", s.method);
  h5::set_attribute(gid, "confidence_level", s.options.confidence);
  h5::set_attribute(gid, "bootstrap_resamples", static_cast<std::int64_t>(s.options.resamples));
  h5::set_attribute(gid, "bootstrap_seed", std::to_string(s.options.seed));
  if (const auto w = sensitivity_warnings(s); !w.empty()) {
    std::string all;
    for (const auto& line : w) all += (all.empty() ? "" : "\n") + line;
    h5::set_attribute(gid, "warnings", all);
  }
  h5::Handle metric = string_scale(gid, "metric", s.metrics, "summary metric");
  h5::Handle factor = string_scale(gid, "factor", s.factors, "factor");
  const std::size_t m = s.metrics.size(), d = s.factors.size();
  if (s.method == "sobol") {
    h5::set_attribute(gid, "estimators",
                      std::string("S1: Saltelli et al. 2010; ST: Jansen 1999; S2: Saltelli 2002; outputs standardised; "
                                  "confidence: bootstrap over base samples (as SALib)"));
    h5::set_attribute(gid, "base_samples", static_cast<std::int64_t>(s.base_samples));
    std::vector<double> s1, s1c, st, stc;
    for (const auto& x : s.sobol) {
      s1.insert(s1.end(), x.S1.begin(), x.S1.end());
      s1c.insert(s1c.end(), x.S1_conf.begin(), x.S1_conf.end());
      st.insert(st.end(), x.ST.begin(), x.ST.end());
      stc.insert(stc.end(), x.ST_conf.begin(), x.ST_conf.end());
    }
    write_matrix(gid, "S1", s1, m, d, metric.id(), factor.id(), "first-order Sobol' index");
    write_matrix(gid, "S1_conf", s1c, m, d, metric.id(), factor.id(), "half-width of the confidence interval of S1");
    write_matrix(gid, "ST", st, m, d, metric.id(), factor.id(), "total Sobol' index");
    write_matrix(gid, "ST_conf", stc, m, d, metric.id(), factor.id(), "half-width of the confidence interval of ST");
    if (s.second_order) {
      h5::Handle factor_j = string_scale(gid, "factor_j", s.factors, "second factor of a pair");
      std::vector<double> s2, s2c;
      for (const auto& x : s.sobol) {
        s2.insert(s2.end(), x.S2.begin(), x.S2.end());
        s2c.insert(s2c.end(), x.S2_conf.begin(), x.S2_conf.end());
      }
      struct Pair {
        const char* name;
        const std::vector<double>* data;
        const char* long_name;
      };
      for (const Pair& p : {Pair{"S2", &s2, "second-order Sobol' index (upper triangle)"},
                            Pair{"S2_conf", &s2c, "half-width of the confidence interval of S2"}}) {
        h5::Handle ds = h5::create_dataset(gid, p.name, H5T_IEEE_F64LE, {m, d, d});
        h5::write_all(ds.id(), *p.data);
        h5::attach_scale(ds.id(), metric.id(), 0);
        h5::attach_scale(ds.id(), factor.id(), 1);
        h5::attach_scale(ds.id(), factor_j.id(), 2);
        h5::set_attribute(ds.id(), schema::long_name, std::string(p.long_name));
        h5::set_attribute(ds.id(), schema::units, std::string("1"));
      }
    }
  } else {
    h5::set_attribute(gid, "estimators",
                      std::string("elementary effects (Morris 1991), mu_star (Campolongo et al. 2007); "
                                  "confidence of mu_star: bootstrap over trajectories (as SALib)"));
    h5::set_attribute(gid, "trajectories", static_cast<std::int64_t>(s.trajectories));
    h5::set_attribute(gid, "levels", static_cast<std::int64_t>(s.levels));
    std::vector<double> mu, mus, sig, musc;
    for (const auto& x : s.morris) {
      mu.insert(mu.end(), x.mu.begin(), x.mu.end());
      mus.insert(mus.end(), x.mu_star.begin(), x.mu_star.end());
      sig.insert(sig.end(), x.sigma.begin(), x.sigma.end());
      musc.insert(musc.end(), x.mu_star_conf.begin(), x.mu_star_conf.end());
    }
    // Elementary effects carry the metric's unit (per unit-interval step); each row has its own.
    write_matrix(gid, "mu", mu, m, d, metric.id(), factor.id(), "mean elementary effect");
    write_matrix(gid, "mu_star", mus, m, d, metric.id(), factor.id(), "mean absolute elementary effect");
    write_matrix(gid, "sigma", sig, m, d, metric.id(), factor.id(), "standard deviation of the elementary effects");
    write_matrix(gid, "mu_star_conf", musc, m, d, metric.id(), factor.id(),
                 "half-width of the confidence interval of mu_star");
    for (const char* name : {"mu", "mu_star", "sigma", "mu_star_conf"}) {
      h5::Handle ds = h5::open_dataset(gid, name);
      h5::set_attribute(ds.id(), schema::units, std::string("those of each metric (see metric_units)"));
    }
    h5::Handle t = h5::string_type();
    h5::Handle mu_units = h5::create_dataset(gid, "metric_units", t.id(), {m});
    h5::write_string_rows(mu_units.id(), 0, s.metric_units);
    h5::attach_scale(mu_units.id(), metric.id(), 0);
  }
  std::vector<std::int64_t> n_nan(s.n_nan.begin(), s.n_nan.end());
  h5::Handle nn = h5::create_dataset(gid, "n_nan", H5T_STD_I64LE, {m});
  h5::write_all(nn.id(), n_nan);
  h5::attach_scale(nn.id(), metric.id(), 0);
  h5::set_attribute(nn.id(), schema::long_name, std::string("runs whose metric is NaN (their indices are NaN)"));
}

std::string format_sensitivity(const SweepSensitivity& s) {
  std::ostringstream o;
  if (s.method.empty()) return "";
  std::size_t wm = 6, wf = 6;
  for (const auto& m : s.metrics) wm = std::max(wm, m.size());
  for (const auto& f : s.factors) wf = std::max(wf, f.size());
  const std::string ci = format_number(100.0 * s.options.confidence) + " % CI";
  if (s.method == "sobol") {
    o << "Sobol' indices (N = " << s.base_samples
      << " base samples; S1 Saltelli 2010, ST Jansen 1999; ± half-width of the " << ci << ", " << s.options.resamples
      << " bootstrap resamples)\n";
    o << pad("metric", wm) << "  " << pad("factor", wf) << "      S1        ±      ST        ±\n";
    for (std::size_t k = 0; k < s.metrics.size(); ++k) {
      for (std::size_t j = 0; j < s.factors.size(); ++j) {
        const auto& x = s.sobol[k];
        o << pad(j == 0 ? s.metrics[k] : "", wm) << "  " << pad(s.factors[j], wf)
          << format_number(x.S1[j], index_column(8)) << format_number(x.S1_conf[j], index_column(9))
          << format_number(x.ST[j], index_column(8)) << format_number(x.ST_conf[j], index_column(9)) << "\n";
      }
      if (s.n_nan[k] > 0) o << pad("", wm) << "  (" << s.n_nan[k] << " runs with NaN: indices undefined)\n";
    }
    for (const auto& w : sensitivity_warnings(s)) o << "warning: " << w << "\n";
  } else {
    o << "Morris elementary effects (r = " << s.trajectories << " trajectories, " << s.levels
      << " levels; ± half-width of the " << ci << " of mu*)\n";
    o << pad("metric", wm) << "  " << pad("factor", wf) << "         mu*          ±         mu       sigma\n";
    for (std::size_t k = 0; k < s.metrics.size(); ++k) {
      for (std::size_t j = 0; j < s.factors.size(); ++j) {
        const auto& x = s.morris[k];
        o << pad(j == 0 ? s.metrics[k] : "", wm) << "  " << pad(s.factors[j], wf)
          << format_number(x.mu_star[j], value_column(12)) << format_number(x.mu_star_conf[j], value_column(11))
          << format_number(x.mu[j], value_column(11)) << format_number(x.sigma[j], value_column(12)) << "\n";
      }
      if (s.n_nan[k] > 0) o << pad("", wm) << "  (" << s.n_nan[k] << " runs with NaN: statistics undefined)\n";
    }
  }
  return o.str();
}

std::string summarize_metrics(hid_t f) {
  std::ostringstream o;
  const std::vector<std::string> metrics = h5::has_attribute(f, schema::sweep_metrics)
                                               ? split_lines(h5::get_string_attribute(f, schema::sweep_metrics))
                                               : std::vector<std::string>{};
  const std::vector<double> status = h5::read_doubles(h5::open_dataset(f, schema::status).id());
  std::size_t ok = 0, failed = 0;
  for (double v : status) {
    ok += v == 0.0;
    failed += v == 1.0;
  }
  o << status.size() << " runs: " << ok << " ok, " << failed << " failed\n";
  if (metrics.empty()) return o.str();
  std::size_t wm = 6;
  for (const auto& m : metrics) wm = std::max(wm, m.size());
  o << pad("metric", wm) << "        mean          sd          5%         50%         95%    NaN  units\n";
  for (const auto& name : metrics) {
    h5::Handle ds = h5::open_dataset(f, name);
    std::vector<double> v = h5::read_doubles(ds.id());
    const std::size_t n_all = v.size();
    const std::string unit =
        h5::has_attribute(ds.id(), schema::units) ? h5::get_string_attribute(ds.id(), schema::units) : "";
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }),
            v.end());  // in place: 8 B per run
    std::sort(v.begin(), v.end());
    double mean = NAN, sd = NAN;
    if (!v.empty()) {
      mean = 0.0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      double ss = 0.0;
      for (double x : v) ss += (x - mean) * (x - mean);
      sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : NAN;
    }
    // Percentiles by linear interpolation between order statistics.
    auto pct = [&](double p) {
      if (v.empty()) return static_cast<double>(NAN);
      const double pos = p * static_cast<double>(v.size() - 1);
      const auto k = static_cast<std::size_t>(pos);
      return k + 1 < v.size() ? v[k] + (pos - static_cast<double>(k)) * (v[k + 1] - v[k]) : v[k];
    };
    o << pad(name, wm) << format_number(mean, value_column(12)) << format_number(sd, value_column(12))
      << format_number(pct(0.05), value_column(12)) << format_number(pct(0.5), value_column(12))
      << format_number(pct(0.95), value_column(12)) << "  " << (n_all - v.size()) << "  " << unit << "\n";
  }
  return o.str();
}

std::string sensitivity_json(const SweepSensitivity& s) {
  JsonWriter w;
  w.begin_object();
  w.key("method").value(s.method);
  w.key("design").value(s.design);
  w.key("confidence_level").value(s.options.confidence);
  w.key("bootstrap_resamples").value(static_cast<long>(s.options.resamples));
  w.key("factors").begin_array();
  for (const auto& f : s.factors) w.value(f);
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& warning : sensitivity_warnings(s)) w.value(warning);
  w.end_array();
  w.key("metrics").begin_object();
  for (std::size_t k = 0; k < s.metrics.size(); ++k) {
    w.key(s.metrics[k]).begin_object();
    auto arr = [&](const char* name, const std::vector<double>& v) {
      w.key(name).begin_array();
      for (double x : v) w.value(x);
      w.end_array();
    };
    if (s.method == "sobol") {
      arr("S1", s.sobol[k].S1);
      arr("S1_conf", s.sobol[k].S1_conf);
      arr("ST", s.sobol[k].ST);
      arr("ST_conf", s.sobol[k].ST_conf);
      if (s.second_order) {
        arr("S2", s.sobol[k].S2);
        arr("S2_conf", s.sobol[k].S2_conf);
      }
    } else if (s.method == "morris") {
      arr("mu", s.morris[k].mu);
      arr("mu_star", s.morris[k].mu_star);
      arr("sigma", s.morris[k].sigma);
      arr("mu_star_conf", s.morris[k].mu_star_conf);
    }
    w.key("n_nan").value(static_cast<long>(s.n_nan[k]));
    w.end_object();
  }
  w.end_object();
  w.end_object();
  return w.str();
}

}  // namespace osteon
