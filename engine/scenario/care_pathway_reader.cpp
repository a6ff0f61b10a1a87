#include "scenario/care_pathway_reader.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "core/units.hpp"
#include "model/model.hpp"

namespace osteon {
namespace {

std::vector<std::string> site_list(const ModelInfo& info) {
  std::vector<std::string> v;
  for (const auto& s : info.vocabulary.measured_sites) v.emplace_back(s.site);
  return v;
}

std::vector<std::string> marker_list(const ModelInfo& info) {
  std::vector<std::string> v;
  for (const auto& m : info.vocabulary.markers) v.emplace_back(m.name);
  return v;
}

// A list of names from `known` (or the word `all`), each once.
std::vector<std::string> read_names(const YamlReader& r, const YAML::Node& n, const std::string& key,
                                    const std::vector<std::string>& known, const std::string& what) {
  const std::string expected = "a list of " + what + " (" + join(known) + ") or 'all'";
  if (n.IsScalar() && n.Scalar() == "all") return known;
  if (!n.IsSequence() || n.size() == 0) r.fail(n, key, YamlReader::describe(n), expected);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string k = key + "[" + std::to_string(i) + "]";
    const std::string v = r.scalar(n[i], k, expected);
    if (std::find(known.begin(), known.end(), v) == known.end()) {
      const std::string hint = suggest(v, known);
      r.fail(n[i], k, "unknown " + what.substr(0, what.size() - 1) + " " + in_quotes(v),
             (hint.empty() ? "" : hint + "; ") + "one of " + join(known));
    }
    if (std::find(out.begin(), out.end(), v) != out.end()) r.fail(n[i], k, "a second " + in_quotes(v), "each once");
    out.push_back(v);
  }
  return out;
}

constexpr const char* t_score_expected = "a T-score threshold between -6 and +4, e.g. -2.0";

}  // namespace

void read_monitoring(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  const ModelInfo& info = model.info();
  if (info.vocabulary.measured_sites.empty() && info.vocabulary.markers.empty()) {
    r.fail(n, "monitoring", "monitoring visits",
           "none: model " + std::string(info.id) + " declares nothing a visit measures");
  }
  r.keys(n, "monitoring", {"every", "times", "from", "dxa", "markers"});
  Monitoring m;
  m.origin = r.origin(n, "monitoring");
  if (n["every"] && n["times"]) r.fail(n["times"], "monitoring.times", "both 'every' and 'times'", "one of them");
  if (!n["every"] && !n["times"]) r.fail(n, "monitoring", "no visit times", "'every: 2 y' or 'times: [0 d, 1 y]'");
  if (n["from"] && !n["every"]) r.fail(n["from"], "monitoring.from", "'from' without 'every'", "'every' as well");
  if (auto every = n["every"]) {
    const double dt = r.time(every, "monitoring.every", "a positive interval between visits");
    if (!(dt > 0.0)) r.fail(every, "monitoring.every", in_quotes(every.Scalar()), "a positive interval, e.g. '2 y'");
    double t0 = 0.0;
    if (auto f = n["from"]) {
      t0 = r.time(f, "monitoring.from", "the first visit");
      if (t0 < 0.0 || t0 > s.duration)
        r.fail(f, "monitoring.from", in_quotes(f.Scalar()), "a time between 0 d and the duration");
    }
    if ((s.duration - t0) / dt > 1e5)
      r.fail(every, "monitoring.every", in_quotes(every.Scalar()), "at most 10^5 visits over the duration");
    for (long k = 0;; ++k) {
      const double t = t0 + static_cast<double>(k) * dt;
      if (t > s.duration * (1.0 + 1e-12)) break;
      m.times.push_back(std::min(t, s.duration));
    }
  } else {
    const YAML::Node times = n["times"];
    if (!times.IsSequence() || times.size() == 0) {
      r.fail(times, "monitoring.times", YamlReader::describe(times),
             "a non-empty list of visit times, e.g. [0 d, 2 y]");
    }
    // The bound of 'every': each visit is a breakpoint of every run, and a million of them
    // ran out of solver steps (exit 1) after a minute of parsing and integrating.
    if (times.size() > 100000)
      r.fail(times, "monitoring.times", std::to_string(times.size()) + " visit times", "at most 10^5 visits");
    for (std::size_t i = 0; i < times.size(); ++i) {
      const std::string key = "monitoring.times[" + std::to_string(i) + "]";
      const double t = r.time(times[i], key, "a visit time");
      if (t < 0.0 || t > s.duration * (1.0 + 1e-12))
        r.fail(times[i], key, in_quotes(times[i].Scalar()), "a time between 0 d and the duration");
      if (!m.times.empty() && !(t > m.times.back()))
        r.fail(times[i], key, in_quotes(times[i].Scalar()), "visit times in increasing order, each once");
      m.times.push_back(std::min(t, s.duration));
    }
  }
  if (auto d = n["dxa"]) {
    r.keys(d, "monitoring.dxa", {"sites", "least_significant_change", "seed"});
    if (!d["sites"])
      r.fail(d, "monitoring.dxa.sites", "no 'sites'", "the sites scanned: a list of the model's sites, or all");
    m.sites = read_names(r, d["sites"], "monitoring.dxa.sites", site_list(info), "sites");
    if (auto l = d["least_significant_change"]) {
      const double v =
          r.quantity(l, "monitoring.dxa.least_significant_change", "1", "a least significant change, e.g. '3 %'");
      if (!(v > 0.0 && v <= 0.2)) {
        r.fail(l, "monitoring.dxa.least_significant_change", in_quotes(l.Scalar()),
               "a least significant change above 0 % and at most 20 %");
      }
      m.lsc = v;
    }
    if (auto sd = d["seed"]) {
      if (!m.lsc)
        r.fail(sd, "monitoring.dxa.seed", "a seed without a least_significant_change",
               "least_significant_change as well (without it scans are exact)");
      m.seed = r.whole(sd, "monitoring.dxa.seed", "a whole number seed of the measurement error", 0.0,
                       18446744073709551615.0);
    }
  }
  if (auto mk = n["markers"]) m.markers = read_names(r, mk, "monitoring.markers", marker_list(info), "markers");
  if (m.sites.empty() && m.markers.empty())
    r.fail(n, "monitoring", "nothing measured", "'dxa: {sites: [...]}' and/or 'markers: [...]'");
  s.monitoring = std::move(m);
}

