// A small JSON writer for settings attributes and `osteon describe --format json`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace osteon {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double x);  // non-finite numbers become null
  JsonWriter& value(long x);
  JsonWriter& value(int x) { return value(static_cast<long>(x)); }
  JsonWriter& value(bool b);
  JsonWriter& null();
  const std::string& str() const { return out_; }

  static std::string escape(std::string_view s);

 private:
  JsonWriter& open(char bracket);   // '{' or '['
  JsonWriter& close(char bracket);  // '}' or ']'
  void separator();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace osteon
