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

.PHONY: all deps npm build extension screenshots test test-asan fuzz-smoke bench run clean format format-check tidy lint

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

lint: npm format-check
	npx eslint extension/src scripts tests/extension tests/contract tests/e2e
	npx web-ext lint --source-dir build/extension/firefox --output text

# A fixed, short libFuzzer run of each target (clang only): framing and
# decoding alone, then frames through the real dispatcher and an in-memory
# store. New inputs stay in build/fuzz; see the README for longer runs.
FUZZ_SECONDS ?= 15
fuzz-smoke:
	@if command -v clang++ >/dev/null; then \
	  cmake --preset fuzz >/dev/null && \
	  cmake --build --preset fuzz -j $(JOBS) --target parasol_fuzz_frames parasol_fuzz_dispatch && \
	  for target in frames dispatch; do \
	    seeds=tests/fuzz/corpus_$$target; [ $$target = frames ] && seeds=tests/fuzz/corpus; \
	    mkdir -p build/fuzz/corpus_$$target && \
	    build/fuzz/tests/fuzz/parasol_fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	      -artifact_prefix=build/fuzz/$$target- build/fuzz/corpus_$$target $$seeds || exit 1; \
	  done; \
	else echo "fuzz-smoke: skipped, clang++ is not installed"; fi

test-asan: deps
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan -j $(JOBS)

# bench/BENCHMARKS.md: in-process micro-benchmarks, then the real host over pipes.
bench: deps npm
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target parasol-host parasol parasol_bench parasol_pipe_bench
	build/release/bench/parasol_bench
	build/release/bench/parasol_pipe_bench
	node bench/extension_bench.mjs
	PARASOL_HOST_BIN=build/release/parasol-host PARASOL_CLI_BIN=build/release/parasol \
	  node bench/popup_bench.mjs --runs 20

# Host manifests (parasol install), then Chromium with its own profile (build/run-profile)
# and the extension loaded; with no display, a short headless session and its report.
run: build
	@scripts/run.sh $(BUILD_DIR)

# build/package/: the .deb (checked in a scratch root) and the extension zips, all VERSION.
.PHONY: package
package: build
	@packaging/package.sh $(BUILD_DIR)

# Every C++ file in the tree, committed or new (ignored build output excluded).
CXX_SOURCES = $(wildcard $(shell git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp'))

# The README's screenshots: taken by the pages' end-to-end test (real extension, real
# host, seeded data), then committed from docs/screenshots/.
screenshots: build
	cd $(BUILD_DIR) && ctest -R "e2e: real browsers" --output-on-failure
	mkdir -p docs/screenshots && cp build/screenshots/*.png docs/screenshots/

format:
	clang-format -i $(CXX_SOURCES)

# What CI checks: the files as `make format` would leave them.
format-check:
	clang-format --dry-run --Werror $(CXX_SOURCES)

tidy: build
	run-clang-tidy -quiet -p $(BUILD_DIR) native-host/src

clean:
	rm -rf build
