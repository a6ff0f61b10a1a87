#include "osteon/result_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "osteon/error.hpp"
#include "osteon/version.hpp"

namespace osteon {
namespace fs = std::filesystem;

namespace {
// Blocks of at most ~512 KiB per variable, so a chunk is a useful unit for gzip.
std::size_t choose_block_rows(std::size_t n_runs, std::size_t n_times) {
  const std::size_t per_row = std::max<std::size_t>(1, n_times) * sizeof(double);
  const std::size_t rows = std::clamp<std::size_t>((512 * 1024) / per_row, 1, 4096);
  return std::min(rows, std::max<std::size_t>(1, n_runs));
}
constexpr std::size_t max_ready_blocks = 8;  // back-pressure on compute threads
}  // namespace

ResultWriter::ResultWriter(std::string path, OutputDescription description, bool overwrite)
    : path_(std::move(path)), desc_(std::move(description)) {
  h5::quiet_errors();
  const fs::path target(path_);
  std::error_code ec;
  if (fs::exists(target, ec) && !overwrite) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "an existing file",
                     "a new output path (use --force to replace it, or --resume to continue a sweep)");
  }
  if (fs::is_directory(target, ec)) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "a directory", "a file path for the output");
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  tmp_path_ = (dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  try {
    file_ = h5::create_file(tmp_path_);
  } catch (const h5::H5Error&) {
    throw InputError(SourceLocation{path_, 0, 0}, "-o", "a location that cannot be written (" + dir.string() + ")",
                     "a path in an existing, writable directory");
  }
  block_rows_ = choose_block_rows(desc_.n_runs, desc_.times.size());
  try {
    create_layout();
  } catch (...) {
    close_and_discard();
    throw;
  }
  writer_ = std::thread([this] { writer_loop(); });
}

ResultWriter::~ResultWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_work_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (!finished_) close_and_discard();
}

void ResultWriter::close_and_discard() noexcept {
  vars_.clear();
  status_.reset();
  messages_.reset();
  file_.reset();
  std::error_code ec;
  if (!tmp_path_.empty()) fs::remove(tmp_path_, ec);
}

void ResultWriter::create_layout() {
  const hid_t f = file_.id();
  h5::set_attribute(f, "Conventions", std::string("CF-1.10"));
  h5::set_attribute(f, "title", desc_.title);
  h5::set_attribute(f, "source", version_string());
  h5::set_attribute(f, "history", desc_.history);
  h5::set_attribute(f, "osteon_format", std::int64_t{1});
  h5::set_attribute(f, "model", desc_.model_id);
  h5::set_attribute(f, "model_citation", desc_.model_citation);
  h5::set_attribute(f, "scenario", desc_.scenario_text);
  h5::set_attribute(f, "settings", desc_.settings_json);
  h5::set_attribute(f, "disclaimer", std::string("Research and teaching tool, not medical advice."));

  const hsize_t nr = desc_.n_runs, nt = desc_.times.size();
  h5::Handle time = h5::create_dataset(f, "time", H5T_IEEE_F64LE, {nt});
  h5::write_all(time.id(), desc_.times);
  h5::make_scale(time.id(), "time");
  h5::set_attribute(time.id(), "units", std::string("d"));
  h5::set_attribute(time.id(), "long_name", std::string("time since scenario start"));
  h5::set_attribute(time.id(), "axis", std::string("T"));

  h5::Handle run = h5::create_dataset(f, "run", H5T_STD_I64LE, {nr});
  std::vector<std::int64_t> idx(nr);
  for (std::size_t i = 0; i < nr; ++i) idx[i] = static_cast<std::int64_t>(i);
  h5::write_all(run.id(), idx);
  h5::make_scale(run.id(), "run");
  h5::set_attribute(run.id(), "long_name", std::string("run index"));

  // Per-run factors are CF auxiliary coordinates: xarray shows them as coordinates along run.
  std::string coordinates;
  for (const auto& fac : desc_.factors) coordinates += (coordinates.empty() ? "" : " ") + fac.name;
  for (std::size_t v = 0; v < desc_.names.size(); ++v) {
    h5::Handle d = h5::create_dataset(f, desc_.names[v], H5T_IEEE_F64LE, {nr, nt}, block_rows_, true);
    h5::set_attribute(d.id(), "units", desc_.units[v]);
    h5::set_attribute(d.id(), "long_name", desc_.long_names[v]);
    h5::attach_scale(d.id(), run.id(), 0);
    h5::attach_scale(d.id(), time.id(), 1);
    if (!coordinates.empty()) h5::set_attribute(d.id(), "coordinates", coordinates);
    vars_.push_back(std::move(d));
  }
  for (const auto& fac : desc_.factors) {
    h5::Handle d = h5::create_dataset(f, fac.name, H5T_IEEE_F64LE, {nr});
    h5::write_all(d.id(), fac.values);
    h5::set_attribute(d.id(), "units", fac.unit);
    h5::set_attribute(d.id(), "long_name", fac.long_name);
    h5::attach_scale(d.id(), run.id(), 0);
  }
  status_ = h5::create_dataset(f, "status", H5T_STD_I8LE, {nr});
  // Unwritten rows read as not_run until their run is stored.
  std::vector<std::int8_t> not_run(nr, static_cast<std::int8_t>(RunStatus::not_run));
  if (nr > 0) h5::write_rows(status_.id(), 0, nr, not_run.data());
  h5::set_attribute(status_.id(), "long_name", std::string("run status"));
  h5::set_attribute(status_.id(), "flag_values", std::vector<std::int8_t>{0, 1, 2});
  h5::set_attribute(status_.id(), "flag_meanings", std::string(run_status_meanings));
  h5::attach_scale(status_.id(), run.id(), 0);
  h5::Handle st = h5::string_type();
  messages_ = h5::create_dataset(f, "status_message", st.id(), {nr});
  h5::set_attribute(messages_.id(), "long_name", std::string("why a run failed; empty where ok"));
  h5::attach_scale(messages_.id(), run.id(), 0);
}

