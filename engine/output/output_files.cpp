#include "output/output_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "core/error.hpp"

namespace osteon {
namespace fs = std::filesystem;

namespace {

fs::path directory_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); }

[[noreturn]] void cannot_write(const std::string& path, const std::string& file, int err) {
  if (err == ELOOP) {
    throw InputError(SourceLocation{path, 0, 0}, "-o",
                     "a symbolic link at " + file + " (osteon never follows a link it did not make)",
                     "no link there: remove " + file);
  }
  throw InputError(
      SourceLocation{path, 0, 0}, "-o",
      "a location that cannot be written (" + directory_of(path).string() + ": " + std::strerror(err) + ")",
      "a path in an existing, writable directory");
}

}  // namespace

std::string OutputLock::lock_path(const std::string& path) {
  const fs::path p(path);
  return (p.parent_path() / ("." + p.filename().string() + ".lock")).string();
}

namespace {

bool unsupported(int err) { return err == ENOLCK || err == EOPNOTSUPP || err == ENOSYS || err == EINVAL; }

// flock(2); where a file system has none (some parallel file systems, the reason
// docs/cluster.md turns HDF5's locking off), POSIX record locks. 0, or the errno.
int lock_exclusively(int fd) {
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
  const int err = errno;
  if (!unsupported(err)) return err;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  if (::fcntl(fd, F_SETLK, &fl) == 0) return 0;
  return (errno == EACCES || errno == EAGAIN) ? EWOULDBLOCK : errno;
}

// A stdio stream over an open descriptor (closed on failure); nullptr with errno set.
std::FILE* stream(int fd, const char* mode) {
  if (fd < 0) return nullptr;
  std::FILE* f = ::fdopen(fd, mode);
  if (!f) {
    const int err = errno;
    ::close(fd);
    errno = err;
  }
  return f;
}

std::string host_name() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  return buf;
}

}  // namespace

OutputLock::OutputLock(const std::string& path) : lock_path_(lock_path(path)) {
  // The lock file may be removed by its holder between our open and our lock:
  // only a lock on the file that is still at lock_path_ counts.
  for (int attempt = 0;; ++attempt) {
    const int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) cannot_write(path, lock_path_, errno);
    const int err = lock_exclusively(fd);
    if (err != 0 && unsupported(err)) {
      // No locks at all on this file system: the lock file's content names its
      // holder, and a holder on this host that no longer runs is stale.
      ::close(fd);
      marker_lock(path);
      return;
    }
    if (err != 0) {
      ::close(fd);
      if (err == EWOULDBLOCK) {
        throw InputError(SourceLocation{path, 0, 0}, "-o",
                         "an output another osteon process is writing (it holds " + lock_path_ + ")",
                         "a different output path, or the end of that process");
      }
      throw InputError(SourceLocation{path, 0, 0}, "-o",
                       "an output that cannot be locked (" + lock_path_ + ": " + std::strerror(err) + ")",
                       "a directory where files can be locked");
    }
    struct stat held {
    }, now{};
    if (::fstat(fd, &held) == 0 && ::lstat(lock_path_.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
        held.st_ino == now.st_ino) {
      fd_ = fd;
      const std::string who = host_name() + " " + std::to_string(::getpid()) + "\n";
      if (::ftruncate(fd, 0) == 0) (void)!::write(fd, who.data(), who.size());
      return;
    }
    ::close(fd);
    if (attempt > 100) cannot_write(path, lock_path_, EAGAIN);
  }
}

void OutputLock::marker_lock(const std::string& path) {
  const std::string me = host_name() + " " + std::to_string(::getpid()) + "\n";
  for (int attempt = 0; attempt < 3; ++attempt) {
    // The holder's line, if a lock file is there and names a process of this host that is gone, is stale.
    std::string holder;
    if (std::FILE* in = std::fopen(lock_path_.c_str(), "r")) {
      char buf[300] = {};
      if (std::fgets(buf, sizeof buf, in)) holder = buf;
      std::fclose(in);
      const std::size_t sp = holder.find(' ');
      bool stale = holder.empty();
      if (sp != std::string::npos && holder.substr(0, sp) == host_name()) {
        const long pid = std::strtol(holder.c_str() + sp + 1, nullptr, 10);
        stale = pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
      }
      if (!stale) {
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
        throw InputError(SourceLocation{path, 0, 0}, "-o",
                         "an output another osteon process is writing (" + lock_path_ + " names " + holder +
                             "; this file system has no file locks)",
                         "a different output path, the end of that process, or removing " + lock_path_ +
                             " if it is no longer running");
      }
      ::unlink(lock_path_.c_str());
    }
    const int fd = ::open(lock_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
      if (errno == EEXIST) continue;  // another process was quicker: read whom it names
      cannot_write(path, lock_path_, errno);
    }
    (void)!::write(fd, me.data(), me.size());
    fd_ = fd;
    return;
  }
  cannot_write(path, lock_path_, EAGAIN);
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still holding it: a waiter re-checks the inode
  ::close(fd_);
}

