#include "cluster/shard_merge.hpp"

#include <charconv>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_schema.hpp"
#include "output/result_writer.hpp"

namespace osteon {
namespace fs = std::filesystem;

namespace {

// Attributes only a shard has, and those ResultWriter writes itself.
const std::set<std::string> shard_only_attributes = {schema::sweep_shard, schema::sweep_total_runs};
const std::set<std::string> writer_root_attributes = {
    schema::conventions, schema::title,          schema::source,   schema::history,  schema::format_version,
    schema::model,       schema::model_citation, schema::scenario, schema::settings, schema::disclaimer};
// Per-dataset attributes the writer makes from OutputDescription fields or dimension scales.
const std::set<std::string> writer_dataset_attributes = {
    schema::units, schema::long_name, schema::coordinates, "DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME"};

struct ShardFile {
  std::string path;
  h5::Handle file;
  std::string fingerprint, label, sweep_name;
  std::size_t total = 0, first = 0, end = 0;  // global runs [first, end)
};

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t nl = s.find('\n', pos);
    const std::string line = s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string range_text(std::size_t first, std::size_t end) {
  return end - first == 1 ? "run " + std::to_string(first)
                          : "runs " + std::to_string(first) + ".." + std::to_string(end - 1);
}

// Scalar string, integer and floating-point attributes of an object, by name.
std::vector<std::pair<std::string, AttributeValue>> scalar_attributes(hid_t obj) {
  std::vector<std::pair<std::string, AttributeValue>> out;
  for (const auto& name : h5::attribute_names(obj)) {
    h5::Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, ("open attribute " + name).c_str());
    h5::Handle space(H5Aget_space(attr.id()), H5Sclose, "H5Aget_space");
    if (H5Sget_simple_extent_type(space.id()) != H5S_SCALAR) continue;
    h5::Handle type(H5Aget_type(attr.id()), H5Tclose, "H5Aget_type");
    switch (H5Tget_class(type.id())) {
      case H5T_STRING:
        out.emplace_back(name, h5::get_string_attribute(obj, name));
        break;
      case H5T_INTEGER: {
        std::int64_t v = 0;
        h5::check(H5Aread(attr.id(), H5T_NATIVE_INT64, &v), "H5Aread");
        out.emplace_back(name, v);
        break;
      }
      case H5T_FLOAT: {
        double v = 0;
        h5::check(H5Aread(attr.id(), H5T_NATIVE_DOUBLE, &v), "H5Aread");
        out.emplace_back(name, v);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

std::string string_attribute_or(hid_t obj, const std::string& name, const std::string& fallback = "") {
  return h5::has_attribute(obj, name) ? h5::get_string_attribute(obj, name) : fallback;
}

// The further string attributes of a factor or metric dataset (osteon_path, osteon_metric, comment, ...).
std::vector<std::pair<std::string, std::string>> extra_string_attributes(hid_t dset) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& [name, value] : scalar_attributes(dset)) {
    if (writer_dataset_attributes.count(name)) continue;
    if (const auto* s = std::get_if<std::string>(&value)) out.emplace_back(name, *s);
  }
  return out;
}

// The (run, visit) and (run, decision) datasets of a care pathway (pathway_records.hpp).
bool is_pathway_dataset(hid_t file, const std::string& n) {
  return h5::exists(file, schema::visit) &&
         (n.rfind(schema::measured_prefix, 0) == 0 || n == schema::decision_time || n == schema::decision_rule);
}

// Root-level datasets of rank 2 (run, time): the kept trajectories.
std::vector<std::string> trajectory_names(hid_t file) {
  std::vector<std::string> out;
  for (const auto& n : h5::link_names(file)) {
    H5O_info_t info;
    if (H5Oget_info_by_name(file, n.c_str(), &info, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_DATASET) continue;
    if (is_pathway_dataset(file, n)) continue;
    h5::Handle d = h5::open_dataset(file, n);
    if (h5::dims(d.id()).size() == 2) out.push_back(n);
  }
  return out;
}

// The visits and rules of a sweep with a care pathway, as its shard files store them.
std::optional<PathwayLayout> pathway_layout(hid_t f) {
  if (!h5::exists(f, schema::visit)) return std::nullopt;
  PathwayLayout l;
  l.visit_times = h5::read_doubles(h5::open_dataset(f, schema::visit).id());
  for (const auto& n : h5::link_names(f)) {
    if (n.rfind(schema::measured_prefix, 0) != 0) continue;
    h5::Handle d = h5::open_dataset(f, n);
    l.measure_names.push_back(n.substr(std::string(schema::measured_prefix).size()));
    l.measure_units.push_back(string_attribute_or(d.id(), schema::units));
    l.measure_long_names.push_back(string_attribute_or(d.id(), schema::long_name));
  }
  l.rule_names = h5::read_strings(h5::open_dataset(f, schema::rule_name).id());
  l.rule_actions = h5::read_strings(h5::open_dataset(f, schema::rule_action).id());
  return l;
}

ShardFile open_shard(const std::string& path) {
  const SourceLocation where{path, 0, 0};
  const std::string expected = "a shard written by osteon sweep --shard I/N";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw InputError(where, "SHARD", "no such file", expected);
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(where, "SHARD", "a file that is not HDF5", expected);
  ShardFile s;
  s.path = path;
  try {
    s.file = h5::open_file(path);
  } catch (const h5::H5Error&) {
    throw InputError(where, "SHARD", "an HDF5 file that cannot be opened (in use by a running sweep, or damaged)",
                     expected);
  }
  const hid_t f = s.file.id();
  try {
    if (h5::has_attribute(f, schema::checkpoint_fingerprint) || h5::exists(f, schema::block_done)) {
      throw InputError(where, "SHARD", "an incomplete shard (the partial file of an interrupted or running sweep)",
                       "a finished shard: complete it with `osteon sweep SWEEP.yaml -o OUT.h5 --shard I/N --resume`");
    }
    if (!h5::has_attribute(f, schema::format_version)) {
      throw InputError(where, "SHARD", "an HDF5 file not written by osteon (no osteon_format attribute)", expected);
    }
    if (!h5::has_attribute(f, schema::sweep_fingerprint)) {
      throw InputError(where, "SHARD", "an osteon file that is not a sweep", expected);
    }
    if (!h5::has_attribute(f, schema::sweep_shard) || !h5::has_attribute(f, schema::sweep_total_runs)) {
      throw InputError(where, "SHARD", "the file of a whole sweep, not of a shard", expected);
    }
    s.fingerprint = h5::get_string_attribute(f, schema::sweep_fingerprint);
    s.label = h5::get_string_attribute(f, schema::sweep_shard);
    s.sweep_name = string_attribute_or(f, schema::sweep_name);
    s.total = static_cast<std::size_t>(h5::get_double_attribute(f, schema::sweep_total_runs));
    const std::vector<std::int64_t> runs = h5::read_int64(h5::open_dataset(f, schema::run).id());
    if (runs.empty()) throw InputError(where, "SHARD", "a shard without runs", expected);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (runs[i] != runs[0] + static_cast<std::int64_t>(i) || runs[i] < 0) {
        throw InputError(where, "SHARD", "a shard whose runs are not consecutive", expected);
      }
    }
    s.first = static_cast<std::size_t>(runs.front());
    s.end = s.first + runs.size();
    if (s.end > s.total) {
      throw InputError(
          where, "SHARD",
          "runs up to " + std::to_string(s.end - 1) + " in a sweep of " + std::to_string(s.total) + " runs", expected);
    }
    const std::vector<double> status = h5::read_doubles(h5::open_dataset(f, schema::status).id());
    for (std::size_t i = 0; i < status.size(); ++i) {
      if (status[i] == static_cast<double>(RunStatus::not_run)) {
        throw InputError(where, "SHARD", "an incomplete shard (run " + std::to_string(s.first + i) + " was not run)",
                         "a finished shard");
      }
    }
  } catch (const h5::H5Error& e) {
    throw InputError(where, "SHARD", std::string("an osteon file that cannot be read (") + e.what() + ")", expected);
  }
  return s;
}

// The layout of the whole sweep's file, from one shard and the factor values of all.
OutputDescription joined_description(const std::vector<ShardFile>& shards, const std::string& history) {
  const hid_t f = shards.front().file.id();
  OutputDescription d;
  d.title = string_attribute_or(f, schema::title);
  d.model_id = string_attribute_or(f, schema::model);
  d.model_citation = string_attribute_or(f, schema::model_citation);
  d.scenario_text = string_attribute_or(f, schema::scenario);
  d.settings_json = string_attribute_or(f, schema::settings);
  d.history = history;
  d.times = h5::read_doubles(h5::open_dataset(f, schema::time).id());
  for (const auto& name : trajectory_names(f)) {
    h5::Handle ds = h5::open_dataset(f, name);
    d.names.push_back(name);
    d.units.push_back(string_attribute_or(ds.id(), schema::units));
    d.long_names.push_back(string_attribute_or(ds.id(), schema::long_name));
    // The joined file keeps the shards' precision (--precision float32 shards stay float32).
    h5::Handle type(H5Dget_type(ds.id()), H5Tclose, "H5Dget_type");
    if (H5Tget_size(type.id()) == 4) d.storage.precision = Precision::float32;
  }
  d.n_runs = shards.front().total;
  d.pathway = pathway_layout(f);
  for (const auto& name : split_lines(string_attribute_or(f, schema::sweep_metrics))) {
    h5::Handle ds = h5::open_dataset(f, name);
    d.scalars.push_back(RunScalar{name, string_attribute_or(ds.id(), schema::units),
                                  string_attribute_or(ds.id(), schema::long_name), extra_string_attributes(ds.id())});
  }
  for (const auto& name : split_lines(string_attribute_or(f, schema::sweep_factors))) {
    h5::Handle ds = h5::open_dataset(f, name);
    RunFactor fac{name,
                  string_attribute_or(ds.id(), schema::units),
                  string_attribute_or(ds.id(), schema::long_name),
                  {},
                  extra_string_attributes(ds.id())};
    fac.values.reserve(d.n_runs);
    for (const auto& s : shards) {
      const std::vector<double> v = h5::read_doubles(h5::open_dataset(s.file.id(), name).id());
      fac.values.insert(fac.values.end(), v.begin(), v.end());
    }
    d.factors.push_back(std::move(fac));
  }
  for (auto& [name, value] : scalar_attributes(f)) {
    if (!writer_root_attributes.count(name) && !shard_only_attributes.count(name))
      d.attributes.emplace_back(name, value);
  }
  return d;
}

// Checks that the shards are of one sweep and hold each of its runs exactly once; sorts them by run.
void check_partition(std::vector<ShardFile>& shards) {
  const ShardFile& a = shards.front();
  for (const auto& s : shards) {
    if (s.fingerprint != a.fingerprint || s.total != a.total) {
      // The two-part constructor: the message names two files and would be cut as a `found` value.
      throw InputError(SourceLocation{s.path, 0, 0},
                       "shards of different sweeps: " + a.path + " is of sweep '" + a.sweep_name + "' (fingerprint " +
                           a.fingerprint + ", " + std::to_string(a.total) + " runs) and " + s.path + " of sweep '" +
                           s.sweep_name + "' (fingerprint " + s.fingerprint + ", " + std::to_string(s.total) +
                           " runs); expected shards of one sweep, made with the same sweep file, base scenario, "
                           "options and osteon version");
    }
  }
  std::sort(shards.begin(), shards.end(), [](const ShardFile& x, const ShardFile& y) { return x.first < y.first; });
  for (std::size_t k = 1; k < shards.size(); ++k) {
    const ShardFile &p = shards[k - 1], &s = shards[k];
    if (s.first < p.end) {
      throw InputError(SourceLocation{s.path, 0, 0},
                       "overlapping shards: " + p.path + " (shard " + p.label + ", " + range_text(p.first, p.end) +
                           ") and " + s.path + " (shard " + s.label + ", " + range_text(s.first, s.end) +
                           ") both hold " + range_text(s.first, std::min(p.end, s.end)) +
                           "; expected each run in exactly one shard (shards I/N of one N, each given once)");
    }
  }
  // Missing ranges, and the shards I/N (for the N of the given shards) that would hold them.
  std::vector<std::pair<std::size_t, std::size_t>> gaps;
  std::size_t next = 0;
  for (const auto& s : shards) {
    if (s.first > next) gaps.emplace_back(next, s.first);
    next = s.end;
  }
  if (next < a.total) gaps.emplace_back(next, a.total);
  if (gaps.empty()) return;
  // The N of the label names which shards are missing; a label that is not a plausible "I/N"
  // (an edited attribute: "1/18446744073709551615", "x/y") only leaves that hint out.
  std::size_t n_shards = 0;
  const std::size_t slash = a.label.find('/');
  if (slash != std::string::npos) {
    const std::string count = a.label.substr(slash + 1);
    std::size_t n = 0;
    const auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
    // Bounded so that the loop below stays short and i * total cannot overflow.
    if (ec == std::errc{} && p == count.data() + count.size() && n >= 1 && n <= a.total && n <= 100'000 &&
        a.total <= 100'000'000) {
      n_shards = n;
    }
  }
  std::string missing;
  for (const auto& [lo, hi] : gaps) {
    missing += (missing.empty() ? "" : ", ") + range_text(lo, hi);
  }
  std::string which;
  if (n_shards > 0) {
    for (std::size_t i = 1; i <= n_shards; ++i) {
      const std::size_t lo = (i - 1) * a.total / n_shards, hi = i * a.total / n_shards;
      for (const auto& [g0, g1] : gaps) {
        if (lo < g1 && g0 < hi) {
          which += (which.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(n_shards);
          break;
        }
      }
    }
  }
  throw InputError(SourceLocation{"command line", 0, 0},
                   "missing " + missing + " of " + std::to_string(a.total) +
                       (which.empty() ? std::string() : " (shard " + which + ")") +
                       "; expected shards that together hold every run of the sweep");
}

// Checks that a shard has the joined file's layout: its trajectories' shapes and, with a care
// pathway, the same visits, measurements and rules, and decisions of its runs.
void check_layout(const ShardFile& s, const OutputDescription& desc) {
  const hid_t f = s.file.id();
  const SourceLocation where{s.path, 0, 0};
  const hsize_t rows = s.end - s.first;
  for (const auto& n : desc.names) {
    if (!h5::exists(f, n) || h5::dims(h5::open_dataset(f, n).id()) != std::vector<hsize_t>{rows, desc.times.size()}) {
      throw InputError(where, "SHARD", "dataset '" + n + "' missing or of another shape",
                       "the layout of the other shards");
    }
  }
  const std::optional<PathwayLayout> own = pathway_layout(f);
  if (own.has_value() != desc.pathway.has_value() ||
      (own && (own->visit_times != desc.pathway->visit_times || own->measure_names != desc.pathway->measure_names ||
               own->rule_names != desc.pathway->rule_names || !h5::exists(f, schema::decision_time) ||
               !h5::exists(f, schema::decision_rule)))) {
    throw InputError(where, "SHARD", "a shard without the monitoring visits, measurements or rules of the others",
                     "shards of one sweep, each written whole by osteon sweep --shard I/N");
  }
  if (!own) return;
  const std::vector<hsize_t> dd = h5::dims(h5::open_dataset(f, schema::decision_time).id());
  bool ok = dd.size() == 2 && dd[0] == rows && h5::dims(h5::open_dataset(f, schema::decision_rule).id()) == dd;
  for (const auto& n : own->measure_names) {
    ok = ok && h5::dims(h5::open_dataset(f, schema::measured_prefix + n).id()) ==
                   std::vector<hsize_t>{rows, own->visit_times.size()};
  }
  if (!ok) throw InputError(where, "SHARD", "visits or decisions of another shape", "the layout of the other shards");
}

}  // namespace

MergeResult merge_shards(const std::string& out, const std::vector<std::string>& shard_paths, bool overwrite,
                         const std::string& history, const std::atomic<bool>* stop) {
  h5::quiet_errors();
  const SourceLocation cmdline{"command line", 0, 0};
  if (shard_paths.empty()) throw InputError(cmdline, "SHARD", "no shard files", "OUT.h5 SHARD.h5...");
  std::error_code ec;
  for (const auto& p : shard_paths) {
    if (fs::exists(out, ec) && fs::equivalent(out, p, ec)) {
      throw InputError(cmdline, "OUT", "the output " + out + " among the shards", "a new file for the joined sweep");
    }
  }
  if (fs::exists(out, ec) && !overwrite) {
    throw InputError(SourceLocation{out, 0, 0}, "OUT", "an existing file",
                     "a new output path (or --force to replace it)");
  }
  std::vector<ShardFile> shards;
  for (const auto& p : shard_paths) shards.push_back(open_shard(p));
  check_partition(shards);

  // The writer's partial file is a temporary name; one left by an earlier merge is replaced,
  // one left by an interrupted sweep only with --force.
  const std::string partial = ResultWriter::partial_path(out);
  const std::string merge_fingerprint = "merge " + shards.front().fingerprint;
  if (fs::exists(partial, ec) && !overwrite) {
    bool ours = false;
    try {
      h5::Handle pf = h5::open_file(partial);
      ours = h5::has_attribute(pf.id(), schema::checkpoint_fingerprint) &&
             h5::get_string_attribute(pf.id(), schema::checkpoint_fingerprint).rfind("merge ", 0) == 0;
    } catch (const h5::H5Error&) {
    }
    if (!ours) {
      throw InputError(SourceLocation{partial, 0, 0}, "OUT", "the partial file of an interrupted sweep to " + out,
                       "--force to replace it (or finish that sweep with --resume)");
    }
  }

  MergeResult result;
  result.runs = shards.front().total;
  result.shards = shards.size();
  OutputDescription desc = joined_description(shards, history);
  const std::string source = string_attribute_or(shards.front().file.id(), schema::source);
  const std::size_t nv = desc.names.size(), nt = desc.times.size(), ns = desc.scalars.size();
  // A partial file of an earlier merge is ours to replace (checked above); OUT.h5 itself only with
  // --force, also when it appears while the merge runs.
  if (!overwrite && fs::is_regular_file(fs::symlink_status(partial, ec))) fs::remove(partial, ec);
  for (const auto& s : shards) check_layout(s, desc);  // before anything is written
  ResultWriter writer(out, desc, overwrite, Checkpoint{merge_fingerprint, false});
  const std::size_t per_run = std::max<std::size_t>(1, nv * nt + ns);
  const std::size_t chunk = std::clamp<std::size_t>((64u << 20) / (per_run * sizeof(double)), 1, 65536);
  const std::size_t n_visits = desc.pathway ? desc.pathway->visit_times.size() : 0;
  const std::size_t n_measures = desc.pathway ? desc.pathway->measure_names.size() : 0;
  for (const auto& s : shards) {
    const hid_t f = s.file.id();
    std::vector<h5::Handle> vars, scalars, measured;
    h5::Handle decision_time, decision_rule;
    for (const auto& n : desc.names) vars.push_back(h5::open_dataset(f, n));
    for (const auto& sc : desc.scalars) scalars.push_back(h5::open_dataset(f, sc.name));
    std::size_t nd = 0;  // each shard's own: the most decisions any of its runs made (checked by check_layout)
    if (desc.pathway) {
      for (const auto& n : desc.pathway->measure_names)
        measured.push_back(h5::open_dataset(f, schema::measured_prefix + n));
      decision_time = h5::open_dataset(f, schema::decision_time);
      decision_rule = h5::open_dataset(f, schema::decision_rule);
      nd = h5::dims(decision_time.id())[1];
    }
    const std::vector<double> status = h5::read_doubles(h5::open_dataset(f, schema::status).id());
    const std::vector<std::string> messages = h5::read_strings(h5::open_dataset(f, schema::status_message).id());
    std::vector<double> traj, sc, meas, dtime, drule;
    for (std::size_t r0 = 0; r0 < s.end - s.first; r0 += chunk) {
      const std::size_t n = std::min(chunk, s.end - s.first - r0);
      traj.resize(nv * n * nt);
      sc.resize(ns * n);
      meas.resize(n_measures * n * n_visits);
      dtime.resize(n * nd);
      drule.resize(n * nd);
      for (std::size_t v = 0; v < nv; ++v) {
        if (nt > 0) h5::read_rows(vars[v].id(), r0, n, nt, traj.data() + v * n * nt);
      }
      for (std::size_t k = 0; k < ns; ++k) h5::read_rows(scalars[k].id(), r0, n, 1, sc.data() + k * n);
      for (std::size_t m = 0; m < measured.size(); ++m) {
        if (n_visits > 0) h5::read_rows(measured[m].id(), r0, n, n_visits, meas.data() + m * n * n_visits);
      }
      if (nd > 0) {
        h5::read_rows(decision_time.id(), r0, n, nd, dtime.data());
        h5::read_rows(decision_rule.id(), r0, n, nd, drule.data());
      }
      if (stop && stop->load()) {
        writer.discard();
        result.interrupted = true;
        return result;
      }
      for (std::size_t i = 0; i < n; ++i) {
        RunResult r;
        r.index = s.first + r0 + i;
        r.status = static_cast<RunStatus>(static_cast<std::int8_t>(status[r0 + i]));
        r.message = messages[r0 + i];
        if (desc.pathway) {
          r.measured.resize(n_visits * n_measures);
          for (std::size_t k = 0; k < n_visits; ++k) {
            for (std::size_t m = 0; m < n_measures; ++m)
              r.measured[k * n_measures + m] = meas[(m * n + i) * n_visits + k];
          }
          // A run's decisions end at the first NaN time (PathwayRecords).
          for (std::size_t j = 0; j < nd && !std::isnan(dtime[i * nd + j]); ++j)
            r.decisions.push_back(Decision{dtime[i * nd + j], static_cast<int>(drule[i * nd + j])});
        }
        if (r.status == RunStatus::ok) {
          r.values.resize(nv * nt + ns);
          for (std::size_t v = 0; v < nv; ++v) {
            std::copy_n(traj.begin() + static_cast<std::ptrdiff_t>((v * n + i) * nt), nt,
                        r.values.begin() + static_cast<std::ptrdiff_t>(v * nt));
          }
          for (std::size_t k = 0; k < ns; ++k) r.values[nv * nt + k] = sc[k * n + i];
        } else {
          ++result.failed;
        }
        writer.accept(std::move(r));
      }
    }
  }
  writer.finish([&](hid_t file) {
    h5::set_attribute(file, schema::source, source);  // the shards' osteon, not the merging one
    result.analysis = analyze_sweep(file, out);
    write_sensitivity(file, result.analysis);
    result.summary = summarize_metrics(file);
  });
  return result;
}

}  // namespace osteon
