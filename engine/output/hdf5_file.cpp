#include "output/hdf5_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace osteon::h5 {

namespace {
// The operating system's reason for a failed HDF5 call, when the library
// recorded one ("errno = 28, error message = 'No space left on device'"),
// so that a full disk or a file size limit is named as such.
herr_t find_os_error(unsigned, const H5E_error2_t* e, void* out) {
  static const char marker[] = "error message = '";
  if (e->desc) {
    if (const char* at = std::strstr(e->desc, marker)) {
      const char* begin = at + sizeof marker - 1;
      const char* end = std::strchr(begin, '\'');
      *static_cast<std::string*>(out) = std::string(begin, end ? end : begin + std::strlen(begin));
      return 1;  // innermost system error found: stop
    }
  }
  return 0;
}

std::string failure(const char* what) {
  std::string os;
  const hid_t stack = H5Eget_current_stack();  // a copy; the library's stack is cleared
  if (stack >= 0) {
    H5Ewalk2(stack, H5E_WALK_UPWARD, find_os_error, &os);
    H5Eclose_stack(stack);
  }
  return std::string("HDF5: ") + what + " failed" + (os.empty() ? "" : ": " + os);
}
}  // namespace

Handle::Handle(hid_t id, Closer closer, const char* what) : id_(id), closer_(closer) {
  if (id < 0) throw H5Error(failure(what));
}

Handle& Handle::operator=(Handle&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    closer_ = o.closer_;
    o.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && closer_) closer_(id_);
  id_ = -1;
}

void check(herr_t status, const char* what) {
  if (status < 0) throw H5Error(failure(what));
}

void quiet_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Handle create_file(const std::string& path, bool exclusive) {
  // Dense attribute storage (file format 1.8) lifts the 64 KiB limit of
  // compact attributes: the scenario text of a large ensemble is kept whole.
  Handle fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "H5Pcreate");
  check(H5Pset_attr_phase_change(fcpl.id(), 0, 0), "H5Pset_attr_phase_change");
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate");
  check(H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_V18, H5F_LIBVER_V18), "H5Pset_libver_bounds");
  // No chunk cache: every chunk is written once, whole, from a finished block and never read
  // back, so a cache (1 MiB per dataset by default) would only hold memory that grows with the
  // number of chunks written, up to its size, for nothing.
  check(H5Pset_cache(fapl.id(), 0, 0, 0, 1.0), "H5Pset_cache");
  return Handle(H5Fcreate(path.c_str(), exclusive ? H5F_ACC_EXCL : H5F_ACC_TRUNC, fcpl.id(), fapl.id()), H5Fclose,
                ("create file " + path).c_str());
}

Handle open_file(const std::string& path, bool writable) {
  return Handle(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                ("open file " + path).c_str());
}

Handle open_dataset(hid_t loc, const std::string& name) {
  return Handle(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose, ("open dataset " + name).c_str());
}

bool exists(hid_t loc, const std::string& name) { return H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0; }

namespace {
template <class Info>
herr_t collect_name(hid_t, const char* name, const Info*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> link_names(hid_t group) {
  std::vector<std::string> names;
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name<H5L_info_t>, &names), "H5Literate");
  return names;
}

std::vector<std::string> attribute_names(hid_t obj) {
  std::vector<std::string> names;
  check(H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name<H5A_info_t>, &names), "H5Aiterate2");
  return names;
}

namespace {

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate"); }

Handle simple_space(const std::vector<hsize_t>& d) {
  return Handle(H5Screate_simple(static_cast<int>(d.size()), d.data(), nullptr), H5Sclose, "H5Screate_simple");
}

void replace_attribute(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) > 0) check(H5Adelete(obj, name.c_str()), "H5Adelete");
}

// Selects rows [row0, row0 + n) of a dataset with `rank` dimensions.
Handle select_rows(hid_t dset, hsize_t row0, hsize_t n, hsize_t cols, int rank) {
  Handle space(H5Dget_space(dset), H5Sclose, "H5Dget_space");
  hsize_t start[2] = {row0, 0}, count[2] = {n, cols};
  check(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr), "H5Sselect_hyperslab");
  (void)rank;
  return space;
}

}  // namespace

Handle string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check(H5Tset_size(t.id(), H5T_VARIABLE), "H5Tset_size");
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "H5Tset_cset");
  return t;
}

void set_attribute(hid_t obj, const std::string& name, const std::string& value) {
  replace_attribute(obj, name);
  Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check(H5Tset_size(type.id(), value.empty() ? 1 : value.size()), "H5Tset_size");
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "H5Tset_cset");
  check(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "H5Tset_strpad");
  Handle space = scalar_space();
  Handle attr(H5Acreate2(obj, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              ("create attribute " + name).c_str());
  const std::string padded = value.empty() ? std::string(1, '\0') : value;
  check(H5Awrite(attr.id(), type.id(), padded.data()), "H5Awrite");
}

