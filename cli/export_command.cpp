// `osteon export FILE.h5 -o FILE.csv [--variables a,b] [--runs 0,2-5] [--force]`:
// the tidy table of an output file of run, compare or sweep: one row per run
// and time, the per-run coordinates (scenario names, sweep factors, metrics,
// status) repeated on each of a run's rows, and every column's unit in its
// header. Written like every output: under a temporary name, locked, and
// renamed into place only when complete.
#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "arguments.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "interrupt_guard.hpp"
#include "model/model_info.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_files.hpp"
#include "output/output_schema.hpp"

namespace osteon::cli {
namespace {

constexpr const char* export_help = R"(Usage: osteon export FILE.h5 -o FILE.csv [options]

Writes the tidy CSV table of an output file of `osteon run`, `compare` or
`sweep`: one row per run and time, with the columns run, the per-run
coordinates (scenario, sweep factors and metrics, status), time and one column
per variable; every header names its unit, e.g. `time (d)`,
`bmd_lumbar_spine_change (%)`. A sweep file without trajectories gives one
row per run. Empty cells are missing values (failed runs, metrics never met).

Options:
  -o, --output PATH    the CSV file to write (required)
  --variables LIST     trajectory variables to export, e.g. a,b (default: all)
  --runs LIST          runs to export by their index along `run`, e.g. 0,3,10-19
                       (default: all)
  --force              replace PATH if it exists
)";

const SourceLocation cmdline{"command line", 0, 0};

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Shortest text that reads back as the same double; missing values are empty cells.
void put_number(std::string& line, double x) {
  if (std::isnan(x)) return;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  line.append(buf, r.ptr);
}

std::string header(const std::string& name, const std::string& unit) {
  return csv_field(unit.empty() ? name : name + " (" + unit + ")");
}

std::string units_of(hid_t d) { return h5::has_attribute(d, "units") ? h5::get_string_attribute(d, "units") : ""; }

struct PerRun {
  std::string name, unit;
  h5::Handle dataset;
  bool text = false;
  std::vector<std::string> strings;  // text coordinates, read whole (one short name per run)
};

// "0,3,10-19" into indices along `run` (given as the values of /run).
std::vector<std::size_t> parse_runs(const std::string& list, const std::vector<std::int64_t>& run_ids) {
  std::vector<std::size_t> picked;
  for (const auto& item : split_list(list)) {
    long long lo = 0, hi = 0;
    const auto dash = item.find('-', 1);
    const std::string a = item.substr(0, dash), b = dash == std::string::npos ? a : item.substr(dash + 1);
    auto r1 = std::from_chars(a.data(), a.data() + a.size(), lo);
    auto r2 = std::from_chars(b.data(), b.data() + b.size(), hi);
    if (r1.ec != std::errc{} || r1.ptr != a.data() + a.size() || r2.ec != std::errc{} ||
        r2.ptr != b.data() + b.size() || lo < 0 || hi < lo) {
      throw InputError(cmdline, "--runs", "'" + item + "'", "run indices or ranges such as 0,3,10-19");
    }
    for (long long id = lo; id <= hi; ++id) {
      const auto it = std::find(run_ids.begin(), run_ids.end(), static_cast<std::int64_t>(id));
      if (it == run_ids.end()) {
        throw InputError(cmdline, "--runs", "run " + std::to_string(id),
                         "runs of this file (" + std::to_string(run_ids.empty() ? 0 : run_ids.front()) + " to " +
                             std::to_string(run_ids.empty() ? -1 : run_ids.back()) + ")");
      }
      picked.push_back(static_cast<std::size_t>(it - run_ids.begin()));
      if (picked.size() > run_ids.size()) break;
    }
  }
  if (picked.empty()) throw InputError(cmdline, "--runs", "'" + list + "'", "at least one run");
  return picked;
}

}  // namespace

