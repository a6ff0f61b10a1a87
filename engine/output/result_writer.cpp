#include "output/result_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "core/version.hpp"
#include "output/chunk_codec.hpp"
#include "output/message_log.hpp"
#include "output/output_files.hpp"
#include "output/output_schema.hpp"

namespace osteon {
namespace fs = std::filesystem;

namespace {
// Blocks of at most ~256 KiB per variable: a useful unit for gzip, small enough that the few blocks
// in flight (being filled, queued, being written) cost little memory whatever the model.
std::size_t choose_block_rows(std::size_t n_runs, std::size_t n_times) {
  const std::size_t per_row = std::max<std::size_t>(1, n_times) * sizeof(double);
  const std::size_t rows = std::clamp<std::size_t>((256 * 1024) / per_row, 1, 4096);
  return std::min(rows, std::max<std::size_t>(1, n_runs));
}

constexpr const char* done_name = schema::block_done;
constexpr const char* fingerprint_attr = schema::checkpoint_fingerprint;
constexpr const char* block_rows_attr = schema::checkpoint_block_rows;

void flush(hid_t file) { h5::check(H5Fflush(file, H5F_SCOPE_GLOBAL), "H5Fflush (disk full?)"); }

// A side log of a partial file (`log`: messages or decisions), then those of MPI ranks
// (`log`.rankN, ResultWriter::rank_messages_path) in rank order.
std::vector<std::string> log_files(const std::string& log) {
  std::vector<std::string> out{log};
  const std::string stem = fs::path(log).filename().string() + ".rank";
  const fs::path target(log);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::vector<std::pair<long, std::string>> ranks;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(stem, 0) != 0) continue;
    try {
      std::size_t used = 0;
      const long r = std::stol(name.substr(stem.size()), &used);
      if (used == name.size() - stem.size()) ranks.emplace_back(r, e.path().string());
    } catch (const std::exception&) {
    }
  }
  std::sort(ranks.begin(), ranks.end());
  for (auto& [r, p] : ranks) out.push_back(std::move(p));
  return out;
}

void remove_rank_logs(const std::string& log) {
  const std::vector<std::string> logs = log_files(log);
  std::error_code ec;
  for (std::size_t i = 1; i < logs.size(); ++i) fs::remove(logs[i], ec);
}

// The whole content of a side log that is a regular file ("" otherwise: a link planted there is not ours).
std::string read_log(const std::string& file) {
  if (file_kind(file) != "regular") return {};
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Complete lines only: one cut short by a kill has no newline and is dropped.
template <class F>
void for_each_line(const std::string& all, F&& f) {
  std::size_t pos = 0;
  while (true) {
    const std::size_t nl = all.find('\n', pos);
    if (nl == std::string::npos) break;
    f(all.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

BlockShape shape_of(const OutputDescription& d, bool resumable) {
  BlockShape s{d.names.size(), d.times.size(), d.scalars.size()};
  // A file written in one piece gathers visits and decisions in memory (PathwayRecords).
  if (resumable && d.pathway) {
    s.n_visits = d.pathway->visit_times.size();
    s.n_measures = d.pathway->measure_names.size();
  }
  return s;
}

void set_any_attribute(hid_t obj, const std::string& name, const AttributeValue& v) {
  std::visit([&](const auto& x) { h5::set_attribute(obj, name, x); }, v);
}

}  // namespace

void ResultWriter::check_target(bool overwrite) const {
  const fs::path target(path_);
  std::error_code ec;
  if (path_.empty()) throw InputError(SourceLocation{"command line", 0, 0}, "-o", "an empty path", "-o OUT.h5");
  // Checked before the existence test: --force must never replace a directory or a device.
  if (fs::is_directory(target, ec)) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "a directory", "a file path for the output");
  }
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "a device, socket or other special file",
                     "a path for a regular file");
  }
  if (fs::exists(target, ec) && !overwrite) {
    // --resume only where the command has it (sweeps write through a checkpoint; run and compare do not).
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "an existing file",
                     checkpoint_ ? "a new output path (use --force to replace it, or --resume to continue a sweep)"
                                 : "a new output path (use --force to replace it)");
  }
  if (fs::is_directory(target, ec)) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "a directory", "a file path for the output");
  }
}

template <class LayOut>
void ResultWriter::lay_out_or_discard(const std::string& shown_path, LayOut lay_out) {
  try {
    lay_out();
  } catch (const h5::H5Error& e) {
    close_and_discard();
    throw OutputError("writing " + shown_path + " failed: " + e.what() + "; nothing was written");
  } catch (...) {
    close_and_discard();
    throw;
  }
}

