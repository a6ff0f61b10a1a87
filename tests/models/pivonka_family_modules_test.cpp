// The shared modules of the Pivonka model family tested on their own:
// signalling algebra, the PMO RANKL law (models.md target 7), denosumab PK
// (target 6), mechanical feedback branches and the Mori-Tanaka
// micromechanics (against the Eshelby tensor and the full 6x6 scheme).
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include <Eigen/Dense>

#include "modules/bone_signalling.hpp"
#include "modules/cortical_micromechanics.hpp"
#include "modules/denosumab_pk.hpp"
#include "modules/mechanical_feedback.hpp"
#include "modules/pmo_rankl.hpp"
#include "numerics/lane.hpp"

namespace {

namespace bs = osteon::modules::bone_signalling;
namespace pmo = osteon::modules::pmo_rankl;
namespace pk = osteon::modules::denosumab_pk;
namespace mf = osteon::modules::mechanical_feedback;
namespace mm = osteon::modules::cortical_micromechanics;

TEST(BoneSignalling, HillFunctionsAreComplementary) {
  for (double x : {0.0, 1e-4, 0.3, 7.0}) {
    EXPECT_DOUBLE_EQ(bs::activation(x, 0.5) + bs::repression(x, 0.5), 1.0);
  }
  EXPECT_DOUBLE_EQ(bs::activation(2.0, 2.0), 0.5);
}

TEST(BoneSignalling, SequestrationEqualToOtherBindingHalvesFreeRankl) {
  // Free RANKL ∝ 1/(1 + K_A1·OPG + K_A2·RANK + sequestration).
  const double opg = 18435.9, base = 1.0 + 1e-3 * opg + 0.0341176 * 10.0;
  const double free0 = bs::rankl(31.848, opg, 1e-3, 0.0341176, 10.0, 0.0, 168.42, 0.0, 10.1325);
  const double free1 = bs::rankl(31.848, opg, 1e-3, 0.0341176, 10.0, base, 168.42, 0.0, 10.1325);
  EXPECT_NEAR(free1, 0.5 * free0, 1e-15);
  // Pivonka 2008 steady state by hand (models.md §3): RANKL = 0.55223 pM.
  EXPECT_NEAR(free0 / 0.55223, 1.0, 1e-4);
  // PTH = (β + P)/D; OPG production saturates at OPG_max.
  EXPECT_DOUBLE_EQ(bs::pth(250.0, 0.0, 86.0), 250.0 / 86.0);
  EXPECT_NEAR(bs::opg(1e12, 0.0, 2e8, 0.35), 2e8, 2e8 * 1e-3);
}

TEST(PmoRankl, Target7) {
  // models.md §6a (years of 365 d): 4000 → 3864.6 (1 y), 3508.3 (2 y), 2132.3 (5 y), 888.2 (10 y) pM/d.
  const double P = 4000.0, xi = 65.0, tau = 30.0;
  EXPECT_DOUBLE_EQ(pmo::law(0.0, P, xi, tau), 4000.0);
  EXPECT_NEAR(pmo::law(365.0, P, xi, tau) / 3864.6, 1.0, 1e-4);
  EXPECT_NEAR(pmo::law(730.0, P, xi, tau) / 3508.3, 1.0, 1e-4);
  EXPECT_NEAR(pmo::law(1825.0, P, xi, tau) / 2132.3, 1.0, 1e-4);
  EXPECT_NEAR(pmo::law(3650.0, P, xi, tau) / 888.2, 1.0, 1e-4);
  EXPECT_DOUBLE_EQ(pmo::law(xi * tau, P, xi, tau), 2000.0);  // half at ξ·τ = 1950 d
}

TEST(PmoRankl, ZeroUpToOnset) {
  EXPECT_EQ(pmo::production(50.0, 100.0, 4000.0, 65.0, 30.0), 0.0);
  EXPECT_EQ(pmo::production(100.0, 100.0, 4000.0, 65.0, 30.0), 0.0);
  EXPECT_NEAR(pmo::production(100.0 + 1e-6, 100.0, 4000.0, 65.0, 30.0), 4000.0, 1e-9);
}

TEST(DenosumabPk, MolarMass149kDa) {
  EXPECT_NEAR(pk::ng_per_mL_to_pM(1000.0), 6711.409, 1e-3);  // 1 µg/mL of a 149 kDa antibody
}

// Classical RK4 with a fine fixed step on the module's rates.
TEST(DenosumabPk, Target6SingleDose) {
  const double bw = 60.0, ka = 0.17, F = 1.0, Vc = 77.9 * bw, Vmax = 2672.0 * bw, Km = 411.0, kel = 0.0115;
  std::array<double, 2> y{60.0, 0.0};  // 60 mg in the depot
  auto f = [&](const std::array<double, 2>& x) {
    std::array<double, 2> d{};
    pk::rates(x[0], x[1], ka, F, Vc, Vmax, Km, kel, d[0], d[1]);
    return d;
  };
  const double h = 1e-3;
  double t = 0.0, cmax = 0.0, tmax = 0.0;
  std::array<double, 184> c_at{};
  for (int n = 0; n <= 183000; ++n) {
    if (n % 1000 == 0) c_at[static_cast<std::size_t>(n / 1000)] = y[1];
    if (y[1] > cmax) cmax = y[1], tmax = t;
    const auto k1 = f(y);
    const auto k2 = f({y[0] + 0.5 * h * k1[0], y[1] + 0.5 * h * k1[1]});
    const auto k3 = f({y[0] + 0.5 * h * k2[0], y[1] + 0.5 * h * k2[1]});
    const auto k4 = f({y[0] + h * k3[0], y[1] + h * k3[1]});
    for (int i = 0; i < 2; ++i) y[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    t += h;
  }
  EXPECT_NEAR(cmax / 10.08e3, 1.0, 0.005);
  EXPECT_NEAR(tmax, 15.8, 0.05);
  EXPECT_NEAR(c_at[28] / 9.09e3, 1.0, 0.005);
  EXPECT_NEAR(c_at[84] / 3.52e3, 1.0, 0.005);
  EXPECT_NEAR(c_at[140] / 0.731e3, 1.0, 0.005);
  EXPECT_NEAR(c_at[183] / 46.0, 1.0, 0.005);
  EXPECT_NEAR(y[0], 60.0 * std::exp(-ka * t), 1e-9);  // the depot empties exponentially
}

TEST(MechanicalFeedback, Branches) {
  EXPECT_DOUBLE_EQ(mf::anabolic(1.2, 0.5, 1.25), 0.5 * (1.0 + 1.25 * 0.2));
  EXPECT_DOUBLE_EQ(mf::anabolic(3.0, 0.5, 1.25), 1.0);  // capped
  EXPECT_DOUBLE_EQ(mf::anabolic(0.8, 0.5, 1.25), 0.5);  // catabolic side: unchanged
  EXPECT_DOUBLE_EQ(mf::catabolic(0.8, 1e5), 2e4);
  EXPECT_DOUBLE_EQ(mf::catabolic(1.2, 1e5), 0.0);
  EXPECT_DOUBLE_EQ(mf::catabolic(1.0, 1e5), 0.0);
}

mm::Matrix6 isotropic_mandel(double k, double mu) {
  mm::Matrix6 c{};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) c[i][j] = k - 2.0 * mu / 3.0 + (i == j ? 2.0 * mu : 0.0);
    c[i + 3][i + 3] = 2.0 * mu;
  }
  return c;
}

