#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent PyTorch-Python version of the authors' RLN tutorial protocol, to compare with
`sparsescope-cli rln` (bench/rln_tables.sh runs both with REFERENCE=1).

It follows irashavitt/regularization_learning_networks (Keras_tutorial.ipynb, RLNCallback of
Keras_implementation.py) as methods.md §2.3-2.4 describes them: Boston housing + N(0,1) noise
features, StandardScaler fitted on the training rows, Dense layers with geometric widths, ReLU,
Glorot-normal weights, zero biases, MSE, RMSprop (lr 1e-3, rho 0.9, eps 1e-7), batch 10, 100
epochs, RLN on the first layer only, applied after every optimizer step with float64 state.
Two deliberate differences from the Keras code, both shared with the C++ port: the split is a
seeded 80/20 split of scikit-learn's CSV (not Keras' copy of the data), and where the cap binds
the weight is set to exactly 0 (the Keras arithmetic leaves about 1e-17·|w|); pass
--authors-arithmetic to keep the authors' w − sign(w)·exp(log|w|) instead.

With --search (issue 23) it follows the protocol of `sparsescope-cli rln`'s defaults: per seed,
20 % of the training rows are validation rows; RLN tries Θ ∈ {-12, -10, -8} × ν ∈ {1e5, 1e6, 1e7}
and the L1 network 1e-3 … 10 in half decades on them, keeps the lowest validation MSE, and
retrains that setting on all training rows; both are scored on the test rows, paired by seed
(t-test and sign test, scipy), with the first layer counted three ways (exact zeros, |w| <= 1e-3,
noise features eliminated and real features kept at 1e-3). --out writes one row per run.

