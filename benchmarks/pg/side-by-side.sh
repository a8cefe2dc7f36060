#!/usr/bin/env bash
# Hindsight and PostgreSQL side by side in one run (dev.hindsight.benchmarks.SideBySide): ad-hoc statements with
# other literals each time (the plan cache against PostgreSQL's parse-and-plan of each statement), and prepared
# single-row guarded INSERTs.
#
# usage: benchmarks/pg/side-by-side.sh [adhoc|insert|all] [-n EVENTS]
#   -n EVENTS  events in the log the ad-hoc statements read (default 100000)
# env: PG_BIN (a PostgreSQL bin directory), TMPDIR (where the cluster goes; default /tmp).
#
# Needs benchmarks/target/benchmarks.jar (mvn -B package -DskipTests) and PostgreSQL 15 (installed with apt-get
# when missing and run as root). PostgreSQL runs with synchronous_commit = off: a commit is acknowledged before its
# WAL reaches the disk, the nearest it has to Hindsight's default (process) durability, where an append survives the
# process's death but is not fsynced; with synchronous_commit = on each of its INSERTs would wait for an fsync.
set -euo pipefail

MODE=${1:-all}
[[ $MODE == adhoc || $MODE == insert || $MODE == all ]] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
shift || true
EVENTS=100000
while getopts "n:" opt; do
    case $opt in
        n) EVENTS=$OPTARG ;;
        *) exit 2 ;;
    esac
done
[[ $EVENTS =~ ^[1-9][0-9]*$ ]] || { echo "EVENTS must be a positive integer: $EVENTS" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$REPO/benchmarks/target/benchmarks.jar
log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
[[ -f $JAR ]] || { echo "$JAR is missing: mvn -B package -DskipTests" >&2; exit 1; }
FLAGS=$(sed -n 's:.*<hindsight.jvm.flags>\(.*\)</hindsight.jvm.flags>.*:\1:p' "$REPO/pom.xml")

source "$HERE/cluster.sh"
pg_find_or_install
pg_cluster_prepare
pg_side_by_side_settings
pg_cluster_start
URL="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=bench"
log "PostgreSQL $PG_MAJOR on port $PORT; CPU busy before the run: $(cpu_busy_pct)%"
for m in adhoc insert; do
    [[ $MODE == all || $MODE == "$m" ]] || continue
    # shellcheck disable=SC2086
    java $FLAGS -cp "$JAR" dev.hindsight.benchmarks.SideBySide "$m" --pg "$URL" --events "$EVENTS"
done
