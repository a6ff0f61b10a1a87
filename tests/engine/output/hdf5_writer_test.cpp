// The HDF5 result file (DESIGN.md §6), written by ResultWriter and read back
// with the plain HDF5 C API: values, failed runs, attributes, dimension scales,
// and the temporary-name-then-rename rule.
#include <gtest/gtest.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/chunk_codec.hpp"
#include "output/hdf5_file.hpp"
#include "output/result_writer.hpp"

namespace {

namespace fs = std::filesystem;
namespace h5 = osteon::h5;
using osteon::OutputDescription;
using osteon::ResultWriter;
using osteon::RunResult;
using osteon::RunStatus;

// A fresh directory per test, removed afterwards.
class ResultWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("osteon_writer_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    return out;
  }
  fs::path dir_;
};

// `n_times` output times 0, 0.5, 1, ... d for two variables.
OutputDescription description(std::size_t n_runs, std::size_t n_times) {
  OutputDescription d;
  d.title = "writer test";
  d.model_id = "komarova2003";
  d.model_citation = "Komarova et al. 2003";
  d.scenario_text = "osteon: 1\nname: writer_test\nmodel: komarova2003\nduration: 1 d\n";
  d.settings_json = "{\"method\": \"dopri5\", \"rtol\": 1e-08}";
  d.history = "osteon run writer_test.yaml -o out.h5";
  for (std::size_t k = 0; k < n_times; ++k) d.times.push_back(0.5 * static_cast<double>(k));
  d.names = {"OC", "z"};
  d.units = {"cells", "%"};
  d.long_names = {"osteoclasts (x1)", "bone mass relative to the initial bone mass"};
  d.n_runs = n_runs;
  d.factors.push_back({"g11", "1", "osteoclast autocrine exponent", {}});
  for (std::size_t i = 0; i < n_runs; ++i) d.factors[0].values.push_back(0.5 + 0.1 * static_cast<double>(i));
  return d;
}

// A value no two (variable, run, time) cells share.
double cell(std::size_t v, std::size_t run, std::size_t k) {
  return 1000.0 * static_cast<double>(v) + 10.0 * static_cast<double>(run) + 0.001 * static_cast<double>(k);
}

RunResult result(std::size_t run, std::size_t n_times, RunStatus status = RunStatus::ok, std::string message = "") {
  RunResult r;
  r.index = run;
  r.status = status;
  r.message = std::move(message);
  for (std::size_t v = 0; v < 2; ++v) {
    for (std::size_t k = 0; k < n_times; ++k) r.values.push_back(cell(v, run, k));
  }
  return r;
}

std::string scale_name(hid_t scale) {
  char buf[64] = {};
  const ssize_t n = H5DSget_scale_name(scale, buf, sizeof buf);
  return n > 0 ? std::string(buf) : std::string();
}

