// ResultWriter with a Checkpoint: the partial file keeps finished blocks
// across an interruption, a resume writes only the rest, and the finished
// file holds exactly what an uninterrupted writer would have written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "output/hdf5_file.hpp"
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

}  // namespace
}  // namespace osteon
