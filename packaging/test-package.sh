#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-package.sh BUILD_DIR: builds the Debian package from a configured GUI build, installs it
# with apt-get on this machine (as root), and checks the installed programs and files: version,
# a one-epoch training from the installed preset on the embedded Fashion-MNIST, the installed GUI
# offscreen, the man pages and bash completion, then desktop-file-validate, appstreamcli and
# lintian (errors fail; warnings are listed). The package is removed again at the end.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.sparsescope.SparseScope
say() { printf '[package] %s\n' "$*"; }
fail() { printf '[package] FAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    fail "installing the package needs root (CI runs as root)"
fi
for tool in desktop-file-validate appstreamcli lintian help2man rsvg-convert; do
    command -v "$tool" > /dev/null || fail "$tool is missing (packaging/install-deps.sh installs it)"
done

say "building the package in $build"
cmake --build "$build" --target sparsescope sparsescope-cli sparsescope_package_files > /dev/null
rm -f "$build"/sparsescope_*.deb
(cd "$build" && cpack -G DEB > /dev/null)
deb=$(ls "$build"/sparsescope_*.deb)
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
say "$(basename "$deb"): $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Depends | sed 's/^/[package] Depends: /'

work=$(mktemp -d)
cleanup() {
    apt-get remove -y -q sparsescope > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
say "apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" > "$work/apt.log" 2>&1 \
    || { tail -20 "$work/apt.log"; fail "apt-get install"; }
dpkg -L sparsescope | while read -r file; do
    [ -f "$file" ] && printf '[package] installed: %s (%s bytes)\n' "$file" "$(stat -c %s "$file")"
done

say "checks of the installed files"
/usr/bin/sparsescope-cli --version | head -1 | grep -q "^sparsescope-cli " || fail "sparsescope-cli --version"
/usr/bin/sparsescope --version | grep -q "^sparsescope " || fail "sparsescope --version"
SPARSESCOPE_THREADS=2 /usr/bin/sparsescope-cli train \
    --config /usr/share/sparsescope/presets/lenet5-fashion-mnist.json --epochs 1 --limit 2000 \
    --test-limit 500 --quiet --out "$work/run" || fail "one-epoch training from the installed preset"
[ -s "$work/run/run.json" ] && [ -s "$work/run/model.pt" ] || fail "the run folder is incomplete"
SPARSESCOPE_THREADS=2 /usr/bin/sparsescope-cli eval --model "$work/run" \
    --data fashion-mnist:test --limit 500 | tee "$work/eval.txt" | sed 's/^/[package] eval: /'
grep -q "^accuracy=" "$work/eval.txt" || fail "eval of the trained run"
SPARSESCOPE_DATA_DIR=$work/data QT_QPA_PLATFORM=offscreen /usr/bin/sparsescope \
    --screenshot "$work/start.png" --screenshot-after 1 --quit-when-done > "$work/gui.log" 2>&1 \
    || { cat "$work/gui.log"; fail "the installed GUI offscreen"; }
[ -s "$work/start.png" ] || fail "the installed GUI wrote no screenshot"
zcat /usr/share/man/man1/sparsescope-cli.1.gz | grep -q '^\.SS "humans fetch"' \
    || fail "sparsescope-cli(1) lacks the humans fetch section"
zcat /usr/share/man/man1/sparsescope.1.gz | grep -q 'demo' || fail "sparsescope(1) lacks --demo"
bash -c 'source /usr/share/bash-completion/completions/sparsescope-cli &&
         _sparsescope_cli_words sparsescope-cli | grep -qx train &&
         _sparsescope_cli_words sparsescope-cli humans fetch | grep -qx -- --dest' \
    || fail "bash completion does not list train and humans fetch --dest"
for size in 16 32 48 64 128 256; do
    [ -s "/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ] || fail "no ${size}px icon"
done
[ -s "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "no SVG icon"

say "desktop-file-validate"
desktop-file-validate "/usr/share/applications/$app_id.desktop" 2>&1 | sed 's/^/[package]   /'
desktop-file-validate "/usr/share/applications/$app_id.desktop" 2>&1 | grep -q "error:" \
    && fail "desktop-file-validate found errors"
say "appstreamcli validate --no-net"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" 2>&1 | sed 's/^/[package]   /' \
    || fail "appstreamcli validate"
say "lintian"
lintian --allow-root "$deb" > "$work/lintian.txt" 2>&1 || true
sed 's/^/[package]   /' "$work/lintian.txt"
grep -q "^E: " "$work/lintian.txt" && fail "lintian found errors"
say "ok: $(grep -c '^W: ' "$work/lintian.txt" || true) lintian warnings, no errors"
