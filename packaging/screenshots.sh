#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the screenshots of every panel under Xvfb into docs/ (or OUT): the training panel (filters,
# group norms, thin and compare, all views tiled with the workspace tree), teaching mode, the
# robustness, tabular (RLN), degradations and humans-vs-DNNs panels. Each picture is a real run of
# the GUI (`sparsescope … --screenshot FILE --quit-when-done`); look at them before committing.
#
#   packaging/screenshots.sh [BUILD_DIR] [OUT_DIR]
#
# Needs xvfb-run, the built `sparsescope` and `sparsescope-cli`. The humans pictures use the
# released trial data at ../shared/reference/human-data (or HUMAN_DATA=DIR: a clone of
# github.com/rgeirhos/generalisation-humans-DNNs); they are skipped with a message without it.
# The RLN picture needs Boston housing (python3-sklearn). MATRIX=FILE adds the train × test
# matrix picture (a `distortion-matrix` matrix.csv). About 9 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-docs}
app="$build/app/sparsescope"
cli="$build/app/cli/sparsescope-cli"
for tool in "$app" "$cli"; do
  [ -x "$tool" ] || { echo "screenshots: $tool is not built (cmake --build $build)" >&2; exit 2; }
done
command -v xvfb-run > /dev/null || { echo "screenshots: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Keep the user's own settings (remembered layouts, recent files) out of the pictures.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

shot() {
  local file=$1
  shift
  echo "screenshots: $file"
  xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@" --screenshot "$out/$file" --quit-when-done \
    > "$work/log" 2>&1 || { cat "$work/log" >&2; echo "screenshots: $file failed" >&2; exit 1; }
}

# The README's demo (the ssl-filter-channel preset, full data), 25 s in: filters at zero.
shot training-demo.png --demo --screenshot-after 25
shot training-panel.png --demo --epochs 1 --limit 3000 --ssl filter=0.3,channel=0.03 --view filters
shot training-norms.png --demo --epochs 1 --limit 3000 --ssl filter=0.3,channel=0.03 --view norms
shot training-tiled.png --demo --epochs 1 --limit 6000 --ssl filter=0.3,channel=0.03 --tile-views \
  --workspace
shot training-thin.png --demo --epochs 3 --limit 10000 --ssl filter=0.3,channel=0.03 --view thin
shot teaching-mode.png --lesson 1 --presentation --screenshot-after 2

# Robustness: two small models trained here.
"$cli" train --model lenet5 --data fashion-mnist:train --test-data fashion-mnist:test --epochs 1 \
  --limit 6000 --out "$work/lenet5" > /dev/null 2>&1
"$cli" train --model lenet-300-100 --data fashion-mnist:train --test-data fashion-mnist:test \
  --epochs 1 --limit 6000 --out "$work/lenet-300-100" > /dev/null 2>&1
shot robustness-panel.png --panel robustness --attack-models "$work/lenet5;$work/lenet-300-100" \
  --attack fgsm --limit 300 --demo

if [ -f /usr/lib/python3/dist-packages/sklearn/datasets/data/boston_house_prices.csv ]; then
  # RLN and L1 search their settings on the validation rows (9 fits each): about 4 minutes each.
  shot rln-panel.png --panel rln --demo --rln-models rln,l1,gbt,ensemble --epochs 30 \
    --view importance
  shot rln-results.png --panel rln --demo --rln-models rln,l1,gbt,ensemble --epochs 30 \
    --view results
else
  echo "screenshots: rln-panel.png skipped (Boston housing needs python3-sklearn)"
fi

shot degradations-panel.png --panel degradations --image fashion-mnist:test#0 \
  --degradation uniform-noise --level 0.35

humans=${HUMAN_DATA:-../shared/reference/human-data/generalisation-humans-DNNs}
if [ -d "$humans" ]; then
  shot humans-panel.png --panel humans --humans-data "$humans" --experiment noise --view accuracy
  shot humans-confusion.png --panel humans --humans-data "$humans" --experiment noise \
    --view confusion
  shot humans-consistency.png --panel humans --humans-data "$humans" --experiment noise \
    --view consistency
else
  echo "screenshots: humans pictures skipped ($humans is absent; clone" \
    "github.com/rgeirhos/generalisation-humans-DNNs and set HUMAN_DATA)"
fi
if [ -n "${MATRIX:-}" ]; then
  shot humans-matrix.png --panel humans --matrix "$MATRIX" --view matrix
fi
echo "screenshots: written to $out/"