ResultWriter::ResultWriter(std::string path, OutputDescription description, bool overwrite)
    : path_(std::move(path)), desc_(std::move(description)), overwrite_(overwrite) {
  h5::quiet_errors();
  if (desc_.pathway) pathway_ = std::make_unique<PathwayRecords>(*desc_.pathway, desc_.n_runs);
  shape_ = shape_of(desc_, false);
  check_target(overwrite);
  lock_ = std::make_unique<OutputLock>(path_);
  check_target(overwrite);  // again, under the lock: a writer that held it may have finished meanwhile
  create_temporary();
  block_rows_ = choose_block_rows(desc_.n_runs, desc_.times.size());
  lay_out_or_discard(path_, [this] { create_layout(); });
  start_writer_thread();
}

ResultWriter::ResultWriter(std::string path, OutputDescription description, bool overwrite, Checkpoint checkpoint)
    : path_(std::move(path)),
      desc_(std::move(description)),
      overwrite_(overwrite),
      checkpoint_(true),
      ckpt_(std::move(checkpoint)) {
  h5::quiet_errors();
  shape_ = shape_of(desc_, true);
  tmp_path_ = partial_path(path_);
  const std::string log_path = partial_messages_path(path_);
  const std::string decisions_path = partial_decisions_path(path_);
  std::error_code ec;
  if (!ckpt_.resume) check_target(overwrite);
  lock_ = std::make_unique<OutputLock>(path_);
  // Never followed: a link at any of these names could point anywhere (even with --force).
  refuse_unless_regular_or_absent(tmp_path_, "a sweep's partial file");
  refuse_unless_regular_or_absent(log_path, "the messages of a sweep's partial file");
  refuse_unless_regular_or_absent(decisions_path, "the decisions of a sweep's partial file");
  if (ckpt_.resume) {
    open_partial();
  } else {
    check_target(overwrite);
    if (fs::exists(tmp_path_, ec) && !overwrite) {
      throw InputError(SourceLocation{tmp_path_, 0, 0}, "-o", "the partial file of an interrupted sweep",
                       "--resume to continue it, or --force to start again");
    }
    const fs::path target(path_);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (file_kind(tmp_path_) == "regular") fs::remove(tmp_path_, ec);  // replaced (--force, checked above)
    try {
      file_ = h5::create_file(tmp_path_, true);
    } catch (const h5::H5Error&) {
      throw InputError(SourceLocation{path_, 0, 0}, "-o", "a location that cannot be written (" + dir.string() + ")",
                       "a path in an existing, writable directory");
    }
    block_rows_ = choose_block_rows(desc_.n_runs, desc_.times.size());
    if (ckpt_.max_block_rows > 0) block_rows_ = std::min(block_rows_, ckpt_.max_block_rows);
    remove_rank_logs(log_path);  // of an earlier MPI sweep to the same path
    remove_rank_logs(decisions_path);
    if (file_kind(decisions_path) == "regular") fs::remove(decisions_path, ec);  // of an earlier sweep
    lay_out_or_discard(tmp_path_, [this] {
      create_layout();
      flush(file_.id());
    });
    message_log_ = create_exclusive(log_path, true);
    if (message_log_ && desc_.pathway) decision_log_ = create_exclusive(decisions_path, true);
  }
  if (!message_log_ || (desc_.pathway && !decision_log_)) {
    const std::string side_file = message_log_ ? decisions_path : log_path;
    if (ckpt_.resume) {
      close_handles();
    } else {
      close_and_discard();
    }
    throw InputError(SourceLocation{side_file, 0, 0}, "-o", "a side file that cannot be written",
                     "a writable directory for the output");
  }
  start_writer_thread();
}

void ResultWriter::create_temporary() {
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // An unpredictable name, created exclusively: nothing planted there is ever followed.
  for (int attempt = 0;; ++attempt) {
    tmp_path_ = temporary_name(path_);
    try {
      file_ = h5::create_file(tmp_path_, true);
      return;
    } catch (const h5::H5Error&) {
      if (file_kind(tmp_path_) != "none" && attempt < 16) continue;  // taken meanwhile: another name
      tmp_path_.clear();
      throw InputError(SourceLocation{path_, 0, 0}, "-o", "a location that cannot be written (" + dir.string() + ")",
                       "a path in an existing, writable directory");
    }
  }
}