// The Hill tensor of a cylinder in an isotropic matrix gives the classical
// Eshelby tensor S = P:C of a circular cylinder (Mura 1987).
TEST(CorticalMicromechanics, HillTensorGivesEshelbyTensorOfCylinder) {
  const double E = 20.0, nu = 0.3, mu = E / (2 * (1 + nu)), k = E / (3 * (1 - 2 * nu));
  const auto c = isotropic_mandel(k, mu);
  const auto p = mm::hill_tensor_cylinder(c, 64);
  Eigen::Matrix<double, 6, 6> pe, ce;
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) pe(a, b) = p[a][b], ce(a, b) = c[a][b];
  }
  const Eigen::Matrix<double, 6, 6> s = pe * ce;  // Mandel: shear entries are 2·S_ijij
  const double q = 8.0 * (1.0 - nu);
  EXPECT_NEAR(s(0, 0), (5.0 - 4.0 * nu) / q, 1e-13);
  EXPECT_NEAR(s(1, 1), (5.0 - 4.0 * nu) / q, 1e-13);
  EXPECT_NEAR(s(0, 1), (4.0 * nu - 1.0) / q, 1e-13);
  EXPECT_NEAR(s(0, 2), nu / (2.0 * (1.0 - nu)), 1e-13);
  EXPECT_NEAR(s(2, 2), 0.0, 1e-13);
  EXPECT_NEAR(s(2, 0), 0.0, 1e-13);
  EXPECT_NEAR(s(5, 5), 2.0 * (3.0 - 4.0 * nu) / q, 1e-13);  // 12
  EXPECT_NEAR(s(4, 4), 0.5, 1e-13);                         // 13
  EXPECT_NEAR(s(3, 3), 0.5, 1e-13);                         // 23
}

