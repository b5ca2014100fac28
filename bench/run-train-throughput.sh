#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# LeNet-5 training throughput: C++ (core::Trainer via sparsescope_bench_train) against the same
# training in PyTorch-Python: idiomatic (torchvision FashionMNIST + ToTensor/Normalize + DataLoader),
# lite (a hand-written Dataset without PIL + DataLoader) and tuned (pre-loaded tensors).
# Builds nothing: build the target first, e.g.
#   cmake --build build --target sparsescope_bench_train
#   bench/run-train-throughput.sh build
# Usage: run-train-throughput.sh [BUILD_DIR] ; N (images), E (epochs), T (threads), REPEATS and
# PYTHON come from the environment. Each side runs REPEATS times, interleaved; the median counts.
# Exits non-zero only on errors, never on the ratios.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
N=${N:-10000}
E=${E:-2}
T=${T:-$(nproc)}
REPEATS=${REPEATS:-1}
# Debian's python3 (python3-torch); another python3 may come first on PATH.
PYTHON=${PYTHON:-/usr/bin/python3}

# Debian's LibTorch calls the system BLAS (OpenBLAS, pthread build), whose own thread pool
# torch.set_num_threads / --threads do not control; under several LibTorch threads the two pools
# fight. The C++ side sets OpenBLAS itself (one thread beside several LibTorch threads: see
# `sparsescope-cli --version`), so nothing is exported for it; Python gets its best setting,
# OPENBLAS_NUM_THREADS=1 (PYTHON_BLAS_THREADS to change it).
unset OPENBLAS_NUM_THREADS GOTO_NUM_THREADS
PYTHON_BLAS_THREADS=${PYTHON_BLAS_THREADS:-1}
py() { OPENBLAS_NUM_THREADS="$PYTHON_BLAS_THREADS" "$PYTHON" "$@"; }

bench="$build/bench/sparsescope_bench_train"
if [ ! -x "$bench" ]; then
    echo "run-train-throughput.sh: $bench not found; build the target sparsescope_bench_train" >&2
    exit 1
fi

# The value of key=... in a result line.
value() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cpp="" idiomatic="" lite="" tuned="" cppCpu="" idiomaticCpu="" liteCpu="" tunedCpu="" blasThreads=""
i=1
while [ "$i" -le "$REPEATS" ]; do
    line=$("$bench" --limit "$N" --epochs "$E" --threads "$T")
    echo "$line"
    cpp="$cpp $(value cpp_images_per_second "$line")"
    cppCpu="$cppCpu $(value images_per_cpu_second "$line")"
    blasThreads=$(value blas_threads "$line")
    line=$(py "$here/lenet_throughput.py" --mode idiomatic --limit "$N" --epochs "$E" --threads "$T")
    echo "$line"
    idiomatic="$idiomatic $(value python_idiomatic_images_per_second "$line")"
    idiomaticCpu="$idiomaticCpu $(value images_per_cpu_second "$line")"
    line=$(py "$here/lenet_throughput.py" --mode lite --limit "$N" --epochs "$E" --threads "$T")
    echo "$line"
    lite="$lite $(value python_lite_images_per_second "$line")"
    liteCpu="$liteCpu $(value images_per_cpu_second "$line")"
    line=$(py "$here/lenet_throughput.py" --mode tuned --limit "$N" --epochs "$E" --threads "$T")
    echo "$line"
    tuned="$tuned $(value python_tuned_images_per_second "$line")"
    tunedCpu="$tunedCpu $(value images_per_cpu_second "$line")"
    i=$((i + 1))
done

cpp=$(median $cpp)
idiomatic=$(median $idiomatic)
lite=$(median $lite)
liteCpu=$(median $liteCpu)
tuned=$(median $tuned)
cppCpu=$(median $cppCpu)
idiomaticCpu=$(median $idiomaticCpu)
tunedCpu=$(median $tunedCpu)
echo
echo "LeNet-5 training, Fashion-MNIST first $N images, $E epochs, batch 64, $T threads (C++: OpenBLAS threads $blasThreads, set by the program; Python: OPENBLAS_NUM_THREADS=$PYTHON_BLAS_THREADS), median of $REPEATS"
printf '%-36s %10s %9s %12s %9s\n' "side" "images/s" "C++/side" "images/CPU-s" "C++/side"
awk -v c="$cpp" -v i="$idiomatic" -v l="$lite" -v t="$tuned" -v cc="$cppCpu" -v ic="$idiomaticCpu" -v lc="$liteCpu" -v tc="$tunedCpu" 'BEGIN {
    printf "%-36s %10.1f %9s %12.1f %9s\n", "C++ core::Trainer", c, "-", cc, "-"
    printf "%-36s %10.1f %8.2fx %12.1f %8.2fx\n", "Python idiomatic (torchvision)", i, c / i, ic, cc / ic
    printf "%-36s %10.1f %8.2fx %12.1f %8.2fx\n", "Python lite (own Dataset, no PIL)", l, c / l, lc, cc / lc
    printf "%-36s %10.1f %8.2fx %12.1f %8.2fx\n", "Python tuned (pre-loaded tensors)", t, c / t, tc, cc / tc
    printf "ratio_cpp_over_idiomatic=%.3f ratio_cpp_over_lite=%.3f ratio_cpp_over_tuned=%.3f\n", c / i, c / l, c / t
}'
