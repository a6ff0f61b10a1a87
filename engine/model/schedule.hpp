// What happens to one run over time: timed changes of parameters and states.
// Doses, regimen starts and stops and scenario events all compile to this
// list; the integrators stop exactly at each action's time and apply it.
#pragma once

#include <vector>

namespace osteon {

enum class ActionKind {
  set_param,  // parameter <- value
  add_param,  // parameter <- parameter + value (overlapping regimens add up)
  set_state,  // state <- value
  add_state,  // state <- state + value (a bolus dose, an injection of cells)
  visit,      // a monitoring visit (care_pathway.hpp): measure, apply the rules; index = visit number
};

struct Action {
  double time;  // days since scenario start
  ActionKind kind;
  int index;  // parameter or state index
  double value;
  int tag = -1;  // the regimen (care pathway index) it belongs to when rules may stop it; -1 otherwise
};

// Actions sorted by time; actions at one time are applied in the order given.
class Schedule {
 public:
  void add(Action a) { actions_.push_back(a); }
  // Sorts by time, keeping the given order among equal times.
  void finalize();
  const std::vector<Action>& actions() const { return actions_; }
  // During a run (rules at a visit at time t): inserts after every action at or before its time,
  // and drops the actions of `tag` after t. Both leave actions at or before t where they are, so
  // an integrator's index of the next action stays valid.
  void insert(const Action& a);
  void drop_after(int tag, double t);
  bool empty() const { return actions_.empty(); }

 private:
  std::vector<Action> actions_;
};

}  // namespace osteon
