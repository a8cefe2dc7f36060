#!/usr/bin/env bash
# PostgreSQL recomputing a projection AS OF a seq, on this machine: the GROUP BY of ProjectionBenchmark's
# definitions over the events with seq <= n, at random n, against ours reading the projection's history
# (SELECT * FROM p AS OF SEQUENCE n; ProjectionBenchmark.asOf).
#
#   stream:    SELECT stream_id, count(*), sum((data->>'total')::numeric(12,2)) FROM events WHERE seq <= n
#              GROUP BY stream_id                                           (10,000 groups: the issue's "10 k")
#   customer:  SELECT data->>'customerId', count(*), sum((data->>'total')::numeric(12,2)) FROM events
#              WHERE seq <= n GROUP BY data->>'customerId'                  (963 groups)
#
# The events are those of json-aggregate.sh and the JMH benchmarks (event i: stream "order-" + i % 10000, payload
# BenchSupport.payloads(1024)[i & 1023], seq i + 1). The n are stratified random: one uniformly random n in each of
# RUNS equal slices of 1..EVENTS, in shuffled order (seeded), so a run's mean is that of uniform n without the luck
# of a few draws. Timed as psql's \timing (client wall time, all rows received, sent to /dev/null), one session
# over TCP loopback, with max_parallel_workers_per_gather = 0 (one core) and with the default (2).
#
# usage: benchmarks/pg/projection-asof.sh [-n EVENTS] [-r RUNS] [-s SEED] [-k stream|customer|both]
#   -n EVENTS  events to load (env EVENTS, default 1000000)
#   -r RUNS    timed queries per key and setting, each at another n, after 2 warm-up queries (default 20)
#   -s SEED    seed of the n (default 42)
#   -k KEY     which definition (default both)
# env: PG_BIN (a PostgreSQL bin directory), PG_SHARED_BUFFERS (default: 1GB, more if the table needs it),
#      TMPDIR (where the cluster goes; default /tmp).
#
# Needs: Java 17 (Payloads.java in single-file source mode) and PostgreSQL 15 (installed with apt-get when missing
# and run as root). As root, the cluster runs as the OS user "postgres" (created if missing). The cluster lives in
# a temp directory and is stopped and deleted on exit, whatever happens.
set -euo pipefail

EVENTS=${EVENTS:-1000000}
RUNS=20
SEED=42
KEYS=both
WARMUPS=2
# SHA-256 of BenchSupport.payloads(1024), one a line (as in json-aggregate.sh)
PAYLOADS_SHA256=b00c05b5bb7b6d21486b1d62b1f8742bfb8919c038c98b881237a406518c7db1

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "n:r:s:k:h" opt; do
    case $opt in
        n) EVENTS=$OPTARG ;;
        r) RUNS=$OPTARG ;;
        s) SEED=$OPTARG ;;
        k) KEYS=$OPTARG ;;
        h) usage 0 ;;
        *) usage 2 >&2 ;;
    esac
done
[[ $EVENTS =~ ^[1-9][0-9]*$ ]] || { echo "EVENTS must be a positive integer: $EVENTS" >&2; exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer: $RUNS" >&2; exit 2; }
[[ $SEED =~ ^[0-9]+$ ]] || { echo "SEED must be a non-negative integer: $SEED" >&2; exit 2; }
case $KEYS in
    both) KEYS="stream customer" ;;
    stream|customer) ;;
    *) echo "key must be stream, customer or both: $KEYS" >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }

query() {  # $1: key, $2: n
    case $1 in
        stream) echo "SELECT stream_id, count(*), sum((data->>'total')::numeric(12,2)) FROM events WHERE seq <= $2
GROUP BY stream_id" ;;
        customer) echo "SELECT data->>'customerId', count(*), sum((data->>'total')::numeric(12,2)) FROM events
WHERE seq <= $2 GROUP BY data->>'customerId'" ;;
    esac
}

# ---- 1. PostgreSQL, and a throwaway cluster on a free loopback port ----
source "$HERE/cluster.sh"
pg_find_or_install
command -v java >/dev/null || { echo "java (17) not found" >&2; exit 1; }
pg_cluster_prepare
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
    "shared_buffers = '$SHARED_BUFFERS'"  # the whole table and its seq index stay in PostgreSQL's own cache
    "work_mem = '64MB'"                   # 10,000 groups: the hash aggregate never spills
    "maintenance_work_mem = '512MB'"
    "fsync = off"                         # loading only; the measured queries write nothing
    "synchronous_commit = off"
    "full_page_writes = off"
    "wal_level = minimal"
    "max_wal_senders = 0"
    "max_wal_size = '8GB'"
    "checkpoint_timeout = '1h'"
    "autovacuum = off"
)
pg_cluster_start

# ---- 2. the events (as json-aggregate.sh loads them) ----
log "generating BenchSupport.payloads(1024) with Payloads.java"
java "$HERE/Payloads.java" payloads 1024 >"$WORK/payloads.tsv"
sha=$(cut -f2 "$WORK/payloads.tsv" | sha256sum | cut -d' ' -f1)
[[ $sha == "$PAYLOADS_SHA256" ]] || { echo "Payloads.java printed payloads with SHA-256 $sha" >&2; exit 1; }
read -r EXPECT_CUSTOMERS EXPECT_SUM < <(java "$HERE/Payloads.java" expect "$EVENTS")

