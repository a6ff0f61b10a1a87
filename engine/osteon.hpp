// The public API of the whole engine (osteon::engine): the core, reading
// scenarios and sweeps from YAML, and writing results to HDF5. Everything else
// under engine/ is internal to its stage (docs/developer/architecture.md).
#pragma once

#include "osteon_core.hpp"
#include "output/result_writer.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_runner.hpp"
