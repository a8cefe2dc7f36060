#!/usr/bin/env bash
# ./hindsight bench [--quick] (SPEC §6, §7): Hindsight beside PostgreSQL 15 and raw Chronicle Queue, the same work in
# one run, and the table of figures and ratios on stdout (progress on stderr):
#
#   guarded appends/s: embedded API (and raw Chronicle Queue appends of the same bytes, the floor), remote JDBC
#     prepared INSERT, JDBC batches of 1000, HTTP from 8 keep-alive clients; PostgreSQL: its JDBC driver inserting the
#     same events under a unique (stream_id, version) index, 1 client (8 beside HTTP);
#   single-stream read latency (prepared, p50/p99); a full-log scan and aggregate; the customer_orders read model of
#     SPEC §3 built from the whole log (events/s); AS OF latency (that read model, and one stream); restart-to-ready:
#     a clean stop and a start until the read model answers a query.
#
# usage: benchmarks/bench.sh [--quick]     (or ./hindsight bench [--quick])
#   --quick   100,000 events, 10 s of warm-up and 3 s measured per figure, fewer shots: about 5 minutes, figures
#             indicative only; without it: 1,000,000 events, 20 s and 10 s: about 9 minutes
#   Disk: the log grows by what the appends write in their time (~10 M events, ~2 GB, at this machine's rates)
# env: PG_BIN (a PostgreSQL bin directory), TMPDIR (where the cluster, the data directory and the logs go; default
#      /tmp), HINDSIGHT_BENCH_DIR (where the embedded appends write; default TMPDIR)
#
# Builds benchmarks/target/benchmarks.jar (and cli/target/hindsight.jar) when missing or older than a source, and
# installs PostgreSQL with apt-get when missing (as root). PostgreSQL runs with synchronous_commit = off, the nearest
# it has to Hindsight's default (process) durability; the Hindsight server runs with its defaults. Nothing else should
# run on the machine meanwhile: the figures of both sides move with other load.
set -euo pipefail

QUICK=
case "${1:-}" in
    --quick) QUICK=--quick ;;
    "") ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
JAR=$REPO/benchmarks/target/benchmarks.jar
SERVER_JAR=$REPO/cli/target/hindsight.jar
log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }

stale() { # $1 a jar: missing, or a source file or pom.xml newer than it
    [[ -f $1 ]] || return 0
    [[ -n "$(find "$REPO" \( -name target -o -name .git -o -name node_modules \) -prune -o \
        \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$1" -print -quit)" ]]
}
build() { # $1 the module: built with what it depends on, as the launcher builds (HINDSIGHT_MVN_OPTS, e.g. -o)
    command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is needed to build $1" >&2; exit 1; }
    log "building $1 (mvn -B -DskipTests -pl $1 -am package)"
    local build_log
    build_log=$(mktemp)
    # shellcheck disable=SC2086 # HINDSIGHT_MVN_OPTS is a list of options
    (cd "$REPO" && mvn -B -Dstyle.color=never -DskipTests ${HINDSIGHT_MVN_OPTS:-} -pl "$1" -am package) \
        >"$build_log" 2>&1 || { cat "$build_log" >&2; echo "the build failed (output above)" >&2; exit 1; }
    rm -f "$build_log"
}
# each on its own: the benchmarks do not depend on the cli, and rebuilding the server's jar (the shade plugin always
# rewrites it) would leave the launcher's class-data archive stale
if stale "$SERVER_JAR"; then build cli; fi
if stale "$JAR"; then build benchmarks; fi
# the server runs as ./hindsight serve does, with the launcher's archive: made or refreshed here if it is not current
JSA=$REPO/cli/target/hindsight.jsa
if [[ ${HINDSIGHT_CDS:-on} != off && ( ! -f $JSA || $SERVER_JAR -nt $JSA ) ]]; then
    "$REPO/hindsight" --version >/dev/null
fi

if [[ -n $QUICK ]]; then EVENTS=100000; RESTARTS=1; else EVENTS=1000000; RESTARTS=3; fi
FLAGS=$(sed -n 's:.*<hindsight.jvm.flags>\(.*\)</hindsight.jvm.flags>.*:\1:p' "$REPO/pom.xml")
# shellcheck disable=SC2086 # FLAGS is a list of JVM options
bench_java() { java $FLAGS -Dchronicle.analytics.disable=true -Xms1g -Xmx1g -cp "$JAR" dev.hindsight.benchmarks.Bench "$@"; }

source "$HERE/pg/cluster.sh"
pg_find_or_install
pg_cluster_prepare
pg_side_by_side_settings "max_connections = 50"
pg_cluster_start
URL="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=bench"
ROWS=$WORK/rows.tsv

# the server: a fresh data directory beside the cluster, on another free port, with the launcher's class data sharing
# archive when it is there and current (as ./hindsight serve runs); stopped (SIGTERM) before the cluster
HPORT=$(free_port "$PORT")
CDS=()
ARCHIVE="without a class-data archive"
if [[ ${HINDSIGHT_CDS:-on} != off && -f $JSA && ! $SERVER_JAR -nt $JSA ]]; then
    CDS=(-Xlog:cds=off -XX:SharedArchiveFile="$JSA")
    ARCHIVE="with the launcher's class-data archive"
fi
SERVER_PID=
start_server() {
    java "${CDS[@]}" -jar "$SERVER_JAR" serve --data-dir "$WORK/hindsight" --port "$HPORT" \
        >>"$WORK/hindsight.log" 2>&1 &
    SERVER_PID=$!
}
stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}
trap 'rc=$?; stop_server; (exit "$rc"); cleanup' EXIT
# $1: a statement; succeeds once the server answers it with 200
hindsight_answers() {
    curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "{\"sql\":\"$1\"}" \
        "http://127.0.0.1:$HPORT/v1/sql" 2>/dev/null
}
wait_for_server() { # until the server answers $1, or it dies or a minute passes (its log then goes to stderr)
    local t0
    t0=$(now_ms)
    until hindsight_answers "$1"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/hindsight.log" >&2; echo "the server died" >&2; exit 1; }
        (( $(now_ms) - t0 < 60000 )) \
            || { cat "$WORK/hindsight.log" >&2; echo "the server did not answer $1 within 60 s" >&2; exit 1; }
        sleep 0.01
    done
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

start_server
wait_for_server "SELECT 1"
log "PostgreSQL $PG_MAJOR on port $PORT, Hindsight on port $HPORT; CPU busy before the run: $(cpu_busy_pct)%"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
bench_java table --rows /dev/null >/dev/null # fails here, not after minutes, if the jar cannot run
{
    printf 'meta\tHindsight beside PostgreSQL %s and raw Chronicle Queue, %s%s\n' \
        "$("$BIN/postgres" --version | awk '{print $3}')" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
        "${QUICK:+ (--quick: short warm-up, indicative only)}"
    printf 'meta\tmachine: %s cores (%s), %s, %s %s; %s\n' "$(nproc)" "${cpu:-unknown CPU}" "$mem" "$(uname -s)" \
        "$(uname -r)" "$(java -version 2>&1 | head -1)"
    printf 'meta\tHindsight: default (process) durability, one server %s; PostgreSQL: synchronous_commit = off,' \
        "$ARCHIVE"
    printf ' shared_buffers 1GB, unique (stream_id, version) index; both on loopback, clients in one JVM\n'
    printf 'meta\tappends and reads: each side runs for the same time; PostgreSQL'"'"'s table is made anew for each'
    printf ' figure, Hindsight'"'"'s log keeps what every figure before appended (it reads from the bigger store)\n'
} >"$ROWS"

log "phase 1: the same $EVENTS events on both sides"
bench_java data --server "http://127.0.0.1:$HPORT" --pg "$URL" --rows "$ROWS" --events "$EVENTS" $QUICK

log "phase 2: restart to ready, $RESTARTS time(s) each: a clean stop, then a start until customer_orders answers"
READY="SELECT COUNT(*) FROM customer_orders"
h_times=()
p_times=()
for _ in $(seq 1 "$RESTARTS"); do
    stop_server
    t0=$(now_ms)
    start_server
    wait_for_server "$READY"
    h_times+=($(( $(now_ms) - t0 )))

    as_pg "$BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
    t0=$(now_ms)
    as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/server.log" start >/dev/null
    until "${PSQL[@]}" -c "$READY" >/dev/null 2>&1; do
        (( $(now_ms) - t0 < 60000 )) || { cat "$WORK/server.log" >&2; echo "PostgreSQL did not come back" >&2; exit 1; }
        sleep 0.01
    done
    p_times+=($(( $(now_ms) - t0 )))
done
# ready means the whole read model: both answer with the same number of customers
h_count=$(curl -fsS -H 'Content-Type: application/json' -d "{\"sql\":\"$READY\"}" \
    "http://127.0.0.1:$HPORT/v1/sql" | tr -c '0-9' ' ' | awk '{print $NF}')
p_count=$("${PSQL[@]}" -A -t -c "$READY")
[[ $h_count == "$p_count" ]] \
    || { echo "after the restart customer_orders holds $h_count rows on Hindsight, $p_count on PostgreSQL" >&2; exit 1; }
h_ready=$(printf '%s\n' "${h_times[@]}" | median)
p_ready=$(printf '%s\n' "${p_times[@]}" | median)
log "restart to ready (ms): hindsight ${h_times[*]}, postgresql ${p_times[*]}"
printf 'row\trestart to ready, %s events (clean stop; start to a first answer)\tms, median\tlower\t%s\t-\t%s\n' \
    "$(sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$EVENTS")" "$h_ready" "$p_ready" >>"$ROWS"

# the appends below are the same work as PostgreSQL's only without a read model to keep current (PostgreSQL's
# customer_orders is a plain table that its inserts leave alone)
hindsight_answers "DROP PROJECTION customer_orders" || { echo "DROP PROJECTION customer_orders failed" >&2; exit 1; }
log "phase 3: appends and reads"
bench_java appends --server "http://127.0.0.1:$HPORT" --pg "$URL" --rows "$ROWS" $QUICK

stop_server
bench_java table --rows "$ROWS"
