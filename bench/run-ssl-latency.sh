#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SSL's latency claim on this CPU: a trained model with zero groups, run dense, thinned
# (physically smaller layers) and non-structured (the same element sparsity per layer, scattered,
# CSR sparse × dense kernel), per layer and in total, at batch 1 and 64.
# Usage: run-ssl-latency.sh BUILD_DIR MODEL [REPEATS] — MODEL: a run folder or model file
# trained with filter/channel (or shape/depth) groups, e.g. the last stage of
#   sparsescope-cli train --config resources/presets/ssl-lenet5-pipeline.json --out runs/pipeline
# T (threads, default nproc) comes from the environment. Builds nothing; exits non-zero only on
# errors, never on a ratio. Prints the tables and the conv summary lines.
set -eu
build=${1:?usage: run-ssl-latency.sh BUILD_DIR MODEL [REPEATS]}
model=${2:?usage: run-ssl-latency.sh BUILD_DIR MODEL [REPEATS]}
repeats=${3:-50}
T=${T:-$(nproc)}
cli="$build/app/cli/sparsescope-cli"
if [ ! -x "$cli" ]; then
    echo "run-ssl-latency.sh: $cli not found; build the target sparsescope-cli" >&2
    exit 1
fi
# Debian's LibTorch runs its GEMMs in OpenBLAS, whose pool the thread setting does not govern.
export OPENBLAS_NUM_THREADS="$T"
"$cli" bench-latency --model "$model" --batch 1,64 --repeats "$repeats" --threads "$T"