void set_attribute(hid_t obj, const std::string& name, double value) {
  replace_attribute(obj, name);
  Handle space = scalar_space();
  Handle attr(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              ("create attribute " + name).c_str());
  check(H5Awrite(attr.id(), H5T_NATIVE_DOUBLE, &value), "H5Awrite");
}

void set_attribute(hid_t obj, const std::string& name, std::int64_t value) {
  replace_attribute(obj, name);
  Handle space = scalar_space();
  Handle attr(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              ("create attribute " + name).c_str());
  check(H5Awrite(attr.id(), H5T_NATIVE_INT64, &value), "H5Awrite");
}

void set_attribute(hid_t obj, const std::string& name, const std::vector<std::int8_t>& values) {
  replace_attribute(obj, name);
  Handle space = simple_space({values.size()});
  Handle attr(H5Acreate2(obj, name.c_str(), H5T_STD_I8LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
              ("create attribute " + name).c_str());
  check(H5Awrite(attr.id(), H5T_NATIVE_INT8, values.data()), "H5Awrite");
}

bool has_attribute(hid_t obj, const std::string& name) { return H5Aexists(obj, name.c_str()) > 0; }

std::string get_string_attribute(hid_t obj, const std::string& name) {
  Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, ("open attribute " + name).c_str());
  Handle type(H5Aget_type(attr.id()), H5Tclose, "H5Aget_type");
  if (H5Tget_class(type.id()) != H5T_STRING) throw H5Error("attribute " + name + " is not a string");
  if (H5Tis_variable_str(type.id()) > 0) {
    char* s = nullptr;
    Handle mem = string_type();
    check(H5Aread(attr.id(), mem.id(), &s), "H5Aread");
    std::string out = s ? s : "";
    H5free_memory(s);
    return out;
  }
  const std::size_t n = H5Tget_size(type.id());
  std::string out(n, '\0');
  check(H5Aread(attr.id(), type.id(), out.data()), "H5Aread");
  out.resize(std::strlen(out.c_str()));
  return out;
}

double get_double_attribute(hid_t obj, const std::string& name) {
  Handle attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose, ("open attribute " + name).c_str());
  double v = 0.0;
  check(H5Aread(attr.id(), H5T_NATIVE_DOUBLE, &v), "H5Aread");
  return v;
}

Handle create_dataset(hid_t loc, const std::string& name, hid_t type, const std::vector<hsize_t>& d, bool nan_fill) {
  Handle space = simple_space(d);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate");
  if (nan_fill) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check(H5Pset_fill_value(dcpl.id(), H5T_NATIVE_DOUBLE, &nan), "H5Pset_fill_value");
  }
  return Handle(H5Dcreate2(loc, name.c_str(), type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT), H5Dclose,
                ("create dataset " + name).c_str());
}

Handle create_preallocated(hid_t loc, const std::string& name, hid_t type, const std::vector<hsize_t>& d,
                           const double* nan_fill) {
  Handle space = simple_space(d);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate");
  check(H5Pset_layout(dcpl.id(), H5D_CONTIGUOUS), "H5Pset_layout");
  check(H5Pset_alloc_time(dcpl.id(), H5D_ALLOC_TIME_EARLY), "H5Pset_alloc_time");
  if (nan_fill) {
    check(H5Pset_fill_value(dcpl.id(), H5T_NATIVE_DOUBLE, nan_fill), "H5Pset_fill_value");
    check(H5Pset_fill_time(dcpl.id(), H5D_FILL_TIME_ALLOC), "H5Pset_fill_time");
  } else {
    check(H5Pset_fill_time(dcpl.id(), H5D_FILL_TIME_NEVER), "H5Pset_fill_time");
  }
  return Handle(H5Dcreate2(loc, name.c_str(), type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT), H5Dclose,
                ("create dataset " + name).c_str());
}

Handle create_chunked(hid_t loc, const std::string& name, hsize_t rows, hsize_t cols, hsize_t chunk_rows,
                      int deflate_level, bool float32) {
  Handle space = simple_space({rows, cols});
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate");
  if (rows > 0 && cols > 0) {
    const hsize_t chunk[2] = {std::min(chunk_rows, rows), cols};
    check(H5Pset_chunk(dcpl.id(), 2, chunk), "H5Pset_chunk");
    if (deflate_level > 0) {
      // The order encode_chunk applies them in: readers undo deflate, then shuffle.
      check(H5Pset_shuffle(dcpl.id()), "H5Pset_shuffle");
      check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(deflate_level)), "H5Pset_deflate");
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  check(H5Pset_fill_value(dcpl.id(), H5T_NATIVE_DOUBLE, &nan), "H5Pset_fill_value");
  return Handle(H5Dcreate2(loc, name.c_str(), float32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE, space.id(), H5P_DEFAULT,
                           dcpl.id(), H5P_DEFAULT),
                H5Dclose, ("create dataset " + name).c_str());
}

