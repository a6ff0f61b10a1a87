// Turns a finished block of one variable into the bytes of one HDF5 chunk, on the compute
// thread that finished it: conversion to the stored precision, the HDF5 shuffle filter, then
// a zlib stream (libdeflate). The writer thread only places these bytes (H5Dwrite_chunk), so
// compression scales with the compute threads. The bytes are exactly what the standard
// shuffle+deflate pipeline decodes, so every HDF5/netCDF reader opens the file without plugins.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "output/output_description.hpp"

namespace osteon {

// Encodes rows x cols values (row-major) as one chunk of chunk_rows x cols elements: rows past
// `rows` (the last, short block of a dataset) are NaN padding that readers never see.
// out is resized to the chunk's bytes; scratch is reused between calls.
void encode_chunk(const double* values, std::size_t rows, std::size_t chunk_rows, std::size_t cols,
                  const OutputStorage& storage, std::vector<std::uint8_t>& out, std::vector<std::uint8_t>& scratch);

// The inverse (tests): chunk bytes back to chunk_rows x cols doubles. Throws std::runtime_error
// on a stream that does not decode to the expected size.
std::vector<double> decode_chunk(const std::vector<std::uint8_t>& bytes, std::size_t chunk_rows, std::size_t cols,
                                 const OutputStorage& storage);

}  // namespace osteon
