#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How long a build from scratch takes (issue 22): configures BUILD_DIR afresh (Release, tests on,
# bench off, as CI), times `ninja sparsescope sparsescope-cli` (the demo targets), then the rest.
# Usage: bench/build-time.sh [--warm] BUILD_DIR [extra cmake arguments]
#   default: no ccache (CCACHE_DISABLE=1) — a cold build;  --warm: through ccache, as CI does.
# Time it while nothing else builds (flock the shared build folder); the machine's cores are used.
set -euo pipefail
cd "$(dirname "$0")/.."
warm=0
if [ "${1:-}" = --warm ]; then warm=1; shift; fi
build=${1:?usage: bench/build-time.sh [--warm] BUILD_DIR [cmake arguments]}
shift
if [ $warm = 1 ]; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
else
  export CCACHE_DISABLE=1
fi
seconds() { date +%s.%N; }
rm -rf "$build"
t0=$(seconds)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSPARSESCOPE_BUILD_BENCH=OFF "$@" > /dev/null
t1=$(seconds)
ninja -C "$build" sparsescope sparsescope-cli > /dev/null
t2=$(seconds)
ninja -C "$build" > /dev/null
t3=$(seconds)
printf 'build-time: %s, %s cores, %s, commit %s\n' "$([ $warm = 1 ] && echo warm ccache || echo no ccache)" \
  "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" "$(git rev-parse --short HEAD)"
printf 'configure %.0f s, demo targets %.0f s, the rest %.0f s, everything %.0f s\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)" "$(echo "$t3 - $t1" | bc)"
