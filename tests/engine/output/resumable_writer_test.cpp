// ResultWriter with a Checkpoint: the partial file keeps finished blocks
// across an interruption, a resume writes only the rest, and the finished
// file holds exactly what an uninterrupted writer would have written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "output/hdf5_file.hpp"
#include "output/output_schema.hpp"
#include "output/result_writer.hpp"

namespace osteon {
namespace {

namespace fs = std::filesystem;

// Output times per run: the writer's blocks of ~256 KiB per variable then hold 3 runs
// (256 KiB / (10000 · 8 B)), so ten runs make three full blocks and a partial one.
constexpr std::size_t n_times = 10000;

OutputDescription description(std::size_t runs) {
  OutputDescription d;
  d.title = "resume test";
  d.model_id = "none";
  d.times.resize(n_times);
  for (std::size_t k = 0; k < d.times.size(); ++k) d.times[k] = static_cast<double>(k);
  d.names = {"x"};
  d.units = {"1"};
  d.long_names = {"x"};
  d.n_runs = runs;
  d.factors = {RunFactor{"f", "1", "factor", std::vector<double>(runs, 1.5)}};
  d.scalars = {RunScalar{"m", "d", "metric", {{"comment", "test"}}}};
  return d;
}

RunResult run(std::size_t i) {
  RunResult r;
  r.index = i;
  if (i % 7 == 3) {
    r.status = RunStatus::failed;
    r.message = "run " + std::to_string(i) + " failed\ton purpose\nsecond line \\ backslash";
    return r;
  }
  r.values.resize(n_times + 1);
  for (std::size_t k = 0; k < n_times; ++k) r.values[k] = std::sin(0.001 * static_cast<double>(k * (i + 1)));
  r.values.back() = 10.0 * static_cast<double>(i);
  return r;
}

struct Contents {
  std::vector<double> x, m, status, f;
  std::vector<std::string> messages;
  bool has_checkpoint = false;
};

Contents read(const std::string& path) {
  h5::Handle file = h5::open_file(path);
  Contents c;
  c.x = h5::read_doubles(h5::open_dataset(file.id(), "x").id());
  c.m = h5::read_doubles(h5::open_dataset(file.id(), "m").id());
  c.status = h5::read_doubles(h5::open_dataset(file.id(), "status").id());
  c.f = h5::read_doubles(h5::open_dataset(file.id(), "f").id());
  c.messages = h5::read_strings(h5::open_dataset(file.id(), "status_message").id());
  c.has_checkpoint =
      h5::exists(file.id(), "osteon_block_done") || h5::has_attribute(file.id(), "osteon_checkpoint_fingerprint");
  return c;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

class ResumableWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("osteon_resume_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ResumableWriter, ResumedFileEqualsAnUninterruptedOne) {
  const std::size_t n = 20;
  {
    ResultWriter w(path("straight.h5"), description(n), false, Checkpoint{"fp1", false});
    for (std::size_t i = n; i-- > 0;) w.accept(run(i));  // any order
    w.finish();
  }
  {
    ResultWriter w(path("resumed.h5"), description(n), false, Checkpoint{"fp1", false});
    EXPECT_EQ(w.block_rows(), 3u);
    for (std::size_t i = 0; i < 10; ++i) w.accept(run(i));  // blocks 0-2 complete, block 3 has one run
    w.suspend();
  }
  EXPECT_FALSE(fs::exists(path("resumed.h5")));
  ASSERT_TRUE(fs::exists(ResultWriter::partial_path(path("resumed.h5"))));
  // Starting again without --resume or --force is refused; so is another fingerprint.
  EXPECT_THROW(ResultWriter(path("resumed.h5"), description(n), false, Checkpoint{"fp1", false}), InputError);
  EXPECT_THROW(ResultWriter(path("resumed.h5"), description(n), false, Checkpoint{"fp2", true}), InputError);
  {
    ResultWriter w(path("resumed.h5"), description(n), false, Checkpoint{"fp1", true});
    EXPECT_EQ(w.runs_done_before(), 9u);
    for (std::size_t b = 0; b < 7; ++b) EXPECT_EQ(w.block_done(b), b < 3) << b;
    for (std::size_t i = 9; i < n; ++i) w.accept(run(i));
    w.finish();
  }
  EXPECT_FALSE(fs::exists(ResultWriter::partial_path(path("resumed.h5"))));
  EXPECT_FALSE(fs::exists(ResultWriter::partial_messages_path(path("resumed.h5"))));
  const Contents a = read(path("straight.h5")), b = read(path("resumed.h5"));
  EXPECT_TRUE(same_bits(a.x, b.x));
  EXPECT_TRUE(same_bits(a.m, b.m));
  EXPECT_TRUE(same_bits(a.status, b.status));
  EXPECT_TRUE(same_bits(a.f, b.f));
  EXPECT_EQ(a.messages, b.messages);
  EXPECT_FALSE(b.has_checkpoint);
  EXPECT_EQ(b.messages[3], "run 3 failed\ton purpose\nsecond line \\ backslash");
  EXPECT_EQ(b.messages[4], "");
  EXPECT_EQ(b.status[3], 1.0);
  EXPECT_TRUE(std::isnan(b.m[3]));
  EXPECT_TRUE(std::isnan(b.x[3 * n_times + 5]));
  EXPECT_EQ(b.m[5], 50.0);
  EXPECT_EQ(b.x[5 * n_times + 1], std::sin(0.001 * 6));
}

TEST_F(ResumableWriter, APartialFileSurvivesTheWriterBeingDroppedMidway) {
  // Like a crash after some blocks: the destructor runs without finish or suspend.
  {
    ResultWriter w(path("crash.h5"), description(9), false, Checkpoint{"fp", false});
    for (std::size_t i = 0; i < 5; ++i) w.accept(run(i));
  }
  ResultWriter w(path("crash.h5"), description(9), false, Checkpoint{"fp", true});
  EXPECT_TRUE(w.block_done(0));
  EXPECT_FALSE(w.block_done(2));
  EXPECT_EQ(w.runs_done_before(), 3u + (w.block_done(1) ? 3u : 0u));
}

TEST_F(ResumableWriter, ForceStartsAgainOverAPartialFile) {
  {
    ResultWriter w(path("f.h5"), description(6), false, Checkpoint{"a", false});
    w.accept(run(0));
    w.accept(run(1));
    w.accept(run(2));
    w.suspend();
  }
  ResultWriter w(path("f.h5"), description(6), true, Checkpoint{"b", false});
  EXPECT_FALSE(w.block_done(0));
}

// With monitoring visits (care pathways): what each run measured at its visits and what its rules
// decided (any number of decisions, none for some runs) are in the finished file of a resumable
// writer exactly as a writer that gathers them in memory stores them, also when interrupted and
// resumed, with a decision log holding a line of an unfinished block and one cut short by a kill.
OutputDescription pathway_description(std::size_t runs) {
  OutputDescription d = description(runs);
  PathwayLayout l;
  l.visit_times = {0.0, 365.25, 730.5};
  l.measure_names = {"t_score_hip", "ctx_change"};
  l.measure_units = {"1", "1"};
  l.measure_long_names = {"T-score at a visit", "CTX change at a visit"};
  l.rule_names = {"treat", "stop"};
  l.rule_actions = {"start zoledronic", "stop zoledronic"};
  d.pathway = std::move(l);
  return d;
}

RunResult pathway_run(std::size_t i) {
  RunResult r = run(i);
  r.measured.resize(3 * 2);
  for (std::size_t k = 0; k < r.measured.size(); ++k)
    r.measured[k] = -1.0 - 0.1 * static_cast<double>(i) - 1e-3 * static_cast<double>(k);
  if (r.status != RunStatus::ok) r.measured[5] = std::nan("");  // the last visit not reached
  // i % 3 decisions, at times no short decimal represents.
  for (std::size_t j = 0; j < i % 3; ++j)
    r.decisions.push_back(Decision{365.25 * static_cast<double>(j) + 1.0 / 3.0, static_cast<int>((i + j) % 2)});
  return r;
}

struct PathwayContents {
  std::vector<double> visit, decision_time, decision_rule;
  std::vector<std::vector<double>> measured;
  std::vector<std::string> rule_names, rule_actions;
  std::vector<hsize_t> decision_dims;
};

PathwayContents read_pathway(const std::string& path) {
  h5::Handle file = h5::open_file(path);
  const hid_t f = file.id();
  PathwayContents c;
  c.visit = h5::read_doubles(h5::open_dataset(f, schema::visit).id());
  for (const char* m : {"measured_t_score_hip", "measured_ctx_change"})
    c.measured.push_back(h5::read_doubles(h5::open_dataset(f, m).id()));
  c.rule_names = h5::read_strings(h5::open_dataset(f, schema::rule_name).id());
  c.rule_actions = h5::read_strings(h5::open_dataset(f, schema::rule_action).id());
  h5::Handle dt = h5::open_dataset(f, schema::decision_time);
  c.decision_dims = h5::dims(dt.id());
  c.decision_time = h5::read_doubles(dt.id());
  c.decision_rule = h5::read_doubles(h5::open_dataset(f, schema::decision_rule).id());
  return c;
}

void expect_same(const PathwayContents& a, const PathwayContents& b) {
  EXPECT_TRUE(same_bits(a.visit, b.visit));
  ASSERT_EQ(a.measured.size(), b.measured.size());
  for (std::size_t m = 0; m < a.measured.size(); ++m) EXPECT_TRUE(same_bits(a.measured[m], b.measured[m])) << m;
  EXPECT_EQ(a.rule_names, b.rule_names);
  EXPECT_EQ(a.rule_actions, b.rule_actions);
  EXPECT_EQ(a.decision_dims, b.decision_dims);
  EXPECT_TRUE(same_bits(a.decision_time, b.decision_time));
  EXPECT_TRUE(same_bits(a.decision_rule, b.decision_rule));
}

TEST_F(ResumableWriter, VisitsAndDecisionsSurviveAResume) {
  const std::size_t n = 20;
  {
    ResultWriter w(path("memory.h5"), pathway_description(n), false);  // gathered in memory
    for (std::size_t i = 0; i < n; ++i) w.accept(pathway_run(i));
    w.finish();
  }
  {
    ResultWriter w(path("straight.h5"), pathway_description(n), false, Checkpoint{"fp", false});
    for (std::size_t i = n; i-- > 0;) w.accept(pathway_run(i));
    w.finish();
  }
  const std::string out = path("resumed.h5");
  {
    ResultWriter w(out, pathway_description(n), false, Checkpoint{"fp", false});
    ASSERT_EQ(w.block_rows(), 3u);
    for (std::size_t i = 0; i < 10; ++i) w.accept(pathway_run(i));  // blocks 0-2 done; run 9 of block 3 lost
    w.suspend();
  }
  ASSERT_TRUE(fs::exists(ResultWriter::partial_decisions_path(out)));
  {
    // What a kill leaves: decisions of blocks never marked done (of runs that make none when
    // computed again, so nothing written later would hide them), and a line cut short.
    std::ofstream log(ResultWriter::partial_decisions_path(out), std::ios::app);
    log << "12\t1 0\t2 1\n9\t5 1\n7\t3";
  }
  {
    ResultWriter w(out, pathway_description(n), false, Checkpoint{"fp", true});
    EXPECT_EQ(w.runs_done_before(), 9u);
    for (std::size_t i = 9; i < n; ++i) w.accept(pathway_run(i));
    w.finish();
  }
  EXPECT_FALSE(fs::exists(ResultWriter::partial_decisions_path(out)));
  const PathwayContents memory = read_pathway(path("memory.h5"));
  expect_same(memory, read_pathway(path("straight.h5")));
  expect_same(memory, read_pathway(out));
  // The numbers as given (the shapes above, and a run's decisions in time order, then NaN / -1).
  EXPECT_EQ(memory.decision_dims, (std::vector<hsize_t>{n, 2}));
  EXPECT_EQ(memory.decision_time[5 * 2 + 0], 1.0 / 3.0);
  EXPECT_EQ(memory.decision_time[5 * 2 + 1], 365.25 + 1.0 / 3.0);
  EXPECT_EQ(memory.decision_rule[5 * 2 + 1], 0.0);
  EXPECT_TRUE(std::isnan(memory.decision_time[6 * 2 + 0]));
  EXPECT_EQ(memory.decision_rule[6 * 2 + 0], -1.0);
  EXPECT_EQ(memory.measured[1][4 * 3 + 2], -1.0 - 0.1 * 4.0 - 1e-3 * 5.0);  // run 4, visit 2, measure 1
  EXPECT_TRUE(std::isnan(memory.measured[1][3 * 3 + 2]));                   // failed run 3: its last visit not reached
  EXPECT_EQ(memory.measured[0][3 * 3 + 1], -1.0 - 0.1 * 3.0 - 1e-3 * 2.0);  // ... the earlier ones kept
}

TEST(DecisionLog, LinesReadBackBitwiseAndCutLinesAreRefused) {
  const std::vector<Decision> d{{1.0 / 3.0, 0}, {730.5 + 1e-9, 2}};
  std::size_t run = 0;
  std::vector<Decision> back;
  ASSERT_TRUE(parse_decision_line(decision_line(42, d), run, back));
  EXPECT_EQ(run, 42u);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].time, d[0].time);
  EXPECT_EQ(back[1].time, d[1].time);
  EXPECT_EQ(back[1].rule, 2);
  for (const char* bad : {"", "42", "42\t", "42\t1.5", "42\t1.5 ", "x\t1 0", "42\t1 0\t", "42\t1 -1", "42 1 0"})
    EXPECT_FALSE(parse_decision_line(bad, run, back)) << bad;
}

}  // namespace
}  // namespace osteon