Prints one line per run and a summary: test MSE, explained variance, exactly-zero first-layer
edges, edges below 1e-6 in magnitude, and the "Keras score": what the tutorial printed, i.e.
KerasRegressor.score = model.evaluate's loss, which for the L1 networks includes the penalty
l1·Σ|w| (so the tutorial's L1 numbers are not test MSEs; RLN's and the plain network's are).
"""
import argparse
import math
import sys
import time

import numpy as np
import torch

BOSTON = "/usr/lib/python3/dist-packages/sklearn/datasets/data/boston_house_prices.csv"


class RlnCallback:
    """The authors' RLNCallback.on_batch_end, in float64 torch instead of pandas."""

    def __init__(self, weight, theta, nu, norm=1, authors_arithmetic=False):
        self.weight = weight  # the layer's parameter, modified in place (never replaced)
        self.theta, self.nu, self.norm = theta, nu, norm
        self.authors = authors_arithmetic
        self.lam = torch.full(weight.shape, theta, dtype=torch.float64)
        self.ref = weight.detach().to(torch.float64).clone()
        self.prev = None

    @torch.no_grad()
    def __call__(self):
        w = self.weight.detach().to(torch.float64)
        dw = w - self.ref
        d = torch.sign(w) if self.norm == 1 else 2 * w
        if self.prev is not None:
            self.lam -= self.nu * dw * self.prev
            self.lam += self.theta - self.lam.mean()
        cap = torch.log(torch.abs(w / d))
        cap = torch.where(torch.isnan(cap), torch.full_like(cap, math.inf), cap)
        capped = self.lam >= cap
        self.lam = torch.minimum(self.lam, cap)
        r = d * torch.exp(self.lam)
        new = w - r
        if not self.authors:
            r = torch.where(capped, w, r)
            new = torch.where(capped, torch.zeros_like(new), new)
        self.weight.copy_(new.to(self.weight.dtype))
        self.prev = r
        self.ref = new


def glorot_normal_(w, generator):
    fan_out, fan_in = w.shape
    sd = math.sqrt(2.0 / (fan_in + fan_out))
    draw = torch.randn(w.shape, generator=generator)
    while True:
        outside = draw.abs() > 2
        if not outside.any():
            break
        draw = torch.where(outside, torch.randn(w.shape, generator=generator), draw)
    with torch.no_grad():
        w.copy_(draw * sd)


def geometric_widths(inputs, depth):
    return [int(np.round(np.exp(np.log(inputs) * k / depth))) for k in range(depth - 1, 0, -1)]


def run_once(x_train, y_train, x_test, y_test, args, seed, l1, theta=None, nu=None):
    generator = torch.Generator().manual_seed(seed)
    widths = [x_train.shape[1]] + geometric_widths(x_train.shape[1], args.depth) + [1]
    layers = []
    for i in range(len(widths) - 1):
        linear = torch.nn.Linear(widths[i], widths[i + 1])
        glorot_normal_(linear.weight, generator)
        torch.nn.init.zeros_(linear.bias)
        layers += [linear] + ([torch.nn.ReLU()] if i + 2 < len(widths) else [])
    model = torch.nn.Sequential(*layers)
    first = model[0].weight
    optimizer = torch.optim.RMSprop(model.parameters(), lr=args.lr, alpha=0.9, eps=1e-7)
    rln = (RlnCallback(first, args.theta if theta is None else theta,
                       args.nu if nu is None else nu, args.norm, args.authors_arithmetic)
           if l1 is None else None)
    xt = torch.from_numpy(x_train)
    yt = torch.from_numpy(y_train).unsqueeze(1)
    rows = xt.shape[0]
    order_generator = torch.Generator().manual_seed(seed + 1)
    for _ in range(args.epochs):
        order = torch.randperm(rows, generator=order_generator)
        for begin in range(0, rows, args.batch):
            index = order[begin:begin + args.batch]
            loss = torch.nn.functional.mse_loss(model(xt[index]), yt[index])
            if l1 is not None and l1 > 0:
                loss = loss + l1 * first.abs().sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if rln:
                rln()
    with torch.no_grad():
        predicted = model(torch.from_numpy(x_test)).squeeze(1).numpy().astype(np.float64)
    error = y_test - predicted
    mse = float(np.mean(error ** 2))
    explained = float(1 - np.var(error) / np.var(y_test))
    w = first.detach()
    # What KerasRegressor.score reports: model.evaluate's loss, which includes the L1 penalty
    # (the tutorial's "L1 ... MSE" numbers); equal to the MSE for RLN and plain networks.
    keras_score = mse + (l1 * float(w.abs().sum()) if l1 else 0.0)
    run_once.last_weights = w.numpy().copy()
    return (mse, explained, float((w == 0).float().mean()), float((w.abs() < 1e-6).float().mean()),
            keras_score)


def counted(w, real, tau=1e-3):
    """The first layer the paper's way: edges at |w| <= tau, noise inputs whose every outgoing
    |w| <= tau (eliminated), real inputs with some |w| > tau (kept)."""
    largest = np.abs(w).max(0)
    return (float((np.abs(w) <= tau).mean()), int((largest[real:] <= tau).sum()),
            int((largest[:real] > tau).sum()))


def search_seed(xs, y_all, train, test, args, seed, real):
    """One seed of the CLI's default protocol: validation rows, searched RLN and L1, refit."""
    rng = np.random.default_rng(seed + 7)
    shuffled = rng.permutation(train)
    n_val = round(args.validation_fraction * len(train))
    val, fit = shuffled[:n_val], shuffled[n_val:]
    f32 = lambda rows: xs[rows]
    rows = []
    candidates = {
        "rln": [(None, t, n) for t in (-12.0, -10.0, -8.0) for n in (1e5, 1e6, 1e7)],
        "l1": [(float(v), None, None) for v in 10.0 ** np.linspace(-3, 1, 9)],
    }
    for model, grid in candidates.items():
        best = None
        for l1, theta, nu in grid:
            mse = run_once(f32(fit), y_all[fit].astype(np.float32), f32(val), y_all[val], args,
                           seed, l1, theta, nu)[0]
            if np.isfinite(mse) and (best is None or mse < best[0]):
                best = (mse, l1, theta, nu)
        _, l1, theta, nu = best
        r = run_once(f32(train), y_all[train].astype(np.float32), f32(test), y_all[test], args,
                     seed, l1, theta, nu)
        edges, noise_out, real_kept = counted(run_once.last_weights, real)
        pick = "l1=%g" % l1 if model == "l1" else "theta=%g nu=%g" % (theta, nu)
        rows.append((model, seed, pick, r[0], r[2], edges, noise_out, real_kept))
        print("seed=%d %s (%s): test_mse=%.3f zero_edges=%.4f le_1e-3=%.4f noise_out=%d real_kept=%d"
              % (seed, model, pick, r[0], r[2], edges, noise_out, real_kept), flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", default=BOSTON)
    parser.add_argument("--skip-rows", type=int, default=1,
                        help="lines before the header (scikit-learn's Boston file: 1)")
    parser.add_argument("--search", action="store_true",
                        help="search RLN's (theta, nu) and the L1 strength on validation rows")
    parser.add_argument("--validation-fraction", type=float, default=0.2)
    parser.add_argument("--out", help="--search: write one CSV row per run here")
    parser.add_argument("--noise-features", type=int, default=1000)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--theta", type=float, default=-10.0)
    parser.add_argument("--nu", type=float, default=1e6)
    parser.add_argument("--norm", type=int, default=1)
    parser.add_argument("--l1", type=float, default=None, help="an L1 network instead of RLN")
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--authors-arithmetic", action="store_true")
    parser.add_argument("--keras-split", action="store_true",
                        help="the 404/102 split of keras.datasets.boston_housing (numpy seed 113) "
                             "on every seed, as the tutorial; default: a seeded 80/20 split each")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    data = np.loadtxt(args.csv, delimiter=",", skiprows=args.skip_rows + 1, dtype=np.float64)
    x_all, y_all = data[:, :-1], data[:, -1]
    real = x_all.shape[1]
    results = []
    searched = []
    for s in range(args.seeds):
        seed = 32292 + s
        rng = np.random.default_rng(seed)
        x = np.concatenate([x_all, rng.standard_normal((len(x_all), args.noise_features))], 1)
        if args.keras_split:
            order = np.arange(len(x))
            np.random.RandomState(113).shuffle(order)
            train, test = order[:404], order[404:]
        else:
            order = rng.permutation(len(x))
            test = order[: round(0.2 * len(x))]
            train = order[round(0.2 * len(x)):]
        mean, sd = x[train].mean(0), x[train].std(0)
        sd[sd == 0] = 1
        xs = ((x - mean) / sd).astype(np.float32)
        if args.search:
            searched += search_seed(xs, y_all, train, test, args, seed, real)
            continue
        start = time.perf_counter()
        r = run_once(xs[train], y_all[train].astype(np.float32), xs[test], y_all[test], args,
                     seed, args.l1)
        results.append(r)
        print("seed=%d test_mse=%.3f explained_variance=%.4f zero_edges=%.4f below_1e-6=%.4f "
              "keras_score=%.3f seconds=%.1f" % ((seed,) + r + (time.perf_counter() - start,)),
              flush=True)
    if args.search:
        return report_search(searched, args)
    r = np.array(results)
    model = "l1=%g" % args.l1 if args.l1 is not None else "rln theta=%g nu=%g" % (args.theta,
                                                                                 args.nu)
    print("%s: test_mse %.3f ± %.3f  explained_variance %.4f  zero_edges %.4f  below_1e-6 %.4f"
          "  keras_score %.3f" % (model, r[:, 0].mean(), r[:, 0].std(ddof=1) if len(r) > 1 else 0,
                                  r[:, 1].mean(), r[:, 2].mean(), r[:, 3].mean(), r[:, 4].mean()))
    return 0


def report_search(rows, args):
    from scipy import stats
    if args.out:
        with open(args.out, "w") as out:
            out.write("model,seed,pick,test_mse,zero_edges,edges_le_1e-3,noise_eliminated_1e-3,"
                      "real_kept_1e-3\n")
            for r in rows:
                out.write("%s,%d,%s,%.6g,%.6g,%.6g,%d,%d\n" % r)
    mse = {m: np.array([r[3] for r in rows if r[0] == m]) for m in ("rln", "l1")}
    for m in ("rln", "l1"):
        sel = [r for r in rows if r[0] == m]
        print("%s: test_mse %.3f ± %.3f  le_1e-3 %.4f  noise_out %.1f  real_kept %.1f" % (
            m, mse[m].mean(), mse[m].std(ddof=1) if len(sel) > 1 else 0,
            np.mean([r[5] for r in sel]), np.mean([r[6] for r in sel]),
            np.mean([r[7] for r in sel])))
    d = mse["rln"] - mse["l1"]
    p = stats.ttest_1samp(d, 0).pvalue if len(d) > 1 else float("nan")
    sign = stats.binomtest(int((d < 0).sum()), int((d != 0).sum())).pvalue if (d != 0).any() else 1
    print("rln/l1 = %.3f; rln - l1 per seed: %s; paired t-test p = %.3g, sign test p = %.3g" % (
        mse["rln"].mean() / mse["l1"].mean(), " ".join("%+.2f" % v for v in d), p, sign))
    return 0


if __name__ == "__main__":
    sys.exit(main())