void ResultWriter::start_writer_thread() {
  try {
    writer_ = std::thread([this] { writer_loop(); });
  } catch (const std::system_error& e) {
    // Under a process or memory limit: an error with the reason, and no file left behind
    // (a resumed partial file stays as it was).
    if (checkpoint_ && ckpt_.resume) {
      close_handles();
    } else {
      close_and_discard();
    }
    throw ResourceError(std::string("cannot start the thread that writes ") + path_ + ": " + e.what() +
                        " (a process or memory limit?); nothing was written");
  }
}

ResultWriter::~ResultWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_work_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (!finished_) abandon();
}

void ResultWriter::close_handles() noexcept {
  vars_.clear();
  scalars_.clear();
  status_.reset();
  messages_.reset();
  measured_.clear();
  done_mask_.reset();
  if (file_) H5Fflush(file_.id(), H5F_SCOPE_GLOBAL);
  file_.reset();
  if (message_log_) std::fclose(message_log_);
  message_log_ = nullptr;
  if (decision_log_) std::fclose(decision_log_);
  decision_log_ = nullptr;
}

void ResultWriter::abandon() noexcept {
  if (checkpoint_) {
    close_handles();  // the partial file stays for --resume
  } else {
    close_and_discard();
  }
}

void ResultWriter::close_and_discard() noexcept {
  close_handles();
  std::error_code ec;
  if (!tmp_path_.empty()) fs::remove(tmp_path_, ec);
  if (checkpoint_) fs::remove(partial_messages_path(path_), ec);
  if (checkpoint_) fs::remove(partial_decisions_path(path_), ec);
}

