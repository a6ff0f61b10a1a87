#include "model/care_pathway.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "numerics/standard_normal.hpp"

namespace osteon {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The precision error (1 SD) of a scan from its least significant change at 95 % confidence:
// LSC = 2.77 x precision (ISCD Official Positions; Bonnick, Bone Densitometry in Clinical Practice).
constexpr double lsc_per_sd = 2.77;

}  // namespace

void PathwayRun::start(const CarePathway* pathway, std::size_t run_index) {
  pw_ = pathway;
  if (!pw_) return;
  rng_ = RandomStream(splitmix64(pw_->seed ^ splitmix64(static_cast<std::uint64_t>(run_index))));
  last_bmd_.assign(pw_->scans.size(), nan);
  const std::size_t n = pw_->regimens.size();
  started_.assign(n, nan);
  stopped_.assign(n, nan);
  last_dose_.assign(n, nan);
  added_.assign(n, {});
  fired_.assign(pw_->rules.size(), 0);
  measured_.assign(pw_->n_measures(), nan);
}

void PathwayRun::note(const Action& a) {
  if (!pw_ || a.tag < 0) return;
  const auto r = static_cast<std::size_t>(a.tag);
  if (std::isnan(started_[r]) || (!std::isnan(stopped_[r]) && stopped_[r] >= started_[r] && a.time > stopped_[r])) {
    started_[r] = a.time;
  }
  if (a.kind == ActionKind::add_param) {
    auto& list = added_[r];
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.first == a.index; });
    if (it == list.end()) {
      list.emplace_back(a.index, a.value);
    } else {
      it->second += a.value;
    }
  } else if (a.kind == ActionKind::add_state || a.kind == ActionKind::set_state) {
    last_dose_[r] = a.time;
  }
}

bool PathwayRun::running(int r) const {
  const auto i = static_cast<std::size_t>(r);
  return !std::isnan(started_[i]) && (std::isnan(stopped_[i]) || stopped_[i] < started_[i]);
}

void PathwayRun::start_regimen(int r, double t0, Schedule& schedule) {
  for (Action a : pw_->regimens[static_cast<std::size_t>(r)].actions) {
    a.time += t0;
    a.tag = r;
    schedule.insert(a);
  }
  started_[static_cast<std::size_t>(r)] = t0;
}

void PathwayRun::stop_regimen(int r, double t, Schedule& schedule) {
  schedule.drop_after(r, t);
  // What the regimen still adds to parameters (a daily drug, an exercise load) ends now.
  for (const auto& [index, sum] : added_[static_cast<std::size_t>(r)]) {
    if (sum != 0.0) schedule.insert({t, ActionKind::add_param, index, -sum, r});
  }
  stopped_[static_cast<std::size_t>(r)] = t;
}

bool PathwayRun::take(const CarePathway::Step& s, double t, Schedule& schedule, bool dry) {
  switch (s.kind) {
    case CarePathway::Step::Kind::start:
      if (running(s.regimen)) return false;
      if (!dry) start_regimen(s.regimen, t, schedule);
      return true;
    case CarePathway::Step::Kind::stop:
      if (!running(s.regimen)) return false;
      if (!dry) stop_regimen(s.regimen, t, schedule);
      return true;
    case CarePathway::Step::Kind::switch_to: {
      if (!running(s.regimen) || running(s.to)) return false;
      if (dry) return true;
      const double last = last_dose_[static_cast<std::size_t>(s.regimen)];
      const double t0 = std::isnan(last) ? t : std::max(t, last + s.after_last_dose);
      stop_regimen(s.regimen, t, schedule);
      start_regimen(s.to, t0, schedule);
      return true;
    }
  }
  return false;
}

void PathwayRun::visit(int k, double t, const double* obs, const double* p, Schedule& schedule, RunResult& result) {
  if (!pw_) return;
  const CarePathway& pw = *pw_;
  // Measure: every scan draws its error whether or not a rule reads it, so the errors of a run
  // do not depend on its rules.
  const double sd = pw.lsc / lsc_per_sd;
  std::size_t m = 0;
  for (const auto& s : pw.scans) {
    const double t_score = obs[s.t_score], change = obs[s.bmd_change];
    const double e = pw.lsc > 0.0 ? sd * normal_quantile(rng_.uniform()) : 0.0;
    // BMD/SD of the reference population = mean/SD + T; a relative error e of BMD moves T by e BMD/SD.
    measured_[m++] = t_score + e * (p[s.ref_mean] / p[s.ref_sd] + t_score);
    measured_[m++] = ((1.0 + change / 100.0) * (1.0 + e) - 1.0) * 100.0;
  }
  for (const auto& mk : pw.markers) measured_[m++] = obs[mk.observable];
  const std::size_t nm = pw.n_measures();
  if (!result.measured.empty()) {
    std::copy(measured_.begin(), measured_.end(), result.measured.begin() + static_cast<std::ptrdiff_t>(k * nm));
  }

  auto sites_hold = [&](int scan, auto&& test) {
    for (std::size_t s = 0; s < pw.scans.size(); ++s) {
      if ((scan < 0 || static_cast<std::size_t>(scan) == s) && test(s)) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < pw.rules.size(); ++i) {
    const CarePathway::Rule& rule = pw.rules[i];
    if (fired_[i] && !rule.repeat) continue;
    const CarePathway::Condition& c = rule.when;
    bool holds = false;
    switch (c.kind) {
      case CarePathway::Condition::Kind::t_score_below:
        holds = sites_hold(c.scan, [&](std::size_t s) { return measured_[2 * s] < c.threshold; });
        break;
      case CarePathway::Condition::Kind::bmd_loss:
        holds = sites_hold(c.scan, [&](std::size_t s) {
          const double before = last_bmd_[s];
          return !std::isnan(before) &&
                 (1.0 + measured_[2 * s + 1] / 100.0) / (1.0 + before / 100.0) - 1.0 < -c.threshold;
        });
        break;
      case CarePathway::Condition::Kind::marker_above:
        holds = measured_[2 * pw.scans.size() + static_cast<std::size_t>(c.marker)] > c.threshold;
        break;
      case CarePathway::Condition::Kind::on_regimen:
        // 1e-9 d: a visit planned exactly at the time on treatment counts, whatever the rounding.
        holds = running(c.regimen) && t - started_[static_cast<std::size_t>(c.regimen)] >= c.threshold - 1e-9;
        break;
    }
    if (!holds) continue;
    bool effective = false;
    for (const auto& s : rule.then) effective = take(s, t, schedule, true) || effective;
    if (!effective) continue;  // nothing left to do (e.g. the drug is already given)
    for (const auto& s : rule.then) take(s, t, schedule, false);
    fired_[i] = 1;
    result.decisions.push_back({t, static_cast<int>(i)});
  }
  for (std::size_t s = 0; s < pw.scans.size(); ++s) last_bmd_[s] = measured_[2 * s + 1];
}

}  // namespace osteon
