// Parameter tables joined from parts, and the compile-time check that ties a model's enum to
// its table (engine/model/param_table.hpp). The static_asserts are the test: this file does not
// compile if names_match accepts a reordered or shortened list.
#include <gtest/gtest.h>

#include "model/param_table.hpp"

namespace {

constexpr std::array<osteon::ParamInfo, 2> first{{{"a", 1.0, "1", "a", "", ""}, {"b", 2.0, "1", "b", "", ""}}};
constexpr std::array<osteon::ParamInfo, 1> second{{{"c", 3.0, "1/d", "c", "", ""}}};
constexpr auto joined = osteon::join(first, second);

static_assert(osteon::names_match(joined, {"a", "b", "c"}));
static_assert(!osteon::names_match(joined, {"b", "a", "c"}), "a reordered enum must not match");
static_assert(!osteon::names_match(joined, {"a", "b"}), "a shorter enum must not match");

#define TEST_PARAMS(X) X(a) X(b) X(c)
enum Param { TEST_PARAMS(OSTEON_ENUMERATOR) };
static_assert(osteon::names_match(joined, {TEST_PARAMS(OSTEON_NAME)}));

TEST(ParamTable, JoinKeepsEveryRowInOrder) {
  ASSERT_EQ(joined.size(), 3u);
  EXPECT_EQ(joined[c].name, "c");
  EXPECT_EQ(joined[c].value, 3.0);
  EXPECT_EQ(joined[c].unit, "1/d");
  EXPECT_EQ(joined[a].value, 1.0);
}

}  // namespace
