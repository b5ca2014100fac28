#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every fuzz harness of BUILD (configured with -DSPARSESCOPE_FUZZ=ON, see CMakeLists.txt)
# for SECONDS each, from seed corpora this script writes, keeping the corpora in BUILD/fuzz-corpus
# between runs. Crashes, leaks, timeouts (> 10 s per input) and inputs that need more than 2 GiB
# land in BUILD/fuzz-artifacts/. Prints: harness | seconds | executions | corpus | artifacts.
#   tests/fuzz/run.sh [BUILD] [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-fuzz}
seconds=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(idx cifar image csv-table trials npy train-config sweep-config
                                        rln-options model-file lesson workspace sweep-grid series
                                        atlas-table)
corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
seeds="$build/fuzz-seeds"
mkdir -p "$corpus" "$artifacts"
/usr/bin/python3 tests/fuzz/seeds.py "$seeds" # Debian's python3-numpy
export TMPDIR="${TMPDIR:-/tmp}"
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"
printf '%-10s | %7s | %11s | %6s | %s\n' harness seconds executions corpus artifacts
status=0
for h in "${harnesses[@]}"; do
  mkdir -p "$corpus/$h"
  log="$build/fuzz-$h.log"
  before=$(ls "$artifacts" | grep -c "^$h-" || true)
  # -rss_limit_mb: an input must not make the reader take more than 2 GiB (issue 19's budget).
  "$build/tests/fuzz/fuzz-$h" "$corpus/$h" "$seeds/$h" -max_total_time="$seconds" \
      -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$h-" >"$log" 2>&1 || status=1
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  after=$(ls "$artifacts" | grep -c "^$h-" || true)
  printf '%-10s | %7s | %11s | %6s | %s\n' "$h" "$seconds" "$runs" \
      "$(ls "$corpus/$h" | wc -l)" "$((after - before)) new"
done
exit $status
