// Parameter tables built from parts, and the compile-time check that ties a
// model's enum of indices to its table. A row is declared once, in the module
// or base model it belongs to; a model joins the parts it is made of.
//
//   #define MYMODEL_PARAMS(X) X(r) X(K)          // the enum, in table order
//   enum Param { MYMODEL_PARAMS(OSTEON_ENUMERATOR) };
//   constexpr auto k_params = join(module_rows, own_rows);
//   static_assert(names_match(k_params, {MYMODEL_PARAMS(OSTEON_NAME)}));
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "model/model_info.hpp"

#define OSTEON_ENUMERATOR(name) name,
#define OSTEON_NAME(name) #name,

namespace osteon {

// The rows of every part, in order.
template <class Row, std::size_t... N>
constexpr std::array<Row, (N + ...)> join(const std::array<Row, N>&... parts) {
  std::array<Row, (N + ...)> out{};
  std::size_t k = 0;
  (
      (void)[&] {
        for (const Row& r : parts) out[k++] = r;
      }(),
      ...);
  return out;
}

// True when the table's names are `names`, in order and no more: the enum that
// indexes the table (listed by the same X-macro) cannot drift from it.
template <class Row, std::size_t N>
constexpr bool names_match(const std::array<Row, N>& table, std::initializer_list<std::string_view> names) {
  if (names.size() != N) return false;
  std::size_t k = 0;
  for (std::string_view n : names) {
    if (table[k++].name != n) return false;
  }
  return true;
}

}  // namespace osteon
