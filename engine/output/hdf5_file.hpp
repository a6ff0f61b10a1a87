// A thin RAII layer over the HDF5 C API and its dimension-scale (H5DS) calls:
// handles that close themselves, and the few typed reads and writes osteon
// needs. Errors become H5Error with the HDF5 call that failed.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace osteon::h5 {

class H5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Owns one hid_t and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer, const char* what);  // throws H5Error when id < 0
  Handle(Handle&& o) noexcept : id_(o.id_), closer_(o.closer_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  void reset();
  hid_t id() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// Fails with the name of the call when an HDF5 function returns < 0.
void check(herr_t status, const char* what);

// Silences HDF5's own error stack printing; osteon reports errors itself.
void quiet_errors();

// Truncates an existing file; with `exclusive`, fails when anything (even a
// symbolic link) is at `path` (O_EXCL).
Handle create_file(const std::string& path, bool exclusive = false);
Handle open_file(const std::string& path, bool writable = false);
Handle open_dataset(hid_t loc, const std::string& name);
bool exists(hid_t loc, const std::string& name);
// The names of a group's links (datasets, groups), and of an object's attributes, by name.
std::vector<std::string> link_names(hid_t group);
std::vector<std::string> attribute_names(hid_t obj);

// Attributes (on a file, group or dataset).
void set_attribute(hid_t obj, const std::string& name, const std::string& value);
void set_attribute(hid_t obj, const std::string& name, double value);
void set_attribute(hid_t obj, const std::string& name, std::int64_t value);
void set_attribute(hid_t obj, const std::string& name, const std::vector<std::int8_t>& values);
std::string get_string_attribute(hid_t obj, const std::string& name);
double get_double_attribute(hid_t obj, const std::string& name);
bool has_attribute(hid_t obj, const std::string& name);

// Datasets. Extents are fixed at creation.
Handle create_dataset(hid_t loc, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                      bool nan_fill = false);
// A dataset whose storage is allocated (contiguous) when it is created, so that later writes change
// raw data only: a crash between writes cannot damage the file's structure (resumable files,
// result_writer.hpp). `nan_fill` is written at allocation unless null.
Handle create_preallocated(hid_t loc, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                           const double* nan_fill);
// A (rows, cols) NaN-filled dataset of float64 or float32 in chunks of (chunk_rows, cols), with
// the standard shuffle + deflate filters when compressed; written by write_chunk.
Handle create_chunked(hid_t loc, const std::string& name, hsize_t rows, hsize_t cols, hsize_t chunk_rows,
                      int deflate_level, bool float32);
// Places the encoded bytes of the chunk starting at row0 (encode_chunk), filters applied.
void write_chunk(hid_t dset, hsize_t row0, const std::vector<std::uint8_t>& bytes);
void write_all(hid_t dset, const std::vector<double>& v);
void write_all(hid_t dset, const std::vector<std::int64_t>& v);
// Writes rows [row0, row0 + n) of a (rows, cols) or (rows) dataset.
void write_rows(hid_t dset, hsize_t row0, hsize_t n, hsize_t cols, const double* data);
void write_rows(hid_t dset, hsize_t row0, hsize_t n, const double* data);
void write_rows(hid_t dset, hsize_t row0, hsize_t n, const std::int8_t* data);
void write_rows(hid_t dset, hsize_t row0, hsize_t n, const std::int64_t* data);
void write_string_rows(hid_t dset, hsize_t row0, const std::vector<std::string>& rows);

std::vector<hsize_t> dims(hid_t dset);
std::vector<double> read_doubles(hid_t dset);
// Reads rows [row0, row0 + n) of a (rows, cols) float64 dataset, or of a (rows) one with cols = 1.
void read_rows(hid_t dset, hsize_t row0, hsize_t n, hsize_t cols, double* out);
std::vector<std::int64_t> read_int64(hid_t dset);
std::vector<std::string> read_strings(hid_t dset);

// Variable-length UTF-8 string type.
Handle string_type();

// Dimension scales (netCDF-4 dimensions as xarray sees them).
void make_scale(hid_t dset, const std::string& dim_name);
void attach_scale(hid_t dset, hid_t scale, unsigned dim_index);

}  // namespace osteon::h5
