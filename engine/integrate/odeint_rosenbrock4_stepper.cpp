// Compiled as C++17: see odeint_rosenbrock4_stepper.hpp.
#include "integrate/odeint_rosenbrock4_stepper.hpp"

#include <boost/numeric/odeint.hpp>
#include <vector>

#include "integrate/rosenbrock_coefficients.hpp"

namespace osteon {

namespace odeint = boost::numeric::odeint;

// odeint's rosenbrock4 with the RODAS4 table of rosenbrock_coefficients.hpp.
// Boost 1.74's default table has d4 = +0.0362 where Hairer & Wanner's RODAS
// has -0.0362; with the wrong sign the method is only second order for
// right-hand sides that depend on time explicitly (checked by the local-order
// test in tests/engine/rosenbrock_coefficients_test.cpp).
struct Rodas4Coefficients {
  using value_type = double;
  using order_type = unsigned short;
  const double gamma = rodas4::gamma;
  const double d1 = rodas4::d1, d2 = rodas4::d2, d3 = rodas4::d3, d4 = rodas4::d4;
  const double c2 = rodas4::c2, c3 = rodas4::c3, c4 = rodas4::c4;
  const double c21 = rodas4::c21;
  const double a21 = rodas4::a21;
  const double c31 = rodas4::c31, c32 = rodas4::c32;
  const double a31 = rodas4::a31, a32 = rodas4::a32;
  const double c41 = rodas4::c41, c42 = rodas4::c42, c43 = rodas4::c43;
  const double a41 = rodas4::a41, a42 = rodas4::a42, a43 = rodas4::a43;
  const double c51 = rodas4::c51, c52 = rodas4::c52, c53 = rodas4::c53, c54 = rodas4::c54;
  const double a51 = rodas4::a51, a52 = rodas4::a52, a53 = rodas4::a53, a54 = rodas4::a54;
  const double c61 = rodas4::c61, c62 = rodas4::c62, c63 = rodas4::c63, c64 = rodas4::c64, c65 = rodas4::c65;
  const double d21 = rodas4::d21, d22 = rodas4::d22, d23 = rodas4::d23, d24 = rodas4::d24, d25 = rodas4::d25;
  const double d31 = rodas4::d31, d32 = rodas4::d32, d33 = rodas4::d33, d34 = rodas4::d34, d35 = rodas4::d35;
  static const order_type stepper_order = 4;
  static const order_type error_order = 3;
};
using Vector = boost::numeric::ublas::vector<double>;
using Matrix = boost::numeric::ublas::matrix<double>;

struct OdeintRosenbrock4Stepper::Impl {
  int n;
  Rhs rhs;
  Jacobian jac;
  void* context;
  odeint::rosenbrock4_controller<odeint::rosenbrock4<double, Rodas4Coefficients>> controller;
  Vector x, x_old_v, x_new_v, out_v;
  std::vector<double> jbuf;

  Impl(int n_, double atol, double rtol, double max_step, Rhs r, Jacobian j, void* c)
      : n(n_),
        rhs(r),
        jac(j),
        context(c),
        controller(atol, rtol, max_step),
        x(n_),
        x_old_v(n_),
        x_new_v(n_),
        out_v(n_),
        jbuf(static_cast<std::size_t>(n_ * n_)) {}
};

OdeintRosenbrock4Stepper::OdeintRosenbrock4Stepper(int n, double atol, double rtol, double max_step, Rhs rhs,
                                                   Jacobian jac, void* context)
    : impl_(std::make_unique<Impl>(n, atol, rtol, max_step, rhs, jac, context)) {}

OdeintRosenbrock4Stepper::~OdeintRosenbrock4Stepper() = default;

bool OdeintRosenbrock4Stepper::try_step(double* y, double& t, double& dt) {
  Impl& m = *impl_;
  auto deriv = [&m](const Vector& x, Vector& dx, double tt) { m.rhs(m.context, &x.data()[0], &dx.data()[0], tt); };
  auto jacobian = [&m](const Vector& x, Matrix& j, double tt, Vector& dfdt) {
    m.jac(m.context, &x.data()[0], m.jbuf.data(), tt, &dfdt.data()[0]);
    for (int r = 0; r < m.n; ++r) {
      for (int c = 0; c < m.n; ++c) j(r, c) = m.jbuf[static_cast<std::size_t>(r * m.n + c)];
    }
  };
  for (int i = 0; i < m.n; ++i) m.x[i] = y[i];
  const auto result = m.controller.try_step(std::make_pair(deriv, jacobian), m.x, t, dt);
  if (result != odeint::success) return false;
  for (int i = 0; i < m.n; ++i) y[i] = m.x[i];
  return true;
}

void OdeintRosenbrock4Stepper::calc_state(double tau, double* out, const double* y_old, double t_old,
                                          const double* y_new, double t_new) {
  Impl& m = *impl_;
  for (int i = 0; i < m.n; ++i) {
    m.x_old_v[i] = y_old[i];
    m.x_new_v[i] = y_new[i];
  }
  m.controller.stepper().prepare_dense_output();
  m.controller.stepper().calc_state(tau, m.out_v, m.x_old_v, t_old, m.x_new_v, t_new);
  for (int i = 0; i < m.n; ++i) out[i] = m.out_v[i];
}

}  // namespace osteon
