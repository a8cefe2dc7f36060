#!/usr/bin/env bash
# A Hindsight server and PostgreSQL side by side in one run (dev.hindsight.benchmarks.ServerSideBySide): HTTP
# appends from 8 keep-alive clients, remote JDBC prepared guarded INSERTs, batches of 1000, prepared reads of a
# 20-event stream, and POST /v1/sql of a repeated shape; beside each figure (POST /v1/sql's aside), each side's CPU per
# operation, client and server (PostgreSQL: the postmaster and its children): on 2 shared cores the steadier figure,
# and the server's alone tells what each would do with cores of its own.
#
# usage: benchmarks/pg/server-side-by-side.sh [http-append|jdbc-insert|jdbc-batch|jdbc-read|http-sql|all] [-s SECONDS]
#        [-w SECONDS]
#   -s SECONDS  measured time per figure (default 10)
#   -w SECONDS  warm-up before each measured run, both systems alike (default 20: the server's JIT compiles for the
#               first 10 to 12 s of a kind of request, as jstat -compiler shows)
# env: PG_BIN (a PostgreSQL bin directory), TMPDIR (where the cluster and the data directory go; default /tmp).
#
# Needs cli/target/hindsight.jar and benchmarks/target/benchmarks.jar (mvn -B package -DskipTests) and PostgreSQL 15
# (installed with apt-get when missing and run as root). PostgreSQL runs with synchronous_commit = off, the nearest it
# has to Hindsight's default (process) durability; the server runs with its defaults (no keys: loopback only).
set -euo pipefail

MODE=${1:-all}
MODES=(http-append jdbc-insert jdbc-batch jdbc-read http-sql)
[[ $MODE == all || " ${MODES[*]} " == *" $MODE "* ]] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
shift || true
SECONDS_EACH=10
WARMUP=20
while getopts "s:w:" opt; do
    case $opt in
        s) SECONDS_EACH=$OPTARG ;;
        w) WARMUP=$OPTARG ;;
        *) exit 2 ;;
    esac
done
[[ $SECONDS_EACH =~ ^[1-9][0-9]*$ ]] || { echo "SECONDS must be a positive integer: $SECONDS_EACH" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "the warm-up must be a whole number of seconds: $WARMUP" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$REPO/benchmarks/target/benchmarks.jar
SERVER_JAR=$REPO/cli/target/hindsight.jar
log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
for j in "$JAR" "$SERVER_JAR"; do
    [[ -f $j ]] || { echo "$j is missing: mvn -B package -DskipTests" >&2; exit 1; }
done

source "$HERE/cluster.sh"
pg_find_or_install
pg_cluster_prepare
pg_side_by_side_settings "max_connections = 50"
pg_cluster_start
URL="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=bench"
PG_PID=$(head -1 "$PGDATA/postmaster.pid") # the postmaster: its CPU is counted with its children's

# the server: a fresh data directory beside the cluster, on another free port; stopped (SIGTERM) before the cluster
HPORT=$(free_port "$PORT")
java -jar "$SERVER_JAR" serve --data-dir "$WORK/hindsight" --port "$HPORT" >"$WORK/hindsight.log" 2>&1 &
SERVER_PID=$!
stop_server() { kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap 'rc=$?; stop_server; (exit "$rc"); cleanup' EXIT
for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$HPORT/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/hindsight.log" >&2; exit 1; }
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$HPORT/health" >/dev/null || { echo "the server did not come up" >&2; exit 1; }

log "PostgreSQL $PG_MAJOR on port $PORT, Hindsight on port $HPORT; CPU busy before the run: $(cpu_busy_pct)%"
for m in "${MODES[@]}"; do
    [[ $MODE == all || $MODE == "$m" ]] || continue
    java -cp "$JAR" dev.hindsight.benchmarks.ServerSideBySide "$m" --server "http://127.0.0.1:$HPORT" --pg "$URL" \
        --seconds "$SECONDS_EACH" --warmup "$WARMUP" --server-pid "$SERVER_PID" --pg-pid "$PG_PID"
done
