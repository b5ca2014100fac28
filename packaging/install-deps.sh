#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package SparseScope needs to build, test, run the demo and benchmark.
# Idempotent: when all packages are present it returns in well under a second without touching apt.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format universal-ctags
  clang libclang-rt-14-dev
  libtorch-dev libopenblas0-pthread
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
  libopencv-dev libonnx-dev libprotobuf-dev libfftw3-dev libdeflate-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev zlib1g-dev
  dataset-fashion-mnist xvfb xauth
  python3-torch python3-torchvision python3-numpy python3-pandas
  libxgboost-dev python3-sklearn
  slurm-wlm munge
  help2man librsvg2-bin desktop-file-utils appstream lintian bash-completion
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
