# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is what those two are made of.
SHELL := /bin/bash
PRESET ?= ci
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

# Debian 12 packages the project needs (build, tests, end-to-end browsers).
DEB_PACKAGES := build-essential cmake pkg-config nlohmann-json3-dev libsqlitecpp-dev \
  libsqlite3-dev catch2 libcurl4-openssl-dev libbenchmark-dev libcli11-dev sqlite3 \
  clang libclang-rt-14-dev nodejs npm chromium firefox-esr openssl python3-aiosmtpd

.PHONY: all deps build test test-host test-asan fuzz bench run clean format tidy extension

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	    echo "deps: missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y $$missing"; exit 1; \
	fi

build: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET) -j $(JOBS)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

test-asan: deps
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan -j $(JOBS)

bench: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	build/release/bench/parasol_bench

run: build
	@demo=build/demo; rm -rf $$demo; mkdir -p $$demo; \
	$(BUILD_DIR)/parasol demo-data --data-dir $$demo >/dev/null && \
	$(BUILD_DIR)/parasol report --data-dir $$demo

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

tidy: build
	run-clang-tidy -quiet -p $(BUILD_DIR) native-host/src

clean:
	rm -rf build
