#include "model/model_info.hpp"

#include <algorithm>
#include <cctype>

namespace osteon {
namespace {

template <class Range>
std::optional<int> find_index(const Range& items, std::string_view name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

// The row of `rows` whose `key` is `name`, or nullptr.
template <class Row>
const Row* find_row(std::span<const Row> rows, std::string_view Row::*key, std::string_view name) {
  for (const Row& r : rows) {
    if (r.*key == name) return &r;
  }
  return nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same =
          std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::optional<int> ModelInfo::state_index(std::string_view name) const { return find_index(states, name); }
std::optional<int> ModelInfo::param_index(std::string_view name) const { return find_index(params, name); }
std::optional<int> ModelInfo::observable_index(std::string_view name) const { return find_index(observables, name); }

std::vector<std::string> ModelInfo::variable_names() const {
  std::vector<std::string> names;
  for (const auto& s : states) names.emplace_back(s.name);
  for (const auto& o : observables) names.emplace_back(o.name);
  return names;
}

std::string_view ModelInfo::variable_unit(std::string_view name) const {
  if (auto i = state_index(name)) return states[static_cast<std::size_t>(*i)].unit;
  if (auto i = observable_index(name)) return observables[static_cast<std::size_t>(*i)].unit;
  return {};
}

std::string_view ModelInfo::variable_long_name(std::string_view name) const {
  if (auto i = state_index(name)) return states[static_cast<std::size_t>(*i)].long_name;
  if (auto i = observable_index(name)) return observables[static_cast<std::size_t>(*i)].long_name;
  return {};
}

std::string suggest(std::string_view name, const std::vector<std::string>& known) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& k : known) scored.emplace_back(edit_distance(name, k), k);
  std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::string out;
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
    if (scored[i].first > limit) break;
    if (!out.empty()) out += ", ";
    out += "'" + scored[i].second + "'";
  }
  return out;
}

}  // namespace osteon

namespace osteon {

const DrugInfo* Vocabulary::drug(std::string_view name) const { return find_row(drugs, &DrugInfo::name, name); }

const ActivityInfo* Vocabulary::activity(std::string_view name) const {
  return find_row(exercise, &ActivityInfo::name, name);
}

std::string_view Classification::classify(double v) const {
  if (v != v) return {};
  for (const auto& c : classes) {
    if (v < c.bound || (c.inclusive && v == c.bound)) return c.label;
  }
  return {};
}

const Classification* Vocabulary::classification(std::string_view output) const {
  for (const auto& c : classifications) {
    if (output.substr(0, c.prefix.size()) == c.prefix) return &c;
  }
  return nullptr;
}

bool Vocabulary::has_site(std::string_view name) const {
  return std::find(sites.begin(), sites.end(), name) != sites.end();
}

}  // namespace osteon

namespace osteon {

const MeasuredSite* Vocabulary::measured_site(std::string_view name) const {
  return find_row(measured_sites, &MeasuredSite::site, name);
}

const MarkerInfo* Vocabulary::marker(std::string_view name) const { return find_row(markers, &MarkerInfo::name, name); }

}  // namespace osteon
