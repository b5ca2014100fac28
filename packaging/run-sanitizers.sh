#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The core and CLI tests under AddressSanitizer + UBSan (issue 19.4).
# Usage: packaging/run-sanitizers.sh [BUILD_DIR]   (default: build-asan; after run-tests.sh,
# which installs the packages). The whole suite, GUI included: cmake --preset asan (README).
# .ci/run runs it after the normal suite. A cold sanitized build takes ~40 minutes on 2 cores;
# ccache makes later ones minutes (CCACHE_NOHASHDIR below lets a clean clone share it).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
export CCACHE_BASEDIR="$PWD"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
# -g1 puts the build folder into the debug info, which ccache hashes unless told not to: without
# this a clean clone in another folder would rebuild everything.
export CCACHE_NOHASHDIR=1
start=$(date +%s)
# -O0 -g1: a sanitized torch translation unit compiles in about a third of the time of -O2 -g.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" \
  -DSPARSESCOPE_SANITIZE=asan -DSPARSESCOPE_BUILD_GUI=OFF -DSPARSESCOPE_BUILD_BENCH=OFF \
  -DSPARSESCOPE_UNITY_BUILD=OFF
cmake --build "$build" -j "$(nproc)" --target sparsescope-cli sparsescope_core_tests \
  sparsescope_cli_tests sparsescope_fuzz_replay
built=$(date +%s)
# abort_on_error: a report fails the test; detect_leaks: leaks are reported too (LibTorch's and
# OpenCV's own process-lifetime allocations are reachable, so they are not reported; FFTW's
# planner tables are suppressed in packaging/lsan.supp, nothing of SparseScope's is).
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$PWD/packaging/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export SPARSESCOPE_THREADS=2
# Each binary once (not test by test through ctest): a sanitized process takes ~2 s to start,
# which would add ~10 minutes over the ~270 tests.
status=0
for binary in sparsescope_fuzz_replay sparsescope_core_tests sparsescope_cli_tests; do
  t0=$(date +%s)
  if ! "$build/tests/$binary" --gtest_brief=1; then
    status=1
  fi
  echo "sanitizers: $binary $(($(date +%s) - t0)) s"
done
echo "sanitizers: build $((built - start)) s, tests $(($(date +%s) - built)) s"
exit $status
