# Shared by the scripts of benchmarks/pg: finds (or installs) PostgreSQL, and runs a throwaway cluster on a free
# loopback port in a temp directory, stopped and deleted on exit whatever happens. Sourced, not run:
#
#   source "$HERE/cluster.sh"
#   pg_find_or_install             # sets BIN (PostgreSQL's bin directory) and PG_MAJOR
#   pg_cluster_prepare             # sets WORK, PGDATA, OS_USER, PORT and as_pg(); installs the exit trap
#   SETTINGS=(...)                 # postgresql.conf lines, which may use $PORT and $WORK
#   pg_side_by_side_settings [L..] #   or: the settings of the runs beside a Hindsight server, and lines L
#   pg_cluster_start               # initdb, the SETTINGS, start; sets PSQL and sql()
#
#   free_port [EXCEPT]             # a free loopback port (not EXCEPT), or exit 1
#   cpu_busy_pct                   # how busy the CPU was over 2 s, in %: other work sharing the machine
#
# Needs log() from the sourcing script. As root the cluster runs as the OS user "postgres" (created if missing).
# Functions set globals on purpose: the sourcing script uses them.

pg_find_or_install() {
find_pg_bin() {
    local d
    if [[ -n ${PG_BIN:-} ]]; then
        [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl && -x $PG_BIN/psql ]] && { echo "$PG_BIN"; return 0; }
        echo "PG_BIN=$PG_BIN has no initdb, pg_ctl and psql" >&2; return 1
    fi
    for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]] && { echo "$d"; return 0; }
    done
    return 1
}
if ! BIN=$(find_pg_bin); then
    if [[ -n ${PG_BIN:-} ]]; then exit 1; fi
    if [[ $(id -u) -ne 0 ]]; then
        echo "PostgreSQL not found under /usr/lib/postgresql/*/bin; install it (apt-get install postgresql-15) or" \
            "run this as root" >&2
        exit 1
    fi
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql-15 >/dev/null || apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_pg_bin) || { echo "PostgreSQL still not found after apt-get install" >&2; exit 1; }
fi
PG_MAJOR=$("$BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
[[ $PG_MAJOR == 15 ]] || log "WARNING: PostgreSQL $PG_MAJOR, not 15 ($BIN)"
}

pg_cluster_prepare() {
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-pg-XXXXXX")
PGDATA=$WORK/data
STARTED=
if [[ $(id -u) -eq 0 ]]; then
    OS_USER=postgres
    if ! id -u "$OS_USER" >/dev/null 2>&1; then
        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin "$OS_USER"
    fi
    chown "$OS_USER": "$WORK"
    # from /: the caller's directory (a fresh clone under a private temp dir) may be closed to that user, and
    # initdb and pg_ctl then warn "could not change directory"
    as_pg() { (cd / && runuser -u "$OS_USER" -- "$@"); }
else
    OS_USER=$(id -un)
    as_pg() { "$@"; }
fi
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $STARTED ]]; then
        as_pg "$BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || as_pg "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT=$(free_port)
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() { # $1: a port not to take (another's, taken but not yet listening)
    local p
    for p in $(shuf -i 20000-60000 -n 50); do
        [[ $p != "${1:-}" ]] && ! port_in_use "$p" && { echo "$p"; return 0; }
    done
    echo "no free loopback port found" >&2
    exit 1
}

# PostgreSQL beside a Hindsight server (side-by-side.sh, server-side-by-side.sh, bench.sh): its table and indexes in
# its own cache, synchronous_commit off (the nearest it has to Hindsight's default, process, durability), no
# autovacuum during the measured runs; then the lines given
pg_side_by_side_settings() {
SETTINGS=(
    "listen_addresses = '127.0.0.1'"
    "port = $PORT"
    "unix_socket_directories = '$WORK'"
    "shared_buffers = '1GB'"
    "synchronous_commit = off"
    "autovacuum = off"
    "$@"
)
}

pg_cluster_start() {
log "initdb in $WORK ($OS_USER)"
as_pg "$BIN/initdb" -D "$PGDATA" -U bench --auth=trust --encoding=UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
printf '%s\n' '' "# $(basename "$0")" "${SETTINGS[@]}" >>"$PGDATA/postgresql.conf"
STARTED=1
as_pg "$BIN/pg_ctl" -D "$PGDATA" -l "$WORK/server.log" -w -t 60 start >/dev/null \
    || { cat "$WORK/server.log" >&2; exit 1; }
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U bench -d postgres)
sql() { "${PSQL[@]}" -A -t -c "$1"; }
}

cpu_busy_pct() {  # share of CPU time not idle over 2 s, all cores
    local a b
    read -r -a a < /proc/stat; sleep 2; read -r -a b < /proc/stat
    local total=0 k
    for k in 1 2 3 4 5 6 7 8; do total=$(( total + b[k] - a[k] )); done
    local idle=$(( b[4] - a[4] + b[5] - a[5] ))
    echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
