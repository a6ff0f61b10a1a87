// Steady states: closed form where a model has one; otherwise Newton on the
// AD Jacobian with a damped line search, falling back to time integration.
// Every path is bounded and returns a report; nothing here can hang.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <string>

#include <Eigen/Dense>
#include <boost/numeric/odeint.hpp>

#include "integrate/jacobian.hpp"
#include "integrate/steady_state_report.hpp"
#include "model/model_concept.hpp"

namespace osteon {

namespace detail {

template <OdeModel M>
double steady_residual(const double* y, const double* p, double atol, std::array<double, M::n_states>& f) {
  M::template rhs<double>(0.0, y, p, f.data());
  double r = 0.0;
  for (int i = 0; i < M::n_states; ++i) {
    const double ri = std::fabs(f[i]) / (std::fabs(y[i]) + atol);
    if (!std::isfinite(ri)) return std::numeric_limits<double>::infinity();
    r = std::max(r, ri);
  }
  return r;
}

template <OdeModel M>
bool admissible(const std::array<double, M::n_states>& y) {
  for (int i = 0; i < M::n_states; ++i) {
    if (!std::isfinite(y[i])) return false;
    if (M::info().states[i].nonnegative && y[i] < 0.0) return false;
  }
  return true;
}

// Damped Newton. States whose Jacobian column is zero (pure accumulators such
// as bone volume) do not influence the others: they keep their start value
// and their own equation is checked by the final residual only.
template <OdeModel M>
bool newton(std::array<double, M::n_states>& y, const double* p, const SteadyStateOptions& o, int& iterations,
            double& residual) {
  constexpr int N = M::n_states;
  std::array<double, N> f{};
  std::array<double, N * N> jac{};
  model_jacobian<M, double>(0.0, y.data(), p, jac.data());
  std::array<int, N> active{};
  int n_active = 0;
  for (int j = 0; j < N; ++j) {
    bool any = false;
    for (int i = 0; i < N; ++i) any = any || jac[i * N + j] != 0.0;
    if (any) active[n_active++] = j;
  }
  residual = steady_residual<M>(y.data(), p, o.atol, f);
  for (; iterations < o.max_newton_iterations; ++iterations) {
    if (residual < o.tolerance) return true;
    model_jacobian<M, double>(0.0, y.data(), p, jac.data());
    Eigen::MatrixXd a(n_active, n_active);
    Eigen::VectorXd b(n_active);
    for (int r = 0; r < n_active; ++r) {
      b(r) = -f[active[r]];
      for (int c = 0; c < n_active; ++c) a(r, c) = jac[active[r] * N + active[c]];
    }
    Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    if (!lu.isInvertible()) return false;
    const Eigen::VectorXd dx = lu.solve(b);
    if (!dx.allFinite()) return false;
    double lambda = 1.0;
    bool accepted = false;
    while (lambda >= 1.0 / 1024.0) {
      std::array<double, N> trial = y;
      for (int r = 0; r < n_active; ++r) trial[active[r]] += lambda * dx(r);
      std::array<double, N> ft{};
      const double rt = admissible<M>(trial) ? steady_residual<M>(trial.data(), p, o.atol, ft)
                                             : std::numeric_limits<double>::infinity();
      if (rt < residual || (rt == residual && rt < o.tolerance)) {
        y = trial;
        f = ft;
        residual = rt;
        accepted = true;
        break;
      }
      lambda *= 0.5;
    }
    if (!accepted) return false;
  }
  return residual < o.tolerance;
}

}  // namespace detail

template <OdeModel M>
SteadyStateReport find_steady_state(const double* p, const SteadyStateOptions& o) {
  constexpr int N = M::n_states;
  SteadyStateReport rep;
  std::array<double, N> y{};
  std::array<double, N> f{};

  if constexpr (HasClosedFormSteadyState<M>) {
    if (M::steady_state(p, y.data()) && detail::admissible<M>(y)) {
      rep.residual = detail::steady_residual<M>(y.data(), p, o.atol, f);
      rep.state.assign(y.begin(), y.end());
      rep.method = "closed form";
      rep.converged = std::isfinite(rep.residual) && rep.residual < std::max(o.tolerance, 1e-8);
      if (rep.converged) return rep;
    }
  }

  if (o.guess.size() == static_cast<std::size_t>(N)) {
    std::copy(o.guess.begin(), o.guess.end(), y.begin());
  } else if constexpr (HasSteadyStateGuess<M>) {
    M::steady_state_guess(p, y.data());
  } else {
    y.fill(1.0);
  }
  const std::array<double, N> start = y;

  int iterations = 0;
  double residual = 0.0;
  if (detail::newton<M>(y, p, o, iterations, residual)) {
    rep.converged = true;
    rep.method = "newton";
    rep.iterations = iterations;
    rep.residual = residual;
    rep.state.assign(y.begin(), y.end());
    return rep;
  }

  // Fallback: integrate towards the attractor in growing chunks, then polish.
  namespace odeint = boost::numeric::odeint;
  y = start;
  auto sys = [p](const std::array<double, N>& x, std::array<double, N>& dx, double t) {
    M::template rhs<double>(t, x.data(), p, dx.data());
  };
  auto stepper = odeint::make_controlled(o.atol, 1e-8, odeint::runge_kutta_dopri5<std::array<double, N>>());
  double t = 0.0, chunk = 10.0;
  long steps = 0;
  const long max_steps = 2'000'000;
  double dt = 1e-3;
  while (t < o.max_integration_time && steps < max_steps) {
    const double t_stop = std::min(t + chunk, o.max_integration_time);
    while (t < t_stop && steps < max_steps) {
      dt = std::min(dt, t_stop - t);
      if (stepper.try_step(sys, y, t, dt) == odeint::success) ++steps;
      if (!detail::admissible<M>(y) || dt < 1e-14) {
        t = o.max_integration_time;  // diverged or stalled: give up below
        break;
      }
    }
    chunk *= 2.0;
    ++rep.iterations;
    residual = detail::steady_residual<M>(y.data(), p, o.atol, f);
    if (residual < 1e-6) {
      std::array<double, N> polished = y;
      int it = 0;
      double r2 = residual;
      if (detail::newton<M>(polished, p, o, it, r2)) {
        y = polished;
        residual = r2;
      }
    }
    if (residual < o.tolerance) {
      rep.converged = true;
      rep.method = "integration";
      rep.residual = residual;
      rep.state.assign(y.begin(), y.end());
      return rep;
    }
  }
  rep.converged = false;
  rep.method = "integration";
  rep.residual = residual;
  rep.state.assign(y.begin(), y.end());
  rep.message = "no steady state found: Newton failed after " + std::to_string(iterations) +
                " iterations and integration over " + std::to_string(static_cast<long>(t)) +
                " days left a residual of " + std::to_string(residual) + " per day (tolerance " +
                std::to_string(o.tolerance) + ")";
  return rep;
}

}  // namespace osteon
