// Reading sweep files (docs/sweeps.md). Every rejection names file, line,
// column and key, what was found and what was expected.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "core/number_format.hpp"
#include "core/units.hpp"
#include "model/model.hpp"
#include "model/registry.hpp"
#include "numerics/sobol_sequence.hpp"
#include "output/output_schema.hpp"
#include "scenario/runs_table_reader.hpp"
#include "scenario/scenario_path.hpp"
#include "scenario/yaml_reader.hpp"
#include "sweep/sweep.hpp"

namespace osteon {
namespace {

constexpr std::size_t max_runs = 100'000'000;

const std::vector<std::string> top_keys = {"osteon",  "name",   "description", "base",    "scenario", "factors",
                                           "problem", "design", "outputs",     "metrics", "analysis"};
// Datasets every sweep file has, or a partial file has while the sweep runs (the done mask of
// result_writer.hpp); names starting with "osteon_" are kept for such bookkeeping.
const std::vector<std::string> reserved_names = {
    schema::time, schema::run, schema::status, schema::status_message, schema::sensitivity_group, schema::block_done};

// ---- base scenario -----------------------------------------------------------

// An inline `scenario:` is read by the scenario loader from the sweep file
// itself, with everything outside the mapping blanked (newlines kept), so its
// messages point at the sweep file's own lines and columns.
Scenario read_inline_scenario(const YamlReader& r, const YAML::Node& root, const YAML::Node& sc,
                              const std::string& text, const ModelRegistry& models, std::string& shown_text) {
  if (!sc.IsMap())
    r.fail(sc, "scenario", YamlReader::describe(sc), "the base scenario as a mapping (or 'base: file.yaml')");
  const std::size_t start = static_cast<std::size_t>(std::max(0, sc.Mark().pos));
  std::size_t end = text.size();
  for (auto it = root.begin(); it != root.end(); ++it) {
    const int p = it->first.Mark().pos;
    if (p > static_cast<int>(start) && static_cast<std::size_t>(p) < end) {
      // Back to the start of the key's line: the mapping ends before it.
      std::size_t q = static_cast<std::size_t>(p);
      while (q > start && text[q - 1] != '\n') --q;
      end = q;
    }
  }
  std::string blanked = text;
  for (std::size_t i = 0; i < blanked.size(); ++i) {
    if ((i < start || i >= end) && blanked[i] != '\n') blanked[i] = ' ';
  }
  // The mapping as written, dedented, for the output file's `scenario` attribute.
  const int indent = sc.Mark().column;
  std::istringstream lines(text.substr(start, end - start));
  std::string line, shown;
  bool first = true;
  while (std::getline(lines, line)) {
    if (!first) {
      std::size_t k = 0;
      while (k < line.size() && k < static_cast<std::size_t>(indent) && line[k] == ' ') ++k;
      line = line.substr(k);
    }
    first = false;
    shown += line + "\n";
  }
  shown_text = shown;
  try {
    Scenario s = load_scenario_text(blanked, r.file(), models);
    s.text = shown;
    return s;
  } catch (const InputError& e) {
    if (e.key().empty()) throw;
    throw InputError(e.where(), "scenario." + e.key(), e.found(), e.expected());
  }
}

// ---- factors -------------------------------------------------------------------

SweepFactor read_factor(const YamlReader& r, const YAML::Node& n, const std::string& key, const Scenario& base,
                        const Model& model) {
  r.keys(n, key, {"path", "name", "range", "distribution", "mean", "sd", "median", "cv", "gsd", "values", "levels"});
  SweepFactor f;
  f.origin = r.origin(n, key);
  if (!n["path"])
    r.fail(n, key + ".path", "no 'path'", "the parameter or scenario path this factor sets, e.g. 'path: A_OCa'");
  f.path = r.scalar(n["path"], key + ".path", "a parameter name or scenario path");
  const ScenarioPath sp = resolve_scenario_path(f.path, base, model, r.origin(n["path"], key + ".path"));
  f.unit = sp.unit;
  f.name = f.path;
  if (auto x = n["name"]) {
    f.name = r.scalar(x, key + ".name", "a dataset name");
    static const std::regex name_re(R"([A-Za-z_][A-Za-z0-9_.\[\]]*)");
    if (!std::regex_match(f.name, name_re))
      r.fail(x, key + ".name", in_quotes(f.name), "letters, digits, '_', '.', '[' and ']'");
  }
  FactorDistribution& d = f.distribution;
  auto value = [&](const char* k, const std::string& unit, const std::string& what) {
    return r.quantity(n[k], key + "." + k, unit, what);
  };
  auto admissible = [&](const YAML::Node& at_node, const std::string& k, double v) {
    if (std::string why = check_path_value(sp, v, model); !why.empty()) {
      r.fail(at_node, k, in_quotes(at_node.IsScalar() ? at_node.Scalar() : format_number(v)) + " (" + why + ")",
             "an admissible value for " + f.path);
    }
  };
  std::string kind = "uniform";
  if (auto x = n["distribution"]) {
    kind = r.scalar(x, key + ".distribution", "uniform, loguniform, normal or lognormal");
    static const std::vector<std::string> kinds = {"uniform", "loguniform", "normal", "lognormal"};
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
      const std::string hint = suggest(kind, kinds);
      r.fail(x, key + ".distribution", "unknown distribution " + in_quotes(kind),
             (hint.empty() ? "" : hint + "; ") + "one of uniform, loguniform, normal, lognormal (or 'values: [...]')");
    }
  }
  auto forbid = [&](std::initializer_list<const char*> ks, const std::string& why) {
    for (const char* k : ks) {
      if (n[k]) r.fail(n[k], key + "." + k, in_quotes(k), why);
    }
  };
  if (auto vals = n["values"]) {
    if (n["distribution"])
      r.fail(n["distribution"], key + ".distribution", "both 'values' and 'distribution'", "one of them");
    forbid({"range", "mean", "sd", "median", "cv", "gsd", "levels"}, "no other keys next to 'values'");
    if (!vals.IsSequence() || vals.size() == 0)
      r.fail(vals, key + ".values", YamlReader::describe(vals), "a non-empty list of values");
    d.kind = FactorDistribution::Kind::discrete;
    for (std::size_t i = 0; i < vals.size(); ++i) {
      const std::string k = key + ".values[" + std::to_string(i) + "]";
      const double v = r.quantity(vals[i], k, f.unit, "a value of " + f.path);
      admissible(vals[i], k, v);
      if (std::find(d.values.begin(), d.values.end(), v) != d.values.end())
        r.fail(vals[i], k, "a repeated value", "distinct values");
      d.values.push_back(v);
    }
    return f;
  }
  auto read_range = [&](bool required) {
    const YAML::Node rg = n["range"];
    if (!rg) {
      if (required) r.fail(n, key + ".range", "no 'range'", "'range: [low, high]' in " + f.unit);
      return false;
    }
    if (!rg.IsSequence() || rg.size() != 2)
      r.fail(rg, key + ".range", YamlReader::describe(rg), "'[low, high]', two values in " + f.unit);
    d.lo = r.quantity(rg[0], key + ".range[0]", f.unit, "the low end");
    d.hi = r.quantity(rg[1], key + ".range[1]", f.unit, "the high end");
    if (!(d.lo < d.hi))
      r.fail(rg, key + ".range", "an empty range [" + format_number(d.lo) + ", " + format_number(d.hi) + "]",
             "low < high");
    admissible(rg[0], key + ".range[0]", d.lo);
    admissible(rg[1], key + ".range[1]", d.hi);
    return true;
  };
  if (kind == "uniform" || kind == "loguniform") {
    forbid({"mean", "sd", "median", "cv", "gsd"}, "'range' only, for a " + kind + " factor");
    d.kind = kind == "uniform" ? FactorDistribution::Kind::uniform : FactorDistribution::Kind::log_uniform;
    read_range(true);
    if (d.kind == FactorDistribution::Kind::log_uniform && !(d.lo > 0.0)) {
      r.fail(n["range"], key + ".range", "a log-uniform range reaching " + format_number(d.lo),
             "a range of positive values");
    }
  } else if (kind == "normal") {
    forbid({"median", "cv", "gsd"}, "'mean' and 'sd' for a normal factor");
    d.kind = FactorDistribution::Kind::normal;
    if (!n["mean"] || !n["sd"])
      r.fail(n, key, "a normal factor without " + std::string(n["mean"] ? "'sd'" : "'mean'"), "'mean' and 'sd'");
    d.mean = value("mean", f.unit, "the mean");
    d.sd = value("sd", f.unit, "the standard deviation");
    if (!(d.sd > 0.0)) r.fail(n["sd"], key + ".sd", in_quotes(n["sd"].Scalar()), "a positive standard deviation");
    read_range(false);
  } else {
    forbid({"mean", "sd"}, "'median' with 'cv' or 'gsd' for a log-normal factor");
    d.kind = FactorDistribution::Kind::log_normal;
    if (!n["median"])
      r.fail(n, key + ".median", "a log-normal factor without 'median'", "'median' and 'cv' (or 'gsd')");
    d.mean = value("median", f.unit, "the median");
    if (!(d.mean > 0.0)) r.fail(n["median"], key + ".median", in_quotes(n["median"].Scalar()), "a positive median");
    if (n["cv"] && n["gsd"]) r.fail(n["gsd"], key + ".gsd", "both 'cv' and 'gsd'", "one of them");
    if (n["cv"]) {
      const double cv = r.number(n["cv"], key + ".cv", "a positive coefficient of variation, e.g. 0.3");
      if (!(cv > 0.0 && cv < 100.0))
        r.fail(n["cv"], key + ".cv", in_quotes(n["cv"].Scalar()), "a positive coefficient of variation, e.g. 0.3");
      d.sd = std::sqrt(std::log1p(cv * cv));
    } else if (n["gsd"]) {
      const double gsd = r.number(n["gsd"], key + ".gsd", "a geometric standard deviation above 1, e.g. 1.5");
      if (!(gsd > 1.0 && gsd < 1e6))
        r.fail(n["gsd"], key + ".gsd", in_quotes(n["gsd"].Scalar()),
               "a geometric standard deviation above 1, e.g. 1.5");
      d.sd = std::log(gsd);
    } else {
      r.fail(n, key + ".cv", "a log-normal factor without 'cv' or 'gsd'",
             "its spread: 'cv' (e.g. 0.3) or 'gsd' (e.g. 1.5)");
    }
    read_range(false);
    if (n["range"] && d.lo < 0.0)
      r.fail(n["range"], key + ".range", "a truncation below 0", "non-negative bounds for a log-normal factor");
  }
  if (auto x = n["levels"]) {
    if (!d.bounded_continuous())
      r.fail(x, key + ".levels", "'levels' for a " + kind + " factor",
             "'levels' only with a uniform or loguniform range");
    d.grid_levels = static_cast<int>(r.whole(x, key + ".levels", "a whole number of levels from 2 to 10000", 2, 10000));
  }
  return f;
}

// SALib's problem dictionary: {num_vars, names, bounds[, dists]}.
std::vector<SweepFactor> read_problem(const YamlReader& r, const YAML::Node& n, const Scenario& base,
                                      const Model& model) {
  r.keys(n, "problem", {"num_vars", "names", "bounds", "dists", "groups", "outputs"});
  if (n["groups"]) r.fail(n["groups"], "problem.groups", "'groups'", "no groups: osteon analyses factors one by one");
  if (n["outputs"]) r.fail(n["outputs"], "problem.outputs", "'outputs'", "metrics under 'metrics:' instead");
  for (const char* k : {"num_vars", "names", "bounds"}) {
    if (!n[k])
      r.fail(n, std::string("problem.") + k, std::string("no '") + k + "'",
             "num_vars, names and bounds (SALib's problem)");
  }
  const auto count =
      static_cast<std::size_t>(r.whole(n["num_vars"], "problem.num_vars", "a positive number of factors", 1, 1000));
  const YAML::Node names = n["names"], bounds = n["bounds"], dists = n["dists"];
  if (!names.IsSequence() || names.size() != count) {
    r.fail(names, "problem.names",
           YamlReader::describe(names) + (names.IsSequence() ? " of " + std::to_string(names.size()) : ""),
           "a list of num_vars = " + std::to_string(count) + " parameter names or scenario paths");
  }
  if (!bounds.IsSequence() || bounds.size() != count) {
    r.fail(bounds, "problem.bounds", YamlReader::describe(bounds),
           "a list of num_vars = " + std::to_string(count) + " bounds");
  }
  if (dists && (!dists.IsSequence() || dists.size() != count)) {
    r.fail(dists, "problem.dists", YamlReader::describe(dists),
           "a list of num_vars = " + std::to_string(count) + " distribution names");
  }
  std::vector<SweepFactor> out;
  for (std::size_t j = 0; j < count; ++j) {
    SweepFactor f;
    const std::string nk = "problem.names[" + std::to_string(j) + "]", bk = "problem.bounds[" + std::to_string(j) + "]";
    f.path = f.name = r.scalar(names[j], nk, "a parameter name or scenario path");
    f.origin = r.origin(names[j], nk);
    const ScenarioPath sp = resolve_scenario_path(f.path, base, model, f.origin);
    f.unit = sp.unit;
    const std::string dist =
        dists ? r.scalar(dists[j], "problem.dists[" + std::to_string(j) + "]", "a SALib distribution name") : "unif";
    const std::size_t want = dist == "truncnorm" ? 4 : 2;
    if (!bounds[j].IsSequence() || bounds[j].size() != want) {
      r.fail(bounds[j], bk, YamlReader::describe(bounds[j]), std::to_string(want) + " numbers for '" + dist + "'");
    }
    std::vector<double> b;
    for (std::size_t i = 0; i < want; ++i) {
      const bool log_scale = dist == "lognorm";
      b.push_back(log_scale ? r.number(bounds[j][i], bk, "a plain number (mean or sd of ln x)")
                            : r.quantity(bounds[j][i], bk + "[" + std::to_string(i) + "]", f.unit, "a bound"));
    }
    FactorDistribution& d = f.distribution;
    if (dist == "unif" || dist == "logunif") {
      d.kind = dist == "unif" ? FactorDistribution::Kind::uniform : FactorDistribution::Kind::log_uniform;
      d.lo = b[0];
      d.hi = b[1];
      if (!(d.lo < d.hi)) r.fail(bounds[j], bk, "an empty range", "lower < upper");
      if (dist == "logunif" && !(d.lo > 0.0))
        r.fail(bounds[j], bk, "a log-uniform range reaching " + format_number(d.lo), "positive bounds");
      for (double v : b) {
        if (std::string why = check_path_value(sp, v, model); !why.empty())
          r.fail(bounds[j], bk, format_number(v) + " (" + why + ")", "admissible bounds for " + f.path);
      }
    } else if (dist == "norm") {
      d.kind = FactorDistribution::Kind::normal;
      d.mean = b[0];
      d.sd = b[1];
      if (!(d.sd > 0.0))
        r.fail(bounds[j], bk, "a standard deviation of " + format_number(d.sd), "[mean, sd] with sd > 0");
    } else if (dist == "truncnorm") {
      d.kind = FactorDistribution::Kind::normal;
      d.lo = b[0];
      d.hi = b[1];
      d.mean = b[2];
      d.sd = b[3];
      if (!(d.lo < d.hi) || !(d.sd > 0.0))
        r.fail(bounds[j], bk,
               "bounds " + format_number(d.lo) + ", " + format_number(d.hi) + " and sd " + format_number(d.sd),
               "[lower, upper, mean, sd] with lower < upper and sd > 0");
    } else if (dist == "lognorm") {
      d.kind = FactorDistribution::Kind::log_normal;
      d.mean = std::exp(b[0]);
      d.sd = b[1];
      if (!(d.sd > 0.0))
        r.fail(bounds[j], bk, "a standard deviation of " + format_number(d.sd),
               "[mean of ln x, sd of ln x] with sd > 0");
    } else {
      r.fail(dists[j], "problem.dists[" + std::to_string(j) + "]", "distribution " + in_quotes(dist),
             "unif, logunif, norm, truncnorm or lognorm");
    }
    out.push_back(std::move(f));
  }
  return out;
}

// ---- design --------------------------------------------------------------------

DesignSpec read_design(const YamlReader& r, const YAML::Node& n, std::vector<SweepFactor>& factors,
                       const Scenario& base, const Model& model, bool has_factor_list, std::string& inputs_text) {
  if (!n.IsMap())
    r.fail(n, "design", YamlReader::describe(n),
           "a mapping with 'type' (grid, list, lhs, sobol, morris or population)");
  DesignSpec d;
  if (!n["type"]) r.fail(n, "design.type", "no 'type'", "grid, list, lhs, sobol, morris or population");
  const std::string type = r.scalar(n["type"], "design.type", "a design type");
  static const std::vector<std::string> types = {"grid", "list", "lhs", "sobol", "morris", "population"};
  const auto it = std::find(types.begin(), types.end(), type);
  if (it == types.end()) {
    const std::string hint = suggest(type, types);
    r.fail(n["type"], "design.type", "unknown design " + in_quotes(type),
           (hint.empty() ? "" : hint + "; ") + "one of " + join(types));
  }
  d.type = static_cast<DesignSpec::Type>(it - types.begin());
  std::vector<std::string> allowed = {"type"};
  switch (d.type) {
    case DesignSpec::Type::grid:
      break;
    case DesignSpec::Type::list:
      allowed.insert(allowed.end(), {"file", "columns", "rows"});
      break;
    case DesignSpec::Type::lhs:
      allowed.insert(allowed.end(), {"seed", "samples"});
      break;
    case DesignSpec::Type::sobol:
      allowed.insert(allowed.end(), {"seed", "samples", "second_order", "sequence", "randomize"});
      break;
    case DesignSpec::Type::morris:
      allowed.insert(allowed.end(), {"seed", "trajectories", "levels"});
      break;
    case DesignSpec::Type::population:
      allowed.insert(allowed.end(), {"seed", "samples", "correlation"});
      break;
  }
  r.keys(n, "design", allowed);
  const bool random = d.type != DesignSpec::Type::grid && d.type != DesignSpec::Type::list;
  if (random) {
    if (!n["seed"])
      r.fail(n, "design.seed", "no 'seed'",
             "a seed (a whole number from 0 to 2^64-1) so that the design can be made again");
    d.seed = r.whole(n["seed"], "design.seed", "a whole number from 0 to 2^64-1", 0, 1.8446744073709552e19);
  }
  if (std::find(allowed.begin(), allowed.end(), "samples") != allowed.end()) {
    if (!n["samples"]) r.fail(n, "design.samples", "no 'samples'", "the number of samples, a positive whole number");
    d.samples =
        static_cast<std::size_t>(r.whole(n["samples"], "design.samples", "a positive whole number of samples", 1, 1e8));
  }
  if (d.type == DesignSpec::Type::list) {
    if (has_factor_list)
      r.fail(n, "factors", "'factors' with a list design", "no 'factors': the list's columns are the factors");
    YAML::Node table;
    for (const char* k : {"file", "columns", "rows"}) {
      if (n[k]) table[k] = n[k];
    }
    Scenario where = base;
    where.file = r.file();
    const RunsTable t = read_runs_table(table, where, model);
    if (t.source != "inline") inputs_text += read_input_file(t.source, "list file");
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      SweepFactor f;
      f.name = f.path = t.columns[c];
      f.origin = t.column_origins[c];
      f.unit = resolve_scenario_path(f.path, base, model, f.origin).unit;
      f.distribution.kind = FactorDistribution::Kind::discrete;
      factors.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < t.n_rows(); ++i) d.rows.emplace_back(t.row(i), t.row(i) + t.columns.size());
    return d;
  }
  if (factors.empty()) r.fail(n, "factors", "no factors", "'factors:' (or SALib's 'problem:') naming what varies");
  const std::size_t nf = factors.size();
  auto fail_factor = [&](std::size_t j, const std::string& found, const std::string& expected) {
    throw InputError(factors[j].origin.where, factors[j].origin.key, found, expected);
  };
  switch (d.type) {
    case DesignSpec::Type::grid:
      for (std::size_t j = 0; j < nf; ++j) {
        const auto& fd = factors[j].distribution;
        if (fd.kind != FactorDistribution::Kind::discrete && fd.grid_levels == 0) {
          fail_factor(j, std::string("a ") + fd.kind_name() + " factor in a grid",
                      "'values: [...]', or a uniform or loguniform 'range' with 'levels: n'");
        }
      }
      break;
    case DesignSpec::Type::sobol:
      if (d.samples < 2)
        r.fail(n["samples"], "design.samples", in_quotes(n["samples"].Scalar()),
               "at least 2 base samples (a power of 2, e.g. 1024)");
      if (auto x = n["second_order"]) d.second_order = r.boolean(x, "design.second_order");
      if (auto x = n["sequence"]) {
        const std::string s = r.scalar(x, "design.sequence", "sobol or random");
        if (s != "sobol" && s != "random")
          r.fail(x, "design.sequence", in_quotes(s), "sobol (Sobol' points) or random (mt19937_64)");
        d.quasi_random = s == "sobol";
      }
      if (auto x = n["randomize"]) {
        const std::string s = r.scalar(x, "design.randomize", "shift or none");
        if (s != "shift" && s != "none")
          r.fail(x, "design.randomize", in_quotes(s), "shift (random digital shift) or none (raw Sobol' points)");
        if (!d.quasi_random)
          r.fail(x, "design.randomize", "'randomize' with random points", "'randomize' only with sequence: sobol");
        d.digital_shift = s == "shift";
      }
      if (d.quasi_random && 2 * nf > static_cast<std::size_t>(SobolSequence::max_dimensions())) {
        r.fail(n, "design.sequence", std::to_string(nf) + " factors (" + std::to_string(2 * nf) + " Sobol' dimensions)",
               "at most " + std::to_string(SobolSequence::max_dimensions() / 2) +
                   " factors with Sobol' points, or sequence: random");
      }
      break;
    case DesignSpec::Type::morris:
      if (!n["trajectories"])
        r.fail(n, "design.trajectories", "no 'trajectories'", "the number of trajectories r, at least 2 (e.g. 20)");
      d.trajectories = static_cast<std::size_t>(
          r.whole(n["trajectories"], "design.trajectories", "a whole number of trajectories, at least 2", 2, 1e7));
      if (auto x = n["levels"]) {
        d.levels = static_cast<int>(r.whole(x, "design.levels", "an even number of levels from 2 to 1000", 2, 1000));
        if (d.levels % 2 != 0)
          r.fail(x, "design.levels", in_quotes(x.Scalar()),
                 "an even number of levels (e.g. 4), so that Δ = p/(2(p-1)) keeps the design symmetric");
      }
      for (std::size_t j = 0; j < nf; ++j) {
        if (!factors[j].distribution.bounded_continuous()) {
          fail_factor(j, std::string("a ") + factors[j].distribution.kind_name() + " factor in a Morris design",
                      "a uniform or loguniform 'range' (Morris moves factors on a grid of levels between its ends)");
        }
      }
      break;
    case DesignSpec::Type::population:
      if (auto c = n["correlation"]) {
        if (!c.IsSequence() || c.size() != nf) {
          r.fail(c, "design.correlation", YamlReader::describe(c),
                 "a " + std::to_string(nf) + " x " + std::to_string(nf) + " matrix, one row per factor");
        }
        for (std::size_t i = 0; i < nf; ++i) {
          const std::string rk = "design.correlation[" + std::to_string(i) + "]";
          if (!c[i].IsSequence() || c[i].size() != nf)
            r.fail(c[i], rk, YamlReader::describe(c[i]), "a row of " + std::to_string(nf) + " numbers");
          std::vector<double> row;
          for (std::size_t j = 0; j < nf; ++j) {
            const std::string k = rk + "[" + std::to_string(j) + "]";
            const double v = r.number(c[i][j], k, "a correlation between -1 and 1");
            if (!(v >= -1.0 && v <= 1.0))
              r.fail(c[i][j], k, in_quotes(c[i][j].Scalar()), "a correlation between -1 and 1");
            if (i == j && v != 1.0) r.fail(c[i][j], k, in_quotes(c[i][j].Scalar()), "1 on the diagonal");
            row.push_back(v);
          }
          d.correlation.push_back(row);
        }
        std::vector<double> flat;
        for (const auto& row : d.correlation) flat.insert(flat.end(), row.begin(), row.end());
        for (std::size_t i = 0; i < nf; ++i) {
          for (std::size_t j = 0; j < i; ++j) {
            if (flat[i * nf + j] != flat[j * nf + i]) {
              r.fail(c[i][j], "design.correlation[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                     format_number(flat[i * nf + j]),
                     "a symmetric matrix (row " + std::to_string(j) + " has " + format_number(flat[j * nf + i]) + ")");
            }
          }
        }
        if (cholesky(flat, nf).empty()) {
          r.fail(c, "design.correlation", "a matrix that is not positive definite",
                 "a valid correlation matrix (symmetric, positive definite)");
        }
      }
      break;
    default:
      break;
  }
  for (std::size_t j = 0; j < nf; ++j) {
    if (factors[j].distribution.grid_levels > 0 && d.type != DesignSpec::Type::grid) {
      fail_factor(j, "'levels' in a " + type + " design", "'levels' only in grid designs");
    }
  }
  return d;
}

