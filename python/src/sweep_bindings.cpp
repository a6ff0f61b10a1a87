// Sweeps from Python: the procedure behind `osteon sweep` (sweep/sweep_file.hpp)
// run in a thread of its own while this one, holding the GIL only briefly,
// watches for Ctrl-C (Python handles signals in its main thread) and reports
// progress. An interrupted sweep keeps its finished runs in OUT.partial.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "builtin_models.hpp"
#include "core/error.hpp"
#include "output/output_files.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_file.hpp"

namespace py = pybind11;

namespace osteon::python {
namespace {

// Counts finished runs for the progress lines; notes go to Python's stderr later.
class Counter final : public SweepObserver {
 public:
  void note(const std::string& message) override {
    const std::lock_guard lock(mutex_);
    notes_.push_back(message);
  }
  void started(std::size_t n, std::size_t stored) override {
    total_ = n;
    done_ = stored;
  }
  void run_done() override { ++done_; }
  std::size_t total() const { return total_; }
  std::size_t done() const { return done_; }
  std::vector<std::string> take_notes() {
    const std::lock_guard lock(mutex_);
    return std::exchange(notes_, {});
  }

 private:
  std::atomic<std::size_t> total_{0}, done_{0};
  std::mutex mutex_;
  std::vector<std::string> notes_;
};

void write_stderr(const std::string& text) { py::module_::import("sys").attr("stderr").attr("write")(text); }

py::dict sweep(const std::string& path, const std::string& output, int threads,
               const std::optional<std::string>& integrator, std::optional<double> rtol, std::optional<double> atol,
               bool resume, bool force, bool quiet, const std::string& history) {
  if (resume && force) {
    throw InputError(SourceLocation{"osteon.sweep", 0, 0}, "resume", "both resume=True and force=True",
                     "one of them: resume continues, force starts again");
  }
  const ModelRegistry& registry = models::builtin_registry();
  Sweep sw = load_sweep_file(path, registry);
  const RunOptions options = api_run_options(threads, integrator, rtol, atol, "osteon.sweep");
  const Model& model = *registry.find(sw.base.model);
  const SweepRunner runner(std::move(sw), model, options, true);
  refuse_input_as_output(output, {path, runner.sweep().base_file});
  require_hdf5_output_name(output);

  Counter counter;
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable cv;
  bool finished = false;
  SweepFileResult result;
  std::exception_ptr error;
  bool interrupted_by_python = false;
  {
    const py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        result = run_sweep_file(runner, {output, history, force, resume, std::nullopt}, counter, &stop);
      } catch (...) {
        error = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      finished = true;
      cv.notify_all();
    });
    std::size_t shown = 0;  // last progress line, in tenths
    std::unique_lock lock(mutex);
    while (!cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished; })) {
      lock.unlock();
      {
        const py::gil_scoped_acquire acquire;
        if (!stop && PyErr_CheckSignals() != 0) {  // Ctrl-C: no new runs; the started ones finish
          PyErr_Clear();
          stop = true;
          interrupted_by_python = true;
        }
        const std::size_t n = counter.total();
        if (!quiet && n > 0) {
          for (const auto& m : counter.take_notes()) write_stderr("osteon.sweep: " + m + "\n");
          const std::size_t tenth = counter.done() * 10 / n;
          if (tenth > shown) {
            shown = tenth;
            write_stderr("osteon.sweep: " + std::to_string(tenth * 10) + "% (" + std::to_string(counter.done()) +
                         " of " + std::to_string(n) + " runs)\n");
          }
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (error) std::rethrow_exception(error);
  if (!quiet) {
    for (const auto& m : counter.take_notes()) write_stderr("osteon.sweep: " + m + "\n");
  }
  py::dict d;
  d["outcome"] = result.outcome == SweepFileResult::Outcome::complete      ? "complete"
                 : result.outcome == SweepFileResult::Outcome::interrupted ? "interrupted"
                                                                           : "already_complete";
  d["keyboard_interrupt"] = interrupted_by_python;
  d["n_runs"] = result.n_runs;
  d["computed"] = result.computed;
  d["kept"] = result.kept;
  d["failed"] = result.failed;
  d["ok"] = result.ok;
  d["seconds"] = result.seconds;
  d["summary"] = result.summary;
  d["sensitivity"] = format_sensitivity(result.analysis);
  return d;
}

}  // namespace

void bind_sweep(py::module_& m) {
  m.def("sweep", &sweep, py::arg("path"), py::arg("output"), py::arg("threads") = 0, py::arg("integrator") = py::none(),
        py::arg("rtol") = py::none(), py::arg("atol") = py::none(), py::arg("resume") = false, py::arg("force") = false,
        py::arg("quiet") = true, py::arg("history") = "osteon.sweep (Python)",
        "Runs a sweep file into its HDF5 output (as `osteon sweep`); returns how it ended (outcome, run counts, "
        "the metrics summary and sensitivity table). Ctrl-C stops it with the finished runs kept for resume=True.");
}

}  // namespace osteon::python
