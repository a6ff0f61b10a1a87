// Strain energy density in the extravascular bone matrix of cortical bone,
// from the two-phase Mori-Tanaka scheme of Scheiner S, Pivonka P, Hellmich C.
// CMAME 2013;254:181-196 (Eqs. 9-15): an anisotropic bone matrix (stiffness
// c_bm) with cylindrical vascular pores along axis 3 filled with water
// (bulk modulus 2.3 GPa, no shear stiffness).
//
//   A_r    = [I + P_cyl:(c_r − c_bm)]⁻¹ : {Σ_s f_s [I + P_cyl:(c_s − c_bm)]⁻¹}⁻¹
//   C_cort = Σ_r f_r c_r : A_r,   E = C_cort⁻¹ : Σ,   ε_bm = A_bm : E
//   ψ_bm   = ½ ε_bm : c_bm : ε_bm
//
// Exact reduction used in the right-hand side. Every tensor here is
// orthotropic in the axes of c_bm (the Hill tensor of a cylinder along e3
// integrated over the e1-e2 circle keeps that symmetry), so in Mandel
// notation each is block diagonal: a 3x3 normal block and three shear terms.
// Under normal macroscopic stresses only the normal blocks act, and
//   ε_bm = A_bm : C_cort⁻¹ : Σ = (f_bm c_bm + f_vas c_vas M)⁻¹ Σ,
//   M = [I + P(c_vas − c_bm)]⁻¹,
// one 3x3 solve per evaluation. The Hill tensor is integrated once, in double,
// by the trapezoidal rule on the circle (periodic integrand: converged to
// round-off with 64 points). tests/models/micromechanics_test.cpp checks the
// reduction against the full 6x6 scheme.
#pragma once

#include <array>

#include "numerics/math.hpp"

namespace osteon::modules::cortical_micromechanics {

using Matrix3 = std::array<std::array<double, 3>, 3>;
using Matrix6 = std::array<std::array<double, 6>, 6>;

// Scheiner 2013: extravascular bone matrix stiffness in GPa (Mandel form,
// order 11, 22, 33, 23, 13, 12; shear entries are 2·c_ijij) and water.
inline constexpr Matrix6 c_bm_mandel{{{18.5, 10.3, 10.4, 0, 0, 0},
                                      {10.3, 20.8, 11.0, 0, 0, 0},
                                      {10.4, 11.0, 28.4, 0, 0, 0},
                                      {0, 0, 0, 12.9, 0, 0},
                                      {0, 0, 0, 0, 11.5, 0},
                                      {0, 0, 0, 0, 0, 9.3}}};
inline constexpr double k_water_GPa = 2.3;
inline constexpr double mu_water_GPa = 0.0;

// Normal blocks the right-hand side needs, computed once.
struct Constants {
  Matrix3 c_bm;           // normal block of c_bm (GPa)
  Matrix3 c_vas_M;        // c_vas · M (GPa), M = [I + P(c_vas − c_bm)]⁻¹
  Matrix6 hill_cylinder;  // P_cyl in Mandel form (1/GPa)
};
const Constants& constants();

// The Hill tensor of a cylindrical inclusion along e3 in c (Mandel, GPa),
// integrated with `points` trapezoidal nodes on the unit circle.
Matrix6 hill_tensor_cylinder(const Matrix6& c_mandel, int points);

// Reference: the full 6x6 Mori-Tanaka evaluation (double), ψ_bm in MPa for a
// macroscopic stress in MPa (Mandel vector 11, 22, 33, √2·23, √2·13, √2·12).
double sed_full_scheme(double f_vas_percent, const std::array<double, 6>& stress_MPa);

// ψ_bm (MPa = MJ/m³) under the uniaxial macroscopic stress Σ33 (MPa) at
// vascular porosity f_vas (%), in any scalar type.
template <class T>
T sed_bone_matrix(const T& f_vas_percent, const T& sigma33_MPa) {
  const Constants& k = constants();
  const T f_vas = f_vas_percent * 0.01;
  const T f_bm = 1.0 - f_vas;
  // B = f_bm c_bm + f_vas c_vas M; ε_bm = B⁻¹ (0, 0, Σ33) = Σ33 · (third column of B⁻¹).
  auto b = [&](int i, int j) -> T { return f_bm * k.c_bm[i][j] + f_vas * k.c_vas_M[i][j]; };
  const T b00 = b(0, 0), b01 = b(0, 1), b02 = b(0, 2);
  const T b10 = b(1, 0), b11 = b(1, 1), b12 = b(1, 2);
  const T b20 = b(2, 0), b21 = b(2, 1), b22 = b(2, 2);
  const T cof20 = b01 * b12 - b02 * b11;  // cofactors of row 2 of adj(B), i.e. third column of B⁻¹·det
  const T cof21 = b02 * b10 - b00 * b12;
  const T cof22 = b00 * b11 - b01 * b10;
  const T det = b20 * cof20 + b21 * cof21 + b22 * cof22;
  const T sigma_GPa = sigma33_MPa * 1.0e-3;
  const T e0 = sigma_GPa * cof20 / det;
  const T e1 = sigma_GPa * cof21 / det;
  const T e2 = sigma_GPa * cof22 / det;
  const auto& c = k.c_bm;
  const T energy = e0 * (c[0][0] * e0 + c[0][1] * e1 + c[0][2] * e2) +
                   e1 * (c[1][0] * e0 + c[1][1] * e1 + c[1][2] * e2) +
                   e2 * (c[2][0] * e0 + c[2][1] * e1 + c[2][2] * e2);
  return 0.5e3 * energy;  // GPa → MPa
}

}  // namespace osteon::modules::cortical_micromechanics