int export_command(const Args& args) {
  const auto parsed = parse_command_line(
      args, {{"--output", "-o", true}, {"--variables", "", true}, {"--runs", "", true}, {"--force", "", false}},
      export_help);
  if (!parsed) return exit_ok;
  const Arguments& a = *parsed;
  const std::string path =
      one_positional(a, "FILE", "no file", "files", "one output file of osteon run, compare or sweep");
  const auto out = a.get("--output");
  if (!out) throw InputError(cmdline, "-o", "no output", "-o FILE.csv, the table to write");
  refuse_input_as_output(*out, a.positional);
  if (file_kind(path) != "regular") {
    throw InputError(SourceLocation{path, 0, 0}, "FILE",
                     file_kind(path) == "none" ? "no such file" : "not a regular file",
                     "an output file of osteon run, compare or sweep");
  }
  h5::quiet_errors();
  h5::Handle f;
  try {
    f = h5::open_file(path);
  } catch (const h5::H5Error&) {
    throw InputError(SourceLocation{path, 0, 0}, "FILE",
                     "a file that cannot be opened as HDF5 (damaged, not HDF5, or held open by a running sweep)",
                     "an output file of osteon run, compare or sweep");
  }
  // The partial file of an interrupted sweep holds every run, most not yet computed: exported,
  // it would look like a finished table of the whole sweep.
  if (h5::has_attribute(f.id(), schema::checkpoint_fingerprint) || h5::exists(f.id(), schema::block_done)) {
    throw InputError(SourceLocation{path, 0, 0}, "FILE",
                     "the partial file of an interrupted sweep (its runs not yet computed would be rows too)",
                     "a finished output: complete it with `osteon sweep SWEEP.yaml -o OUT.h5 --resume`, then export "
                     "OUT.h5");
  }
  if (!h5::exists(f.id(), "run") || !h5::exists(f.id(), "time")) {
    throw InputError(SourceLocation{path, 0, 0}, "FILE", "an HDF5 file without the datasets run and time",
                     "an output file of osteon run, compare or sweep");
  }
  h5::Handle time_ds = h5::open_dataset(f.id(), "time");
  const std::vector<double> times = h5::read_doubles(time_ds.id());
  const std::string time_unit = units_of(time_ds.id());
  h5::Handle run_ds = h5::open_dataset(f.id(), "run");
  const std::vector<std::int64_t> run_ids = h5::read_int64(run_ds.id());
  const hsize_t nr = run_ids.size(), nt = times.size();

  // Trajectories are the (run, time) datasets; per-run coordinates the (run) ones. A dimension
  // is run or time only when that scale is attached to it: by length alone, a list of rules or
  // of visits would pass for runs or times whenever the counts happen to match.
  const auto along = [](hid_t d, hid_t scale, unsigned dim) { return H5DSis_attached(d, scale, dim) > 0; };
  std::vector<std::pair<std::string, h5::Handle>> trajectories;
  std::vector<PerRun> per_run;
  for (const auto& name : h5::link_names(f.id())) {
    if (name == "run" || name == "time") continue;
    const htri_t is_dataset = [&] {
      H5O_info_t info;
#if H5_VERSION_GE(1, 12, 0)
      if (H5Oget_info_by_name3(f.id(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#else
      if (H5Oget_info_by_name2(f.id(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#endif
      return info.type == H5O_TYPE_DATASET ? 1 : 0;
    }();
    if (is_dataset != 1) continue;  // groups (a sweep's sensitivity indices)
    h5::Handle d = h5::open_dataset(f.id(), name);
    const auto dims = h5::dims(d.id());
    if (dims.size() == 2 && dims[0] == nr && dims[1] == nt && along(d.id(), run_ds.id(), 0) &&
        along(d.id(), time_ds.id(), 1)) {
      trajectories.emplace_back(name, std::move(d));
    } else if (dims.size() == 1 && dims[0] == nr && along(d.id(), run_ds.id(), 0)) {
      PerRun p{name, units_of(d.id()), {}, false, {}};
      h5::Handle type(H5Dget_type(d.id()), H5Tclose, "H5Dget_type");
      p.text = H5Tget_class(type.id()) == H5T_STRING;
      if (p.text) p.strings = h5::read_strings(d.id());
      p.dataset = std::move(d);
      per_run.push_back(std::move(p));
    }
  }
  if (auto list = a.get("--variables")) {
    std::vector<std::string> known;
    for (const auto& [name, d] : trajectories) known.push_back(name);
    std::vector<std::pair<std::string, h5::Handle>> chosen;
    for (const auto& v : split_list(*list)) {
      auto it = std::find_if(trajectories.begin(), trajectories.end(), [&](const auto& t) { return t.first == v; });
      if (it == trajectories.end()) {
        throw InputError(cmdline, "--variables", "'" + v + "', not a variable of " + path + suggest(v, known),
                         known.empty() ? std::string("none: this file has no trajectories")
                                       : "variables of the file along (run, time)");
      }
      chosen.emplace_back(it->first, std::move(it->second));
      trajectories.erase(it);
    }
    trajectories = std::move(chosen);
  }
  std::vector<std::size_t> rows;  // positions along run
  if (auto list = a.get("--runs")) {
    rows = parse_runs(*list, run_ids);
  } else {
    rows.resize(nr);
    for (std::size_t i = 0; i < nr; ++i) rows[i] = i;
  }

  // The same lock, checks and temporary file as every output: nothing under the final name until complete.
  const std::string& target = *out;
  const OutputLock lock(target);
  refuse_unless_regular_or_absent(target, "the CSV table");
  if (!a.has("--force") && file_kind(target) != "none") {
    throw InputError(SourceLocation{target, 0, 0}, "-o", "an existing file", "a new path, or --force to replace it");
  }
  const InterruptGuard guard;
  std::string tmp;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 8 && !file; ++attempt) {
    tmp = temporary_name(target);
    file = create_exclusive(tmp, false);
  }
  if (!file)
    throw InputError(SourceLocation{target, 0, 0}, "-o", "a location that cannot be written", "a writable directory");
  struct Remove {
    std::string path;
    bool keep = false;
    ~Remove() {
      if (!keep) std::remove(path.c_str());
    }
  } cleanup{tmp};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(file, std::fclose);

  std::string line = "run";
  for (const auto& p : per_run) line += "," + header(p.name, p.unit);
  const bool with_time = !trajectories.empty();
  if (with_time) line += "," + header("time", time_unit);
  for (const auto& [name, d] : trajectories) line += "," + header(name, units_of(d.id()));
  line += "\n";
  bool ok = std::fwrite(line.data(), 1, line.size(), file) == line.size();

  std::vector<std::vector<double>> traj(trajectories.size(), std::vector<double>(nt));
  std::vector<double> scalar(1);
  for (std::size_t r : rows) {
    if (InterruptGuard::interrupted()) {
      std::cerr << "osteon export: interrupted by " << InterruptGuard::signal_name() << "; " << target
                << " was not written (no temporary file is left)\n";
      return exit_interrupted;
    }
    std::string prefix = std::to_string(run_ids[r]);
    for (const auto& p : per_run) {
      prefix += ",";
      if (p.text) {
        prefix += csv_field(p.strings[r]);
      } else {
        h5::read_rows(p.dataset.id(), r, 1, 1, scalar.data());
        put_number(prefix, scalar[0]);
      }
    }
    for (std::size_t v = 0; v < trajectories.size(); ++v)
      h5::read_rows(trajectories[v].second.id(), r, 1, nt, traj[v].data());
    line.clear();
    if (!with_time) {
      line = prefix + "\n";
    } else {
      for (hsize_t k = 0; k < nt; ++k) {
        line += prefix;
        line += ",";
        put_number(line, times[k]);
        for (const auto& t : traj) {
          line += ",";
          put_number(line, t[k]);
        }
        line += "\n";
      }
    }
    ok = ok && std::fwrite(line.data(), 1, line.size(), file) == line.size();
    if (!ok) break;
  }
  ok = ok && std::fflush(file) == 0;
  closer.reset();
  if (!ok) throw OutputError("writing " + tmp + " (the CSV table for " + target + ") failed: a full disk?");
  if (!move_into_place(tmp, target, a.has("--force"))) {
    throw InputError(SourceLocation{target, 0, 0}, "-o", "a file that appeared while the table was written",
                     "a new path, or --force to replace it");
  }
  cleanup.keep = true;
  std::cout << "wrote " << target << " (" << rows.size() << " run(s) x " << (with_time ? nt : 1) << " row(s), "
            << trajectories.size() << " variable(s))\n";
  return exit_ok;
}

}  // namespace osteon::cli
