#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The threaded tests under ThreadSanitizer (issue 19.4): the trainer (cancel, pause/stop, resume,
# live snapshots), the sparsity mailbox, thread-count independence, stop tokens of the long jobs,
# the CLI's SIGINT/SIGTERM handling and kill/resume, and every GUI test (each panel's jobs run
# through JobController, whose hand-offs TSan can see: see JobController.cpp).
# Usage: packaging/run-tsan.sh [BUILD_DIR] (default build-tsan; cold ~60 min on 2 cores).
#
# LibTorch, oneDNN and libgomp are not instrumented: ignore_noninstrumented_modules keeps TSan to
# the accesses of SparseScope's own (instrumented) code and the interceptors it calls, one LibTorch
# thread and OMP_NUM_THREADS=1 keep OpenMP out, and packaging/tsan.supp names the rest. A planted
# race (a canary compiled here with the same options) must be reported, so the setup is known to
# catch what it is for.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-tsan}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
start=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DSPARSESCOPE_SANITIZE=tsan -DSPARSESCOPE_BUILD_BENCH=OFF -DSPARSESCOPE_UNITY_BUILD=OFF > /dev/null
cmake --build "$build" -j "$(nproc)" --target sparsescope-cli sparsescope_core_tests \
  sparsescope_cli_tests sparsescope_app_tests
built=$(date +%s)
export SPARSESCOPE_THREADS=1 OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen
# Reports go to files: the CLI tests run the program as child processes whose stderr is
# discarded, and a report there must not be lost. die_after_fork=0: some GUI tests start child
# processes from the (multi-threaded) test process.
reports="$PWD/$build/tsan-reports"
rm -rf "$reports" && mkdir -p "$reports"
export TSAN_OPTIONS="halt_on_error=1:die_after_fork=0:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$PWD/packaging/tsan.supp:log_path=$reports/report"

canary=$(mktemp -d)
trap 'rm -rf "$canary"' EXIT
printf '%s\n' '#include <thread>' 'int counter = 0;' \
  'int main() { std::thread t([] { for (int i = 0; i < 100000; ++i) ++counter; });' \
  '  for (int i = 0; i < 100000; ++i) ++counter; t.join(); return 0; }' > "$canary/canary.cpp"
c++ -fsanitize=thread -O1 -g "$canary/canary.cpp" -o "$canary/canary"
if TSAN_OPTIONS="${TSAN_OPTIONS%%:log_path=*}" "$canary/canary" 2> "$canary/report.txt" \
  || ! grep -q "data race" "$canary/report.txt"; then
  echo "tsan: the planted race was not reported: the setup cannot be trusted" >&2
  exit 1
fi
echo "tsan: the planted race is reported"

status=0
run() {
  local binary=$1 filter=$2 t0
  t0=$(date +%s)
  if ! "$build/tests/$binary" --gtest_brief=1 --gtest_filter="$filter"; then status=1; fi
  echo "tsan: $binary $(($(date +%s) - t0)) s"
}
run sparsescope_core_tests 'Trainer.*:Sparsity.*:Thinner.*:DegradationBatch.*Thread*:RlnBenchmark.StopToken*:Attacks.ResultsDoNotDependOnTheWorkerCount:DistortionMatrix.StopsWhenAsked:HumanData.*:Runtime.*'
run sparsescope_cli_tests 'InterruptCli.*:KillResumeCli.*:HumansFetchCli.*'
run app/sparsescope_app_tests '*'
echo "tsan: build $((built - start)) s, tests $(($(date +%s) - built)) s"
if compgen -G "$reports/report*" > /dev/null; then
  cat "$reports"/report*
  echo "tsan: $(ls "$reports" | wc -l) report(s), above" >&2
  status=1
fi
exit $status
