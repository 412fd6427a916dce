#!/usr/bin/env bash
# The .deb from a build tree (cpack into a temp dir, as check-deb.sh --build does), installed
# on THIS machine with dpkg and reached by headless Chromium through the system-wide host
# manifest: tests/e2e/system_manifest.test.mjs with PARASOL_DEB set. That test skips (and
# says why) unless run as root with no parasol already installed; it purges the package at
# the end whatever happens.
#
# usage: packaging/check-deb-in-chromium.sh BUILD_DIR
set -euo pipefail

build_dir=${1:?usage: packaging/check-deb-in-chromium.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/parasol-deb-chromium-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

(cd "$scratch" && cpack --config "$build_dir/CPackConfig.cmake" -B "$scratch/out" >cpack.log 2>&1) \
  || { cat "$scratch/cpack.log" >&2; echo "check-deb-in-chromium: cpack failed" >&2; exit 1; }
debs=("$scratch"/out/*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] \
  || { echo "check-deb-in-chromium: cpack wrote no single .deb: ${debs[*]}" >&2; exit 1; }

cd "$root"
# TAP, so that a skip reads "# SKIP <why>" (ctest reports it as skipped).
PARASOL_DEB=${debs[0]} node --test --test-reporter=tap tests/e2e/system_manifest.test.mjs