std::string temporary_name(const std::string& path) {
  const fs::path p(path);
  static thread_local std::mt19937_64 rng = [] {
    std::seed_seq seq{static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count()),
                      static_cast<unsigned long long>(::getpid())};
    std::mt19937_64 r(seq);
    try {
      std::random_device dev;
      r.seed((static_cast<std::uint64_t>(dev()) << 32) ^ dev() ^ r());
    } catch (const std::exception&) {
      // no entropy source: the clock and the process id above still make the name unlikely to guess
    }
    return r;
  }();
  for (;;) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(rng()));
    const fs::path name =
        p.parent_path() / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + suffix);
    struct stat st {};
    if (::lstat(name.c_str(), &st) != 0 && errno == ENOENT) return name.string();
  }
}

std::string file_kind(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return "none";
  if (S_ISLNK(st.st_mode)) return "symlink";
  if (S_ISREG(st.st_mode)) return "regular";
  if (S_ISDIR(st.st_mode)) return "directory";
  return "other";
}

void refuse_unless_regular_or_absent(const std::string& path, const std::string& what) {
  const std::string kind = file_kind(path);
  if (kind == "none" || kind == "regular") return;
  if (kind == "symlink") {
    throw InputError(SourceLocation{path, 0, 0}, "-o",
                     "a symbolic link where osteon keeps " + what + " (osteon never follows a link it did not make)",
                     "no file there, or the regular file osteon made: remove the link");
  }
  throw InputError(SourceLocation{path, 0, 0}, "-o", "a directory or special file where osteon keeps " + what,
                   "no file there, or the regular file osteon made");
}

bool move_into_place(const std::string& from, const std::string& to, bool replace) {
  if (replace) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      throw OutputError("cannot move " + from + " to " + to + ": " + std::strerror(errno));
    }
    return true;
  }
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno != EINVAL && errno != ENOSYS) {
    throw OutputError("cannot move " + from + " to " + to + ": " + std::strerror(errno));
  }
  // A file system without RENAME_NOREPLACE: link(2) never replaces either.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return false;
    throw OutputError("cannot move " + from + " to " + to + ": " + std::strerror(errno));
  }
  ::unlink(from.c_str());
  return true;
}

std::FILE* create_exclusive(const std::string& path, bool replace_ours) {
  if (replace_ours && file_kind(path) == "regular") ::unlink(path.c_str());
  return stream(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644), "w");
}

std::FILE* open_append_no_follow(const std::string& path) {
  return stream(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644), "a");
}

void require_hdf5_output_name(const std::string& output) {
  std::string ext = std::filesystem::path(output).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::vector<std::string> other = {".csv", ".tsv",  ".txt", ".json",   ".parquet", ".xlsx",
                                                 ".xls", ".yaml", ".yml", ".png",    ".pdf",     ".svg",
                                                 ".mat", ".npz",  ".npy", ".feather"};
  if (std::find(other.begin(), other.end(), ext) == other.end()) return;
  throw InputError(SourceLocation{output, 0, 0}, "-o",
                   "a " + ext + " name (osteon writes HDF5 only: the file would not be " + ext.substr(1) + ")",
                   "an HDF5 path such as OUT.h5 or OUT.nc; for a CSV table, write OUT.h5 and run "
                   "`osteon export OUT.h5 -o OUT.csv`, or open it with xarray or pandas (docs/python.md)");
}

void refuse_input_as_output(const std::string& output, const std::vector<std::string>& inputs) {
  std::error_code ec;
  for (const auto& in : inputs) {
    if (in.empty() || in == "inline" || in.front() == '<') continue;
    if (std::filesystem::equivalent(output, in, ec) && !ec) {
      throw InputError(SourceLocation{output, 0, 0}, "-o", "the input file " + in,
                       "an output path other than the command's inputs (it would replace " + in + ")");
    }
  }
}

}  // namespace osteon
