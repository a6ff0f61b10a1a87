#include "sweep/sweep_file.hpp"

#include <chrono>
#include <filesystem>
#include <vector>

#include "output/hdf5_file.hpp"
#include "output/output_schema.hpp"
#include "output/result_writer.hpp"

namespace osteon {
namespace {

// Forwards runs to the writer and tells the observer.
class ObservedSink final : public ResultSink {
 public:
  ObservedSink(ResultSink& next, SweepObserver& observer) : next_(next), observer_(observer) {}
  void accept(RunResult&& r) override {
    next_.accept(std::move(r));
    observer_.run_done();
  }

 private:
  ResultSink& next_;
  SweepObserver& observer_;
};

std::vector<double> statuses(const std::string& path) {
  h5::Handle f = h5::open_file(path);
  return h5::read_doubles(h5::open_dataset(f.id(), schema::status).id());
}

}  // namespace

SweepFileResult run_sweep_file(const SweepRunner& runner, const SweepFileOptions& o, SweepObserver& observer,
                               const std::atomic<bool>* stop) {
  SweepFileResult result;
  const std::string& out = o.output;
  // A shard's partial file is of that shard only: another shard may not resume it.
  Checkpoint ckpt{runner.fingerprint() + (o.shard ? " shard " + o.shard->label() : std::string()), false};
  if (o.resume) {
    std::error_code ec;
    if (std::filesystem::exists(ResultWriter::partial_path(out), ec)) {
      ckpt.resume = true;
    } else if (std::filesystem::exists(out, ec)) {
      observer.note(out + " is complete; nothing to resume");
      result.outcome = SweepFileResult::Outcome::already_complete;
      return result;
    } else {
      observer.note("no " + ResultWriter::partial_path(out) + " to resume; starting the sweep");
    }
  }
  ResultWriter writer(out,
                      o.shard ? runner.output_description(o.history, *o.shard) : runner.output_description(o.history),
                      o.force, ckpt);
  const std::vector<std::size_t> pending = runner.pending_runs(writer);
  result.n_runs = writer.n_runs();
  result.computed = pending.size();
  observer.started(result.n_runs, result.n_runs - pending.size());
  ObservedSink sink(writer, observer);
  const auto t0 = std::chrono::steady_clock::now();
  runner.run(pending, sink, stop);
  observer.runs_finished();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stop && stop->load()) {
    writer.suspend();
    for (double v : statuses(ResultWriter::partial_path(out))) result.kept += v != 2.0;
    result.outcome = SweepFileResult::Outcome::interrupted;
    return result;
  }
  writer.finish([&](hid_t file) {
    if (!o.shard) {  // a shard holds part of the runs: `osteon merge` analyses the whole
      result.analysis = analyze_sweep(file, out);
      write_sensitivity(file, result.analysis);
    }
    result.summary = summarize_metrics(file);
  });
  for (double v : statuses(out)) {
    result.failed += v == 1.0;
    result.ok += v == 0.0;
  }
  return result;
}

}  // namespace osteon
