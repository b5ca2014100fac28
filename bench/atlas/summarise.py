#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's atlas table from a measured atlas.csv (issue 20.5).

Usage: bench/atlas/summarise.py ATLAS.csv [--ship OUT.csv]

Prints one Markdown row per (series, knob) with the mean over its seeds (and the seeds' range
for clean accuracy). --ship also writes the atlas with each member's path made relative to the
sweep folder (what resources/atlas/ holds: the lesson's atlas, without this machine's paths).
"""
import csv
import math
import os
import statistics
import sys

COLUMNS = [  # (column, header, scale, format)
    ("conv_macs_kept", "conv MACs kept (k)", 1e-3, "{:.0f}"),
    ("latency_b64_ms", "latency b64 (ms)", 1, "{:.2f}"),
    ("clean_accuracy", "clean", 100, "{:.1f}"),
    ("adv:pgd-linf:0.03", "PGD ε=.03", 100, "{:.1f}"),
    ("adv:pgd-linf:0.1", "PGD ε=.1", 100, "{:.1f}"),
    ("deepfool_median_rho2", "DeepFool ρ₂", 1, "{:.3f}"),
    ("corruption_mean", "corruption mean", 100, "{:.1f}"),
    ("corr:uniform-noise:mean", "noise", 100, "{:.1f}"),
    ("corr:contrast:mean", "contrast", 100, "{:.1f}"),
    ("corr:low-pass:mean", "low-pass", 100, "{:.1f}"),
    ("corruption_ce", "CE", 1, "{:.2f}"),
]


def number(text):
    try:
        return float(text)
    except ValueError:
        return math.nan


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    path = argv[1]
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path}: no members")
    knobs = [c for c in rows[0] if c.startswith("knob:") and c != "knob:seed"]
    groups = {}
    for row in rows:
        key = (row["series"], ", ".join(f"{k[5:]}={row[k]}" for k in knobs if row[k]))
        groups.setdefault(key, []).append(row)
    print("| series | knob | seeds | " + " | ".join(h for _, h, _, _ in COLUMNS) + " |")
    print("|---" * (3 + len(COLUMNS)) + "|")
    for (series, knob), members in groups.items():
        cells = []
        for column, _, scale, fmt in COLUMNS:
            values = [number(m.get(column, "")) * scale for m in members]
            values = [v for v in values if not math.isnan(v)]
            if not values:
                cells.append("–")
                continue
            cell = fmt.format(statistics.mean(values))
            if column == "clean_accuracy" and len(values) > 1:
                cell += f" ({fmt.format(min(values))}–{fmt.format(max(values))})"
            cells.append(cell)
        print(f"| {series} | {knob or '–'} | {len(members)} | " + " | ".join(cells) + " |")
    if len(argv) == 4 and argv[2] == "--ship":
        base = os.path.dirname(os.path.abspath(path))
        for row in rows:
            if row["path"].startswith(base + os.sep):
                row["path"] = os.path.relpath(row["path"], base)
        with open(argv[3], "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv)
