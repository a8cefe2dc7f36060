#!/usr/bin/env bash
# PostgreSQL on the JSON aggregate of SqlReadBenchmark.jsonAggregate, on this machine.
#
# Loads the events SqlReadBenchmark appends (event i: stream "order-" + i % 10000, payload
# BenchSupport.payloads(1024)[i & 1023]) into a throwaway PostgreSQL cluster and times
#
#   SELECT data->>'customerId', SUM((data->>'total')::numeric(12,2)) FROM events GROUP BY data->>'customerId'
#
# (ours: SELECT JSON_VALUE(data,'$.customerId'), SUM(CAST(JSON_VALUE(data,'$.total') AS DECIMAL(12,2)))
#  FROM events GROUP BY JSON_VALUE(data,'$.customerId')), as client wall time of the whole query with all its
# rows received (psql \timing, rows sent to /dev/null), twice: with max_parallel_workers_per_gather = 0 (one
# core, as our engine runs it) and with the default (2).
#
# usage: benchmarks/pg/json-aggregate.sh [-n EVENTS] [-r RUNS] [-t jsonb|json]
#   -n EVENTS  events to load (env EVENTS, default 1000000)
#   -r RUNS    timed runs per setting, after 2 warm-up runs (env RUNS, default 10)
#   -t TYPE    type of the data column: jsonb (default) or json (text, parsed by every ->>) (env PG_DATA_TYPE)
# env: PG_BIN (a PostgreSQL bin directory), PG_SHARED_BUFFERS (default: 1GB, more if the table needs it),
#      TMPDIR (where the cluster goes; default /tmp).
#
# Needs: Java 17 (to run Payloads.java in single-file source mode) and PostgreSQL 15 (installed with apt-get
# when missing and run as root). As root, the cluster runs as the OS user "postgres" (created if missing).
# The cluster lives in a temp directory and is stopped and deleted on exit, whatever happens.
set -euo pipefail

EVENTS=${EVENTS:-1000000}
RUNS=${RUNS:-10}
DATA_TYPE=${PG_DATA_TYPE:-jsonb}
WARMUPS=2
QUERY="SELECT data->>'customerId', SUM((data->>'total')::numeric(12,2)) FROM events GROUP BY data->>'customerId'"
# SHA-256 of BenchSupport.payloads(1024), one a line: Payloads.java must print exactly these
PAYLOADS_SHA256=b00c05b5bb7b6d21486b1d62b1f8742bfb8919c038c98b881237a406518c7db1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "n:r:t:h" opt; do
    case $opt in
        n) EVENTS=$OPTARG ;;
        r) RUNS=$OPTARG ;;
        t) DATA_TYPE=$OPTARG ;;
        h) usage 0 ;;
        *) usage 2 >&2 ;;
    esac