TEST(CorticalMicromechanics, HillTensorQuadratureConverged) {
  const auto a = mm::hill_tensor_cylinder(mm::c_bm_mandel, 64);
  const auto b = mm::hill_tensor_cylinder(mm::c_bm_mandel, 512);
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) EXPECT_NEAR(a[i][j], b[i][j], 1e-15);
  }
}

// The reduced (3x3 normal block) evaluation used in the right-hand side is
// the full Mori-Tanaka scheme, to round-off.
TEST(CorticalMicromechanics, ReducedSchemeEqualsFullScheme) {
  for (double fv : {0.0, 1.0, 5.0, 20.0, 50.0, 80.0, 95.0}) {
    for (double s : {-30.0, -25.0, 10.0}) {
      const double full = mm::sed_full_scheme(fv, {0, 0, s, 0, 0, 0});
      EXPECT_NEAR(mm::sed_bone_matrix(fv, s) / full, 1.0, 1e-12) << fv << " " << s;
    }
  }
  // Scheiner 2013 habitual state (5 % porosity, −30 MPa): ψ* = 0.0240126 MPa
  // (independent NumPy evaluation of the same scheme).
  EXPECT_NEAR(mm::sed_bone_matrix(5.0, -30.0) / 0.02401257555, 1.0, 1e-8);
}

TEST(CorticalMicromechanics, DenseMatrixLimitAndMonotonePorosity) {
  // No pores: ψ = ½ Σ33² (c_bm⁻¹)_33.
  Eigen::Matrix3d c;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) c(i, j) = mm::c_bm_mandel[i][j];
  }
  const double s = -30.0e-3;  // GPa
  EXPECT_NEAR(mm::sed_bone_matrix(0.0, -30.0) / (0.5e3 * s * s * c.inverse()(2, 2)), 1.0, 1e-13);
  double last = 0.0;
  for (double fv = 0.0; fv <= 90.0; fv += 2.5) {
    const double psi = mm::sed_bone_matrix(fv, -30.0);
    EXPECT_GT(psi, last) << fv;
    last = psi;
  }
}

TEST(CorticalMicromechanics, LanesMatchScalar) {
  osteon::Lane<4> fv, s;
  fv << 0.0, 5.0, 30.0, 70.0;
  s << -30.0, -25.0, -5.0, 12.0;
  const osteon::Lane<4> psi = mm::sed_bone_matrix(fv, s);
  for (int l = 0; l < 4; ++l) EXPECT_NEAR(psi[l], mm::sed_bone_matrix(fv[l], s[l]), 1e-15 * psi[l]);
}

}  // namespace