void ResultWriter::create_layout() {
  const hid_t f = file_.id();
  h5::set_attribute(f, schema::conventions, std::string(schema::conventions_value));
  h5::set_attribute(f, schema::title, desc_.title);
  h5::set_attribute(f, schema::source, version_string());
  h5::set_attribute(f, schema::history, desc_.history);
  h5::set_attribute(f, schema::format_version, schema::format_version_value);
  h5::set_attribute(f, schema::model, desc_.model_id);
  h5::set_attribute(f, schema::model_citation, desc_.model_citation);
  h5::set_attribute(f, schema::scenario, desc_.scenario_text);
  h5::set_attribute(f, schema::settings, desc_.settings_json);
  h5::set_attribute(f, schema::disclaimer, std::string(schema::disclaimer_text));
  for (const auto& [name, value] : desc_.attributes) set_any_attribute(f, name, value);

  const hsize_t nr = desc_.n_runs, nt = desc_.times.size();
  h5::Handle time = h5::create_dataset(f, schema::time, H5T_IEEE_F64LE, {nt});
  h5::write_all(time.id(), desc_.times);
  h5::make_scale(time.id(), schema::time);
  h5::set_attribute(time.id(), schema::units, std::string(schema::time_units));
  h5::set_attribute(time.id(), schema::long_name, std::string(schema::time_long_name));
  h5::set_attribute(time.id(), schema::axis, std::string(schema::time_axis));

  h5::Handle run = h5::create_dataset(f, schema::run, H5T_STD_I64LE, {nr});
  std::vector<std::int64_t> idx(nr);
  for (std::size_t i = 0; i < nr; ++i) idx[i] = static_cast<std::int64_t>(desc_.first_run + i);
  h5::write_all(run.id(), idx);
  h5::make_scale(run.id(), schema::run);
  h5::set_attribute(run.id(), schema::long_name, std::string(schema::run_long_name));

  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Per-run factors are CF auxiliary coordinates: xarray shows them as coordinates along run.
  std::string coordinates;
  for (const auto& fac : desc_.factors) coordinates += (coordinates.empty() ? "" : " ") + fac.name;
  for (const auto& lab : desc_.labels) coordinates += (coordinates.empty() ? "" : " ") + lab.name;
  for (std::size_t v = 0; v < desc_.names.size(); ++v) {
    // Resumable files stay contiguous and uncompressed: a compressed chunk's size is known only
    // when written, so writing it would change metadata (see the header).
    const bool f32 = desc_.storage.precision == Precision::float32;
    h5::Handle d =
        checkpoint_
            ? h5::create_preallocated(f, desc_.names[v], f32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE, {nr, nt}, nullptr)
            : h5::create_chunked(f, desc_.names[v], nr, nt, block_rows_, desc_.storage.deflate_level, f32);
    h5::set_attribute(d.id(), schema::units, desc_.units[v]);
    h5::set_attribute(d.id(), schema::long_name, desc_.long_names[v]);
    h5::attach_scale(d.id(), run.id(), 0);
    h5::attach_scale(d.id(), time.id(), 1);
    if (!coordinates.empty()) h5::set_attribute(d.id(), schema::coordinates, coordinates);
    vars_.push_back(std::move(d));
  }
  for (const auto& sc : desc_.scalars) {
    h5::Handle d = checkpoint_ ? h5::create_preallocated(f, sc.name, H5T_IEEE_F64LE, {nr}, &nan)
                               : h5::create_dataset(f, sc.name, H5T_IEEE_F64LE, {nr}, true);
    h5::set_attribute(d.id(), schema::units, sc.unit);
    h5::set_attribute(d.id(), schema::long_name, sc.long_name);
    for (const auto& [k, v] : sc.attributes) h5::set_attribute(d.id(), k, v);
    h5::attach_scale(d.id(), run.id(), 0);
    if (!coordinates.empty()) h5::set_attribute(d.id(), schema::coordinates, coordinates);
    scalars_.push_back(std::move(d));
  }
  if (checkpoint_ && desc_.pathway) measured_ = create_visit_datasets(f, *desc_.pathway, desc_.n_runs, true);
  for (auto& fac : desc_.factors) {
    h5::Handle d = h5::create_dataset(f, fac.name, H5T_IEEE_F64LE, {nr});
    h5::write_all(d.id(), fac.values);
    h5::set_attribute(d.id(), schema::units, fac.unit);
    h5::set_attribute(d.id(), schema::long_name, fac.long_name);
    for (const auto& [k, v] : fac.attributes) h5::set_attribute(d.id(), k, v);
    h5::attach_scale(d.id(), run.id(), 0);
    std::vector<double>().swap(fac.values);  // in the file now: 8 B per run and factor less to hold
  }
  for (const auto& lab : desc_.labels) {
    h5::Handle st = h5::string_type();
    h5::Handle d = h5::create_dataset(f, lab.name, st.id(), {nr});
    if (nr > 0) h5::write_string_rows(d.id(), 0, lab.values);
    h5::set_attribute(d.id(), schema::long_name, lab.long_name);
    h5::attach_scale(d.id(), run.id(), 0);
  }
  status_ = h5::create_dataset(f, schema::status, H5T_STD_I8LE, {nr});
  // Unwritten rows read as not_run until their run is stored.
  std::vector<std::int8_t> not_run(nr, static_cast<std::int8_t>(RunStatus::not_run));
  if (nr > 0) h5::write_rows(status_.id(), 0, nr, not_run.data());
  h5::set_attribute(status_.id(), schema::long_name, std::string(schema::status_long_name));
  h5::set_attribute(status_.id(), schema::flag_values, std::vector<std::int8_t>{0, 1, 2});
  h5::set_attribute(status_.id(), schema::flag_meanings, std::string(run_status_meanings));
  h5::attach_scale(status_.id(), run.id(), 0);
  if (checkpoint_) {
    // Variable-length strings live in a heap that later writes would change:
    // messages wait in the side log and become `status_message` in finish().
    const std::size_t n_blocks = (desc_.n_runs + block_rows_ - 1) / block_rows_;
    done_.assign(n_blocks, 0);
    done_mask_ = h5::create_dataset(f, done_name, H5T_STD_I8LE, {n_blocks});
    if (n_blocks > 0) h5::write_rows(done_mask_.id(), 0, n_blocks, done_.data());
    h5::set_attribute(f, fingerprint_attr, ckpt_.fingerprint);
    h5::set_attribute(f, block_rows_attr, static_cast<std::int64_t>(block_rows_));
    return;
  }
  h5::Handle st = h5::string_type();
  messages_ = h5::create_dataset(f, schema::status_message, st.id(), {nr});
  h5::set_attribute(messages_.id(), schema::long_name, std::string(schema::status_message_long_name));
  h5::attach_scale(messages_.id(), run.id(), 0);
}