std::vector<std::int8_t> read_int8(hid_t dset) {
  std::vector<std::int8_t> v(static_cast<std::size_t>(h5::dims(dset).at(0)));
  h5::check(H5Dread(dset, H5T_NATIVE_INT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dread");
  return v;
}

TEST_F(ResultWriterTest, WritesRunsDeliveredOutOfOrderWithOneFailed) {
  // 20000 times make blocks of one run (256 KiB per variable), so the five runs
  // span five blocks and arrive across them in any order.
  const std::size_t nr = 5, nt = 20000;
  const std::string out = path("ensemble.h5");
  {
    ResultWriter w(out, description(nr, nt), false);
    EXPECT_EQ(w.path(), out);
    EXPECT_TRUE(fs::exists(w.temporary_path()));
    EXPECT_EQ(fs::path(w.temporary_path()).parent_path(), dir_);
    EXPECT_FALSE(fs::exists(out));  // nothing that looks complete before finish()
    w.accept(result(3, nt));
    w.accept(result(0, nt));
    // The failed run computed a partial trajectory: none of it may reach the file.
    w.accept(result(4, nt, RunStatus::failed, "OC became negative at t = 12.5 d"));
    w.accept(result(1, nt));
    w.accept(result(2, nt));
    w.finish();
    EXPECT_EQ(w.runs_failed(), 1u);
    EXPECT_EQ(w.runs_written(), nr);
    EXPECT_FALSE(fs::exists(w.temporary_path()));
    EXPECT_TRUE(fs::exists(out));
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"ensemble.h5"});  // no temporary left

  h5::Handle f = h5::open_file(out);
  // Values: variable-major rows per run, NaN for the failed run.
  for (std::size_t v = 0; v < 2; ++v) {
    h5::Handle d = h5::open_dataset(f.id(), v == 0 ? "OC" : "z");
    ASSERT_EQ(h5::dims(d.id()), (std::vector<hsize_t>{nr, nt}));
    const auto x = h5::read_doubles(d.id());
    for (std::size_t run = 0; run < nr; ++run) {
      for (std::size_t k : {std::size_t{0}, std::size_t{1}, nt / 2, nt - 1}) {
        const double got = x[run * nt + k];
        if (run == 4) {
          EXPECT_TRUE(std::isnan(got)) << "run 4, k " << k;
        } else {
          EXPECT_EQ(got, cell(v, run, k)) << "variable " << v << ", run " << run << ", k " << k;
        }
      }
    }
    EXPECT_EQ(h5::get_string_attribute(d.id(), "units"), v == 0 ? "cells" : "%");
    EXPECT_EQ(h5::get_string_attribute(d.id(), "long_name"),
              v == 0 ? "osteoclasts (x1)" : "bone mass relative to the initial bone mass");
  }
  // Status and messages.
  h5::Handle status = h5::open_dataset(f.id(), "status");
  EXPECT_EQ(read_int8(status.id()), (std::vector<std::int8_t>{0, 0, 0, 0, 1}));
  EXPECT_EQ(h5::get_string_attribute(status.id(), "flag_meanings"), "ok failed not_run");
  h5::Handle messages = h5::open_dataset(f.id(), "status_message");
  EXPECT_EQ(h5::read_strings(messages.id()),
            (std::vector<std::string>{"", "", "", "", "OC became negative at t = 12.5 d"}));
  // Coordinates.
  h5::Handle time = h5::open_dataset(f.id(), "time");
  const auto t = h5::read_doubles(time.id());
  ASSERT_EQ(t.size(), nt);
  EXPECT_EQ(t[0], 0.0);
  EXPECT_EQ(t[nt - 1], 0.5 * static_cast<double>(nt - 1));
  EXPECT_EQ(h5::get_string_attribute(time.id(), "units"), "d");
  EXPECT_EQ(h5::get_string_attribute(time.id(), "long_name"), "time since scenario start");
  h5::Handle run = h5::open_dataset(f.id(), "run");
  EXPECT_EQ(h5::read_int64(run.id()), (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  h5::Handle g11 = h5::open_dataset(f.id(), "g11");
  const auto g = h5::read_doubles(g11.id());
  ASSERT_EQ(g.size(), nr);
  EXPECT_DOUBLE_EQ(g[3], 0.8);
  EXPECT_EQ(h5::get_string_attribute(g11.id(), "units"), "1");
}

TEST_F(ResultWriterTest, RootAttributesDescribeTheRun) {
  const std::string out = path("attrs.h5");
  const OutputDescription d = description(1, 3);
  {
    ResultWriter w(out, d, false);
    w.accept(result(0, 3));
    w.finish();
  }
  h5::Handle f = h5::open_file(out);
  EXPECT_EQ(h5::get_string_attribute(f.id(), "Conventions"), "CF-1.10");
  EXPECT_EQ(h5::get_string_attribute(f.id(), "title"), "writer test");
  EXPECT_EQ(h5::get_string_attribute(f.id(), "source").rfind("osteon ", 0), 0u);
  EXPECT_NE(h5::get_string_attribute(f.id(), "source").find("(git "), std::string::npos);
  EXPECT_EQ(h5::get_string_attribute(f.id(), "history"), d.history);
  EXPECT_EQ(h5::get_double_attribute(f.id(), "osteon_format"), 1.0);
  EXPECT_EQ(h5::get_string_attribute(f.id(), "model"), "komarova2003");
  EXPECT_EQ(h5::get_string_attribute(f.id(), "scenario"), d.scenario_text);  // newlines kept
  EXPECT_EQ(h5::get_string_attribute(f.id(), "settings"), d.settings_json);
  // osteon_format is an integer attribute, as netCDF readers expect.
  h5::Handle a(H5Aopen(f.id(), "osteon_format", H5P_DEFAULT), H5Aclose, "H5Aopen");
  h5::Handle type(H5Aget_type(a.id()), H5Tclose, "H5Aget_type");
  EXPECT_EQ(H5Tget_class(type.id()), H5T_INTEGER);
}

TEST_F(ResultWriterTest, DimensionScalesAreAttached) {
  const std::string out = path("scales.h5");
  {
    ResultWriter w(out, description(2, 4), false);
    w.accept(result(1, 4));
    w.accept(result(0, 4));
    w.finish();
  }
  h5::Handle f = h5::open_file(out);
  h5::Handle time = h5::open_dataset(f.id(), "time");
  h5::Handle run = h5::open_dataset(f.id(), "run");
  EXPECT_GT(H5DSis_scale(time.id()), 0);
  EXPECT_GT(H5DSis_scale(run.id()), 0);
  EXPECT_EQ(scale_name(time.id()), "time");
  EXPECT_EQ(scale_name(run.id()), "run");
  for (const char* name : {"OC", "z"}) {
    h5::Handle d = h5::open_dataset(f.id(), name);
    EXPECT_GT(H5DSis_attached(d.id(), run.id(), 0), 0) << name;
    EXPECT_GT(H5DSis_attached(d.id(), time.id(), 1), 0) << name;
    EXPECT_EQ(H5DSis_attached(d.id(), time.id(), 0), 0) << name;  // not swapped
  }
  for (const char* name : {"status", "status_message", "g11"}) {
    h5::Handle d = h5::open_dataset(f.id(), name);
    EXPECT_GT(H5DSis_attached(d.id(), run.id(), 0), 0) << name;
  }
}

TEST_F(ResultWriterTest, RunsNeverDeliveredAreMarkedNotRun) {
  const std::string out = path("partial.h5");
  {
    ResultWriter w(out, description(3, 2), false);
    w.accept(result(2, 2));
    w.finish();
  }
  h5::Handle f = h5::open_file(out);
  h5::Handle status = h5::open_dataset(f.id(), "status");
  EXPECT_EQ(read_int8(status.id()), (std::vector<std::int8_t>{2, 2, 0}));
  h5::Handle oc = h5::open_dataset(f.id(), "OC");
  const auto x = h5::read_doubles(oc.id());
  EXPECT_TRUE(std::isnan(x[0]) && std::isnan(x[3]));
  EXPECT_EQ(x[4], cell(0, 2, 0));
}

TEST_F(ResultWriterTest, RecycledBlocksCarryNothingOver) {
  // 16384 times: blocks of 2 runs, so later blocks reuse the buffers of written ones. A failed
  // run, or one never delivered, in a reused block must read NaN, not the previous block's values.
  const std::size_t nt = 16384, n = 12;
  const std::string out = path("recycled.h5");
  {
    ResultWriter w(out, description(n, nt), false);
    ASSERT_EQ(w.block_rows(), 2u);
    for (std::size_t i = 0; i < n; ++i) {
      if (i == 7) continue;  // never delivered: block 3 is written half-filled at finish
      const bool fail = i == 4 || i == 8 || i == 9;
      w.accept(result(i, nt, fail ? RunStatus::failed : RunStatus::ok, fail ? "failed on purpose" : ""));
    }
    w.finish();
  }
  h5::Handle f = h5::open_file(out);
  EXPECT_EQ(read_int8(h5::open_dataset(f.id(), "status").id()),
            (std::vector<std::int8_t>{0, 0, 0, 0, 1, 0, 0, 2, 1, 1, 0, 0}));
  const auto messages = h5::read_strings(h5::open_dataset(f.id(), "status_message").id());
  for (std::size_t v = 0; v < 2; ++v) {
    const auto x = h5::read_doubles(h5::open_dataset(f.id(), v == 0 ? "OC" : "z").id());
    ASSERT_EQ(x.size(), n * nt);
    for (std::size_t i = 0; i < n; ++i) {
      const bool stored = !(i == 4 || i == 7 || i == 8 || i == 9);
      for (std::size_t k = 0; k < nt; k += 97) {
        if (stored) {
          ASSERT_EQ(x[i * nt + k], cell(v, i, k)) << "variable " << v << " run " << i << " time " << k;
        } else {
          ASSERT_TRUE(std::isnan(x[i * nt + k])) << "variable " << v << " run " << i << " time " << k;
        }
      }
    }
  }
  EXPECT_EQ(messages[4], "failed on purpose");
  EXPECT_EQ(messages[5], "");
  EXPECT_EQ(messages[9], "failed on purpose");
}

TEST_F(ResultWriterTest, DestroyedWithoutFinishLeavesNoFile) {
  const std::string out = path("interrupted.h5");
  std::string tmp;
  {
    ResultWriter w(out, description(4, 3), false);
    tmp = w.temporary_path();
    w.accept(result(0, 3));
    w.accept(result(1, 3));
    EXPECT_TRUE(fs::exists(tmp));
  }
  EXPECT_FALSE(fs::exists(tmp));
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(entries().empty());
}

TEST_F(ResultWriterTest, ExistingOutputNeedsOverwrite) {
  const std::string out = path("exists.h5");
  std::ofstream(out) << "precious";
  try {
    ResultWriter w(out, description(1, 2), false);
    FAIL() << "replaced an existing file without overwrite";
  } catch (const osteon::InputError& e) {
    EXPECT_EQ(e.key(), "-o");
    EXPECT_EQ(e.where().file, out);
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos);
  }
  std::ifstream in(out);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");
  EXPECT_EQ(entries(), std::vector<std::string>{"exists.h5"});

  {
    ResultWriter w(out, description(1, 2), true);
    w.accept(result(0, 2));
    w.finish();
  }
  h5::Handle f = h5::open_file(out);  // now an HDF5 file
  EXPECT_EQ(h5::get_string_attribute(f.id(), "model"), "komarova2003");
}

TEST_F(ResultWriterTest, UnwritableLocationIsBadInput) {
  const auto expect_rejected = [](const std::string& out) {
    try {
      ResultWriter w(out, description(1, 2), false);
      ADD_FAILURE() << "wrote to " << out;
    } catch (const osteon::InputError& e) {
      EXPECT_EQ(e.key(), "-o");
      EXPECT_NE(std::string(e.what()).find("cannot be written"), std::string::npos) << e.what();
    }
  };
  expect_rejected(path("missing/sub/dir/out.h5"));
  std::ofstream(path("plain_file")) << "x";
  expect_rejected(path("plain_file/out.h5"));
  if (::geteuid() != 0) {  // root writes anywhere
    fs::create_directories(dir_ / "read_only");
    fs::permissions(dir_ / "read_only", fs::perms::owner_read | fs::perms::owner_exec);
    expect_rejected(path("read_only/out.h5"));
    EXPECT_TRUE(fs::is_empty(dir_ / "read_only"));
  }
  try {
    ResultWriter w(dir_.string(), description(1, 2), true);
    ADD_FAILURE() << "wrote over a directory";
  } catch (const osteon::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("a directory"), std::string::npos) << e.what();
  }
}

TEST_F(ResultWriterTest, RejectsRunsThatDoNotFitTheFile) {
  ResultWriter w(path("mismatch.h5"), description(2, 3), false);
  EXPECT_THROW(w.accept(result(2, 3)), std::out_of_range);  // only runs 0 and 1
  RunResult short_run = result(0, 3);
  short_run.values.pop_back();
  EXPECT_THROW(w.accept(std::move(short_run)), std::invalid_argument);
  // A failed run may come without values: it is stored as NaN.
  RunResult failed;
  failed.index = 1;
  failed.status = RunStatus::failed;
  failed.message = "step size underflow at t = 3 d";
  w.accept(std::move(failed));
  w.accept(result(0, 3));
  w.finish();
  h5::Handle f = h5::open_file(w.path());
  h5::Handle z = h5::open_dataset(f.id(), "z");
  const auto x = h5::read_doubles(z.id());
  EXPECT_EQ(x[2], cell(1, 0, 2));
  EXPECT_TRUE(std::isnan(x[3]) && std::isnan(x[5]));
}

}  // namespace

