# osteon front door. `make demo` and `make test` work from a clean clone on
# Debian 12: they install what is missing, build, then run.
PYTHON ?= /usr/bin/python3
BUILD  ?= build
JOBS   ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo demo-plot test bench validate clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@mkdir -p out
	@$(BUILD)/bin/osteon run scenarios/literature/komarova2003_fig2.yaml -o out/demo.h5 --force

# Figure of the demo run (after `make demo`): the state trajectories, drawn by the Python package.
demo-plot:
	@$(BUILD)/bin/osteon plot out/demo.h5 -o out/demo.png

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	@bench/run_all $(BUILD)

# The integrated model against its clinical targets: writes docs/validation.md (and figures).
validate: build
	@$(PYTHON) bench/validate $(BUILD)

clean:
	rm -rf $(BUILD) out

# ---- hardening (docs/errors.md): sanitizers and fuzzing ------------------------
FUZZ_SECONDS ?= 60
SAN_BUILD    ?= build-sanitize
FUZZ_BUILD   ?= build-fuzz

# The C++ test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	@cmake -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOSTEON_SANITIZE=address,undefined \
	  -DOSTEON_BUILD_BENCH=OFF -DOSTEON_PYTHON=OFF -DPython3_EXECUTABLE=$(PYTHON) >/dev/null
	@cmake --build $(SAN_BUILD) -j$(JOBS)
	@cd $(SAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j$(JOBS) -E pytest

# Each libFuzzer target for FUZZ_SECONDS, seeded from scenarios/; fails on any crash, leak or report.
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOSTEON_FUZZ=ON \
	  -DOSTEON_SANITIZE=address,undefined -DOSTEON_BUILD_TESTS=OFF -DOSTEON_BUILD_BENCH=OFF -DOSTEON_PYTHON=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target scenario_loader_fuzzer set_override_fuzzer units_fuzzer
	@scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)