done
[[ $EVENTS =~ ^[1-9][0-9]*$ ]] || { echo "EVENTS must be a positive integer: $EVENTS" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer: $RUNS" >&2; exit 2; }
[[ $DATA_TYPE == jsonb || $DATA_TYPE == json ]] || { echo "type must be jsonb or json: $DATA_TYPE" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }

# ---- 1. PostgreSQL binaries (15 preferred; installed from Debian's packages if none) ----
source "$HERE/cluster.sh"
pg_find_or_install
command -v java >/dev/null || { echo "java (17) not found" >&2; exit 1; }

# ---- 2. a throwaway cluster on a free loopback port ----
pg_cluster_prepare

# shared_buffers holds the whole table (~260 bytes a row) twice over; pg_prewarm loads it after VACUUM. (Without
# the prewarm, a sequential scan of a table larger than a quarter of shared_buffers reads through a 256 kB ring,
# i.e. from the OS page cache on every run; with it, every page is a shared-buffer hit, as the plan shows.)
if [[ -n ${PG_SHARED_BUFFERS:-} ]]; then
    SHARED_BUFFERS=$PG_SHARED_BUFFERS
else
    sb_mb=$(( EVENTS * 260 * 2 / 1048576 + 64 ))
    (( sb_mb < 1024 )) && sb_mb=1024
    SHARED_BUFFERS=${sb_mb}MB
fi
SETTINGS=(
    "listen_addresses = '127.0.0.1'"
    "port = $PORT"
    "unix_socket_directories = '$WORK'"
    "shared_buffers = '$SHARED_BUFFERS'"  # the whole table stays in PostgreSQL's own cache (pg_prewarm'd)
    "work_mem = '64MB'"                   # ~1,000 groups: the hash aggregate never spills anyway
    "maintenance_work_mem = '512MB'"      # index builds after the load
    "fsync = off"                         # loading only; the measured query writes nothing
    "synchronous_commit = off"
    "full_page_writes = off"
    "wal_level = minimal"                 # COPY/INSERT into a table created in the same transaction skip WAL
    "max_wal_senders = 0"
    "max_wal_size = '8GB'"                # no checkpoint during the load
    "checkpoint_timeout = '1h'"           # nor during the measurement (CHECKPOINT is issued after the load)
    "autovacuum = off"                    # VACUUM (FREEZE, ANALYZE) is run explicitly; no background work
)
# Left at their defaults: every planner, parallelism and JIT setting (max_parallel_workers_per_gather = 2,
# max_parallel_workers = 8, max_worker_processes = 8, jit = on, jit_above_cost = 100000), except
# max_parallel_workers_per_gather, which is set to 0 for the single-core runs.

pg_cluster_start

# ---- 3. the events, with BenchSupport's payloads ----
log "generating BenchSupport.payloads(1024) with Payloads.java"
java "$HERE/Payloads.java" payloads 1024 >"$WORK/payloads.tsv"
sha=$(cut -f2 "$WORK/payloads.tsv" | sha256sum | cut -d' ' -f1)
[[ $sha == "$PAYLOADS_SHA256" ]] || {
    echo "Payloads.java printed payloads with SHA-256 $sha, not $PAYLOADS_SHA256 (BenchSupport.payloads(1024))" >&2
    exit 1
}
PAYLOAD_CHECK="SHA-256 of the 1024 payloads = the recorded one ($PAYLOADS_SHA256)"
if [[ -f $REPO/benchmarks/target/benchmarks.jar ]]; then
    if out=$(java -cp "$REPO/benchmarks/target/benchmarks.jar" "$HERE/Payloads.java" check); then
        PAYLOAD_CHECK="$PAYLOAD_CHECK; $out (benchmarks/target/benchmarks.jar)"
    else
        echo "$out" >&2; exit 1
    fi
else
    PAYLOAD_CHECK="$PAYLOAD_CHECK; not compared with BenchSupport itself (benchmarks/target/benchmarks.jar not built)"
fi
read -r EXPECT_GROUPS EXPECT_SUM < <(java "$HERE/Payloads.java" expect "$EVENTS")

log "loading $EVENTS events ($DATA_TYPE)"
load_start=$(date +%s.%N)
"${PSQL[@]}" <<SQL
CREATE EXTENSION pg_prewarm;
CREATE TABLE payloads (idx integer PRIMARY KEY, body text NOT NULL);
\copy payloads FROM '$WORK/payloads.tsv'
BEGIN;
-- the columns of our events table (SPEC §1); seq and version from 1, as the log assigns them
CREATE TABLE events (
    seq            bigint       NOT NULL,
    stream_id      text         NOT NULL,
    entity_type    text         NOT NULL,
    version        bigint       NOT NULL,
    name           text         NOT NULL,
    schema_version integer      NOT NULL,
    event_id       uuid         NOT NULL,
    ts             timestamp(3) NOT NULL,
    source         text         NOT NULL,
    data           $DATA_TYPE   NOT NULL,
    metadata       $DATA_TYPE
);
INSERT INTO events
SELECT i + 1, 'order-' || (i % 10000), 'order', i / 10000 + 1, 'order.placed', 1, gen_random_uuid(),
       timestamp '2026-01-01 00:00:00' + i * interval '1 millisecond', 'api', p.body::$DATA_TYPE, NULL
FROM generate_series(0::bigint, $EVENTS - 1) AS g(i)
JOIN payloads p ON p.idx = (i & 1023)
ORDER BY i;
ALTER TABLE events ADD PRIMARY KEY (seq);
CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);
COMMIT;
VACUUM (FREEZE, ANALYZE) events;
CHECKPOINT;
SQL
load_s=$(awk -v a="$load_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')

# the rows are the benchmark's: a few payloads and streams by seq, then the count and the query's result
for i in 0 1 1023 1024 $(( EVENTS / 2 )) $(( EVENTS - 1 )); do
    (( i < EVENTS )) || continue
    body=$(awk -F'\t' -v k=$(( i & 1023 )) '$1 == k { print $2 }' "$WORK/payloads.tsv")
    ok=$(sql "SELECT data::text = '$body'::$DATA_TYPE::text AND stream_id = 'order-$(( i % 10000 ))'
              FROM events WHERE seq = $(( i + 1 ))")
    [[ $ok == t ]] || { echo "event $i: row does not match payload $(( i & 1023 )) / stream order-$(( i % 10000 ))" >&2; exit 1; }
done
[[ $(sql "SELECT count(*) FROM events") == "$EVENTS" ]] || { echo "events: wrong row count" >&2; exit 1; }
got=$(sql "SELECT count(*) || ' ' || sum(s) FROM ($QUERY) AS q(c, s)")
[[ $got == "$EXPECT_GROUPS $EXPECT_SUM" ]] || {
    echo "query result: $got groups/sum, Java computes $EXPECT_GROUPS $EXPECT_SUM" >&2; exit 1
}
TABLE_SIZE=$(sql "SELECT pg_size_pretty(pg_relation_size('events')) || ' heap, '
                  || pg_size_pretty(pg_total_relation_size('events')) || ' with indexes and TOAST'")
PREWARMED=$(sql "SELECT pg_prewarm('events')")

# ---- 4. the timed runs ----

# CPU accounting over a timed block, to tell whether other work shared the CPU: all busy time (/proc/stat)
# against the postmaster's own and its reaped children's (the session's backend, parallel workers)
HZ=$(getconf CLK_TCK)
PM_PID=$(head -1 "$PGDATA/postmaster.pid")
all_busy() { local a; read -r -a a < /proc/stat; echo $(( a[1] + a[2] + a[3] + a[6] + a[7] + a[8] )); }
steal() { local a; read -r -a a < /proc/stat; echo "${a[8]}"; }  # time the hypervisor gave to other guests
pg_cpu() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$PM_PID/stat"; }

declare -A TIMES PLAN CPU
run_setting() {  # $1: label, $2: max_parallel_workers_per_gather ('' = default)
    local label=$1 set=''
    [[ -n $2 ]] && set="SET max_parallel_workers_per_gather = $2;"
    local busy; busy=$(cpu_busy_pct)
    (( busy > 10 )) && log "WARNING: the CPU was ${busy}% busy just before the '$label' runs: other work is running"
    log "'$label': $WARMUPS warm-up + $RUNS timed runs"
    local script="$WORK/$label.sql" k
    {
        echo "$set"
        echo '\o /dev/null'
        echo '\timing on'
        for (( k = 0; k < WARMUPS + RUNS; k++ )); do echo "$QUERY;"; done
    } >"$script"
    local t0 b0 p0 s0 t1 b1 p1 s1
    t0=$(date +%s.%N); b0=$(all_busy); p0=$(pg_cpu); s0=$(steal)
    TIMES[$label]=$("${PSQL[@]}" -f "$script" | awk '/^Time: / { print $2 }' | tail -n "$RUNS" | paste -sd' ')
    sleep 0.5  # the session's backend exits and is reaped
    t1=$(date +%s.%N); b1=$(all_busy); p1=$(pg_cpu); s1=$(steal)
    CPU[$label]=$(awk -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v hz="$HZ" \
        -v all=$(( b1 - b0 )) -v pg=$(( p1 - p0 )) -v st=$(( s1 - s0 )) \
        'BEGIN { o = (all - st - pg) / hz / t; if (o < 0) o = 0; printf "%.2f %.2f %.2f", pg / hz / t, o, st / hz / t }')
    PLAN[$label]=$(sql "$set EXPLAIN (ANALYZE, BUFFERS) $QUERY")
}
run_setting single-core 0
run_setting default ''

# ---- 5. the report ----
stats() {  # per-run ms -> "mean min max rows_per_s_at_mean rows_per_s_at_min"
    tr ' ' '\n' <<<"$1" | awk -v n="$EVENTS" '
        { s += $1; if (NR == 1 || $1 < mn) mn = $1; if ($1 > mx) mx = $1 }
        END { m = s / NR; printf "%.1f %.1f %.1f %.0f %.0f\n", m, mn, mx, n / (m / 1000), n / (mn / 1000) }'
}
workers() {  # planned/launched workers of a plan
    local p l
    p=$(grep -o 'Workers Planned: [0-9]*' <<<"$1" | head -1 | grep -o '[0-9]*$' || true)
    l=$(grep -o 'Workers Launched: [0-9]*' <<<"$1" | head -1 | grep -o '[0-9]*$' || true)
    if [[ -z $p ]]; then echo "none (no Gather in the plan)"; else echo "$p planned, ${l:-?} launched"; fi
}
jit_used() { grep -q '^ *JIT:' <<<"$1" && echo "yes ($(grep -o 'Functions: [0-9]*' <<<"$1" | head -1))" || echo no; }

echo "PostgreSQL JSON aggregate (SqlReadBenchmark.jsonAggregate's query)"
echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "version:     $(sql 'SELECT version()')"
echo "machine:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "binaries:    $BIN"
echo "cluster:     initdb --encoding=UTF8 --locale=C, on 127.0.0.1:$PORT, in $WORK (deleted on exit)"
echo "settings:    $(printf '%s; ' "${SETTINGS[@]:3}" | sed 's/; $//')"
echo "             (all else default, incl. jit = $(sql 'SHOW jit'), max_parallel_workers_per_gather = $(sql 'SHOW max_parallel_workers_per_gather'), max_parallel_workers = $(sql 'SHOW max_parallel_workers'))"
echo "events:      $EVENTS, data $DATA_TYPE; table: $TABLE_SIZE; loaded in ${load_s%.*} s; $PREWARMED pages pg_prewarm'd"
echo "payloads:    $PAYLOAD_CHECK"
echo "result:      $EXPECT_GROUPS groups, grand total $EXPECT_SUM, as Payloads.java computes it for $EVENTS events"
echo "query:       $QUERY"
echo "timing:      psql \\timing: client wall time, query sent to all rows received (rows to /dev/null),"
echo "             TCP loopback, one session; $WARMUPS warm-up runs then $RUNS timed runs per setting"
echo
for label in single-core default; do
    read -r mean mn mx rps rps_best <<<"$(stats "${TIMES[$label]}")"
    case $label in
        single-core) echo "== max_parallel_workers_per_gather = 0 (one core, like our engine) ==" ;;
        default) echo "== max_parallel_workers_per_gather = default ($(sql 'SHOW max_parallel_workers_per_gather')) ==" ;;
    esac
    echo "runs (ms):   ${TIMES[$label]}"
    echo "mean:        $mean ms   min: $mn ms   max: $mx ms"
    echo "rows/s:      $rps (events / mean)   $rps_best (events / min)"
    echo "workers:     $(workers "${PLAN[$label]}"); JIT: $(jit_used "${PLAN[$label]}")"
    read -r cpu_pg cpu_other cpu_steal <<<"${CPU[$label]}"
    echo "CPU:         PostgreSQL used $cpu_pg cores on average over the warm-up and timed runs, other processes $cpu_other (of $(nproc)); steal $cpu_steal"
    awk -v o="$cpu_other" 'BEGIN { exit !(o > 0.1) }' \
        && echo "WARNING:     other processes used the CPU during these runs: the figures are not clean; run again on a quiet machine"
    grep -q 'read=' <<<"${PLAN[$label]}" \
        && echo "WARNING:     the plan read pages from outside shared_buffers: raise PG_SHARED_BUFFERS"
    echo "EXPLAIN (ANALYZE, BUFFERS), one extra run:"
    sed 's/^/    /' <<<"${PLAN[$label]}"
    echo
done
