// The files an output is made of, created without trusting the directory
// (issue 19): an exclusive lock per output that works without HDF5's file
// locking, temporary names no one can predict or plant a link at, and the
// final rename that never replaces a file it was not allowed to.
//
//   OUT.h5          the result, renamed into place only when complete
//   .OUT.h5.lock    held (flock) by the one osteon process writing OUT.h5;
//                   removed when it is done, harmless when left by a kill
//   .OUT.h5.tmp-*   a single run's file while it is written (random suffix,
//                   created with O_EXCL: a symbolic link there is never followed)
//   OUT.h5.partial, OUT.h5.partial-messages, OUT.h5.partial-decisions
//                   a sweep's resumable files (the last with care-pathway rules
//                   only): a symbolic link at any of them is refused
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace osteon {

// Holds an exclusive lock on the output `path` for its lifetime. Throws
// InputError (key '-o') when another process holds it, or when the lock file
// cannot be created (a symbolic link planted there, no such directory).
class OutputLock {
 public:
  explicit OutputLock(const std::string& path);
  ~OutputLock();  // removes the lock file, then releases the lock
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  static std::string lock_path(const std::string& path);

 private:
  void marker_lock(const std::string& path);  // on a file system without locks

  std::string lock_path_;
  int fd_ = -1;
};

// A fresh name `.NAME.tmp-PID-RANDOM` next to `path` that did not exist when
// this was called (the caller creates it exclusively, and tries another name
// if someone took it meanwhile).
std::string temporary_name(const std::string& path);

// What is at `path` without following a final symbolic link: "none",
// "regular", "symlink", "directory" or "other".
std::string file_kind(const std::string& path);

// Throws InputError (key '-o', naming `path`) when `path` is a symbolic link
// or anything but a regular file; does nothing when nothing is there.
void refuse_unless_regular_or_absent(const std::string& path, const std::string& what);

// Moves `from` onto `to`. Without `replace`, fails (returns false, `from`
// untouched) when `to` exists, atomically. Throws OutputError on other errors.
bool move_into_place(const std::string& from, const std::string& to, bool replace);

// Creates `path` for writing with O_CREAT|O_EXCL|O_NOFOLLOW (removing a
// regular file of ours there first when `replace_ours`); nullptr with errno set
// when it cannot be created.
std::FILE* create_exclusive(const std::string& path, bool replace_ours);

// Opens `path` for appending, creating it, but never through a symbolic link
// (O_NOFOLLOW); nullptr with errno set when it cannot be opened.
std::FILE* open_append_no_follow(const std::string& path);

// Refuses (InputError, key '-o') an output that is one of the command's input
// files, even with --force: writing it would replace the input.
void refuse_input_as_output(const std::string& output, const std::vector<std::string>& inputs);

// Refuses an output path whose extension promises another format (`-o x.csv`
// wrote HDF5 under that name, exit 0): osteon writes HDF5 (netCDF-4) only.
void require_hdf5_output_name(const std::string& output);

}  // namespace osteon