void read_rules(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  const ModelInfo& info = model.info();
  if (!n.IsSequence() || n.size() == 0) {
    r.fail(n, "rules", YamlReader::describe(n),
           "a list of rules, e.g. - {name: treat, when: {t_score_below: -2.0}, then: {start: zoledronic}}");
  }
  if (!s.monitoring)
    r.fail(n, "rules", "rules without monitoring visits", "a 'monitoring:' section: rules are evaluated at its visits");
  static const std::regex name_re("[a-z0-9_]+");
  std::set<std::string> names;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "rules[" + std::to_string(i) + "]";
    const YAML::Node e = n[i];
    r.keys(e, path, {"name", "when", "then", "repeat"});
    Rule rule;
    rule.origin = r.origin(e, path);
    if (!e["name"]) r.fail(e, path + ".name", "no 'name'", "a rule name of lower-case letters, digits and '_'");
    rule.name = r.scalar(e["name"], path + ".name", "a rule name");
    if (!std::regex_match(rule.name, name_re))
      r.fail(e["name"], path + ".name", in_quotes(rule.name), "lower-case letters, digits and '_' only");
    if (!names.insert(rule.name).second)
      r.fail(e["name"], path + ".name", "a second rule " + in_quotes(rule.name), "each rule name once");
    if (e["repeat"]) rule.repeat = r.boolean(e["repeat"], path + ".repeat");

    // when:
    if (!e["when"]) r.fail(e, path + ".when", "no 'when'", "a condition, e.g. {t_score_below: -2.0, site: any}");
    const YAML::Node w = e["when"];
    const std::string wp = path + ".when";
    if (!w.IsMap()) r.fail(w, wp, YamlReader::describe(w), "a condition, e.g. {t_score_below: -2.0, site: any}");
    RuleCondition& c = rule.when;
    c.origin = r.origin(w, wp);
    const Monitoring& mon = *s.monitoring;
    auto read_site = [&](bool allowed) {
      c.site = "any";
      if (auto st = w["site"]) {
        if (!allowed) r.fail(st, wp + ".site", "'site' in this condition", "no site (it is not about a scan)");
        c.site = r.scalar(st, wp + ".site", "a scanned site or 'any'");
        if (c.site != "any" && std::find(mon.sites.begin(), mon.sites.end(), c.site) == mon.sites.end()) {
          r.fail(st, wp + ".site", "site " + in_quotes(c.site) + ", which monitoring.dxa does not scan",
                 "'any' or one of the scanned sites" + (mon.sites.empty()
                                                            ? std::string(" (none: add monitoring.dxa.sites)")
                                                            : " (" + join(mon.sites) + ")"));
        }
      }
      if (mon.sites.empty()) r.fail(w, wp, "a condition on a scan", "monitoring.dxa.sites: no site is scanned");
    };
    if (auto xt = w["t_score_below"]) {
      r.keys(w, wp, {"t_score_below", "site"});
      c.kind = RuleCondition::Kind::t_score_below;
      c.threshold = r.number(xt, wp + ".t_score_below", t_score_expected);
      if (!(c.threshold >= -6.0 && c.threshold <= 4.0))
        r.fail(xt, wp + ".t_score_below", in_quotes(xt.Scalar()), t_score_expected);
      read_site(true);
    } else if (auto xb = w["bmd_loss"]) {
      r.keys(w, wp, {"bmd_loss", "site"});
      c.kind = RuleCondition::Kind::bmd_loss;
      const std::string expected =
          "'beyond_lsc' (the least significant change of monitoring.dxa) or a loss such as '5 %'";
      if (xb.IsScalar() && xb.Scalar() == "beyond_lsc") {
        if (!mon.lsc)
          r.fail(xb, wp + ".bmd_loss", "'beyond_lsc' without a least significant change",
                 "monitoring.dxa.least_significant_change, e.g. '3 %'");
        c.threshold = *mon.lsc;
      } else {
        c.threshold = r.quantity(xb, wp + ".bmd_loss", "1", expected);
        if (!(c.threshold > 0.0 && c.threshold < 1.0))
          r.fail(xb, wp + ".bmd_loss", in_quotes(xb.Scalar()), "a loss above 0 % and below 100 %");
      }
      read_site(true);
    } else if (auto xm = w["marker"]) {
      r.keys(w, wp, {"marker", "above"});
      c.kind = RuleCondition::Kind::marker_above;
      c.marker = r.scalar(xm, wp + ".marker", "a measured marker");
      if (std::find(mon.markers.begin(), mon.markers.end(), c.marker) == mon.markers.end()) {
        r.fail(xm, wp + ".marker", "marker " + in_quotes(c.marker) + ", which monitoring.markers does not measure",
               "one of the measured markers" + (mon.markers.empty() ? std::string(" (none: add monitoring.markers)")
                                                                    : " (" + join(mon.markers) + ")"));
      }
      if (!w["above"]) r.fail(w, wp + ".above", "no 'above'", "the level, e.g. 'above: 30 %'");
      const MarkerInfo* mi = info.vocabulary.marker(c.marker);
      const std::string unit(
          info.observables[static_cast<std::size_t>(*info.observable_index(std::string(mi->observable)))].unit);
      c.threshold = r.quantity(w["above"], wp + ".above", unit, "a level of " + c.marker);
      if (!std::isfinite(c.threshold))
        r.fail(w["above"], wp + ".above", in_quotes(w["above"].Scalar()), "a finite level");
    } else if (auto xo = w["on"]) {
      r.keys(w, wp, {"on", "for"});
      c.kind = RuleCondition::Kind::on_regimen;
      c.regimen = r.scalar(xo, wp + ".on", "the id of a regimen");
      if (!w["for"]) r.fail(w, wp + ".for", "no 'for'", "the time on the regimen, e.g. 'for: 5 y'");
      c.threshold = r.time(w["for"], wp + ".for", "a time on the regimen");
      if (!(c.threshold >= 0.0)) r.fail(w["for"], wp + ".for", in_quotes(w["for"].Scalar()), "a time of at least 0 d");
    } else {
      r.fail(w, wp, "no condition", "one of t_score_below, bmd_loss, marker (with above), on (with for)");
    }

    // then:
    if (!e["then"]) r.fail(e, path + ".then", "no 'then'", "an action, e.g. {start: zoledronic}");
    const YAML::Node t = e["then"];
    std::vector<std::pair<YAML::Node, std::string>> items;
    if (t.IsSequence() && t.size() > 0) {
      for (std::size_t j = 0; j < t.size(); ++j) items.emplace_back(t[j], path + ".then[" + std::to_string(j) + "]");
    } else {
      items.emplace_back(t, path + ".then");
    }
    for (const auto& [a, ap] : items) {
      const std::string expected = "an action: {start: ID}, {stop: ID} or {switch: ID, to: ID, after_last_dose: 6 mo}";
      if (!a.IsMap()) r.fail(a, ap, YamlReader::describe(a), expected);
      RuleAction act;
      act.origin = r.origin(a, ap);
      if (a["start"]) {
        r.keys(a, ap, {"start"});
        act.kind = RuleAction::Kind::start;
        act.regimen = r.scalar(a["start"], ap + ".start", "the id of a held regimen");
      } else if (a["stop"]) {
        r.keys(a, ap, {"stop"});
        act.kind = RuleAction::Kind::stop;
        act.regimen = r.scalar(a["stop"], ap + ".stop", "the id of a regimen");
      } else if (a["switch"]) {
        r.keys(a, ap, {"switch", "to", "after_last_dose"});
        act.kind = RuleAction::Kind::switch_to;
        act.regimen = r.scalar(a["switch"], ap + ".switch", "the id of a regimen");
        if (!a["to"]) r.fail(a, ap + ".to", "no 'to'", "the id of the held regimen switched to");
        act.to = r.scalar(a["to"], ap + ".to", "the id of a held regimen");
        if (auto d = a["after_last_dose"]) {
          act.after_last_dose = r.time(d, ap + ".after_last_dose", "a time after the last dose");
          if (!(act.after_last_dose >= 0.0))
            r.fail(d, ap + ".after_last_dose", in_quotes(d.Scalar()), "a time of at least 0 d");
        }
      } else {
        r.keys(a, ap, {"start", "stop", "switch"});
        r.fail(a, ap, "no action", expected);
      }
      rule.then.push_back(std::move(act));
    }
    s.rules.push_back(std::move(rule));
  }
}

