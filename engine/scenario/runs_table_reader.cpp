#include "scenario/runs_table_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/units.hpp"
#include "model/model.hpp"
#include "scenario/scenario_path.hpp"
#include "scenario/yaml_reader.hpp"

namespace osteon {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Blank lines and lines starting with '#' are neither header nor row.
bool skipped(const std::string& line) {
  const std::string t = trim(line);
  return t.empty() || t[0] == '#';
}

// A cell: a number, optionally with a unit, converted to the column's unit.
double cell_value(const std::string& text, const ScenarioPath& path, const Model& model, const SourceLocation& where,
                  const std::string& key) {
  double v = 0.0;
  try {
    v = to_unit(parse_quantity(text), path.unit);
  } catch (const UnitError& e) {
    throw InputError(where, key, "'" + text + "' (" + e.what() + ")",
                     "a number in " + path.unit + " or a compatible unit for column " + path.text);
  }
  if (std::string why = check_path_value(path, v, model); !why.empty()) {
    throw InputError(where, key, "'" + text + "'", admissible_values(path, model) + " (for " + path.text + ")");
  }
  return v;
}

// Cells of one line. `open_quote` becomes the 1-based column of a quote left open (0 when none).
std::vector<std::string> split_csv_line(const std::string& line, std::size_t* open_quote = nullptr) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  std::size_t quote_at = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"') {
      quoted = !quoted;
      if (quoted) quote_at = i + 1;
    } else if (c == ',' && !quoted) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  if (open_quote) *open_quote = quoted ? quote_at : 0;
  return out;
}

// A line osteon cannot read as text of a CSV table: a NUL byte (a binary file), or a quote that
// is never closed. The message names the place, never the line's content.
void check_csv_line(const std::string& line, const std::string& csv_path, int line_no, std::size_t open_quote) {
  if (const std::size_t nul = line.find('\0'); nul != std::string::npos) {
    throw InputError(SourceLocation{csv_path, line_no, static_cast<int>(nul + 1)}, "runs row",
                     "a NUL byte (a binary file?)", "a CSV text file: numbers separated by commas, one run per line");
  }
  if (open_quote > 0) {
    throw InputError(SourceLocation{csv_path, line_no, static_cast<int>(open_quote)}, "runs row",
                     "a quote that is not closed on its line", "quotes in pairs around a cell, e.g. \"1 mg\"");
  }
}

// A runs table of 10^8 runs (the most a sweep may have) with a few columns fits.
constexpr std::uintmax_t max_csv_bytes = 4ull << 30;
constexpr std::size_t max_csv_columns = 10'000;

RunsTable read_csv(const std::string& csv_path, const Scenario& s, const Model& model, const Origin& origin) {
  // Regular files only: /dev/zero would be read forever, a FIFO would block.
  if (auto bad = special_input_file(csv_path, max_csv_bytes)) {
    throw InputError(origin.where, "runs.file", "'" + csv_path + "' (" + *bad + ")", "a regular CSV file");
  }
  std::ifstream in(csv_path);
  if (!in) {
    throw InputError(origin.where, "runs.file", "'" + csv_path + "' (cannot be opened)",
                     "a readable CSV file, relative to the scenario file");
  }
  RunsTable t;
  t.source = csv_path;
  t.origin = origin;
  std::vector<ScenarioPath> paths;
  std::string line;
  int line_no = 0;
  {
    // Lines are counted first so that the table is allocated once at (about) its size: grown by
    // doubling, a 10^5-row table passed through buffers of up to 3x its size.
    std::size_t rows = 0, columns = 0;
    while (std::getline(in, line)) {
      if (skipped(line)) continue;
      if (columns == 0) {
        columns = split_csv_line(line).size();
      } else {
        ++rows;
      }
    }
    if (columns > max_csv_columns) {
      throw InputError(SourceLocation{csv_path, 1, 1}, "runs columns", std::to_string(columns) + " columns",
                       "at most " + std::to_string(max_csv_columns) + " columns");
    }
    // Every value takes at least two bytes ("1,"): a header of many columns over many short
    // rows that will be refused cannot ask for more memory than the file's size.
    std::error_code ec;
    const std::uintmax_t bytes = std::filesystem::file_size(csv_path, ec);
    t.values.reserve(std::min<std::size_t>(rows * columns, ec ? 0 : static_cast<std::size_t>(bytes / 2 + 1)));
    in.clear();
    in.seekg(0);
  }
  while (std::getline(in, line)) {
    ++line_no;
    // A UTF-8 byte order mark (spreadsheets write one) is not part of the first column's name.
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (skipped(line)) continue;
    std::size_t open_quote = 0;
    const auto cells = split_csv_line(line, &open_quote);
    check_csv_line(line, csv_path, line_no, open_quote);
    if (paths.empty()) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const Origin col{{csv_path, line_no, static_cast<int>(c + 1)}, "runs column " + std::to_string(c + 1)};
        if (cells[c].empty())
          throw InputError(col.where, col.key, "an empty column name", "a parameter name or scenario path");
        for (const auto& prev : t.columns) {
          if (prev == cells[c])
            throw InputError(col.where, col.key, "a second column '" + cells[c] + "'", "each column once");
        }
        paths.push_back(resolve_scenario_path(cells[c], s, model, col));
        t.columns.push_back(cells[c]);
        t.column_origins.push_back(col);
      }
      continue;
    }
    if (cells.size() != paths.size()) {
      throw InputError(SourceLocation{csv_path, line_no, 1}, "runs row", std::to_string(cells.size()) + " cells",
                       std::to_string(paths.size()) + " cells, one per column of the header");
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      t.values.push_back(cell_value(cells[c], paths[c], model,
                                    SourceLocation{csv_path, line_no, static_cast<int>(c + 1)}, t.columns[c]));
    }
  }
  if (paths.empty())
    throw InputError(origin.where, "runs.file", "'" + csv_path + "' (no header)", "a header row of column names");
  if (t.n_rows() == 0)
    throw InputError(SourceLocation{csv_path, line_no, 1}, "runs", "no rows", "at least one run below the header");
  return t;
}

}  // namespace