void ResultWriter::open_partial() {
  const SourceLocation where{tmp_path_, 0, 0};
  std::error_code ec;
  if (!fs::exists(tmp_path_, ec)) {
    throw InputError(where, "--resume", "no partial file", "the partial file an interrupted sweep left next to -o");
  }
  try {
    file_ = h5::open_file(tmp_path_, true);
  } catch (const h5::H5Error&) {
    throw InputError(where, "--resume", "a partial file that cannot be opened (in use by another osteon, or damaged)",
                     "a partial file no other process is writing; or start again with --force");
  }
  const hid_t f = file_.id();
  try {
    if (!h5::has_attribute(f, fingerprint_attr) || !h5::exists(f, done_name)) {
      throw InputError(where, "--resume", "a file without a checkpoint", "the partial file of an interrupted sweep");
    }
    if (h5::get_string_attribute(f, fingerprint_attr) != ckpt_.fingerprint) {
      throw InputError(where, "--resume", "a partial file of a different sweep definition or settings",
                       "the same sweep file, base scenario, design and options as the interrupted run "
                       "(or --force to start again)");
    }
    block_rows_ = static_cast<std::size_t>(h5::get_double_attribute(f, block_rows_attr));
    const std::size_t nr = desc_.n_runs, nt = desc_.times.size();
    auto open_checked = [&](const std::string& name, std::vector<hsize_t> expect) {
      if (!h5::exists(f, name))
        throw InputError(where, "--resume", "no dataset '" + name + "'", "a complete partial layout");
      h5::Handle d = h5::open_dataset(f, name);
      if (h5::dims(d.id()) != expect) {
        throw InputError(where, "--resume", "dataset '" + name + "' of another shape", "the layout of this sweep");
      }
      return d;
    };
    for (const auto& name : desc_.names) vars_.push_back(open_checked(name, {nr, nt}));
    for (const auto& sc : desc_.scalars) scalars_.push_back(open_checked(sc.name, {nr}));
    if (desc_.pathway) {
      auto measured = open_measured_datasets(f, *desc_.pathway, nr);
      if (!measured) {
        throw InputError(where, "--resume", "the visits' datasets (measured_*) missing or of another shape",
                         "the layout of this sweep");
      }
      measured_ = std::move(*measured);
    }
    status_ = open_checked(schema::status, {nr});
    const std::size_t n_blocks = (nr + block_rows_ - 1) / block_rows_;
    done_mask_ = open_checked(done_name, {n_blocks});
    done_.assign(n_blocks, 0);
    h5::check(H5Dread(done_mask_.id(), H5T_NATIVE_INT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, done_.data()), "H5Dread");
    for (std::size_t b = 0; b < n_blocks; ++b) {
      if (done_[b]) runs_done_before_ += std::min(block_rows_, nr - b * block_rows_);
    }
  } catch (const h5::H5Error& e) {
    close_handles();
    throw InputError(where, "--resume", std::string("an unreadable partial file (") + e.what() + ")",
                     "a partial file left by osteon sweep; or start again with --force");
  } catch (...) {
    close_handles();
    throw;
  }
  // Messages of done blocks survive; a line cut short by a kill, or one of a
  // block that never finished, is dropped. The log is rewritten clean.
  const std::string log_path = partial_messages_path(path_);
  for (const std::string& file : log_files(log_path)) {
    for_each_line(read_log(file), [&](const std::string& line) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) return;
      try {
        const std::size_t run = std::stoull(line.substr(0, tab));
        if (run < desc_.n_runs && block_done(run / block_rows_))
          old_messages_[run] = unescape_line(line.substr(tab + 1));
      } catch (const std::exception&) {
      }
    });
  }
  message_log_ = create_exclusive(log_path, true);
  if (message_log_) {
    for (const auto& [run, m] : old_messages_) std::fprintf(message_log_, "%zu\t%s\n", run, escape_line(m).c_str());
    if (std::fflush(message_log_) == 0) remove_rank_logs(log_path);  // folded into the log
  }
  if (message_log_ && desc_.pathway) fold_decision_logs();
}

void ResultWriter::fold_decision_logs() {
  // As the messages: the decisions of done blocks survive, from this file's log and those of MPI
  // ranks; a line cut short, or one of a block that never finished, is dropped.
  const std::string log_path = partial_decisions_path(path_);
  std::map<std::size_t, std::string> kept;
  for (const std::string& file : log_files(log_path)) {
    for_each_line(read_log(file), [&](const std::string& line) {
      std::size_t run = 0;
      std::vector<Decision> d;
      if (parse_decision_line(line, run, d) && run < desc_.n_runs && block_done(run / block_rows_)) kept[run] = line;
    });
  }
  decision_log_ = create_exclusive(log_path, true);
  if (!decision_log_) return;
  for (const auto& [run, line] : kept) std::fprintf(decision_log_, "%s\n", line.c_str());
  if (std::fflush(decision_log_) == 0) remove_rank_logs(log_path);
}

