#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# PGD-40 (ℓ∞, ε = 0.1) throughput on LeNet-5 / Fashion-MNIST test: C++ (core::AttackRunner via
# sparsescope_bench_pgd) against the same loop in PyTorch-Python (pgd_python.py), same model file.
# Builds nothing: build the target first, e.g.
#   cmake --build build-bench --target sparsescope_bench_pgd
#   bench/run-pgd-throughput.sh build-bench [MODEL]
# MODEL: a trained LeNet-5 (run folder's model.pt or archive); default a seeded untrained one.
# N (images), T (threads), REPEATS and PYTHON come from the environment. Python runs with T
# threads and with 1 thread; its faster setting is the baseline. Exits non-zero only on errors.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-bench}
model=${2:-}
N=${N:-1000}
T=${T:-$(nproc)}
REPEATS=${REPEATS:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
# Debian's LibTorch calls OpenBLAS (pthread build), whose thread pool torch.set_num_threads does
# not control: one thread per OpenBLAS call on both sides (the C++ side runs T batches at once).
export OPENBLAS_NUM_THREADS=1

bench="$build/bench/sparsescope_bench_pgd"
if [ ! -x "$bench" ]; then
    echo "run-pgd-throughput.sh: $bench not found; build the target sparsescope_bench_pgd" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "$model" ]; then
    [ -d "$model" ] && model="$model/model.pt"
    cp "$model" "$tmp/model.pt"
else
    "$bench" --limit 10 --steps 1 --save-model "$tmp/model.pt" > /dev/null
fi

value() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
cppLine=$("$bench" --model "$tmp/model.pt" --limit "$N" --threads "$T" --repeats "$REPEATS")
echo "$cppLine"
pyLine=$("$PYTHON" "$here/pgd_python.py" --model "$tmp/model.pt" --limit "$N" --threads "$T" --repeats "$REPEATS")
echo "$pyLine"
py1Line=$("$PYTHON" "$here/pgd_python.py" --model "$tmp/model.pt" --limit "$N" --threads 1 --repeats "$REPEATS")
echo "$py1Line"
cpp=$(value cpp_pgd_images_per_second "$cppLine")
py=$(value python_pgd_images_per_second "$pyLine")
py1=$(value python_pgd_images_per_second "$py1Line")
awk -v c="$cpp" -v p="$py" -v q="$py1" 'BEGIN {
    best = (p > q) ? p : q
    printf "ratio cpp/python(T threads) = %.2f, cpp/python(1 thread) = %.2f, cpp/best python = %.2f\n", c / p, c / q, c / best }'
