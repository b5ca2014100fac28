#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A/B of the GUI benchmark between two builds (e.g. a worktree of an older commit and main):
# alternates the two sparsescope_bench_gui binaries PAIRS times, then prints per build the
# medians over all rounds: GUI and no-GUI images/s, the per-round ratio with its range, the
# longest event-loop gap and the gaps over 50 ms.
#   bench/run-gui-ab.sh OLD_BUILD NEW_BUILD [PAIRS] [ROUNDS]   (defaults 6 and 2)
# Run it on an otherwise idle machine; LIMIT, EPOCHS and VIEW come from the environment.
set -eu
old=$1 new=$2 pairs=${3:-6} rounds=${4:-2}
log=$(mktemp)
i=1
while [ "$i" -le "$pairs" ]; do
    for side in old new; do
        eval "build=\$$side"
        echo "== $side $i" >>"$log"
        QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/bench/sparsescope_bench_gui" \
            --rounds "$rounds" --limit "${LIMIT:-10000}" --epochs "${EPOCHS:-2}" \
            --view "${VIEW:-filters}" 2>/dev/null | grep '^round' >>"$log"
    done
    i=$((i + 1))
done
/usr/bin/python3 - "$log" <<'PY'
import re, statistics as st, sys
side, rows = None, {"old": [], "new": []}
pattern = re.compile(r"round \d+: gui ([\d.]+) images/s \(max gap ([\d.]+) ms, p99 ([\d.]+) ms, "
                     r"(\d+) gaps > 50 ms of (\d+) ticks\), cli ([\d.]+) images/s, ratio ([\d.]+)")
for line in open(sys.argv[1]):
    if line.startswith("== "):
        side = line.split()[1]
    elif (m := pattern.match(line)):
        rows[side].append([float(x) for x in m.groups()])
for side, r in rows.items():
    ratio = [x[6] for x in r]
    print(f"{side}: rounds={len(r)} gui_median={st.median(x[0] for x in r):.0f} "
          f"cli_median={st.median(x[5] for x in r):.0f} ratio_median={st.median(ratio):.3f} "
          f"ratio_range={min(ratio):.3f}-{max(ratio):.3f} longest_gap_ms={max(x[1] for x in r):.1f} "
          f"gaps_over_50ms={int(sum(x[3] for x in r))} ticks={int(sum(x[4] for x in r))}")
PY
rm -f "$log"
