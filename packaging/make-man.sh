#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# make-man.sh PROGRAM NAME-LINE OUT.1.gz: the man page of PROGRAM from its own --help and
# --version (help2man), so the page lists the options the program really has. For
# sparsescope-cli a COMMANDS section adds every subcommand's --help (nested ones too).
set -euo pipefail
program=$1 description=$2 out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
include=$work/include.h2m

# roff-safe verbatim text: backslashes doubled, lines starting with . or ' protected.
verbatim() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
subcommands() {
    "$program" "$@" --help | awk '/^Subcommands:/ { s = 1; next } /^[A-Za-z]/ { s = 0 } s && /^  [a-z]/ { print $1 }'
}

{
    echo "[ENVIRONMENT]"
    echo ".TP"
    echo ".B SPARSESCOPE_THREADS"
    echo "LibTorch threads (default: all cores; BLAS runs one thread beside them)."
    echo ".TP"
    echo ".B SPARSESCOPE_DATA_DIR"
    echo "The user's data folder (default: ~/.local/share/SparseScope/SparseScope): the GUI's"
    echo "autosave and the human data that \\fBhumans fetch\\fR clones."
    echo "[FILES]"
    echo ".TP"
    echo ".I /usr/share/sparsescope/presets"
    echo "Training presets (JSON train configs)."
    echo ".TP"
    echo ".I /usr/share/sparsescope/lessons"
    echo "The teaching lessons."
    echo ".TP"
    echo ".I /usr/share/datasets/fashion-mnist"
    echo "The default dataset (Debian package dataset-fashion-mnist)."
} > "$include"

if [[ $(basename "$program") == sparsescope-cli ]]; then
    echo "[COMMANDS]" >> "$include"
    for command in $(subcommands); do
        nested=$(subcommands "$command")
        for name in "$command" $(for n in $nested; do echo "$command:$n"; done); do
            echo ".SS \"${name//:/ }\""
            echo ".nf"
            "$program" ${name//:/ } --help | verbatim
            echo ".fi"
        done
    done >> "$include"
fi

# The version's first line only: the others describe the machine that built the page.
version=$("$program" --version | head -n 1 | awk '{ print $NF }')
help2man --no-info --no-discard-stderr --name="$description" --include="$include" \
    --version-string="$version" --output="$work/page.1" "$program"
gzip -9n < "$work/page.1" > "$out"