// ---- metrics -------------------------------------------------------------------

std::string variable_unit(const Model& model, const std::string& v) {
  const ModelInfo& info = model.info();
  if (auto i = info.state_index(v)) return std::string(info.states[static_cast<std::size_t>(*i)].unit);
  if (auto o = info.observable_index(v)) return std::string(info.observables[static_cast<std::size_t>(*o)].unit);
  return {};
}

void check_variable(const YamlReader& r, const YAML::Node& n, const std::string& key, const std::string& v,
                    const Model& model) {
  const auto known = model.info().variable_names();
  if (std::find(known.begin(), known.end(), v) == known.end()) {
    const std::string hint = suggest(v, known);
    r.fail(n, key, "unknown variable " + in_quotes(v),
           (hint.empty() ? "" : hint + "; ") + "a state or observable of " + std::string(model.info().id) + " (" +
               join(known) + ")");
  }
}

MetricSpec read_metric(const YamlReader& r, const YAML::Node& n, const std::string& key, const Scenario& base,
                       const Model& model) {
  static const std::vector<std::string> kinds = {"value",       "min",     "max", "time_of_min",
                                                 "time_of_max", "time_to", "auc", "change"};
  std::vector<std::string> allowed = {"name", "long_name", "at", "from", "to", "if_never", "unit"};
  allowed.insert(allowed.end(), kinds.begin(), kinds.end());
  r.keys(n, key, allowed);
  MetricSpec m;
  m.origin = r.origin(n, key);
  if (!n["name"]) r.fail(n, key + ".name", "no 'name'", "a name for the metric's dataset, e.g. 'name: tscore_fn_5y'");
  m.name = r.scalar(n["name"], key + ".name", "a metric name");
  static const std::regex name_re("[A-Za-z][A-Za-z0-9_]*");
  if (!std::regex_match(m.name, name_re))
    r.fail(n["name"], key + ".name", in_quotes(m.name), "letters, digits and '_', starting with a letter");
  int found = 0;
  YAML::Node what;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    if (n[kinds[k]]) {
      ++found;
      m.kind = static_cast<MetricSpec::Kind>(k);
      what = n[kinds[k]];
    }
  }
  if (found != 1) {
    r.fail(n, key, found == 0 ? "no summary" : "several summaries",
           "exactly one of " + join(kinds) + " (with the variable it summarises)");
  }
  const std::string wkey = key + "." + MetricSpec::kind_name(m.kind);
  if (m.kind == MetricSpec::Kind::time_to) {
    const std::string cond =
        r.scalar(what, wkey, "a condition such as 'OUTPUT <= -2.5' (an output of the model, an operator, a number)");
    static const std::regex cond_re(R"(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|<|>)\s*(\S.*?)\s*)");
    std::smatch mm;
    if (!std::regex_match(cond, mm, cond_re))
      r.fail(what, wkey, in_quotes(cond), "a condition 'VARIABLE OP VALUE' with OP one of <, <=, >, >=");
    m.variable = mm[1];
    check_variable(r, what, wkey, m.variable, model);
    const std::string op = mm[2];
    m.op = op == "<"    ? MetricSpec::Op::lt
           : op == "<=" ? MetricSpec::Op::le
           : op == ">"  ? MetricSpec::Op::gt
                        : MetricSpec::Op::ge;
    const std::string unit = variable_unit(model, m.variable);
    try {
      m.threshold = to_unit(parse_quantity(mm[3].str()), unit.empty() ? "1" : unit);
    } catch (const UnitError& e) {
      r.fail(what, wkey, in_quotes(mm[3].str()) + " (" + e.what() + ")",
             "a threshold in " + unit + " or a compatible unit");
    }
  } else {
    m.variable = r.scalar(what, wkey, "a variable name");
    check_variable(r, what, wkey, m.variable, model);
  }
  const double end = base.duration;
  auto read_time = [&](const char* k) {
    const double t = r.time(n[k], key + "." + k, std::string("the time '") + k + "'");
    if (t < 0.0 || t > end * (1.0 + 1e-12))
      r.fail(n[k], key + "." + k, in_quotes(n[k].Scalar()),
             "a time between 0 d and the duration (" + format_number(end) + " d)");
    return std::min(t, end);
  };
  if (m.kind == MetricSpec::Kind::value) {
    if (!n["at"]) r.fail(n, key + ".at", "no 'at'", "the time of the value, e.g. 'at: 5 y'");
    if (n["from"] || n["to"]) r.fail(n["from"] ? n["from"] : n["to"], key, "'from'/'to' with 'value'", "'at' only");
    m.at = read_time("at");
    m.from = m.to = m.at;
  } else {
    if (n["at"])
      r.fail(n["at"], key + ".at", "'at'",
             "'from' and 'to' for a " + std::string(MetricSpec::kind_name(m.kind)) + " metric");
    if (m.kind == MetricSpec::Kind::change && (!n["from"] || !n["to"])) {
      r.fail(n, key, "a change without 'from' and 'to'", "the two times, e.g. 'from: 0 d, to: 5 y'");
    }
    m.from = n["from"] ? read_time("from") : 0.0;
    m.to = n["to"] ? read_time("to") : end;
    if (!(m.from < m.to))
      r.fail(n["to"] ? n["to"] : n, key + ".to", format_number(m.to) + " d (from is " + format_number(m.from) + " d)",
             "'to' after 'from'");
  }
  if (auto x = n["if_never"]) {
    if (m.kind != MetricSpec::Kind::time_to) r.fail(x, key + ".if_never", "'if_never'", "'if_never' only with time_to");
    const std::string s = r.scalar(x, key + ".if_never", "nan or a time");
    m.if_never = (s == "nan" || s == "NaN") ? std::numeric_limits<double>::quiet_NaN()
                                            : r.time(x, key + ".if_never", "the value when never crossed");
  }
  const std::string natural = MetricSpec::natural_unit(m.kind, variable_unit(model, m.variable));
  m.unit = natural;
  if (auto x = n["unit"]) {
    const std::string u = r.scalar(x, key + ".unit", "a unit");
    try {
      m.scale = convert(1.0, natural, u);
    } catch (const UnitError& e) {
      r.fail(x, key + ".unit", in_quotes(u) + " (" + e.what() + ")", "a unit compatible with " + natural);
    }
    m.unit = u;
  }
  m.long_name = n["long_name"] ? r.scalar(n["long_name"], key + ".long_name", "a line of text") : m.definition();
  return m;
}

