#include "cortical_micromechanics.hpp"

#include <cmath>
#include <numbers>

#include <Eigen/Dense>

namespace osteon::modules::cortical_micromechanics {
namespace {

using Tensor4 = std::array<std::array<std::array<std::array<double, 3>, 3>, 3>, 3>;
using Mat6 = Eigen::Matrix<double, 6, 6>;

// Mandel order 11, 22, 33, 23, 13, 12; shear rows/columns carry √2.
constexpr int pair_i[6] = {0, 1, 2, 1, 0, 0};
constexpr int pair_j[6] = {0, 1, 2, 2, 2, 1};
double weight(int a) { return a < 3 ? 1.0 : std::numbers::sqrt2; }

Tensor4 to_tensor(const Matrix6& m) {
  Tensor4 t{};
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) {
      const double v = m[a][b] / (weight(a) * weight(b));
      const int i = pair_i[a], j = pair_j[a], k = pair_i[b], l = pair_j[b];
      t[i][j][k][l] = t[j][i][k][l] = t[i][j][l][k] = t[j][i][l][k] = v;
    }
  }
  return t;
}

Matrix6 to_mandel(const Tensor4& t) {
  Matrix6 m{};
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) m[a][b] = t[pair_i[a]][pair_j[a]][pair_i[b]][pair_j[b]] * weight(a) * weight(b);
  }
  return m;
}

Mat6 to_eigen(const Matrix6& m) {
  Mat6 e;
  for (int a = 0; a < 6; ++a) {
    for (int b = 0; b < 6; ++b) e(a, b) = m[a][b];
  }
  return e;
}

// Isotropic stiffness 3k·J + 2μ·K in Mandel form.
Mat6 isotropic(double k, double mu) {
  Mat6 j = Mat6::Zero();
  j.topLeftCorner<3, 3>().setConstant(1.0 / 3.0);
  return 3.0 * k * j + 2.0 * mu * (Mat6::Identity() - j);
}

Constants compute_constants() {
  Constants c{};
  c.hill_cylinder = hill_tensor_cylinder(c_bm_mandel, 64);
  const Mat6 cbm = to_eigen(c_bm_mandel);
  const Mat6 cvas = isotropic(k_water_GPa, mu_water_GPa);
  const Mat6 m = (Mat6::Identity() + to_eigen(c.hill_cylinder) * (cvas - cbm)).inverse();
  const Mat6 cvm = cvas * m;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      c.c_bm[i][j] = cbm(i, j);
      c.c_vas_M[i][j] = cvm(i, j);
    }
  }
  return c;
}

}  // namespace

Matrix6 hill_tensor_cylinder(const Matrix6& c_mandel, int points) {
  const Tensor4 c = to_tensor(c_mandel);
  Tensor4 p{};
  for (int n = 0; n < points; ++n) {
    const double phi = 2.0 * std::numbers::pi * n / points;
    const double xi[3] = {std::cos(phi), std::sin(phi), 0.0};
    Eigen::Matrix3d acoustic = Eigen::Matrix3d::Zero();  // K_jk = c_jmkn ξ_m ξ_n
    for (int j = 0; j < 3; ++j) {
      for (int k = 0; k < 3; ++k) {
        for (int m = 0; m < 3; ++m) {
          for (int q = 0; q < 3; ++q) acoustic(j, k) += c[j][m][k][q] * xi[m] * xi[q];
        }
      }
    }
    const Eigen::Matrix3d g = acoustic.inverse();
    // Symmetrised ξ_i G_jk ξ_l, averaged over the circle.
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) {
        for (int k = 0; k < 3; ++k) {
          for (int l = 0; l < 3; ++l) {
            const double v = 0.25 * (xi[i] * g(j, k) * xi[l] + xi[i] * g(j, l) * xi[k] + xi[j] * g(i, k) * xi[l] +
                                     xi[j] * g(i, l) * xi[k]);
            p[i][j][k][l] += v / points;
          }
        }
      }
    }
  }
  return to_mandel(p);
}

const Constants& constants() {
  static const Constants c = compute_constants();
  return c;
}

double sed_full_scheme(double f_vas_percent, const std::array<double, 6>& stress_MPa) {
  const double f_vas = 0.01 * f_vas_percent, f_bm = 1.0 - f_vas;
  const Mat6 cbm = to_eigen(c_bm_mandel);
  const Mat6 cvas = isotropic(k_water_GPa, mu_water_GPa);
  const Mat6 id = Mat6::Identity();
  const Mat6 p = to_eigen(constants().hill_cylinder);
  const Mat6 dilute_bm = id;  // [I + P:(c_bm − c_bm)]⁻¹
  const Mat6 dilute_vas = (id + p * (cvas - cbm)).inverse();
  const Mat6 mean_inv = (f_bm * dilute_bm + f_vas * dilute_vas).inverse();
  const Mat6 a_bm = dilute_bm * mean_inv;
  const Mat6 a_vas = dilute_vas * mean_inv;
  const Mat6 c_cort = f_bm * cbm * a_bm + f_vas * cvas * a_vas;
  Eigen::Matrix<double, 6, 1> sigma;
  for (int a = 0; a < 6; ++a) sigma(a) = stress_MPa[a] * 1.0e-3;  // GPa
  const Eigen::Matrix<double, 6, 1> strain = c_cort.lu().solve(sigma);
  const Eigen::Matrix<double, 6, 1> strain_bm = a_bm * strain;
  return 0.5e3 * strain_bm.dot(cbm * strain_bm);  // MPa
}

}  // namespace osteon::modules::cortical_micromechanics
