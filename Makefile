# osteon front door. `make demo` and `make test` work from a clean clone on
# Debian 12: they install what is missing, build, then run.
PYTHON ?= /usr/bin/python3
BUILD  ?= build
JOBS   ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo demo-plot test bench validate clean build-mpi test-mpi web test-web notebooks \
        teaching-figures

all: build

deps:
	@scripts/install-deps

# Configured when the folder is new or these settings changed (CMake re-runs itself when a
# CMakeLists.txt or a globbed source list changes). A new folder gets Ninja: its check that
# nothing is to be done costs ~0.05 s against ~1 s for Make, and `make demo` pays it each time.
CONFIGURE = -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) $(CMAKE_FLAGS)
build: deps
	@if [ ! -f $(BUILD)/CMakeCache.txt ] || [ "$$(cat $(BUILD)/.osteon-configure 2>/dev/null)" != '$(CONFIGURE)' ]; then \
	  generator=; [ -f $(BUILD)/CMakeCache.txt ] || generator="-G Ninja"; \
	  cmake -S . -B $(BUILD) $$generator $(CONFIGURE) >/dev/null && echo '$(CONFIGURE)' > $(BUILD)/.osteon-configure; \
	fi
	@cmake --build $(BUILD) -j$(JOBS)

# The flagship question: 5 years of anastrozole alone, with exercise, with zoledronic acid, with
# denosumab, and denosumab plus training, side by side; one HDF5 file and one figure.
DEMO_SCENARIOS = ai_alone ai_walking_150min ai_resistance_impact ai_zoledronic_acid ai_denosumab \
                 ai_denosumab_resistance_impact
DEMO_VARIABLES = bmd_lumbar_spine_change,bmd_total_hip_change,t_score_femoral_neck,ctx_change
# Members of the parameter ensemble behind each value's 90 % band (docs/models/integrated.md,
# "Uncertainty"): 64 x 6 runs cost about 1 s of CPU; DEMO_MEMBERS=0 leaves the bands out.
DEMO_MEMBERS ?= 64

demo: build
	@mkdir -p out
	@$(BUILD)/bin/osteon compare $(DEMO_SCENARIOS:%=scenarios/clinical/%.yaml) --at 1y,2y,5y \
	  --variables $(DEMO_VARIABLES) $(if $(filter-out 0,$(DEMO_MEMBERS)),--uncertainty $(DEMO_MEMBERS)) \
	  -o out/demo.h5 --force
	@$(MAKE) --no-print-directory demo-plot

# Figure of the demo file: BMD change per site, T-scores with WHO classes, markers (Python package).
demo-plot:
	@$(BUILD)/bin/osteon plot out/demo.h5 -o out/demo.png --force

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	@bench/run_all $(BUILD)

# The integrated model against its clinical targets: writes docs/validation.md (and figures).
validate: build
	@$(PYTHON) bench/validate $(BUILD)

clean:
	rm -rf $(BUILD) out

# The tutorials of docs/tutorials/ as executed notebooks next to their scripts (.ipynb, with their
# outputs; Debian's python3-nbclient and python3-ipykernel). Rerun after a tutorial or the model changes:
# the test suite checks that the notebooks match the scripts.
notebooks: build
	@scripts/install-deps --notebooks
	@$(PYTHON) scripts/make-notebooks --build $(BUILD)

# The figure of lesson 1 in docs/teaching.md (docs/figures/lesson1_rankl_opg.png), from the integrated model.
teaching-figures: build
	@PYTHONPATH=$(BUILD)/python $(PYTHON) docs/figures/lesson1_rankl_opg.py

# ---- teaching page (docs/teaching.md): the engine as WebAssembly in a static folder ----
WEB_BUILD  ?= build-web
WASM_BUILD ?= build-wasm

# Emscripten, Chromium and the npm packages (web/package-lock.json), then the page into $(WEB_BUILD)/.
web:
	@scripts/install-deps --web
	@web/build $(WASM_BUILD) $(WEB_BUILD) $(JOBS)

# The wasm API against the native CLI, the presets against their shipped files, and the page in
# headless Chromium (node --test web/tests/).
test-web: web build
	@OSTEON_BINARY=$(BUILD)/bin/osteon OSTEON_SITE=$(WEB_BUILD) PYTHON=$(PYTHON) node --test --test-concurrency=1 web/tests/

# ---- cluster (docs/cluster.md): MPI sweeps with parallel HDF5 --------------------
MPI_BUILD ?= build-mpi

# OpenMPI and the OpenMPI flavour of HDF5 next to the serial one; a lean build (the osteon executable).
build-mpi:
	@scripts/install-deps --mpi
	@cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=Release -DOSTEON_MPI=ON -DOSTEON_BUILD_TESTS=OFF \
	  -DOSTEON_BUILD_BENCH=OFF -DOSTEON_PYTHON=OFF -DPython3_EXECUTABLE=$(PYTHON) >/dev/null
	@cmake --build $(MPI_BUILD) -j$(JOBS) --target osteon

# mpirun -np 2 and 3 against the serial sweep, and a killed MPI sweep resumed (tests/python/test_mpi.py).
test-mpi: build-mpi build
	@OSTEON_MPI_BINARY=$(MPI_BUILD)/bin/osteon OSTEON_BINARY=$(BUILD)/bin/osteon PYTHONDONTWRITEBYTECODE=1 \
	  $(PYTHON) -m pytest -q -p no:cacheprovider tests/python/test_mpi.py

# ---- hardening (docs/errors.md): sanitizers and fuzzing ------------------------
FUZZ_SECONDS ?= 60
SAN_BUILD    ?= build-sanitize
FUZZ_BUILD   ?= build-fuzz
# -O1 with line tables only: full -g on the template-heavy models makes the
# sanitizer builds several times slower to compile; reports keep file:line.
SAN_OPT      ?= -O1 -g1

# The C++ test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(SAN_OPT)" \
	  -DOSTEON_SANITIZE=address,undefined \
	  -DOSTEON_BUILD_BENCH=OFF -DOSTEON_PYTHON=OFF -DPython3_EXECUTABLE=$(PYTHON) >/dev/null
	@cmake --build $(SAN_BUILD) -j$(JOBS)
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j$(JOBS) -E pytest

# Each libFuzzer target for FUZZ_SECONDS, seeded from scenarios/; fails on any crash, leak or report.
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(SAN_OPT)" \
	  -DOSTEON_FUZZ=ON \
	  -DOSTEON_SANITIZE=address,undefined -DOSTEON_BUILD_TESTS=OFF -DOSTEON_BUILD_BENCH=OFF -DOSTEON_PYTHON=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target scenario_loader_fuzzer set_override_fuzzer units_fuzzer
	@scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)