void check_care_pathway(const Scenario& s, const Model&) {
  static const std::regex id_re("[a-z0-9_]+");
  struct Entry {
    const std::string* id;
    bool held;
    const Origin* origin;
  };
  std::vector<Entry> entries;
  for (const auto& g : s.drugs) entries.push_back({&g.id, g.held, &g.origin});
  for (const auto& x : s.exercise) entries.push_back({&x.id, x.held, &x.origin});
  std::set<std::string> ids;
  for (const auto& e : entries) {
    if (e.held && e.id->empty())
      throw InputError(e.origin->where, e.origin->key + ".held", "a held regimen without an id",
                       "an 'id' that a rule starts it by");
    if (e.id->empty()) continue;
    if (!std::regex_match(*e.id, id_re))
      throw InputError(e.origin->where, e.origin->key + ".id", in_quotes(*e.id),
                       "lower-case letters, digits and '_' only");
    if (!ids.insert(*e.id).second)
      throw InputError(e.origin->where, e.origin->key + ".id", "a second regimen with id " + in_quotes(*e.id),
                       "each id once");
  }
  auto find = [&](const std::string& id) -> const Entry* {
    for (const auto& e : entries) {
      if (*e.id == id) return &e;
    }
    return nullptr;
  };
  auto known = [&] {
    std::vector<std::string> v(ids.begin(), ids.end());
    return v.empty() ? std::string("none: give a regimen an 'id'") : join(v);
  };
  std::set<std::string> started;
  for (const Rule& rule : s.rules) {
    const RuleCondition& c = rule.when;
    if (c.kind == RuleCondition::Kind::on_regimen && !find(c.regimen)) {
      throw InputError(c.origin.where, c.origin.key + ".on", "unknown regimen " + in_quotes(c.regimen),
                       "the id of a regimen (" + known() + ")");
    }
    // The actions of one visit name each regimen once: "start X, stop X" (or a switch that also
    // starts or stops X) has no single meaning, and an order-dependent one is not what was written.
    std::vector<std::pair<std::string, std::string>> named;  // regimen id, the action's key
    for (const RuleAction& a : rule.then) {
      const std::string first_key = a.kind == RuleAction::Kind::start  ? ".start"
                                    : a.kind == RuleAction::Kind::stop ? ".stop"
                                                                       : ".switch";
      for (const std::string* id : {&a.regimen, a.kind == RuleAction::Kind::switch_to ? &a.to : nullptr}) {
        if (!id) continue;
        for (const auto& [other, where] : named) {
          if (other == *id)
            throw InputError(a.origin.where, a.origin.key + first_key,
                             "regimen " + in_quotes(*id) + ", already named by " + where,
                             "each regimen once in a rule's actions (one visit cannot both start and stop it)");
        }
      }
      named.emplace_back(a.regimen, a.origin.key);
      if (a.kind == RuleAction::Kind::switch_to) named.emplace_back(a.to, a.origin.key);
      // A held regimen is not given until a rule starts it, so "on it for T" never holds before.
      if (a.kind == RuleAction::Kind::start && c.kind == RuleCondition::Kind::on_regimen && c.regimen == a.regimen)
        throw InputError(a.origin.where, a.origin.key + ".start",
                         "a start of " + in_quotes(a.regimen) + " on condition that " + in_quotes(a.regimen) +
                             " is already given (a held regimen is not given until started: the rule never fires)",
                         "a condition that can hold before it starts, e.g. {t_score_below: -2.0}");
      const Entry* e = find(a.regimen);
      if (!e)
        throw InputError(a.origin.where, a.origin.key + first_key, "unknown regimen " + in_quotes(a.regimen),
                         "the id of a regimen (" + known() + ")");
      if (a.kind == RuleAction::Kind::start && !e->held) {
        throw InputError(
            a.origin.where, a.origin.key + ".start", "regimen " + in_quotes(a.regimen) + ", which is not held",
            "a regimen with 'held: true' (a rule starts only what waits for it; the others run from their start)");
      }
      if (a.kind == RuleAction::Kind::start) started.insert(a.regimen);
      if (a.kind == RuleAction::Kind::switch_to) {
        const Entry* to = find(a.to);
        if (!to)
          throw InputError(a.origin.where, a.origin.key + ".to", "unknown regimen " + in_quotes(a.to),
                           "the id of a held regimen (" + known() + ")");
        if (!to->held)
          throw InputError(a.origin.where, a.origin.key + ".to", "regimen " + in_quotes(a.to) + ", which is not held",
                           "a regimen with 'held: true'");
        if (a.to == a.regimen)
          throw InputError(a.origin.where, a.origin.key + ".to", in_quotes(a.to),
                           "another regimen than the one stopped");
        started.insert(a.to);
      }
    }
  }
  for (const auto& e : entries) {
    if (e.held && !started.count(*e.id)) {
      throw InputError(e.origin->where, e.origin->key + ".held",
                       "held regimen " + in_quotes(*e.id) + " that no rule starts",
                       "a rule with 'then: {start: " + *e.id + "}' (or a switch to it), or no 'held'");
    }
  }
  // Two regimens of one drug, one of them held: a rule could give both at once (8 mg where 4 mg
  // was meant), which the overlap check of the file cannot see. Allowed only as the two ends of a
  // switch, which stops the one before it starts the other.
  auto switched = [&](const std::string& from, const std::string& to) {
    for (const Rule& rule : s.rules) {
      for (const RuleAction& a : rule.then) {
        if (a.kind == RuleAction::Kind::switch_to && a.regimen == from && a.to == to) return true;
      }
    }
    return false;
  };
  for (std::size_t i = 0; i < s.drugs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto& a = s.drugs[j];
      const auto& b = s.drugs[i];
      if (a.drug != b.drug || !(a.held || b.held)) continue;
      if (!a.id.empty() && !b.id.empty() && (switched(a.id, b.id) || switched(b.id, a.id))) continue;
      throw InputError(b.origin.where, b.origin.key,
                       "a second '" + b.drug + "' regimen beside " + a.origin.key + ", one of them held",
                       "one regimen of a drug that a rule may start (a rule would give both at once); to change "
                       "its dose, switch from one regimen to the other");
    }
  }
}

}  // namespace osteon
