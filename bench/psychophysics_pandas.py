#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Psychophysics load + tables: pandas against sparsescope_bench_psychophysics.

Loads every trial of the 2018 data (humans from raw-data/humans, the three pretrained DNNs from
raw-data/TF with object_response_sums as the decision, the human duplicates in TF/ skipped) and
computes what the C++ bench computes (the checksums printed by both must agree): accuracy and response entropy per observer unit and
condition (human subject; DNN session), their means per observer and the mean over subjects, and
a confusion table (response x category, percent per category) per experiment and condition for
all humans pooled, each subject and each DNN. Vectorised pandas (groupby), not loops over
crosstab. Prints both times (medians) and the ratio.

    python3 bench/psychophysics_pandas.py --data DIR --cpp build/bench/sparsescope_bench_psychophysics
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import time

import numpy as np
import pandas as pd


def load(root):
    raw = os.path.join(root, "raw-data") if os.path.isdir(os.path.join(root, "raw-data")) else root
    frames = []
    for part in ("humans", "TF"):
        for folder in sorted(glob.glob(os.path.join(raw, part, "*-experiment"))):
            experiment = os.path.basename(folder)[: -len("-experiment")]
            files = sorted(glob.glob(os.path.join(folder, "*.csv")) + glob.glob(os.path.join(folder, "*.csv.gz")))
            for path in files:
                if part == "TF" and "_subject-" in os.path.basename(path):
                    continue
                df = pd.read_csv(path, dtype={"condition": str, "object_response": str, "category": str})
                df.columns = [c.lower() for c in df.columns]
                if "object_response_sums" in df.columns:
                    df["object_response"] = df["object_response_sums"]
                df = df[["subj", "session", "trial", "rt", "object_response", "category", "condition", "imagename"]]
                df["experiment"] = experiment
                frames.append(df)
    return pd.concat(frames, ignore_index=True)


def tables(df):
    human = df["subj"].str.startswith("subject-")
    df = df.assign(human=human, correct=(df["object_response"] == df["category"]),
                   unit=np.where(human, -1, df["session"]))
    keys = ["experiment", "subj", "unit", "condition"]
    # Accuracy per unit, then per observer (mean over DNN sessions), then the human mean.
    unit_acc = df.groupby(keys, sort=False)["correct"].mean()
    # 2018 entropy: responses other than "na"; p over the answered trials.
    answered = df[df["object_response"] != "na"]
    counts = answered.groupby(keys + ["object_response"], sort=False).size()
    p = counts / counts.groupby(level=[0, 1, 2, 3], sort=False).transform("sum")
    unit_entropy = (-(p * np.log2(p))).groupby(level=[0, 1, 2, 3], sort=False).sum()
    units = pd.DataFrame({"accuracy": unit_acc, "entropy": unit_entropy}).reset_index()
    observers = units.groupby(["experiment", "subj", "condition"], sort=False)[["accuracy", "entropy"]].mean().reset_index()
    humans = observers[observers["subj"].str.startswith("subject-")]
    means = humans.groupby(["experiment", "condition"], sort=False)[["accuracy", "entropy"]].mean().reset_index()
    means["subj"] = "humans"
    summary = pd.concat([observers, means], ignore_index=True)
    # Confusion tables: per (experiment, condition, observer) and humans pooled.
    cells = df.groupby(["experiment", "condition", "subj", "category", "object_response"], sort=False).size()
    per_observer = 100 * cells / cells.groupby(level=[0, 1, 2, 3], sort=False).transform("sum")
    pooled_cells = df[df["human"]].groupby(["experiment", "condition", "category", "object_response"], sort=False).size()
    pooled = 100 * pooled_cells / pooled_cells.groupby(level=[0, 1, 2], sort=False).transform("sum")
    confusion = {}
    for key, block in per_observer.groupby(level=[0, 1, 2], sort=False):
        confusion[key] = block.droplevel([0, 1, 2]).unstack(fill_value=0.0)
    for key, block in pooled.groupby(level=[0, 1], sort=False):
        confusion[key + ("humans",)] = block.droplevel([0, 1]).unstack(fill_value=0.0)
    return summary, confusion


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--cpp", help="sparsescope_bench_psychophysics binary (rounds alternate)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    # Rounds alternate C++ and pandas, so that a busy machine slows both alike.
    cpp_loads, cpp_totals, loads, totals = [], [], [], []
    cpp_out = ""
    for _ in range(args.repeats):
        if args.cpp:
            cpp_out = subprocess.run([args.cpp, "--data", args.data, "--repeats", "1"],
                                     check=True, capture_output=True, text=True).stdout
            cpp_loads.append(float(re.search(r"cpp_load_seconds=([0-9.]+)", cpp_out).group(1)))
            cpp_totals.append(float(re.search(r"cpp_total_seconds=([0-9.]+)", cpp_out).group(1)))
        start = time.perf_counter()
        df = load(args.data)
        loaded = time.perf_counter()
        summary, confusion = tables(df)
        end = time.perf_counter()
        loads.append(loaded - start)
        totals.append(end - start)
    if args.cpp:
        print(cpp_out.splitlines()[0])
        print(f"cpp_load_seconds={statistics.median(cpp_loads):.4f} "
              f"cpp_total_seconds={statistics.median(cpp_totals):.4f} (median of {args.repeats})")
    print(f"trials={len(df)} summary_rows={len(summary)} confusion_tables={len(confusion)} "
          f"accuracy_sum={summary['accuracy'].sum():.6f} entropy_sum={summary['entropy'].sum():.6f}")
    print(f"pandas_load_seconds={statistics.median(loads):.4f} "
          f"pandas_tables_seconds={statistics.median([t - l for t, l in zip(totals, loads)]):.4f} "
          f"pandas_total_seconds={statistics.median(totals):.4f} (median of {args.repeats}; "
          f"pandas {pd.__version__})")
    if args.cpp:
        print(f"ratio pandas/cpp = {statistics.median(totals) / statistics.median(cpp_totals):.1f}x")


if __name__ == "__main__":
    main()
