// Designs of experiments for sweeps: which factor values each run gets.
// Every design is a pure function of its specification, the factors and the
// seed, so a sweep can be regenerated (and resumed) exactly. The order of
// runs and of the random draws is part of the contract (docs/sweeps.md):
//   grid        full factorial of each factor's levels; the last factor varies fastest
//   list        rows given by the user, in their order
//   lhs         Latin hypercube: N runs, one point in each of N equal-probability strata per factor
//   sobol       Saltelli's design for Sobol' indices, SALib's row layout: per base sample i the rows
//               A_i, AB_i^(1..D), [BA_i^(1..D) with second order], B_i: N·(2D+2) rows, or N·(D+2)
//   morris      r elementary-effects trajectories of D+1 rows on a p-level grid, one factor moving by ±Δ per row
//   population  N individuals; standard normals z (correlated by the Cholesky factor of the correlation
//               matrix) mapped through each factor's distribution
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sweep/factor_distribution.hpp"

namespace osteon {

struct DesignSpec {
  enum class Type { grid, list, lhs, sobol, morris, population };
  Type type = Type::grid;
  std::uint64_t seed = 0;
  std::size_t samples = 0;                       // lhs and population: runs; sobol: base samples N
  bool second_order = true;                      // sobol: with the BA rows (second-order indices)
  bool quasi_random = true;                      // sobol: Sobol' points (true) or mt19937_64 uniforms for A and B
  bool digital_shift = true;                     // sobol with Sobol' points: random digital shift per column
  std::size_t trajectories = 0;                  // morris: r
  int levels = 4;                                // morris: p (even)
  std::vector<std::vector<double>> correlation;  // population: D x D, empty = independent
  std::vector<std::vector<double>> rows;         // list: the runs, in the factors' units
};

const char* design_type_name(DesignSpec::Type t);

// Values of the factors per run, row-major [run][factor], in the factors' units.
struct DesignMatrix {
  std::size_t runs = 0, factors = 0;
  std::vector<double> values;
  double at(std::size_t run, std::size_t factor) const { return values[run * factors + factor]; }
};

// Number of runs of a design over `n_factors` factors (grid: the product of level counts).
std::size_t design_runs(const DesignSpec& spec, const std::vector<FactorDistribution>& factors);

// The design in the factors' units, generated in chunks of about `chunk_rows` runs (whole Saltelli
// base samples and Morris trajectories) handed to `sink` in order: the same values as make_design,
// with memory independent of the number of runs (except a Latin hypercube's permutations, 4 B per
// run and factor). Throws std::invalid_argument as make_design.
inline constexpr std::size_t design_chunk_rows = 65536;
void generate_design(const DesignSpec& spec, const std::vector<FactorDistribution>& factors, std::size_t chunk_rows,
                     const std::function<void(std::size_t first, std::size_t rows, const double* values)>& sink);

// Factor j of a Latin hypercube design alone (the same values as column j of make_design), in
// chunks: 4 B per run for that factor's permutation, the other factors' draws skipped.
void generate_lhs_column(const DesignSpec& spec, const std::vector<FactorDistribution>& factors, std::size_t j,
                         std::size_t chunk_rows,
                         const std::function<void(std::size_t first, std::size_t rows, const double* values)>& sink);

// The design in the factors' units. Throws std::invalid_argument on an impossible specification
// (the loader checks specifications first and names file and line).
DesignMatrix make_design(const DesignSpec& spec, const std::vector<FactorDistribution>& factors);

// The building blocks, in unit-cube coordinates, for tests and for the loader.
std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint64_t seed);
std::vector<double> saltelli_unit(std::size_t n, std::size_t d, const DesignSpec& spec);
std::vector<double> morris_unit(std::size_t trajectories, std::size_t d, int levels, std::uint64_t seed);
// Morris step Δ = p / (2 (p - 1)) on the unit interval.
double morris_delta(int levels);

// Lower-triangular L with L Lᵀ = C (row-major d x d); empty when C is not
// symmetric positive definite.
std::vector<double> cholesky(const std::vector<double>& c, std::size_t d);

}  // namespace osteon
