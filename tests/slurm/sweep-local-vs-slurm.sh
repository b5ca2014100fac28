#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20.3: a 4-member sweep run through the `slurm` executor on a real one-node Slurm cluster
# (slurm-cluster.sh: munged, slurmctld and slurmd on localhost) and through `local`; both must give
# identical metrics (every column of metrics.csv and structure.csv but the timings) and identical
# model weights. Exit 77 (ctest: skipped) with one line saying why only when the daemons cannot
# start; SPARSESCOPE_REQUIRE_SLURM=1 (set by .ci/run) turns that into a failure.
#
# Usage: tests/slurm/sweep-local-vs-slurm.sh /path/to/sparsescope-cli [WORKDIR]
set -euo pipefail
cli=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$(mktemp -d /tmp/ss-slurm.XXXXXX)}
mkdir -p "$work"
# munged refuses a socket below a folder others cannot enter (mktemp -d makes 0700 folders).
chmod 755 "$work"
work=$(realpath "$work")
state="$work/cluster"
start=$(date +%s.%N)

cleanup() { "$here/slurm-cluster.sh" stop "$state" >/dev/null 2>&1 || true; }
trap cleanup EXIT

code=0
conf=$("$here/slurm-cluster.sh" start "$state" 2> "$work/cluster-start.log") || code=$?
if [ "$code" != 0 ]; then
  reason=$(tail -n 1 "$work/cluster-start.log")
  if [ "$code" = 77 ] && [ "${SPARSESCOPE_REQUIRE_SLURM:-0}" != 1 ]; then
    echo "SKIPPED: the Slurm daemons cannot start here: $reason"
    exit 77
  fi
  echo "FAILED: the one-node Slurm cluster did not start (exit $code): $reason" >&2
  exit 1
fi
export "${conf?}"
echo "cluster up: $conf"

# Two seeds x two filter+channel strengths of LeNet-5 on a slice of Fashion-MNIST (seconds each).
cat > "$work/grid.json" <<'JSON'
{
  "name": "slurm-test",
  "base": {"model": "lenet5", "data": "fashion-mnist:train", "test_data": "fashion-mnist:test",
           "epochs": 2, "limit": 512, "test_limit": 256, "batch_size": 64, "lr": 0.05,
           "regularization": [{"layers": "conv*", "type": "filter", "strength": 0.0},
                              {"layers": "conv*", "type": "channel", "strength": 0.0}],
           "update": "proximal"},
  "axes": [{"name": "seed", "path": "/seed", "values": [1, 2]}],
  "series": [{"name": "ssl", "axes": [{"name": "strength", "strength": ["filter", "channel"],
                                        "values": [0.02, 0.2]}]}]
}
JSON

t0=$(date +%s.%N)
"$cli" sweep run "$work/slurm" --grid "$work/grid.json" --executor slurm --threads 1 \
  --poll 0.5 --time 10 --retries 0 --quiet
t1=$(date +%s.%N)
"$cli" sweep run "$work/local" --grid "$work/grid.json" --executor local --jobs 2 --threads 1 \
  --quiet
t2=$(date +%s.%N)
"$cli" sweep status "$work/slurm"

# The tasks ran under Slurm: one batch output per array task, and task.json names the job.
outputs=$(find "$work/slurm/slurm" -name '*.out' | wc -l)
if [ "$outputs" -ne 4 ]; then
  echo "FAILED: expected 4 Slurm task outputs in $work/slurm/slurm, found $outputs" >&2
  exit 1
fi

status=0
members=$(cd "$work/local/members" && find . -name train.json -printf '%h\n' | sort)
for member in $members; do
  a="$work/slurm/members/$member"
  b="$work/local/members/$member"
  # metrics.csv without the seconds column (7th); structure.csv whole.
  if ! diff <(cut -d, -f1-6,8- "$a/metrics.csv") <(cut -d, -f1-6,8- "$b/metrics.csv") >/dev/null; then
    echo "FAILED: $member: metrics.csv differs between slurm and local" >&2
    diff <(cut -d, -f1-6,8- "$a/metrics.csv") <(cut -d, -f1-6,8- "$b/metrics.csv") >&2 || true
    status=1
  fi
  if ! cmp -s "$a/structure.csv" "$b/structure.csv"; then
    echo "FAILED: $member: structure.csv differs" >&2
    status=1
  fi
  # The weights, compared through evaluation (archives carry no timestamps, but compare values).
  ea=$("$cli" eval --model "$a" --data fashion-mnist:test --limit 256)
  eb=$("$cli" eval --model "$b" --data fashion-mnist:test --limit 256)
  if [ "$ea" != "$eb" ]; then
    echo "FAILED: $member: the models evaluate differently: $ea / $eb" >&2
    status=1
  fi
  echo "$member: $(tail -n 1 "$b/metrics.csv" | cut -d, -f1-6,8-)"
done
# A member that fails (its data folder is missing) is submitted again once (--retries 1), then
# reported: exit 2, two array jobs, state failed.
cat > "$work/broken.json" <<'JSON'
{"name": "broken", "base": {"model": "lenet5", "data": "folder:/nonexistent-sparsescope-data",
                           "test_data": "", "epochs": 1}}
JSON
code=0
"$cli" sweep run "$work/broken" --grid "$work/broken.json" --executor slurm --poll 0.5 \
  --retries 1 --quiet > "$work/broken.log" 2>&1 || code=$?
scripts=$(find "$work/broken/slurm" -name 'sweep-*.sbatch' | wc -l)
state=$("$cli" sweep status "$work/broken" || true) # exit 3: not all completed
if [ "$code" != 2 ] || [ "$scripts" != 2 ] || ! grep -q '^ *0  failed' <<< "$state"; then
  echo "FAILED: a failing member: exit $code (want 2), $scripts submissions (want 2)" >&2
  cat "$work/broken.log" >&2
  status=1
else
  echo "failing member: submitted twice, reported failed, exit 2"
fi
count=$(echo "$members" | wc -w)
if [ "$count" -ne 4 ]; then
  echo "FAILED: expected 4 members, found $count" >&2
  status=1
fi
end=$(date +%s.%N)
printf 'slurm executor %.1f s, local executor %.1f s, test %.1f s (cluster start included)\n' \
  "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" "$(awk "BEGIN{print $end - $start}")"
[ "$status" = 0 ] && echo "PASSED: 4 members, slurm and local identical (metrics, structure, evaluation)"
exit "$status"
