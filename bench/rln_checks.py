#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 23's restated RLN checks on a `sparsescope-cli rln` output folder (results.csv and
paired.csv, as the CLI wrote them; nothing is recomputed except ratios and counts):

  - RLN test MSE <= 0.85 x the searched L1 network's (ratio of the means), paired t-test p < 0.05;
  - with the authors' rule counted the paper's way at tau = 1e-3: >= 90 % of RLN's first-layer
    edges at |w| <= tau, >= 90 % of the noise features eliminated, >= 10 of the real features kept
    (Boston: 13);
  - the weighted ensemble <= min(RLN, GBT) on >= 4 of 5 seeds (with how many strictly below, and
    what the loss-minimising out-of-fold weight, before the one-standard-error rule, would have
    scored: recomputed from the members' predictions.csv).
Also prints the per-seed picks. Exits non-zero only on errors, never because a check misses.
Usage: rln_checks.py OUT_DIR [--max-rln MSE] (e.g. 23 for Keras' split)
"""
import csv
import json
import os
import sys


def blended_mse(out, seed, fold, w):
    """The test MSE of w * RLN + (1 - w) * GBT from the two run folders' predictions.csv."""
    suffix = "-seed%s" % seed + ("-fold%s" % fold if fold not in ("", "0") else "")
    rln = list(csv.DictReader(open("%s/rln%s/predictions.csv" % (out, suffix))))
    gbt = list(csv.DictReader(open("%s/gbt%s/predictions.csv" % (out, suffix))))
    errors = [(w * float(a["prediction"]) + (1 - w) * float(b["prediction"]) - float(a["target"])) ** 2
              for a, b in zip(rln, gbt)]
    return sum(errors) / len(errors)


def main():
    out = sys.argv[1]
    max_rln = float(sys.argv[sys.argv.index("--max-rln") + 1]) if "--max-rln" in sys.argv else None
    rows = list(csv.DictReader(open(out + "/results.csv")))
    by = {}
    for r in rows:
        by.setdefault(r["model"], {})[(r["seed"], r["fold"])] = r
    mean = lambda values: sum(values) / len(values)

    def mse(model):
        return {k: float(r["test_mse"]) for k, r in by.get(model, {}).items()}

    rln, l1, gbt, ens = mse("rln"), mse("l1"), mse("gbt"), mse("ensemble")
    print("seed  rln       l1        gbt       ensemble  w     rln pick")
    for k in sorted(rln, key=lambda k: (int(k[0]), int(k[1]))):
        print("%-5s %-9.3f %-9s %-9s %-9s %-5s %s" % (
            k[0], rln[k], "%.3f" % l1[k] if k in l1 else "-", "%.3f" % gbt[k] if k in gbt else "-",
            "%.3f" % ens[k] if k in ens else "-",
            by["ensemble"][k]["blend_weight"] if k in ens else "-", by["rln"][k]["settings"]))
    if rln and l1:
        ratio = mean(list(rln.values())) / mean(list(l1.values()))
        print("rln/l1 test MSE = %.3f / %.3f = %.3f (need <= 0.85): %s" % (
            mean(list(rln.values())), mean(list(l1.values())), ratio,
            "met" if ratio <= 0.85 else "missed"))
    for r in csv.DictReader(open(out + "/paired.csv")):
        if r["seed"] == "":
            print("paired %s - %s: mean %s, lower on %s of %s, t-test p = %s, sign test p = %s" % (
                r["model"], r["against"], r["difference"], r["lower"], r["pairs"], r["t_test_p"],
                r["sign_test_p"]))
    if max_rln is not None and rln:
        m = mean(list(rln.values()))
        print("rln test MSE %.3f (need <= %g): %s" % (m, max_rln, "met" if m <= max_rln else "missed"))
    if "rln" in by:
        r0 = next(iter(by["rln"].values()))
        edges = mean([int(r["edges_le_1e-3"]) / int(r["edges_total"]) for r in by["rln"].values()])
        noise = int(r0["noise_features"])
        out_noise = mean([int(r["noise_eliminated_1e-3"]) / max(noise, 1)
                          for r in by["rln"].values()])
        kept = mean([int(r["real_kept_1e-3"]) for r in by["rln"].values()])
        exact = mean([int(r["edges_le_0"]) / int(r["edges_total"]) for r in by["rln"].values()])
        real = int(r0["real_features"])
        print("rln first layer: exact zeros %.2f %%; |w| <= 1e-3: %.2f %% of edges (need >= 90 %%): %s"
              % (100 * exact, 100 * edges, "met" if edges >= 0.9 else "missed"))
        print("rln noise features eliminated at 1e-3: %.1f %% (need >= 90 %%): %s; real kept %.1f of %d "
              "(need >= 10): %s" % (100 * out_noise, "met" if out_noise >= 0.9 else "missed", kept,
                                    real, "met" if kept >= 10 else "missed"))
    if ens and rln and gbt:
        wins = sum(1 for k in ens if k in rln and k in gbt and ens[k] <= min(rln[k], gbt[k]))
        strict = sum(1 for k in ens if k in rln and k in gbt and ens[k] < min(rln[k], gbt[k]))
        print("ensemble <= min(rln, gbt) on %d of %d seeds (need >= 4 of 5): %s; strictly below "
              "on %d" % (wins, len(ens), "met" if wins >= 0.8 * len(ens) else "missed", strict))
        minimum = {}
        for k in ens:
            suffix = "-seed%s" % k[0] + ("-fold%s" % k[1] if k[1] not in ("", "0") else "")
            path = "%s/ensemble%s/run.json" % (out, suffix)
            choice = json.load(open(path))["details"].get("weight_choice") if os.path.exists(path) else None
            if choice and k in rln and k in gbt:
                w = choice["minimum_loss_weight"]
                minimum[k] = (w, blended_mse(out, k[0], k[1], w))
        if minimum:
            print("without the one-standard-error rule (loss-minimising out-of-fold w): "
                  + "; ".join("seed %s w=%.2f mse %.3f" % (k[0], w, m) for k, (w, m) in sorted(minimum.items()))
                  + "; <= min(rln, gbt) on %d of %d" % (
                      # a tie within 1e-6 relative: predictions.csv holds 10 digits
                      sum(1 for k, (w, m) in minimum.items()
                          if m <= min(rln[k], gbt[k]) * (1 + 1e-6)), len(minimum)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
