// A care pathway: monitoring visits and treatment rules (docs/scenario-format.md,
// "Monitoring and rules"). At a visit (a breakpoint of the run's schedule) the
// run measures what the scenario asks for (the model's T-scores and BMD at its
// sites, with a seeded measurement error, and its markers), evaluates the rules
// on those measurements, and inserts the actions of the rules that fire (doses
// of a regimen held until then, timed from the decision) into its own schedule.
// Everything here is per run and scalar: a run's decisions depend on that run
// only, never on its lane, batch or thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.hpp"
#include "model/schedule.hpp"
#include "numerics/random_stream.hpp"

namespace osteon {

// What the rules of one run can do, fully resolved (indices, days).
struct CarePathway {
  std::vector<double> visit_times;  // days, ascending
  struct Scan {
    std::string site;
    int t_score = -1, bmd_change = -1;  // observable indices
    int ref_mean = -1, ref_sd = -1;     // parameter indices
  };
  std::vector<Scan> scans;
  struct Marker {
    std::string name;
    int observable = -1;
  };
  std::vector<Marker> markers;
  double lsc = 0.0;  // least significant change (fraction); 0: exact measurements
  std::uint64_t seed = 1;
  // Regimens rules may name. A held regimen's actions are relative to the decision that starts it;
  // the others are in the run's schedule, tagged with the regimen's index.
  struct Regimen {
    std::string id;
    bool held = false;
    std::vector<Action> actions;
  };
  std::vector<Regimen> regimens;
  struct Condition {
    enum class Kind { t_score_below, bmd_loss, marker_above, on_regimen } kind = Kind::t_score_below;
    int scan = -1;  // -1: any scanned site
    int marker = -1;
    int regimen = -1;
    double threshold = 0.0;  // T-score; loss as a fraction; marker level; days on the regimen
  };
  struct Step {
    enum class Kind { start, stop, switch_to } kind = Kind::start;
    int regimen = -1;              // started, stopped, or switched from
    int to = -1;                   // switch: started
    double after_last_dose = 0.0;  // switch
  };
  struct Rule {
    std::string name;
    std::string action;  // in words, for the output file and compare
    Condition when;
    std::vector<Step> then;
    bool repeat = false;
  };
  std::vector<Rule> rules;

  // Measured values per visit: for each scan its T-score and BMD change, then each marker.
  std::size_t n_measures() const { return 2 * scans.size() + markers.size(); }
};

// The rules' bookkeeping of one run.
class PathwayRun {
 public:
  // Starts a run; `measured` (n_visits x n_measures, visit-major) and `decisions` receive what happens.
  void start(const CarePathway* pathway, std::size_t run_index);
  bool active() const { return pw_ != nullptr; }

  // A scheduled action of a tagged regimen was applied at its time.
  void note(const Action& a);

  // Visit `k` at time t: `obs` are the model's observables, `p` its parameters, at the visit.
  // Inserts the actions of the rules that fire into `schedule`; records into `result`.
  void visit(int k, double t, const double* obs, const double* p, Schedule& schedule, RunResult& result);

 private:
  bool running(int r) const;
  bool take(const CarePathway::Step& s, double t, Schedule& schedule, bool dry);
  void start_regimen(int r, double t0, Schedule& schedule);
  void stop_regimen(int r, double t, Schedule& schedule);

  const CarePathway* pw_ = nullptr;
  RandomStream rng_{1};
  std::vector<double> last_bmd_;                       // per scan: the previous measured BMD change (%), NaN before
  std::vector<double> started_, stopped_, last_dose_;  // per regimen, NaN if never
  std::vector<std::vector<std::pair<int, double>>> added_;  // per regimen: parameter increments in force
  std::vector<char> fired_;
  std::vector<double> measured_;  // this visit's measurements
};

}  // namespace osteon