void ResultWriter::accept(RunResult&& r) {
  const std::size_t nt = desc_.times.size(), nv = desc_.names.size(), ns = desc_.scalars.size();
  if (r.index < desc_.first_run || r.index - desc_.first_run >= desc_.n_runs) {
    throw std::out_of_range("run index " + std::to_string(r.index) + " outside a file of runs " +
                            std::to_string(desc_.first_run) + ".." + std::to_string(desc_.first_run + desc_.n_runs));
  }
  r.index -= desc_.first_run;  // rows of this file count from its first run
  if (r.status == RunStatus::ok && r.values.size() != nv * nt + ns) {
    throw std::invalid_argument("run " + std::to_string(r.index + desc_.first_run) + " has " +
                                std::to_string(r.values.size()) + " values; the file expects " +
                                std::to_string(nv * nt + ns));
  }
  if (pathway_) pathway_->add(r.index, r);
  std::unique_lock lock(mutex_);
  // Once the file cannot be written (disk full, ...) the runs stop: the error
  // reaches the command through the worker threads.
  if (!writer_error_.empty()) throw OutputError(write_failure());
  cv_space_.wait(lock, [&] { return writable_blocks() < max_ready_blocks || stop_; });
  const std::size_t b = r.index / block_rows_;
  auto it = open_blocks_.find(b);
  if (it == open_blocks_.end()) {
    const std::size_t first = b * block_rows_;
    it = open_blocks_.emplace(b, spare_.take(first, std::min(block_rows_, desc_.n_runs - first), shape_)).first;
  }
  RunBlock& blk = it->second;
  if (r.status != RunStatus::ok) ++failed_;
  if (blk.place(std::move(r), shape_)) {
    RunBlock full = std::move(blk);
    open_blocks_.erase(it);
    lock.unlock();
    encode(full);  // compression runs on the compute threads, in parallel
    lock.lock();
    deliver(b, std::move(full));
  }
}

void ResultWriter::encode(RunBlock& b) const {
  if (checkpoint_) return;  // contiguous datasets: the writer converts while writing
  thread_local std::vector<std::uint8_t> scratch;
  const std::size_t nt = desc_.times.size();
  b.chunks.resize(desc_.names.size());
  if (nt == 0) return;
  for (std::size_t v = 0; v < desc_.names.size(); ++v) {
    encode_chunk(b.values.data() + v * b.rows * nt, b.rows, block_rows_, nt, desc_.storage, b.chunks[v], scratch);
  }
}

void ResultWriter::deliver(std::size_t block, RunBlock&& b) {
  ready_.emplace(block, std::move(b));
  cv_work_.notify_one();
}

std::size_t ResultWriter::writable_blocks() const {
  if (checkpoint_) return ready_.size();
  // Blocks after a gap wait for the missing one and are not counted: a compute thread must never
  // wait on them while one of its lanes still holds a run of the missing block.
  std::size_t n = 0;
  for (auto it = ready_.find(next_block_); it != ready_.end() && it->first == next_block_ + n; ++it) ++n;
  return n;
}

void ResultWriter::writer_loop() {
  h5::quiet_errors();  // per thread in a thread-safe HDF5: no diagnostics on stderr, failures become exceptions
  std::unique_lock lock(mutex_);
  for (;;) {
    // At the end (stop_) no block is missing any more: the rest go in index order.
    cv_work_.wait(lock, [&] { return writable_blocks() > 0 || stop_; });
    if (ready_.empty() && stop_) return;
    auto it = (checkpoint_ || stop_) ? ready_.begin() : ready_.find(next_block_);
    next_block_ = it->first + 1;
    RunBlock b = std::move(it->second);
    ready_.erase(it);
    cv_space_.notify_all();
    lock.unlock();
    std::string error;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      write_block(b);
    } catch (const std::exception& e) {
      error = e.what();
    }
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    lock.lock();
    seconds_writing_ += dt;
    written_ += b.rows;
    spare_.give(std::move(b));
    if (!error.empty() && writer_error_.empty()) writer_error_ = error;
  }
}