RunsTable read_runs_table(const YAML::Node& n, const Scenario& s, const Model& model) {
  const YamlReader reader(s.file);
  const Origin origin{reader.at(n), "runs"};
  if (!n.IsMap()) {
    throw InputError(origin.where, "runs", "not a mapping",
                     "'file: runs.csv', or 'columns: [...]' with 'rows: [[...], ...]'");
  }
  std::vector<std::string> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string k = it->first.as<std::string>();
    if (k != "file" && k != "columns" && k != "rows") {
      throw InputError(reader.at(it->first), "runs." + k, "unknown key '" + k + "'", "file, or columns and rows");
    }
    // yaml-cpp keeps one of two equal keys: the other would be ignored without a word.
    if (std::find(seen.begin(), seen.end(), k) != seen.end()) {
      throw InputError(reader.at(it->first), "runs." + k, "a second '" + k + "'", "each key once");
    }
    seen.push_back(k);
  }
  if (n["file"]) {
    if (n["columns"] || n["rows"])
      throw InputError(origin.where, "runs", "both a file and an inline table", "one of them");
    if (!n["file"].IsScalar())
      throw InputError(reader.at(n["file"]), "runs.file", "not a file name", "a CSV file name");
    std::filesystem::path p(n["file"].Scalar());
    if (p.is_relative() && s.file != "<string>" && s.file.front() != '<')
      p = std::filesystem::path(s.file).parent_path() / p;
    return read_csv(p.string(), s, model, Origin{reader.at(n["file"]), "runs.file"});
  }
  const YAML::Node cols = n["columns"], rows = n["rows"];
  if (!cols || !cols.IsSequence() || cols.size() == 0) {
    throw InputError(origin.where, "runs.columns", "no column list",
                     "'columns: [name, ...]' naming parameters or scenario paths");
  }
  if (!rows || !rows.IsSequence() || rows.size() == 0) {
    throw InputError(origin.where, "runs.rows", "no rows", "'rows: [[value, ...], ...]', one list per run");
  }
  RunsTable t;
  t.source = "inline";
  t.origin = origin;
  std::vector<ScenarioPath> paths;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const Origin col{reader.at(cols[c]), "runs.columns[" + std::to_string(c) + "]"};
    if (!cols[c].IsScalar()) throw InputError(col.where, col.key, "not a name", "a parameter name or scenario path");
    const std::string name = cols[c].Scalar();
    for (const auto& prev : t.columns) {
      if (prev == name) throw InputError(col.where, col.key, "a second column '" + name + "'", "each column once");
    }
    paths.push_back(resolve_scenario_path(name, s, model, col));
    t.columns.push_back(name);
    t.column_origins.push_back(col);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string key = "runs.rows[" + std::to_string(r) + "]";
    if (!rows[r].IsSequence() || rows[r].size() != paths.size()) {
      throw InputError(reader.at(rows[r]), key,
                       rows[r].IsSequence() ? std::to_string(rows[r].size()) + " values" : "not a list",
                       "a list of " + std::to_string(paths.size()) + " values, one per column");
    }
    for (std::size_t c = 0; c < paths.size(); ++c) {
      const YAML::Node cell = rows[r][c];
      const std::string ckey = key + "[" + std::to_string(c) + "]";
      if (!cell.IsScalar()) throw InputError(reader.at(cell), ckey, "not a value", "a number for " + t.columns[c]);
      t.values.push_back(cell_value(cell.Scalar(), paths[c], model, reader.at(cell), ckey));
    }
  }
  return t;
}

}  // namespace osteon