log "loading $EVENTS events"
"${PSQL[@]}" <<SQL
CREATE EXTENSION pg_prewarm;
CREATE TABLE payloads (idx integer PRIMARY KEY, body text NOT NULL);
\copy payloads FROM '$WORK/payloads.tsv'
BEGIN;
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
    data           jsonb        NOT NULL,
    metadata       jsonb
);
INSERT INTO events
SELECT i + 1, 'order-' || (i % 10000), 'order', i / 10000 + 1, 'order.placed', 1, gen_random_uuid(),
       timestamp '2026-01-01 00:00:00' + i * interval '1 millisecond', 'api', p.body::jsonb, NULL
FROM generate_series(0::bigint, $EVENTS - 1) AS g(i)
JOIN payloads p ON p.idx = (i & 1023)
ORDER BY i;
ALTER TABLE events ADD PRIMARY KEY (seq);
CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);
COMMIT;
VACUUM (FREEZE, ANALYZE) events;
CHECKPOINT;
SQL
PREWARMED=$(sql "SELECT pg_prewarm('events') + pg_prewarm('events_pkey')")

# the results are the projection's: at n = EVENTS the customer groups and grand total Java computes, and for any n
# min(n, 10000) stream groups counting n events
got=$(sql "SELECT count(*) || ' ' || sum(s) FROM ($(query customer "$EVENTS")) AS q(k, c, s)")
[[ $got == "$EXPECT_CUSTOMERS $EXPECT_SUM" ]] || {
    echo "customer query at n = $EVENTS: $got, Java computes $EXPECT_CUSTOMERS $EXPECT_SUM" >&2; exit 1
}
probe=$(( EVENTS / 3 + 1 ))
got=$(sql "SELECT count(*) || ' ' || sum(c) FROM ($(query stream "$probe")) AS q(k, c, s)")
want="$(( probe < 10000 ? probe : 10000 )) $probe"
[[ $got == "$want" ]] || { echo "stream query at n = $probe: $got groups/events, expected $want" >&2; exit 1; }

# ---- 3. the n: one uniformly random n in each of RUNS equal slices of 1..EVENTS, shuffled (seeded) ----
mapfile -t NS < <(awk -v runs="$RUNS" -v events="$EVENTS" -v seed="$SEED" 'BEGIN {
    srand(seed)
    for (k = 0; k < runs; k++) { lo = int(events * k / runs); hi = int(events * (k + 1) / runs)
                                 n[k] = lo + 1 + int(rand() * (hi - lo)) }
    for (k = runs - 1; k > 0; k--) { j = int(rand() * (k + 1)); t = n[k]; n[k] = n[j]; n[j] = t }
    for (k = 0; k < runs; k++) print n[k] }')
WARM_NS=($(( EVENTS / 2 )) $(( EVENTS / 4 )))

# ---- 4. the timed queries ----
declare -A TIMES PLAN
run_key() {  # $1: key, $2: label, $3: max_parallel_workers_per_gather ('' = default)
    local key=$1 label=$2 set='' n
    [[ -n $3 ]] && set="SET max_parallel_workers_per_gather = $3;"
    local busy; busy=$(cpu_busy_pct)
    (( busy > 10 )) && log "WARNING: the CPU was ${busy}% busy just before the $key/$label runs: other work is running"
    log "$key, $label: $WARMUPS warm-up + $RUNS timed queries"
    local script="$WORK/$key-$label.sql"
    {
        echo "$set"
        echo '\o /dev/null'
        echo '\timing on'
        for n in "${WARM_NS[@]}" "${NS[@]}"; do echo "$(query "$key" "$n");"; done
    } >"$script"
    TIMES[$key/$label]=$("${PSQL[@]}" -f "$script" | awk '/^Time: / { print $2 }' | tail -n "$RUNS" | paste -sd' ')
    PLAN[$key/$label]=$(sql "$set EXPLAIN (ANALYZE, BUFFERS) $(query "$key" "$(( EVENTS / 2 ))")")
}
for key in $KEYS; do
    run_key "$key" single-core 0
    run_key "$key" default ''
done

# ---- 5. the report ----
stats() {  # per-run ms -> "mean p50 min max"
    tr ' ' '\n' <<<"$1" | sort -g | awk '{ v[NR] = $1; s += $1 }
        END { printf "%.1f %.1f %.1f %.1f\n", s / NR, v[int((NR + 1) / 2)], v[1], v[NR] }'
}
echo "PostgreSQL recomputing a projection AS OF a seq (ProjectionBenchmark's definitions over seq <= n)"
echo "date:        $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "version:     $(sql 'SELECT version()')"
echo "machine:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "settings:    $(printf '%s; ' "${SETTINGS[@]:3}" | sed 's/; $//')"
echo "events:      $EVENTS, jsonb, primary key seq; $PREWARMED pages pg_prewarm'd (table and seq index)"
echo "n:           $RUNS stratified random n (seed $SEED): ${NS[*]}"
echo "timing:      psql \\timing, client wall time to all rows received (to /dev/null), TCP loopback, one session;"
echo "             $WARMUPS warm-up queries (n = ${WARM_NS[*]}) then $RUNS timed, per key and setting"
echo
for key in $KEYS; do
    for label in single-core default; do
        read -r mean p50 mn mx <<<"$(stats "${TIMES[$key/$label]}")"
        echo "== $key, max_parallel_workers_per_gather = $([[ $label == default ]] && sql 'SHOW max_parallel_workers_per_gather' || echo 0) =="
        echo "query:       $(query "$key" n | tr '\n' ' ')"
        echo "runs (ms):   ${TIMES[$key/$label]}"
        echo "mean:        $mean ms   p50: $p50 ms   min: $mn ms   max: $mx ms"
        echo "EXPLAIN (ANALYZE, BUFFERS) at n = $(( EVENTS / 2 )):"
        sed 's/^/    /' <<<"${PLAN[$key/$label]}"
        echo
    done
done