void ResultWriter::write_block(const RunBlock& b) {
  const std::size_t nt = desc_.times.size();
  if (checkpoint_) {
    // Messages first: a block marked done always has its messages in the log.
    bool any = false;
    for (std::size_t r = 0; r < b.rows; ++r) {
      if (b.status[r] != static_cast<std::int8_t>(RunStatus::ok) && !b.messages[r].empty()) {
        std::fprintf(message_log_, "%zu\t%s\n", b.first + r, escape_line(b.messages[r]).c_str());
        any = true;
      }
    }
    if (any && std::fflush(message_log_) != 0) {
      throw std::runtime_error("writing the message log " + partial_messages_path(path_) +
                               " failed: " + std::strerror(errno));
    }
    if (desc_.pathway) write_block_pathway(measured_, decision_log_, b, shape_.n_visits, partial_decisions_path(path_));
  }
  for (std::size_t v = 0; v < vars_.size(); ++v) {
    if (nt == 0) continue;
    if (checkpoint_) {
      h5::write_rows(vars_[v].id(), b.first, b.rows, nt, b.values.data() + v * b.rows * nt);
    } else {
      h5::write_chunk(vars_[v].id(), b.first, b.chunks[v]);
    }
  }
  for (std::size_t s = 0; s < scalars_.size(); ++s)
    h5::write_rows(scalars_[s].id(), b.first, b.rows, b.scalars.data() + s * b.rows);
  h5::write_rows(status_.id(), b.first, b.rows, b.status.data());
  if (!checkpoint_) {
    // Only messages are written: a row never written reads as an empty string, and HDF5 keeps
    // a variable-length write's heap objects in memory (~50 B per empty string, so memory would
    // grow with the number of runs).
    const bool any = std::any_of(b.messages.begin(), b.messages.end(), [](const std::string& m) { return !m.empty(); });
    if (any) h5::write_string_rows(messages_.id(), b.first, b.messages);
    return;
  }
  // The block's rows reach the file before its done flag does.
  flush(file_.id());
  const std::size_t block = b.first / block_rows_;
  const std::int8_t one = 1;
  h5::write_rows(done_mask_.id(), block, 1, &one);
  flush(file_.id());
  std::lock_guard lock(mutex_);
  done_[block] = 1;
}

std::string ResultWriter::write_failure() const {
  if (checkpoint_) {
    return "writing " + tmp_path_ + " failed: " + writer_error_ +
           "; the blocks finished before are kept in it: " + "make room and continue with --resume";
  }
  return "writing " + path_ + " failed: " + writer_error_ + "; the incomplete file was removed, nothing was written";
}

void ResultWriter::suspend() {
  {
    std::lock_guard lock(mutex_);
    open_blocks_.clear();  // incomplete: computed again on resume
    stop_ = true;
  }
  cv_work_.notify_all();
  if (writer_.joinable()) writer_.join();
  close_handles();
  if (!writer_error_.empty()) throw OutputError(write_failure());
}

void ResultWriter::discard() noexcept {
  {
    std::lock_guard lock(mutex_);
    open_blocks_.clear();
    ready_.clear();
    stop_ = true;
  }
  cv_work_.notify_all();
  cv_space_.notify_all();
  if (writer_.joinable()) writer_.join();
  close_and_discard();
  finished_ = true;
}

void ResultWriter::finish_partial() {
  const hid_t f = file_.id();
  // A finish that failed before (disk full while writing the messages or the
  // analysis) may have left a group behind (the layout has none): the resumed
  // finish writes it anew. Its `status_message` is reused below.
  {
    for (const auto& name : h5::link_names(f)) {
      const hid_t g = H5Gopen2(f, name.c_str(), H5P_DEFAULT);
      if (g < 0) continue;
      H5Gclose(g);
      h5::check(H5Ldelete(f, name.c_str(), H5P_DEFAULT), "H5Ldelete");
    }
    H5Eclear2(H5E_DEFAULT);
  }
  for (std::size_t b = 0; b < done_.size(); ++b) {
    if (!done_[b]) throw std::runtime_error("block " + std::to_string(b) + " of " + tmp_path_ + " was never written");
  }
  std::fflush(message_log_);
  // Every message: of blocks done before a resume, and of this session's blocks (in the log).
  std::map<std::size_t, std::string> messages = old_messages_;
  {
    std::ifstream in(partial_messages_path(path_), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      messages[std::stoull(line.substr(0, tab))] = unescape_line(line.substr(tab + 1));
    }
  }
  const hsize_t nr = desc_.n_runs;
  h5::Handle run = h5::open_dataset(f, schema::run);
  h5::Handle st = h5::string_type();
  if (h5::exists(f, schema::status_message)) {
    messages_ = h5::open_dataset(f, schema::status_message);
  } else {
    messages_ = h5::create_dataset(f, schema::status_message, st.id(), {nr});
    h5::set_attribute(messages_.id(), schema::long_name, std::string(schema::status_message_long_name));
    h5::attach_scale(messages_.id(), run.id(), 0);
  }
  // Only the failed runs' messages: rows never written read as empty strings (see write_block).
  for (const auto& [run_index, message] : messages) {
    if (run_index < nr && !message.empty()) h5::write_string_rows(messages_.id(), run_index, {message});
  }
  if (desc_.pathway) {
    // The decisions of every run, from the log (folded from every session and MPI rank on resume).
    std::fflush(decision_log_);
    std::vector<std::vector<Decision>> decisions(desc_.n_runs);
    for_each_line(read_log(partial_decisions_path(path_)), [&](const std::string& line) {
      std::size_t index = 0;
      std::vector<Decision> d;
      if (parse_decision_line(line, index, d) && index < desc_.n_runs) decisions[index] = std::move(d);
    });
    // Written by a finish that failed later (disk full during the analysis): written anew.
    for (const char* name : {schema::decision_rule, schema::decision_time, schema::decision, schema::rule_action,
                             schema::rule_name, schema::rule}) {
      if (h5::exists(f, name)) h5::check(H5Ldelete(f, name, H5P_DEFAULT), "H5Ldelete");
    }
    write_decisions(f, *desc_.pathway, decisions);
  }
}