void write_chunk(hid_t dset, hsize_t row0, const std::vector<std::uint8_t>& bytes) {
  const hsize_t offset[2] = {row0, 0};
  check(H5Dwrite_chunk(dset, H5P_DEFAULT, 0, offset, bytes.size(), bytes.data()), "H5Dwrite_chunk");
}

void write_all(hid_t dset, const std::vector<double>& v) {
  check(H5Dwrite(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dwrite");
}

void write_all(hid_t dset, const std::vector<std::int64_t>& v) {
  check(H5Dwrite(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dwrite");
}

void write_rows(hid_t dset, hsize_t row0, hsize_t n, hsize_t cols, const double* data) {
  Handle file_space = select_rows(dset, row0, n, cols, 2);
  hsize_t mdims[2] = {n, cols};
  Handle mem(H5Screate_simple(2, mdims, nullptr), H5Sclose, "H5Screate_simple");
  check(H5Dwrite(dset, H5T_NATIVE_DOUBLE, mem.id(), file_space.id(), H5P_DEFAULT, data), "H5Dwrite");
}

namespace {
template <class T>
void write_rows_1d(hid_t dset, hsize_t row0, hsize_t n, hid_t mem_type, const T* data) {
  Handle file_space(H5Dget_space(dset), H5Sclose, "H5Dget_space");
  hsize_t start[1] = {row0}, count[1] = {n};
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr), "H5Sselect_hyperslab");
  Handle mem(H5Screate_simple(1, count, nullptr), H5Sclose, "H5Screate_simple");
  check(H5Dwrite(dset, mem_type, mem.id(), file_space.id(), H5P_DEFAULT, data), "H5Dwrite");
}
}  // namespace

void write_rows(hid_t dset, hsize_t row0, hsize_t n, const double* data) {
  write_rows_1d(dset, row0, n, H5T_NATIVE_DOUBLE, data);
}

void write_rows(hid_t dset, hsize_t row0, hsize_t n, const std::int8_t* data) {
  write_rows_1d(dset, row0, n, H5T_NATIVE_INT8, data);
}

void write_rows(hid_t dset, hsize_t row0, hsize_t n, const std::int64_t* data) {
  write_rows_1d(dset, row0, n, H5T_NATIVE_INT64, data);
}

void write_string_rows(hid_t dset, hsize_t row0, const std::vector<std::string>& rows) {
  std::vector<const char*> ptrs;
  ptrs.reserve(rows.size());
  for (const auto& s : rows) ptrs.push_back(s.c_str());
  Handle type = string_type();
  write_rows_1d(dset, row0, rows.size(), type.id(), ptrs.data());
}

std::vector<hsize_t> dims(hid_t dset) {
  Handle space(H5Dget_space(dset), H5Sclose, "H5Dget_space");
  const int rank = H5Sget_simple_extent_ndims(space.id());
  std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.id(), d.data(), nullptr);
  return d;
}

namespace {
std::size_t element_count(hid_t dset) {
  std::size_t n = 1;
  for (hsize_t x : dims(dset)) n *= static_cast<std::size_t>(x);
  return n;
}
}  // namespace

std::vector<double> read_doubles(hid_t dset) {
  std::vector<double> v(element_count(dset));
  check(H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dread");
  return v;
}

void read_rows(hid_t dset, hsize_t row0, hsize_t n, hsize_t cols, double* out) {
  Handle space(H5Dget_space(dset), H5Sclose, "H5Dget_space");
  hsize_t start[2] = {row0, 0}, count[2] = {n, cols};
  check(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start, nullptr, count, nullptr), "H5Sselect_hyperslab");
  const int rank = H5Sget_simple_extent_ndims(space.id()) == 2 ? 2 : 1;
  Handle mem(H5Screate_simple(rank, count, nullptr), H5Sclose, "H5Screate_simple");
  check(H5Dread(dset, H5T_NATIVE_DOUBLE, mem.id(), space.id(), H5P_DEFAULT, out), "H5Dread");
}

std::vector<std::int64_t> read_int64(hid_t dset) {
  std::vector<std::int64_t> v(element_count(dset));
  check(H5Dread(dset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "H5Dread");
  return v;
}

std::vector<std::string> read_strings(hid_t dset) {
  const std::size_t n = element_count(dset);
  std::vector<char*> raw(n, nullptr);
  Handle type = string_type();
  check(H5Dread(dset, type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), "H5Dread");
  std::vector<std::string> out;
  out.reserve(n);
  for (char* s : raw) {
    out.emplace_back(s ? s : "");
    H5free_memory(s);
  }
  return out;
}

void make_scale(hid_t dset, const std::string& dim_name) {
  check(H5DSset_scale(dset, dim_name.c_str()), "H5DSset_scale");
}

void attach_scale(hid_t dset, hid_t scale, unsigned dim_index) {
  check(H5DSattach_scale(dset, scale, dim_index), "H5DSattach_scale");
}

}  // namespace osteon::h5
