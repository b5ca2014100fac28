#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts and stops a real one-node Slurm cluster on localhost for tests (Debian 12 packages
# slurm-wlm 22.05 and munge, see packaging/install-deps.sh).
#
# Usage: tests/slurm/slurm-cluster.sh start STATEDIR
#        tests/slurm/slurm-cluster.sh stop STATEDIR
#
# `start` creates STATEDIR and puts everything under it: the generated slurm.conf, a munge key,
# munged's socket/pid/log/seed files, slurmctld's StateSaveLocation, slurmd's spool, all pid and
# log files and the job completion log. Nothing in /etc, /run or /var is read or written (the
# packages' own files there are ignored; clients find the cluster through SLURM_CONF and the
# munge socket through AuthInfo=socket=... in slurm.conf). It starts munged, slurmctld and slurmd,
# waits (SLURM_CLUSTER_TIMEOUT seconds, default 30) until `sinfo` shows the node idle and prints
# exactly one line on stdout,
#     SLURM_CONF=STATEDIR/slurm.conf
# for the caller to export (progress goes to stderr). Each start is a fresh cluster: the
# controller state and slurmd spool of an earlier run in the same STATEDIR are wiped (so job ids
# start at 1 again); the munge key is kept, logs are appended to.
# If the cluster cannot come up (binaries missing, not root, a daemon dies or never answers, e.g.
# in a restricted container) it stops whatever it started, prints one line on stderr saying what
# failed with the tail of the relevant log, and exits 77 so a test can skip with that message.
#
# `stop` asks slurmctld to cancel the cluster's remaining jobs (if it still answers), then stops
# slurmd and slurmctld, then munged, via their pid files (TERM, then KILL after 10 s) and waits
# until they are gone (about 4 s). It is a no-op for a STATEDIR without running daemons, so it is
# safe to call twice, after a failed start, or for a STATEDIR that does not exist.
#
# Environment (all optional):
#   SLURM_CLUSTER_CTLD_PORT, SLURM_CLUSTER_SLURMD_PORT  fixed ports (default: the first free pair
#       from 16817/16818 upwards in steps of 2; clusters started at the same moment can race for
#       a pair, so parallel tests should set distinct ports)
#   SLURM_CLUSTER_TIMEOUT  seconds to wait for each daemon and for the node to become idle (30)
#   SLURM_CLUSTER_MEMORY   RealMemory of the node in MB (2000)
#
# The node is named after `hostname -s` (slurmctld only runs on the host named in SlurmctldHost
# and Debian's slurmd is not built with --enable-multiple-slurmd, so no other name would work),
# with NodeAddr=127.0.0.1 so no DNS is needed; CPUs=nproc, select/cons_tres with CR_Core so
# several 1-CPU (array) tasks run at once; proctrack/linuxproc and task/none, so no cgroups.
# The daemons log harmless "mpi/pmix_v4: ... can not load PMIx library" errors (libpmix is only
# recommended by the package and MpiDefault=none).
#
# Observing jobs: sacct does NOT work for array tasks without slurmdbd (findings for 22.05, from
# `man slurm.conf`, `man sacct` and trying it):
#   * AccountingStorageType only accepts accounting_storage/none and accounting_storage/slurmdbd
#     (accounting_storage/filetxt is gone). Without slurmdbd plain `sacct` prints "Slurm
#     accounting storage is disabled" and exits 1.
#   * JobCompType=jobcomp/filetxt (set below) appends one key=value line per finished job or
#     array task to STATEDIR/jobcomp.log, e.g.
#       JobId=7 ... JobState=FAILED ... ArrayJobId=5 ArrayTaskId=0 DerivedExitCode=0:0 ExitCode=3:0
#     `sacct -c` (--completion) reads that file, but its parser predates the ArrayJobId/
#     ArrayTaskId fields: it prints "sacct: error: Unknown type ArrayJobId: 5" on stderr and
#     reports array tasks under their raw job ids (7|FAILED|3:0), and `-j 5` matches only the
#     task whose raw id is 5. So `sacct -c -j ID -n -P -o JobID,State,ExitCode` is only right for
#     plain (non-array) jobs, e.g. 6|FAILED|3:0. Callers can parse jobcomp.log directly instead.
#   * MinJobAge=3600 keeps finished jobs in slurmctld's memory for an hour, so until `stop`
#       squeue -h -t all -j JOBID -o '%K %T'      (array task id, COMPLETED/FAILED/CANCELLED/...)
#       scontrol show job -o JOBID                (one line per task: ArrayJobId=JOBID
#                                                  ArrayTaskId=N JobState=FAILED ExitCode=3:0)
#     report final states after the jobs have left the default `squeue -j JOBID` listing (which
#     shows only pending/running/completing jobs, so "squeue -h -j JOBID prints nothing" means
#     the whole array is done). ExitCode is "status:signal". Pending tasks of an array share one
#     record (ArrayTaskId=2-3 or JOBID_[2-3]) until each starts. Each task gets its own raw
#     JobId; the array's own id ends up as the raw id of the last task to start (`scontrol show
#     job -o JOBID_N` addresses one task).
# Each start empties jobcomp.log, since job ids start at 1 again. Timing on 2 cores: start takes
# about 0.4 s; the first job after a start waits about 3 s for slurmctld's first scheduling pass,
# later ones start within about 1 s; batch output defaults to slurm-%A_%a.out in the submit dir.
set -euo pipefail

