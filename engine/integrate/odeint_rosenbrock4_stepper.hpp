// Boost.Odeint's rosenbrock4 with its controller, behind a plain interface.
// Boost 1.74's uBLAS (which rosenbrock4 requires) does not compile as C++20
// (it calls std::allocator::construct, removed in C++20), so the odeint code
// lives in one translation unit built as C++17 and models reach it through
// function pointers. It is the scalar reference path; speed is not its job.
#pragma once

#include <memory>

namespace osteon {

class OdeintRosenbrock4Stepper {
 public:
  using Rhs = void (*)(void* context, const double* y, double* dydt, double t);
  using Jacobian = void (*)(void* context, const double* y, double* jac_row_major, double t, double* dfdt);

  OdeintRosenbrock4Stepper(int n, double atol, double rtol, double max_step, Rhs rhs, Jacobian jac, void* context);
  ~OdeintRosenbrock4Stepper();
  OdeintRosenbrock4Stepper(const OdeintRosenbrock4Stepper&) = delete;
  OdeintRosenbrock4Stepper& operator=(const OdeintRosenbrock4Stepper&) = delete;

  // One controlled step attempt from (t, y) with step dt. On success y and t
  // advance and dt is the proposal for the next step; on failure dt shrinks.
  bool try_step(double* y, double& t, double& dt);

  // Dense output inside the last successful step [t_old, t_new].
  void calc_state(double tau, double* out, const double* y_old, double t_old, const double* y_new, double t_new);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace osteon