// A chunk made on a compute thread decodes (undo deflate, then shuffle: the HDF5 pipeline) to
// the block's values in the stored precision, with NaN rows past a dataset's last block.
TEST(ChunkCodec, EncodedChunksDecodeToTheBlockWithNanPadding) {
  const std::size_t rows = 3, chunk_rows = 5, cols = 7;
  std::vector<double> values(rows * cols);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = 1.0 / (1.0 + static_cast<double>(i)) - 0.1;
  for (const osteon::OutputStorage storage :
       {osteon::OutputStorage{0, osteon::Precision::float64}, osteon::OutputStorage{1, osteon::Precision::float64},
        osteon::OutputStorage{9, osteon::Precision::float32}}) {
    std::vector<std::uint8_t> bytes, scratch;
    osteon::encode_chunk(values.data(), rows, chunk_rows, cols, storage, bytes, scratch);
    if (!storage.compressed()) {
      EXPECT_EQ(bytes.size(), chunk_rows * cols * storage.element_size());
    }
    const std::vector<double> back = osteon::decode_chunk(bytes, chunk_rows, cols, storage);
    ASSERT_EQ(back.size(), chunk_rows * cols);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double expect = storage.precision == osteon::Precision::float32
                                ? static_cast<double>(static_cast<float>(values[i]))
                                : values[i];
      EXPECT_EQ(back[i], expect) << i;
    }
    for (std::size_t i = values.size(); i < back.size(); ++i) EXPECT_TRUE(std::isnan(back[i])) << i;
  }
}