void ResultWriter::accept(RunResult&& r) {
  const std::size_t nt = desc_.times.size(), nv = desc_.names.size();
  if (r.index >= desc_.n_runs) {
    throw std::out_of_range("run index " + std::to_string(r.index) + " outside a file of " +
                            std::to_string(desc_.n_runs) + " runs");
  }
  if (r.status == RunStatus::ok && r.values.size() != nv * nt) {
    throw std::invalid_argument("run " + std::to_string(r.index) + " has " + std::to_string(r.values.size()) +
                                " values; the file expects " + std::to_string(nv * nt));
  }
  std::unique_lock lock(mutex_);
  if (!writer_error_.empty()) return;
  cv_space_.wait(lock, [&] { return ready_.size() < max_ready_blocks || stop_; });
  const std::size_t b = r.index / block_rows_;
  auto it = open_blocks_.find(b);
  if (it == open_blocks_.end()) {
    Block blk;
    blk.first = b * block_rows_;
    blk.rows = std::min(block_rows_, desc_.n_runs - blk.first);
    blk.values.assign(nv * blk.rows * nt, std::numeric_limits<double>::quiet_NaN());
    blk.status.assign(blk.rows, static_cast<std::int8_t>(RunStatus::not_run));
    blk.messages.assign(blk.rows, std::string());
    it = open_blocks_.emplace(b, std::move(blk)).first;
  }
  Block& blk = it->second;
  const std::size_t row = r.index - blk.first;
  // A failed run keeps the NaN fill whatever it computed before failing, so no
  // partial trajectory can be mistaken for a result (DESIGN.md §6).
  for (std::size_t v = 0; v < nv && r.status == RunStatus::ok; ++v) {
    std::copy_n(r.values.begin() + static_cast<std::ptrdiff_t>(v * nt), nt,
                blk.values.begin() + static_cast<std::ptrdiff_t>((v * blk.rows + row) * nt));
  }
  blk.status[row] = static_cast<std::int8_t>(r.status);
  blk.messages[row] = std::move(r.message);
  if (r.status != RunStatus::ok) ++failed_;
  if (++blk.filled == blk.rows) {
    ready_.push_back(std::move(blk));
    open_blocks_.erase(it);
    cv_work_.notify_one();
  }
}

void ResultWriter::writer_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_work_.wait(lock, [&] { return !ready_.empty() || stop_; });
    if (ready_.empty() && stop_) return;
    Block b = std::move(ready_.front());
    ready_.pop_front();
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
    if (!error.empty() && writer_error_.empty()) writer_error_ = error;
  }
}

void ResultWriter::write_block(const Block& b) {
  const std::size_t nt = desc_.times.size();
  for (std::size_t v = 0; v < vars_.size(); ++v) {
    if (nt > 0) h5::write_rows(vars_[v].id(), b.first, b.rows, nt, b.values.data() + v * b.rows * nt);
  }
  h5::write_rows(status_.id(), b.first, b.rows, b.status.data());
  h5::write_string_rows(messages_.id(), b.first, b.messages);
}

void ResultWriter::finish() {
  {
    std::lock_guard lock(mutex_);
    for (auto& [i, blk] : open_blocks_) ready_.push_back(std::move(blk));  // runs never delivered stay not_run
    open_blocks_.clear();
    stop_ = true;
  }
  cv_work_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (!writer_error_.empty()) {
    close_and_discard();
    throw std::runtime_error("writing " + path_ + ": " + writer_error_);
  }
  vars_.clear();
  status_.reset();
  messages_.reset();
  if (H5Fflush(file_.id(), H5F_SCOPE_GLOBAL) < 0) {
    close_and_discard();
    throw std::runtime_error("writing " + path_ + ": flushing the file failed (disk full?)");
  }
  file_.reset();
  std::error_code ec;
  fs::rename(tmp_path_, path_, ec);
  if (ec) {
    close_and_discard();
    throw std::runtime_error("cannot move " + tmp_path_ + " to " + path_ + ": " + ec.message());
  }
  finished_ = true;
}

}  // namespace osteon
