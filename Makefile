# osteon front door. `make demo` and `make test` work from a clean clone on
# Debian 12: they install what is missing, build, then run.
PYTHON ?= /usr/bin/python3
BUILD  ?= build
JOBS   ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test bench validate clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

demo: build
	@mkdir -p out
	@$(BUILD)/bin/osteon run scenarios/literature/komarova2003_fig2.yaml -o out/demo.h5 --force

test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	@bench/run_all $(BUILD)

clean:
	rm -rf $(BUILD) out
