// Shards of a sweep (sweep_shard.hpp): shards 1..N of n runs partition the
// runs into contiguous blocks whose sizes differ by at most one, and --shard
// values are parsed strictly.
#include "cluster/sweep_shard.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace osteon {
namespace {

TEST(SweepShard, ShardsPartitionTheRunsIntoNearlyEqualContiguousBlocks) {
  for (std::size_t n : {1u, 2u, 7u, 25u, 128u, 6144u, 1000003u}) {
    for (std::size_t count : {1u, 2u, 3u, 4u, 7u, 16u, 1000u}) {
      if (count > n) continue;
      std::size_t next = 0, smallest = n, largest = 0;
      for (std::size_t i = 1; i <= count; ++i) {
        const SweepShard s = make_shard(i, count, n);
        EXPECT_EQ(s.first, next) << n << " runs, shard " << i << "/" << count;
        next = s.end;
        smallest = std::min(smallest, s.runs());
        largest = std::max(largest, s.runs());
      }
      EXPECT_EQ(next, n);
      EXPECT_LE(largest - smallest, 1u);
      EXPECT_GE(smallest, 1u);
    }
  }
  // floor((I-1) n / N): 25 runs in 4 shards are 6, 6, 6, 7.
  EXPECT_EQ(make_shard(4, 4, 25).first, 18u);
  EXPECT_EQ(make_shard(4, 4, 25).runs(), 7u);
}

TEST(SweepShard, ParsesIOverNAndRejectsEverythingElse) {
  const SweepShard s = parse_shard("3/4", 100);
  EXPECT_EQ(s.index, 3u);
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.first, 50u);
  EXPECT_EQ(s.end, 75u);
  EXPECT_EQ(s.label(), "3/4");
  for (const char* bad : {"0/4", "5/4", "1/0", "4", "/4", "1/", "a/4", "1/b", "-1/4", "1/4/2", " 1/4", "1/5"}) {
    try {
      parse_shard(bad, 4);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.key(), "--shard") << bad;
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace osteon