// ---- the sweep -----------------------------------------------------------------

Sweep read_sweep(const std::string& text, const std::string& label, const ModelRegistry& models) {
  const YamlReader r(label);
  const YAML::Node root = r.mapping_document(
      text, top_keys,
      "a sweep: a mapping with 'osteon: 1', 'name', 'base' (or 'scenario'), 'factors', 'design' and 'metrics'");
  Sweep sw;
  sw.file = label;
  sw.text = text;
  sw.name = r.format_1_name(root, "sweep", "a sweep name");
  if (auto d = root["description"]) sw.description = r.scalar(d, "description", "a line of text");

  // Base scenario.
  if (root["base"] && root["scenario"])
    r.fail(root["scenario"], "scenario", "both 'base' and 'scenario'", "one of them");
  if (!root["base"] && !root["scenario"]) {
    throw InputError(SourceLocation{label, 1, 1}, "base", "no base scenario",
                     "'base: scenario.yaml' (relative to the sweep file) or 'scenario:' written inline");
  }
  YAML::Node base_node;
  if (auto b = root["base"]) {
    base_node = b;
    std::filesystem::path p(r.scalar(b, "base", "a scenario file name"));
    if (p.is_relative() && !label.empty() && label.front() != '<') p = std::filesystem::path(label).parent_path() / p;
    sw.base_file = p.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec))
      r.fail(b, "base", in_quotes(b.Scalar()) + " (no such file: " + p.string() + ")",
             "a scenario file, relative to the sweep file");
    sw.base = load_scenario_file(p.string(), models);
  } else {
    base_node = root["scenario"];
    std::string shown;
    sw.base = read_inline_scenario(r, root, base_node, text, models, shown);
    sw.base_file = label;
  }
  sw.inputs_text = text + "\n---\n" + sw.base.text;
  if (sw.base.runs) {
    r.fail(base_node, root["base"] ? "base" : "scenario", "a base scenario with 'runs:'",
           "a scenario without runs (the sweep's design makes the runs)");
  }
  const Model& model = *models.find(sw.base.model);

  // Factors.
  if (root["factors"] && root["problem"])
    r.fail(root["problem"], "problem", "both 'factors' and 'problem'", "one of them");
  if (auto fs = root["factors"]) {
    if (!fs.IsSequence() || fs.size() == 0)
      r.fail(fs, "factors", YamlReader::describe(fs),
             "a non-empty list of factors, e.g. - {path: A_OCa, range: [0.5 /d, 1 /d]}");
    for (std::size_t j = 0; j < fs.size(); ++j)
      sw.factors.push_back(read_factor(r, fs[j], "factors[" + std::to_string(j) + "]", sw.base, model));
  } else if (auto p = root["problem"]) {
    sw.factors = read_problem(r, p, sw.base, model);
  }
  const YAML::Node design = r.required(root, "design", "a design: 'design: {type: lhs, samples: 1000, seed: 1}'");
  sw.design_origin = r.origin(design, "design");
  sw.design = read_design(r, design, sw.factors, sw.base, model, root["factors"] || root["problem"], sw.inputs_text);
  for (std::size_t j = 0; j < sw.factors.size(); ++j) {
    for (std::size_t k = 0; k < j; ++k) {
      if (sw.factors[k].path == sw.factors[j].path) {
        throw InputError(sw.factors[j].origin.where, sw.factors[j].origin.key,
                         "a second factor on " + in_quotes(sw.factors[j].path), "each path once");
      }
    }
  }
  std::vector<FactorDistribution> dists;
  for (const auto& f : sw.factors) dists.push_back(f.distribution);
  const double runs = [&] {
    double n = 1.0;
    switch (sw.design.type) {
      case DesignSpec::Type::grid:
        for (const auto& f : dists) n *= static_cast<double>(f.grid().size());
        return n;
      default:
        return static_cast<double>(design_runs(sw.design, dists));
    }
  }();
  if (runs > static_cast<double>(max_runs))
    r.fail(design, "design", format_number(runs) + " runs", "at most 10^8 runs in one sweep (split it)");
  if (runs < 1.0) r.fail(design, "design", "no runs", "at least one run");

  // Outputs and metrics.
  if (auto o = root["outputs"]) {
    if (o.IsScalar() && (o.Scalar() == "none" || o.Scalar().empty())) {
    } else if (o.IsNull()) {
    } else {
      if (!o.IsSequence())
        r.fail(o, "outputs", YamlReader::describe(o), "a list of variables to keep as full trajectories, or 'none'");
      for (std::size_t i = 0; i < o.size(); ++i) {
        const std::string key = "outputs[" + std::to_string(i) + "]";
        const std::string v = r.scalar(o[i], key, "a variable name");
        check_variable(r, o[i], key, v, model);
        if (std::find(sw.outputs.begin(), sw.outputs.end(), v) != sw.outputs.end())
          r.fail(o[i], key, "a second " + in_quotes(v), "each variable once");
        sw.outputs.push_back(v);
      }
    }
  }
  if (auto ms = root["metrics"]) {
    if (!ms.IsSequence())
      r.fail(ms, "metrics", YamlReader::describe(ms), "a list of metrics, e.g. - {name: bv_end, value: BV, at: 1 y}");
    for (std::size_t i = 0; i < ms.size(); ++i)
      sw.metrics.push_back(read_metric(r, ms[i], "metrics[" + std::to_string(i) + "]", sw.base, model));
  }
  if (sw.metrics.empty() && sw.outputs.empty()) {
    throw InputError(SourceLocation{label, 1, 1}, "metrics", "neither metrics nor outputs",
                     "'metrics:' (summaries per run) and/or 'outputs:' (trajectories)");
  }
  // One namespace in the output file.
  std::set<std::string> taken(reserved_names.begin(), reserved_names.end());
  auto claim = [&](const std::string& nm, const Origin& o, const char* what) {
    if (nm.rfind("osteon_", 0) == 0) {
      throw InputError(o.where, o.key, std::string(what) + " named " + in_quotes(nm),
                       "a name that does not start with 'osteon_' (kept for osteon's own datasets)");
    }
    if (!taken.insert(nm).second)
      throw InputError(o.where, o.key, std::string(what) + " named " + in_quotes(nm) + " like another dataset",
                       "names that differ from every factor, metric, output and " + join(reserved_names));
  };
  for (const auto& f : sw.factors) claim(f.name, f.origin, "a factor");
  for (const auto& m : sw.metrics) claim(m.name, m.origin, "a metric");
  for (std::size_t i = 0; i < sw.outputs.size(); ++i)
    claim(sw.outputs[i], Origin{r.at(root["outputs"][i]), "outputs[" + std::to_string(i) + "]"}, "an output");

  // Analysis.
  sw.analysis.seed = sw.design.seed;
  if (auto a = root["analysis"]) {
    r.keys(a, "analysis", {"bootstrap", "confidence", "seed"});
    if (auto x = a["bootstrap"])
      sw.analysis.resamples = static_cast<std::size_t>(
          r.whole(x, "analysis.bootstrap", "a whole number of resamples (0 for none, or at least 2)", 0,
                  static_cast<double>(max_bootstrap_resamples)));
    if (sw.analysis.resamples == 1)
      r.fail(a["bootstrap"], "analysis.bootstrap", "1", "0 (no confidence intervals) or at least 2 resamples");
    if (auto x = a["confidence"]) {
      sw.analysis.confidence = r.number(x, "analysis.confidence", "a confidence level between 0 and 1, e.g. 0.95");
      if (!(sw.analysis.confidence > 0.0 && sw.analysis.confidence < 1.0))
        r.fail(x, "analysis.confidence", in_quotes(x.Scalar()), "a confidence level between 0 and 1, e.g. 0.95");
    }
    if (auto x = a["seed"])
      sw.analysis.seed = r.whole(x, "analysis.seed", "a whole number from 0 to 2^64-1", 0, 1.8446744073709552e19);
  }
  return sw;
}

}  // namespace

Sweep load_sweep_text(const std::string& text, const std::string& file_label, const ModelRegistry& models) {
  try {
    return read_sweep(text, file_label, models);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, "cannot read this YAML: " + e.msg);
  }
}

bool is_sweep_file(const std::string& path) {
  try {
    // Through read_input_file: regular files of bounded size only (no /dev/zero, no FIFO).
    const YAML::Node root = YAML::Load(read_input_file(path, "scenario or sweep file"));
    return root.IsMap() && root["design"];
  } catch (const std::exception&) {
    return false;  // unreadable or malformed: the scenario loader says why
  }
}

Sweep load_sweep_file(const std::string& path, const ModelRegistry& models) {
  return load_sweep_text(read_input_file(path, "sweep file"), path, models);
}

}  // namespace osteon