me=${0##*/}

usage() {
  echo "usage: $me start|stop STATEDIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
case $cmd in start | stop) ;; *) usage ;; esac
[ -n "$2" ] || usage
statedir=$(realpath -m -- "$2") # absolute: slurm.conf paths must not depend on the cwd

# Everything lives at fixed places under STATEDIR.
conf=$statedir/slurm.conf
# munged wants the socket directory searchable by all (0755) and the key readable by it only.
munge_dir=$statedir/munge
munge_socket=$munge_dir/munge.socket
munge_key=$munge_dir/munge.key
munge_pid=$munge_dir/munged.pid
munge_log=$statedir/log/munged.log
ctld_state=$statedir/ctld-state
slurmd_spool=$statedir/slurmd-spool
ctld_pid=$statedir/run/slurmctld.pid
slurmd_pid=$statedir/run/slurmd.pid
ctld_log=$statedir/log/slurmctld.log
slurmd_log=$statedir/log/slurmd.log
jobcomp_log=$statedir/jobcomp.log

timeout_s=${SLURM_CLUSTER_TIMEOUT:-30}

note() { echo "$me: $*" >&2; }

# The last few lines of a log, joined into one line (for the single failure line).
log_tail() {
  if [ -s "$1" ]; then
    tail -n 3 -- "$1" | tr '\n' '|' | sed 's/|$//; s/|/ | /g'
  else
    echo "(no log at $1)"
  fi
}

# pid_alive PIDFILE NAME: prints the pid and succeeds if PIDFILE names a live process whose
# command name is NAME (guards against killing an unrelated process that reused the pid).
pid_alive() {
  local pid comm
  [ -s "$1" ] || return 1
  pid=$(tr -dc '0-9' <"$1")
  [ -n "$pid" ] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  [ "$comm" = "$2" ] || return 1
  echo "$pid"
}

