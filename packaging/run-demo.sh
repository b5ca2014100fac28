#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up a fresh Debian 12 machine, builds SparseScope and runs the demo: the GUI training
# LeNet-5 on Fashion-MNIST. Without a display it says so and runs the same demo headless through
# sparsescope-cli, writing a run folder and a short report.
# Usage: [BUILD_DIR=build] packaging/run-demo.sh [extra train flags, e.g. --epochs 1 --limit 5000]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash packaging/install-deps.sh
export CCACHE_BASEDIR="$PWD"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target sparsescope sparsescope-cli

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build/app/sparsescope" --demo "$@"
fi

echo "run-demo: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running the same demo headless."
run="demo-runs/lenet5-$(date +%Y%m%d-%H%M%S)"
mkdir -p demo-runs
cli="$build/app/cli/sparsescope-cli"
# The GUI's demo: LeNet-5 on fashion-mnist:train, tested on :test, 3 epochs, group Lasso on the
# conv layers' filters and channels (the embedded preset; flags after it override it).
"$cli" train --config resources/presets/ssl-filter-channel.json --out "$run" "$@"
{
  echo "SparseScope demo report — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "Run folder: $run"
  echo
  "$cli" info --model "$run"
  echo "Filters, channels and columns at zero after the last epoch (structure.csv):"
  last=$(tail -n 1 "$run/structure.csv" | cut -d, -f1)
  zeros=$(head -n 1 "$run/structure.csv"; grep "^$last," "$run/structure.csv")
  column -s, -t <<<"$zeros" 2>/dev/null || echo "$zeros"
  echo "Per-epoch metrics (metrics.csv):"
  column -s, -t <"$run/metrics.csv" 2>/dev/null || cat "$run/metrics.csv"
  echo
  echo "Evaluation of the saved model on fashion-mnist:test:"
  "$cli" eval --model "$run" --data fashion-mnist:test
} | tee "$run/report.txt"
echo "run-demo: report written to $run/report.txt"