void ResultWriter::target_appeared() {
  // Someone made OUT.h5 while this command ran: it is not ours to replace.
  abandon();  // a sweep's partial file stays resumable
  throw InputError(SourceLocation{path_, 0, 0}, "-o",
                   checkpoint_ ? "a file that appeared while this command ran (left untouched; the runs are kept in " +
                                     tmp_path_ + ": move " + path_ + " away and continue with --resume)"
                               : std::string("a file that appeared while this command ran (left untouched)"),
                   "an output path nothing else writes to (or --force to replace it)");
}

void ResultWriter::drop_checkpoint() {
  const hid_t f = file_.id();
  done_mask_.reset();
  h5::check(H5Ldelete(f, done_name, H5P_DEFAULT), "H5Ldelete");
  h5::check(H5Adelete(f, fingerprint_attr), "H5Adelete");
  h5::check(H5Adelete(f, block_rows_attr), "H5Adelete");
}

void ResultWriter::finish(const std::function<void(hid_t file)>& before_close) {
  {
    std::lock_guard lock(mutex_);
    // Runs never delivered stay not_run. The compute threads are done: encoding here under the
    // lock holds up no one.
    for (auto& [i, blk] : open_blocks_) {
      encode(blk);
      deliver(i, std::move(blk));
    }
    open_blocks_.clear();
    stop_ = true;
  }
  cv_work_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (!writer_error_.empty()) {
    abandon();
    throw OutputError(write_failure());
  }
  if (!overwrite_ && file_kind(path_) != "none") target_appeared();
  try {
    if (checkpoint_) finish_partial();
    if (pathway_) pathway_->write(file_.id());  // gathered in memory (a file written in one piece)
    if (before_close) before_close(file_.id());
    if (checkpoint_) {
      // Everything reaches the disk before the checkpoint is dropped: if the
      // disk fills up on the way, the partial file can still be resumed.
      flush(file_.id());
      drop_checkpoint();
    }
  } catch (const h5::H5Error& e) {
    writer_error_ = e.what();
    abandon();
    throw OutputError(write_failure());
  } catch (...) {
    abandon();
    throw;
  }
  vars_.clear();
  scalars_.clear();
  status_.reset();
  messages_.reset();
  measured_.clear();
  try {
    flush(file_.id());
  } catch (const h5::H5Error& e) {
    writer_error_ = e.what();
    abandon();
    throw OutputError(write_failure());
  }
  file_.reset();
  std::error_code ec;
  bool moved = false;
  try {
    moved = move_into_place(tmp_path_, path_, overwrite_);
  } catch (const OutputError& e) {
    close_and_discard();
    throw OutputError(std::string(e.what()) + "; nothing was written");
  }
  if (!moved) {
    if (message_log_) std::fclose(message_log_);
    message_log_ = nullptr;
    if (decision_log_) std::fclose(decision_log_);
    decision_log_ = nullptr;
    if (checkpoint_) {
      // Complete but no longer resumable: kept whole under its partial name.
      fs::remove(partial_messages_path(path_), ec);
      fs::remove(partial_decisions_path(path_), ec);
      finished_ = true;
      throw InputError(
          SourceLocation{path_, 0, 0}, "-o",
          "a file that appeared while this command ran (left untouched; the complete result is in " + tmp_path_ + ")",
          "an output path nothing else writes to (or --force to replace it)");
    }
    target_appeared();
  }
  if (message_log_) std::fclose(message_log_);
  message_log_ = nullptr;
  if (decision_log_) std::fclose(decision_log_);
  decision_log_ = nullptr;
  if (checkpoint_) fs::remove(partial_messages_path(path_), ec);
  if (checkpoint_) fs::remove(partial_decisions_path(path_), ec);
  finished_ = true;
}

}  // namespace osteon
