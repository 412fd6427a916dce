# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is what those two are made of.
SHELL := /bin/bash
PRESET ?= ci
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

# Debian 12 packages the project needs (build, tests, end-to-end browsers).
DEB_PACKAGES := build-essential cmake pkg-config nlohmann-json3-dev libsqlitecpp-dev \
  libsqlite3-dev catch2 libcurl4-openssl-dev libbenchmark-dev libcli11-dev sqlite3 \
  clang libclang-rt-14-dev chromium firefox-esr openssl python3-aiosmtpd

.PHONY: all deps npm build extension test test-asan fuzz-smoke bench run clean format tidy lint

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done; \
	  command -v npm >/dev/null || echo nodejs npm); \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	    echo "deps: missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	fi

# npm ci only when the lock changed since the last install.
node_modules/.package-lock.json: package-lock.json | deps
	npm ci --no-audit --no-fund
npm: node_modules/.package-lock.json

build: deps npm
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET) -j $(JOBS)
	node scripts/build-extension.mjs

# Everything: C++ unit and integration tests, the protocol contract through
# the real host, the extension's unit tests, lint, and a short fuzz run.
test: build
	ctest --preset $(PRESET) -j $(JOBS)
	$(MAKE) --no-print-directory lint fuzz-smoke

lint: npm
	npx eslint extension/src scripts tests/extension tests/contract
	npx web-ext lint --source-dir build/extension/firefox --output text

# A fixed, short libFuzzer run over framing and decoding (clang only); see the
# README for longer runs.
FUZZ_SECONDS ?= 30
fuzz-smoke:
	@if command -v clang++ >/dev/null; then \
	  cmake --preset fuzz >/dev/null && \
	  cmake --build --preset fuzz -j $(JOBS) --target parasol_fuzz_frames && \
	  mkdir -p build/fuzz/corpus && \
	  build/fuzz/tests/fuzz/parasol_fuzz_frames -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/corpus; \
	else echo "fuzz-smoke: skipped, clang++ is not installed"; fi

test-asan: deps
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan -j $(JOBS)

# bench/BENCHMARKS.md: in-process micro-benchmarks, then the real host over pipes.
bench: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target parasol-host parasol_bench parasol_pipe_bench
	build/release/bench/parasol_bench
	build/release/bench/parasol_pipe_bench

run: build
	@demo=build/demo; rm -rf $$demo; mkdir -p $$demo; \
	$(BUILD_DIR)/parasol demo --data-dir $$demo >/dev/null && \
	$(BUILD_DIR)/parasol report --data-dir $$demo

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

tidy: build
	run-clang-tidy -quiet -p $(BUILD_DIR) native-host/src

clean:
	rm -rf build
