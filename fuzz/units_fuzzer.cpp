// libFuzzer target: quantity and unit parsing and conversion.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const osteon::Quantity q = osteon::parse_quantity(text);
    (void)osteon::to_unit(q, "pM/d");
  } catch (const osteon::UnitError&) {
  }
  try {
    (void)osteon::convert(1.0, text, "d");
  } catch (const osteon::UnitError&) {
  }
  return 0;
}
