# shellcheck shell=bash
# Shared pieces of install/bench (sourced, not run): timing, medians, the results table, the mail sandbox,
# and probes for which features this build has. Reads the globals install/bench sets: ROOT WORK APP_DLL GEN_DLL.

say() { echo "bench: $*" >&2; }
logref() { echo "${ARTIFACTS#"$ROOT"/}/logs/${1##*/}"; }   # where a log is kept after the run

app() { dotnet "$APP_DLL" "$@"; }
runtime_id() { case $(uname -m) in x86_64) echo linux-x64 ;; aarch64|arm64) echo linux-arm64 ;; *) echo "linux-$(uname -m)" ;; esac; }
gen() { dotnet "$GEN_DLL" "$@"; }

# run_timed LOG CMD...: runs CMD with stdout+stderr to LOG; sets LAST_MS (wall clock) and LAST_RSS_MB (peak
# resident set of the process, from /usr/bin/time). Returns CMD's exit status.
run_timed() {
  local log=$1; shift
  local t0=$EPOCHREALTIME rc=0
  /usr/bin/time -f '%M' -o "$WORK/time.out" "$@" >"$log" 2>&1 || rc=$?
  local t1=$EPOCHREALTIME
  LAST_MS=$(( (10#${t1/./} - 10#${t0/./}) / 1000 ))
  LAST_RSS_MB=$(( $(tail -n1 "$WORK/time.out" | tr -dc 0-9) / 1024 ))
  return $rc
}

median() { # numbers... -> the median (mean of the middle two for an even count)
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
max_of() { printf '%s\n' "$@" | sort -n | tail -n1; }
seconds() { awk -v ms="$1" 'BEGIN { printf (ms < 10000 ? "%.2f s" : "%.1f s"), ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
per_second() { awk -v n="$1" -v ms="$2" 'BEGIN { r = n * 1000 / ms; printf (r >= 10000 ? "%.0fk/s" : "%.0f/s"), (r >= 10000 ? r / 1000 : r) }'; }
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# The table: one row per comparison, kept in order in $WORK/rows.md; details (every run's time, notes) go below it
# from $WORK/details.md. Files, not arrays: each comparison runs in its own subshell.
HEADER='| Comparison | Size | StpCollector (median) | Reference | Reference (median) | Ratio | Target | Result | Peak RSS (ours) | Runs |'
RULE='|---|---|---|---|---|---|---|---|---|---|'

# add_row NAME SIZE OURS_MS REF_NAME REF_MS TARGET_RATIO RSS_MB RUNS [UNITS]
# A ratio target "1.25" means ours/reference <= 1.25; with no reference (REF_MS = -), TARGET is a time limit in ms;
# with neither (both -), the row is there for reference and its result is "reference".
add_row() {
  local name=$1 size=$2 ours=$3 refname=$4 ref=$5 target=$6 rss=$7 runs=$8 units=${9:-}
  local r result
  if [[ $ref == - && $target == - ]]; then
    row "| $name | $size | $(seconds "$ours") | $refname | — | — | — | reference | $rss MB | $runs |"
    return
  fi
  if [[ $ref == - ]]; then
    r="—"
    if (( ours <= target )); then result=met; else result=missed; fi
    target="< $(seconds "$target")"
    row "| $name | $size | $(seconds "$ours")${units:+ ($(per_second "$units" "$ours"))} | $refname | — | — | $target | $result | $rss MB | $runs |"
    return
  fi
  r=$(ratio "$ours" "$ref")
  if awk -v r="$r" -v t="$target" 'BEGIN { exit !(r <= t) }'; then result=met; else result=missed; fi
  row "| $name | $size | $(seconds "$ours")${units:+ ($(per_second "$units" "$ours"))} | $refname | $(seconds "$ref")${units:+ ($(per_second "$units" "$ref"))} | ${r}× | ≤ ${target}× | $result | $rss MB | $runs |"
}

add_unavailable() { # NAME SIZE WHY
  row "| $1 | $2 | not available | — | — | — | — | not available: $3 | — | 0 |"
}

add_failed() { # NAME SIZE WHY
  row "| $1 | $2 | FAILED | — | — | — | — | failed: $3 | — | — |"
}

row() { echo "$1" >>"$WORK/rows.md"; }
detail() { echo "- $*" >>"$WORK/details.md"; }
failures() { grep -c '| FAILED |' "$WORK/rows.md" 2>/dev/null || true; }

machine() {
  local cpu mem os
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
  [[ -n $cpu ]] || cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
  mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $mem RAM, ${os:-$(uname -s)} (kernel $(uname -r));" \
       ".NET SDK $(dotnet --version), sqlite3 $(sqlite3 --version | cut -d' ' -f1), Postfix $(postconf -d -h mail_version 2>/dev/null || echo '?');" \
       "load average at start ${LOAD_AT_START:-?}, at end $(cut -d' ' -f1-3 /proc/loadavg)"
}

# --- features in this build ---------------------------------------------------------------------------------

VERBS=""
has_verb() { # VERB: listed under Commands in `stpcollector --help`
  [[ -n $VERBS ]] || VERBS=$(app --help 2>/dev/null | sed -n '/^Commands:/,$s/^  \([a-z-]*\).*/\1/p' | tr '\n' ' ')
  [[ " $VERBS " == *" $1 "* ]]
}

SWEEPS=""
has_sweep() { # NAME: asks `run --once --sweep` for the list of sweeps once
  if [[ -z $SWEEPS ]]; then
    SWEEPS=$(app run --once --sweep bench-probe --data-dir "$WORK/probe" 2>&1 | sed -n 's/.*The sweeps are: //p' | tr -d '.' | tr ',' ' ')
    SWEEPS=${SWEEPS:-none}
  fi
  [[ " $SWEEPS " == *" $1 "* ]]
}

# --- the mail sandbox ---------------------------------------------------------------------------------------

free_port() {
  local p
  for _ in $(seq 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

SANDBOX=""
ensure_sandbox() {
  [[ -z $SANDBOX ]] || return 0
  SANDBOX=$WORK/sbx
  local smtp imap
  smtp=$(free_port) imap=$(free_port)
  while [[ $imap == "$smtp" ]]; do imap=$(free_port); done
  SANDBOX_SMTP_PORT=$smtp SANDBOX_IMAP_PORT=$imap SANDBOX_SUBMISSION_PORT=0 \
    "$ROOT/install/mail-sandbox" start "$SANDBOX" >"$WORK/logs/sandbox-start.log" 2>&1 \
    || { cat "$WORK/logs/sandbox-start.log" >&2; SANDBOX=""; return 1; }
  SMTP_PORT=$(sed -n 's/^SMTP_PORT=//p' "$SANDBOX/sandbox.env")
  IMAP_PORT=$(sed -n 's/^IMAP_PORT=//p' "$SANDBOX/sandbox.env")
  IMAP_PASSWORD=$(sed -n 's/^IMAP_PASSWORD=//p' "$SANDBOX/sandbox.env")
  say "mail sandbox on SMTP $SMTP_PORT, IMAP $IMAP_PORT"
}

stop_sandbox() {
  [[ -n $SANDBOX ]] || return 0
  "$ROOT/install/mail-sandbox" stop "$SANDBOX" >/dev/null 2>&1 || true
  SANDBOX=""
}

wipe_sandbox() { "$ROOT/install/mail-sandbox" wipe "$SANDBOX" >/dev/null 2>&1; }

# Settings that point stpcollector at the sandbox (as environment variables, so nothing is written to disk).
sandbox_env() {
  echo STPCOLLECTOR__Mail__Outbound=Smtp STPCOLLECTOR__Mail__Smtp__Host=127.0.0.1 \
    "STPCOLLECTOR__Mail__Smtp__Port=$SMTP_PORT" STPCOLLECTOR__Mail__Smtp__Security=None \
    STPCOLLECTOR__Mail__Inbound=Imap STPCOLLECTOR__Mail__Imap__Host=127.0.0.1 \
    "STPCOLLECTOR__Mail__Imap__Port=$IMAP_PORT" STPCOLLECTOR__Mail__Imap__Security=None \
    STPCOLLECTOR__Mail__Imap__UserName=returns@lga.test "STPCOLLECTOR__Mail__Imap__Password=$IMAP_PASSWORD"
}

# smtp_source LOG COUNT FILE RECIPIENT: the reference sender, timed: COUNT copies of FILE over $SESSIONS SMTP sessions.
smtp_source() {
  run_timed "$1" smtp-source -s "$SESSIONS" -d -m "$2" -F "$3" -N -f stp@lga.test -t "$4" "127.0.0.1:$SMTP_PORT"
}

inbox_count() { gen inbox-count --imap-port "$IMAP_PORT" --password "$IMAP_PASSWORD" --folder "${1:-INBOX}"; }

wait_inbox() { # COUNT SECONDS: until INBOX holds COUNT messages (delivery is asynchronous)
  local deadline=$(( EPOCHSECONDS + $2 )) n=0
  while (( EPOCHSECONDS < deadline )); do
    n=$(inbox_count 2>/dev/null || echo 0)
    (( n >= $1 )) && return 0
    sleep 0.5
  done
  say "INBOX holds $n of $1 messages after $2 s"
  return 1
}

sql() { sqlite3 -batch -noheader "$1" "$2"; }

# --- a private PostgreSQL (install/pg-sandbox) ----------------------------------------------------------------

PG_SANDBOX="" PG_PORT=""
ensure_pg_sandbox() {
  [[ -z $PG_SANDBOX ]] || return 0
  PG_SANDBOX=$WORK/pg
  SANDBOX_PG_PORT=$(free_port) "$ROOT/install/pg-sandbox" start "$PG_SANDBOX" >"$WORK/logs/pg-sandbox-start.log" 2>&1 \
    || { cat "$WORK/logs/pg-sandbox-start.log" >&2; "$ROOT/install/pg-sandbox" stop "$PG_SANDBOX" >/dev/null 2>&1 || true; PG_SANDBOX=""; return 1; }
  PG_PORT=$(sed -n 's/^PG_PORT=//p' "$PG_SANDBOX/sandbox.env")
  say "PostgreSQL sandbox on port $PG_PORT"
}

stop_pg_sandbox() {
  [[ -n $PG_SANDBOX ]] || return 0
  "$ROOT/install/pg-sandbox" stop "$PG_SANDBOX" >/dev/null 2>&1 || true
  PG_SANDBOX=""
}

pg_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/$1"; }
psql_in() { # DB ARGS...: psql on the sandbox, quiet, stopping at the first error
  PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$@"
}
pg_sql() { psql_in "$1" -A -t -c "$2"; }
# Settings that point stpcollector at database DB of the sandbox (as environment variables).
pg_env() { echo STPCOLLECTOR__Storage__Provider=PostgreSql "STPCOLLECTOR__Storage__ConnectionString=$(pg_url "$1")"; }