# stop_daemons PIDFILE NAME [PIDFILE NAME...]: sends TERM to all of them at once (each takes
# about 2 s to shut down), waits up to 10 s, KILLs the rest and waits; removes the pid files.
stop_daemons() {
  local pids=() pid i
  while [ $# -ge 2 ]; do
    if pid=$(pid_alive "$1" "$2"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f -- "$1"
    shift 2
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "${pids[@]}" 2>/dev/null || break # fails only once none is left
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      note "pid $pid ignored SIGTERM for 10 s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 50; i++)); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.1
  done
}

# Cancels the cluster's jobs while slurmctld still answers, so no job steps outlive the daemons
# (slurmstepd processes are not children of slurmd and would keep running), then stops the
# daemons in the reverse order of starting them.
do_stop() {
  local jobs i
  if [ -f "$conf" ] && pid_alive "$ctld_pid" slurmctld >/dev/null &&
    pid_alive "$munge_pid" munged >/dev/null; then
    jobs=$(SLURM_CONF=$conf timeout 10 squeue -h -o %F 2>/dev/null | sort -u | tr '\n' ' ') || jobs=
    if [ -n "${jobs// /}" ]; then
      # shellcheck disable=SC2086 # a list of job ids
      SLURM_CONF=$conf timeout 10 scancel $jobs 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        [ -z "$(SLURM_CONF=$conf timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
        sleep 0.2
      done
    fi
  fi
  stop_daemons "$slurmd_pid" slurmd "$ctld_pid" slurmctld
  stop_daemons "$munge_pid" munged # last: the others authenticate through it until they exit
  # A killed munged leaves its socket and lock behind; the next munged would refuse them.
  rm -f -- "$munge_socket" "$munge_socket.lock"
}

# fail WHAT LOG: one line on stderr, clean up, exit 77 (tests map 77 to "skipped").
fail() {
  local what=$1 log=${2:-}
  if [ -n "$log" ]; then
    echo "$me: cannot start the Slurm test cluster: $what;" \
      "$(basename -- "$log"): $(log_tail "$log")" >&2
  else
    echo "$me: cannot start the Slurm test cluster: $what" >&2
  fi
  do_stop >/dev/null 2>&1 || true
  exit 77
}

# port_busy PORT: succeeds if something accepts TCP connections on 127.0.0.1:PORT.
port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_ports() {
  if [ -n "${SLURM_CLUSTER_CTLD_PORT:-}" ] || [ -n "${SLURM_CLUSTER_SLURMD_PORT:-}" ]; then
    ctld_port=${SLURM_CLUSTER_CTLD_PORT:-16817}
    slurmd_port=${SLURM_CLUSTER_SLURMD_PORT:-$((ctld_port + 1))}
    return
  fi
  local p
  for ((p = 16817; p < 16917; p += 2)); do
    if ! port_busy "$p" && ! port_busy "$((p + 1))"; then
      ctld_port=$p
      slurmd_port=$((p + 1))
      return
    fi
  done
  fail "no free port pair in 16817-16916 (set SLURM_CLUSTER_CTLD_PORT/SLURM_CLUSTER_SLURMD_PORT)"
}

write_conf() {
  cat >"$conf" <<EOF
# Generated by tests/slurm/$me for a one-node test cluster; all paths are under STATEDIR.
ClusterName=sparsescope-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_socket
StateSaveLocation=$ctld_state
SlurmdSpoolDir=$slurmd_spool
SlurmctldPidFile=$ctld_pid
SlurmdPidFile=$slurmd_pid
SlurmctldLogFile=$ctld_log
SlurmdLogFile=$slurmd_log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: plain /proc process tracking, no task binding or containment.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
# No slurmdbd: plain sacct is disabled; finished jobs and array tasks are appended to a text file
# (\`sacct -c\` reads it, but only plain jobs come out right; see the script header).
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$jobcomp_log
# Finished jobs stay visible to squeue -t all / scontrol show job for an hour.
MinJobAge=3600
SchedulerType=sched/backfill
# Schedule a submitted batch job at once instead of up to 3 s later (the default); a job then
# starts within about 0.3-1 s and array tasks follow each other in rounds of about 1 s.
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# Trust the node line below even if the hardware reports less (no INVAL/DRAIN), and let a DOWN
# node return to service as soon as its slurmd registers.
SlurmdParameters=config_overrides
ReturnToService=2
KillWait=5
InactiveLimit=0
MailProg=/bin/true
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

# wait_for SECONDS PIDFILE NAME LOG DESCRIPTION COMMAND...: polls COMMAND every 0.2 s until it
# succeeds; fails (exit 77) if the daemon dies or the time runs out.
wait_for() {
  local secs=$1 pidfile=$2 name=$3 log=$4 what=$5
  shift 5
  local deadline=$((SECONDS + secs))
  while ! "$@" >/dev/null 2>&1; do
    pid_alive "$pidfile" "$name" >/dev/null || {
      # In daemon mode the pid file appears a moment after the parent returns.
      sleep 0.5
      pid_alive "$pidfile" "$name" >/dev/null || fail "$name exited before $what" "$log"
    }
    ((SECONDS < deadline)) || fail "$name: no $what after ${secs} s" "$log"
    sleep 0.2
  done
}

ctld_up() { SLURM_CONF=$conf timeout 5 scontrol ping | grep -q 'is UP'; }

# Succeeds once the node is idle; resumes it (once per call) if it came up down or drained.
node_idle() {
  local state
  state=$(SLURM_CONF=$conf timeout 5 sinfo -h -N -n "$node" -o %T 2>/dev/null | head -n 1) ||
    return 1
  case $state in
  idle) return 0 ;;
  down | drain | drained | draining | down\* | drained\* | fail | inval)
    SLURM_CONF=$conf timeout 5 scontrol update nodename="$node" state=resume >/dev/null 2>&1 || true
    ;;
  esac
  return 1
}

do_start() {
  local t0 b
  t0=$(date +%s%N)
  for b in munged mungekey slurmctld slurmd sinfo scontrol squeue scancel sbatch; do
    command -v "$b" >/dev/null 2>&1 ||
      fail "'$b' not found (install slurm-wlm and munge, see packaging/install-deps.sh)"
  done
  # SlurmUser=SlurmdUser=root: slurmd must be able to switch to the job's user.
  [ "$(id -u)" -eq 0 ] || fail "must run as root (slurmd launches jobs as their users)"

  # Unix socket paths are limited to 107 bytes; slurmd puts NODE_JOBID.STEPID sockets in its spool.
  node=$(hostname -s)
  [ -n "$node" ] || fail "hostname -s is empty"
  if ((${#munge_socket} > 100 || ${#slurmd_spool} + ${#node} + 30 > 107)); then
    fail "STATEDIR $statedir is too long for unix socket paths (use a short path, e.g. under /tmp)"
  fi

  # A previous cluster in the same STATEDIR is stopped and its job state wiped.
  do_stop
  mkdir -p -- "$statedir" "$statedir/log" "$statedir/run" 2>/dev/null ||
    fail "cannot create $statedir"
  rm -rf -- "$ctld_state" "$slurmd_spool"
  : >"$jobcomp_log"
  mkdir -p -- "$ctld_state" "$slurmd_spool" "$munge_dir"
  chmod 0755 "$statedir" "$munge_dir"
  # munged also refuses a socket below any folder others cannot enter (mktemp -d makes 0700).
  dir=$statedir
  while [ "$dir" != / ]; do
    dir=$(dirname -- "$dir")
    [ "$(stat -c %A -- "$dir" | cut -c10)" = x ] || [ "$(stat -c %A -- "$dir" | cut -c10)" = t ] ||
      fail "$dir is not searchable by others (munged refuses its socket below it): chmod o+x it" ""
  done

  cpus=$(nproc)
  memory=${SLURM_CLUSTER_MEMORY:-2000}
  pick_ports
  write_conf

  # munged: its own key, socket, pid, log and seed file; it forks after checking them and its
  # parent reports errors, so a non-zero exit is a real failure.
  if [ ! -s "$munge_key" ]; then
    mungekey --create --keyfile="$munge_key" >/dev/null 2>&1 ||
      dd if=/dev/urandom of="$munge_key" bs=1024 count=1 status=none ||
      fail "cannot create the munge key $munge_key"
  fi
  chmod 0400 "$munge_key"
  if ! munged --socket="$munge_socket" --key-file="$munge_key" --pid-file="$munge_pid" \
    --log-file="$munge_log" --seed-file="$munge_dir/munged.seed" \
    </dev/null >>"$munge_log" 2>&1; then
    fail "munged failed" "$munge_log"
  fi
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  wait_for "$timeout_s" "$munge_pid" munged "$munge_log" "credential round trip" \
    bash -c 'munge -n -S "$1" | unmunge -S "$1"' _ "$munge_socket"

  # slurmctld and slurmd daemonize (writing their pid files); their std streams go to the logs so
  # a caller capturing our stdout is never held open by a daemon.
  SLURM_CONF=$conf slurmctld -f "$conf" </dev/null >>"$ctld_log" 2>&1 ||
    fail "slurmctld exited with status $?" "$ctld_log"
  wait_for "$timeout_s" "$ctld_pid" slurmctld "$ctld_log" "answer to scontrol ping" ctld_up

  SLURM_CONF=$conf slurmd -f "$conf" </dev/null >>"$slurmd_log" 2>&1 ||
    fail "slurmd exited with status $?" "$slurmd_log"
  wait_for "$timeout_s" "$slurmd_pid" slurmd "$slurmd_log" "idle node $node in sinfo" node_idle

  note "no slurmdbd: plain sacct is disabled, sacct -c misreports array tasks; read final states" \
    "from scontrol show job -o / squeue -t all (MinJobAge=3600) or $jobcomp_log"
  local ms=$((($(date +%s%N) - t0) / 1000000))
  note "node $node idle after $((ms / 1000)).$(printf %03d $((ms % 1000))) s" \
    "(ports $ctld_port/$slurmd_port, logs in $statedir/log)"
  echo "SLURM_CONF=$conf"
}

case $cmd in
start) do_start ;;
stop) do_stop ;;
esac
