#include "output/chunk_codec.hpp"

#include <libdeflate.h>

#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

namespace osteon {
namespace {

// One compressor per thread and level: allocating one costs more than compressing a small chunk.
libdeflate_compressor* compressor(int level) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, Free> c;
  thread_local int c_level = -1;
  if (!c || c_level != level) {
    c.reset(libdeflate_alloc_compressor(level));
    if (!c) throw std::bad_alloc();
    c_level = level;
  }
  return c.get();
}

// HDF5's shuffle filter: byte k of every element together, for k = 0 .. size-1.
void shuffle(const std::uint8_t* in, std::size_t n, std::size_t size, std::uint8_t* out) {
  for (std::size_t k = 0; k < size; ++k) {
    std::uint8_t* o = out + k * n;
    for (std::size_t i = 0; i < n; ++i) o[i] = in[i * size + k];
  }
}

void unshuffle(const std::uint8_t* in, std::size_t n, std::size_t size, std::uint8_t* out) {
  for (std::size_t k = 0; k < size; ++k) {
    const std::uint8_t* s = in + k * n;
    for (std::size_t i = 0; i < n; ++i) out[i * size + k] = s[i];
  }
}

}  // namespace

void encode_chunk(const double* values, std::size_t rows, std::size_t chunk_rows, std::size_t cols,
                  const OutputStorage& storage, std::vector<std::uint8_t>& out, std::vector<std::uint8_t>& scratch) {
  const std::size_t n = chunk_rows * cols, used = rows * cols;
  const std::size_t size = storage.element_size();
  // Raw little-endian elements of the stored type (x86-64 and every HDF5 target osteon builds for).
  std::vector<std::uint8_t>& raw = storage.compressed() ? scratch : out;
  raw.resize(n * size);
  if (storage.precision == Precision::float32) {
    auto* f = reinterpret_cast<float*>(raw.data());
    for (std::size_t i = 0; i < used; ++i) f[i] = static_cast<float>(values[i]);
    for (std::size_t i = used; i < n; ++i) f[i] = std::numeric_limits<float>::quiet_NaN();
  } else {
    std::memcpy(raw.data(), values, used * sizeof(double));
    auto* d = reinterpret_cast<double*>(raw.data());
    for (std::size_t i = used; i < n; ++i) d[i] = std::numeric_limits<double>::quiet_NaN();
  }
  if (!storage.compressed()) return;
  // Reused per thread: a fresh ~256 KiB buffer per chunk is a fresh mmap, zeroed page by page.
  thread_local std::vector<std::uint8_t> shuffled;
  shuffled.resize(n * size);
  shuffle(raw.data(), n, size, shuffled.data());
  libdeflate_compressor* c = compressor(storage.deflate_level);
  out.resize(libdeflate_zlib_compress_bound(c, shuffled.size()));
  const std::size_t bytes = libdeflate_zlib_compress(c, shuffled.data(), shuffled.size(), out.data(), out.size());
  if (bytes == 0) throw std::runtime_error("libdeflate: compression failed");
  out.resize(bytes);
}

std::vector<double> decode_chunk(const std::vector<std::uint8_t>& bytes, std::size_t chunk_rows, std::size_t cols,
                                 const OutputStorage& storage) {
  const std::size_t n = chunk_rows * cols, size = storage.element_size();
  std::vector<std::uint8_t> raw(n * size);
  if (storage.compressed()) {
    std::vector<std::uint8_t> shuffled(n * size);
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    std::size_t got = 0;
    const auto r = libdeflate_zlib_decompress(d, bytes.data(), bytes.size(), shuffled.data(), shuffled.size(), &got);
    libdeflate_free_decompressor(d);
    if (r != LIBDEFLATE_SUCCESS || got != shuffled.size()) throw std::runtime_error("decode_chunk: bad zlib stream");
    unshuffle(shuffled.data(), n, size, raw.data());
  } else {
    if (bytes.size() != raw.size()) throw std::runtime_error("decode_chunk: wrong size");
    raw = bytes;
  }
  std::vector<double> v(n);
  if (storage.precision == Precision::float32) {
    const auto* f = reinterpret_cast<const float*>(raw.data());
    for (std::size_t i = 0; i < n; ++i) v[i] = f[i];
  } else {
    std::memcpy(v.data(), raw.data(), n * sizeof(double));
  }
  return v;
}

}  // namespace osteon
