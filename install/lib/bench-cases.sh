# shellcheck shell=bash
# The comparisons of install/bench (sourced, not run). Each prepares its data outside the timed part, then
# runs ours (A) and the reference (B) alternately, A B A B ..., checks every run did the whole job, and adds one
# table row per size. Sizes and repetitions come from install/bench (IMPORT_ROWS, DISPATCH_N, ...).

QUESTIONNAIRE=stp-local-government-involvement
QUESTIONS_PER_RETURN=16
# ours/psql for the import into PostgreSQL: ours checks every answer, keeps keys and indexes and supersedes returns,
# psql only loads text into a bare table.
IMPORT_PG_TARGET=2.0

# create_round DATADIR N AUDIENCE -> prints the round's reference. Through `round create --opens now` when this
# build has it (the round opens, and its invitations are queued, at the next RoundLifecycle sweep); else straight
# into the core tables (rounds, round_councils), already open.
create_round() {
  local dir=$1 n=$2 audience=$3
  if has_verb round; then
    app round create --questionnaire "$QUESTIONNAIRE" --title "Benchmark round $n" --opens now \
      --closes "$(TZ=Europe/London date -d '+30 days' '+%Y-%m-%d %H:%M')" --audience "$audience" --reminders none \
      --allow-missing-leads --json --data-dir "$dir" >"$WORK/logs/round-create-$n.json" 2>&1 \
      || { cat "$WORK/logs/round-create-$n.json" >&2; return 1; }
    sed -n 's/^ *"reference": "\(.*\)",*$/\1/p' "$WORK/logs/round-create-$n.json" | head -n1
    return 0
  fi
  local now opens closes
  now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
  opens=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%S.000Z)
  closes=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%S.000Z)
  sql "$dir/stpcollector.db" "
    INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at, opened_at)
    VALUES ('$QUESTIONNAIRE', 1, 'Benchmark round $n', 'BENCH-$n', 'all', '$opens', '$closes', 'open', '$now', '$opens');
    INSERT INTO round_councils (round_id, council_code, contact_id)
    SELECT last_insert_rowid(), c.code, (SELECT min(id) FROM contacts k WHERE k.council_code = c.code AND k.role = 'lead')
    FROM councils c WHERE c.region = 'London' OR '$audience' = 'all';"
  echo "BENCH-$n"
}

# --- 1. bulk import -----------------------------------------------------------------------------------------

bench_import() {
  local name="Bulk import (CSV, validated)" rows
  if ! has_verb import; then
    for rows in "${IMPORT_ROWS[@]}"; do add_unavailable "$name" "$(thousands "$rows") rows" '`stpcollector import` is not in this build'; done
    return 0
  fi
  local dir=$WORK/import template=$WORK/import/template
  mkdir -p "$dir"
  local most; most=$(max_of "${IMPORT_ROWS[@]}")
  local councils=$(( (most + QUESTIONS_PER_RETURN - 1) / QUESTIONS_PER_RETURN ))
  say "import: preparing a data dir with $councils councils and a round"
  # The round first (England's 152 councils), then the generated test councils the file also names: the import
  # checks each row's council against the councils table, and a round is not meant to have 62,500 councils.
  app db migrate --data-dir "$template" >"$WORK/logs/import-migrate.log" 2>&1
  local round; round=$(create_round "$template" import all)
  local seeded; seeded=$(sql "$template/stpcollector.db" "SELECT count(*) FROM councils")
  (( councils <= seeded )) || gen add-councils --data-dir "$template" --count $(( councils - seeded )) >"$WORK/logs/import-councils.log"

  for rows in "${IMPORT_ROWS[@]}"; do
    local csv=$dir/returns-$rows.csv size; size="$(thousands "$rows") rows"
    gen gen-import --rows "$rows" --out "$csv" --round "$round" --questionnaire "$APP_DIR/config/questionnaires/$QUESTIONNAIRE.json" \
      --seed-councils "$ROOT/seeds/councils.csv" >"$WORK/logs/import-gen-$rows.log"
    say "import: $size ($(( $(stat -c %s "$csv") / 1048576 )) MB), $IMPORT_REPS runs each side"
    local ours=() ref=() rss=() rep problem=""
    for (( rep = 1; rep <= IMPORT_REPS; rep++ )); do
      rm -rf "$dir/run" && cp -a "$template" "$dir/run"
      local log=$WORK/logs/import-$rows-ours-$rep.log
      if ! run_timed "$log" dotnet "$APP_DLL" import "$csv" --round "$round" --data-dir "$dir/run"; then
        problem="stpcollector import exited non-zero (see $(logref "$log"))"; break
      fi
      local stored; stored=$(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM answers")
      if (( stored != rows )); then problem="stored $stored answers of $rows rows (see $(logref "$log"))"; break; fi
      ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")
      (( rep > 1 )) || detail "Import $size: answers by status after the first run: $(sql "$dir/run/stpcollector.db" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM answers GROUP BY status)"); normalised (value differs from what was written): $(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM answers WHERE value IS NOT raw_value")."

      rm -f "$dir/raw.db" "$dir/raw.db-wal" "$dir/raw.db-shm"
      log=$WORK/logs/import-$rows-sqlite3-$rep.log
      run_timed "$log" sqlite3 "$dir/raw.db" "PRAGMA journal_mode = WAL;" "PRAGMA synchronous = NORMAL;" \
        "CREATE TABLE answers_raw (council_code TEXT, round TEXT, question_id TEXT, question TEXT, answer TEXT);" \
        ".import --csv --skip 1 $csv answers_raw" || { problem="sqlite3 .import failed (see $(logref "$log"))"; break; }
      local raw; raw=$(sql "$dir/raw.db" "SELECT count(*) FROM answers_raw")
      (( raw == rows )) || { problem="sqlite3 imported $raw of $rows rows"; break; }
      ref+=("$LAST_MS")
    done
    rm -rf "$dir/run" "$dir/raw.db"*
    if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; continue; fi
    add_row "$name" "$size" "$(median "${ours[@]}")" 'sqlite3 `.import --csv`' "$(median "${ref[@]}")" 1.0 "$(max_of "${rss[@]}")" "$IMPORT_REPS+$IMPORT_REPS" "$rows"
    detail "Import $size runs (ms): ours ${ours[*]}; sqlite3 ${ref[*]}; peak RSS (MB) ${rss[*]}."
  done
}

# --- 1b. bulk import on PostgreSQL ----------------------------------------------------------------------------

# The same generated files into PostgreSQL (install/pg-sandbox, started by install/bench): `stpcollector import`
# (validated, binary COPY in one transaction) against psql's `\copy` of the raw CSV into a plain table.
bench_import_pg() {
  local name="Bulk import on PostgreSQL (COPY)" rows
  if ! has_verb import; then
    for rows in "${IMPORT_ROWS[@]}"; do add_unavailable "$name" "$(thousands "$rows") rows" '`stpcollector import` is not in this build'; done
    return 0
  fi
  if [[ -z $PG_PORT ]] || ! command -v psql >/dev/null; then
    for rows in "${IMPORT_ROWS[@]}"; do add_unavailable "$name" "$(thousands "$rows") rows" 'no PostgreSQL sandbox (install/pg-sandbox; see logs/pg-sandbox-start.log)'; done
    return 0
  fi
  local dir=$WORK/import-pg template=stpc_bench_template
  mkdir -p "$dir/data"
  local most; most=$(max_of "${IMPORT_ROWS[@]}")
  local councils=$(( (most + QUESTIONS_PER_RETURN - 1) / QUESTIONS_PER_RETURN ))
  say "import-pg: preparing a template database with $councils councils and a round"
  pg_sql postgres "DROP DATABASE IF EXISTS $template" >/dev/null
  pg_sql postgres "CREATE DATABASE $template" >/dev/null
  # shellcheck disable=SC2046
  env $(pg_env "$template") dotnet "$APP_DLL" db migrate --data-dir "$dir/data" >"$WORK/logs/import-pg-migrate.log" 2>&1
  local round; round=$(export $(pg_env "$template"); create_round "$dir/data" import-pg all)
  local seeded; seeded=$(pg_sql "$template" "SELECT count(*) FROM councils")
  # shellcheck disable=SC2046
  (( councils <= seeded )) || env $(pg_env "$template") dotnet "$GEN_DLL" add-councils --data-dir "$dir/data" --count $(( councils - seeded )) \
    >"$WORK/logs/import-pg-councils.log"
  pg_sql "$template" "VACUUM ANALYZE" >/dev/null

  for rows in "${IMPORT_ROWS[@]}"; do
    local csv=$dir/returns-$rows.csv size; size="$(thousands "$rows") rows"
    gen gen-import --rows "$rows" --out "$csv" --round "$round" --questionnaire "$APP_DIR/config/questionnaires/$QUESTIONNAIRE.json" \
      --seed-councils "$ROOT/seeds/councils.csv" >"$WORK/logs/import-pg-gen-$rows.log"
    chmod 644 "$csv"
    say "import-pg: $size ($(( $(stat -c %s "$csv") / 1048576 )) MB), $IMPORT_REPS runs each side"
    local ours=() ref=() rss=() rep problem=""
    for (( rep = 1; rep <= IMPORT_REPS; rep++ )); do
      pg_sql postgres "DROP DATABASE IF EXISTS stpc_bench_run" >/dev/null
      pg_sql postgres "CREATE DATABASE stpc_bench_run TEMPLATE $template" >/dev/null
      local log=$WORK/logs/import-pg-$rows-ours-$rep.log
      # shellcheck disable=SC2046
      if ! run_timed "$log" env $(pg_env stpc_bench_run) dotnet "$APP_DLL" import "$csv" --round "$round" --data-dir "$dir/data"; then
        problem="stpcollector import exited non-zero (see $(logref "$log"))"; break
      fi
      local stored; stored=$(pg_sql stpc_bench_run "SELECT count(*) FROM answers")
      if (( stored != rows )); then problem="stored $stored answers of $rows rows (see $(logref "$log"))"; break; fi
      ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")
      (( rep > 1 )) || detail "Import on PostgreSQL $size: answers by status after the first run: $(pg_sql stpc_bench_run "SELECT string_agg(status || ' ' || n, ', ' ORDER BY status) FROM (SELECT status, count(*) n FROM answers GROUP BY status) s")."

      pg_sql postgres "DROP DATABASE IF EXISTS stpc_bench_raw" >/dev/null
      pg_sql postgres "CREATE DATABASE stpc_bench_raw" >/dev/null
      log=$WORK/logs/import-pg-$rows-psql-$rep.log
      run_timed "$log" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d stpc_bench_raw \
        -c "CREATE TABLE answers_raw (council_code TEXT, round TEXT, question_id TEXT, question TEXT, answer TEXT)" \
        -c "\\copy answers_raw FROM '$csv' WITH (FORMAT csv, HEADER true)" || { problem="psql \\copy failed (see $(logref "$log"))"; break; }
      local raw; raw=$(pg_sql stpc_bench_raw "SELECT count(*) FROM answers_raw")
      (( raw == rows )) || { problem="psql \\copy loaded $raw of $rows rows"; break; }
      ref+=("$LAST_MS")
    done
    pg_sql postgres "DROP DATABASE IF EXISTS stpc_bench_run" >/dev/null || true
    pg_sql postgres "DROP DATABASE IF EXISTS stpc_bench_raw" >/dev/null || true
    rm -f "$csv"
    if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; continue; fi
    add_row "$name" "$size" "$(median "${ours[@]}")" 'psql `\copy` (CSV)' "$(median "${ref[@]}")" "$IMPORT_PG_TARGET" "$(max_of "${rss[@]}")" "$IMPORT_REPS+$IMPORT_REPS" "$rows"
    detail "Import on PostgreSQL $size runs (ms): ours ${ours[*]}; psql \\copy ${ref[*]}; peak RSS (MB) ${rss[*]}. Server: install/pg-sandbox (PostgreSQL $(pg_sql postgres "SHOW server_version"), fsync, synchronous_commit and full_page_writes off, for both sides)."
  done
}

# --- 2. dispatch --------------------------------------------------------------------------------------------

bench_dispatch() {
  local name="Dispatch (outbox → SMTP)" size; size="$(thousands "$DISPATCH_N") messages"
  if ! has_sweep OutboxDispatch; then add_unavailable "$name" "$size" 'the OutboxDispatch sweep is not in this build'; return 0; fi
  local dir=$WORK/dispatch template=$WORK/dispatch/template
  mkdir -p "$dir"
  gen gen-outbox --data-dir "$template" --recipients "$DISPATCH_N" --sample-out "$dir/sample.eml" >"$WORK/logs/dispatch-gen.log"
  local bytes; bytes=$(stat -c %s "$dir/sample.eml")
  size="$size × $(( bytes / 1024 )) KB"
  ensure_sandbox
  say "dispatch: $size over $SESSIONS SMTP sessions, $DISPATCH_REPS runs each side"
  local ours=() ref=() rss=() rep problem=""
  for (( rep = 1; rep <= DISPATCH_REPS; rep++ )); do
    wipe_sandbox
    rm -rf "$dir/run" && cp -a "$template" "$dir/run"
    local log=$WORK/logs/dispatch-ours-$rep.log
    # shellcheck disable=SC2046
    if ! run_timed "$log" env $(sandbox_env) STPCOLLECTOR__Outbox__Connections="$SESSIONS" STPCOLLECTOR__Outbox__RatePerSecond=0 \
        dotnet "$APP_DLL" run --once --sweep OutboxDispatch --data-dir "$dir/run"; then
      problem="run --once exited non-zero (see $(logref "$log"))"; break
    fi
    local sent; sent=$(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM outbox WHERE status = 'sent'")
    (( sent == DISPATCH_N )) || { problem="sent $sent of $DISPATCH_N (see $(logref "$log"))"; break; }
    ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")

    wipe_sandbox
    log=$WORK/logs/dispatch-smtp-source-$rep.log
    smtp_source "$log" "$DISPATCH_N" "$dir/sample.eml" member@network.gov.test || { problem="smtp-source failed (see $(logref "$log"))"; break; }
    ref+=("$LAST_MS")
  done
  wipe_sandbox
  rm -rf "$dir/run"
  if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; return 0; fi
  add_row "$name" "$size" "$(median "${ours[@]}")" "smtp-source -s $SESSIONS -d" "$(median "${ref[@]}")" 1.25 "$(max_of "${rss[@]}")" "$DISPATCH_REPS+$DISPATCH_REPS" "$DISPATCH_N"
  detail "Dispatch runs (ms): ours ${ours[*]}; smtp-source ${ref[*]}; peak RSS (MB) ${rss[*]}. Both use $SESSIONS SMTP sessions, each reused for all its messages; ours is \`stpcollector run --once --sweep OutboxDispatch\` with Outbox:Connections=$SESSIONS."
}

# --- 3. ingestion -------------------------------------------------------------------------------------------

bench_ingest() { ingest_comparison "Ingestion (IMAP → stored returns)" "$INGEST_N" "$INGEST_REPS"; }

# ingest_comparison NAME N REPS: N replies waiting in Dovecot, ours and the bare fetch alternately, REPS runs each.
ingest_comparison() {
  local name=$1 INGEST_N=$2 INGEST_REPS=$3
  local size; size="$(thousands "$INGEST_N") replies"
  if ! has_sweep MailboxPoll; then add_unavailable "$name" "$size" 'the MailboxPoll sweep is not in this build'; return 0; fi
  local dir=$WORK/ingest-$INGEST_N template=$WORK/ingest-$INGEST_N/template
  mkdir -p "$dir"
  local rounds; rounds=$(reply_template "$template" "$INGEST_N")
  ensure_sandbox
  wipe_sandbox
  say "ingestion: $size over $rounds rounds, delivering them to Dovecot"
  gen gen-replies --data-dir "$template" --smtp-port "$SMTP_PORT" --count "$INGEST_N" >"$WORK/logs/ingest-gen.log" 2>&1
  if ! wait_inbox "$INGEST_N" $(( 300 + INGEST_N / 20 )); then add_failed "$name" "$size" "the replies did not all reach Dovecot"; return 0; fi
  local mailbox=$SANDBOX/mail/lga.test/returns
  rm -rf "$dir/snapshot" && cp -a "$mailbox" "$dir/snapshot"
  restore() { rm -rf "$mailbox" && cp -a "$dir/snapshot" "$mailbox"; }

  local ours=() ref=() rss=() rep problem=""
  for (( rep = 1; rep <= INGEST_REPS; rep++ )); do
    restore
    rm -rf "$dir/run" && cp -a "$template" "$dir/run"
    local log=$WORK/logs/ingest-ours-$rep.log
    # shellcheck disable=SC2046
    if ! run_timed "$log" env $(sandbox_env) dotnet "$APP_DLL" run --once --sweep MailboxPoll --data-dir "$dir/run"; then
      problem="run --once exited non-zero (see $(logref "$log"))"; break
    fi
    local left recorded
    left=$(inbox_count) recorded=$(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM inbound_messages")
    (( left == 0 && recorded == INGEST_N )) || { problem="$recorded of $INGEST_N recorded, $left left in INBOX (see $(logref "$log"))"; break; }
    ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")
    (( rep > 1 )) || detail "Ingestion outcomes after the first run: $(sql "$dir/run/stpcollector.db" "SELECT group_concat(outcome || ' ' || n, ', ') FROM (SELECT outcome, count(*) n FROM inbound_messages GROUP BY outcome)"); returns stored: $(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM returns"); receipts queued: $(sql "$dir/run/stpcollector.db" "SELECT count(*) FROM outbox WHERE status = 'pending'")."

    restore
    log=$WORK/logs/ingest-fetch-$rep.log
    run_timed "$log" dotnet "$GEN_DLL" fetch --imap-port "$IMAP_PORT" --password "$IMAP_PASSWORD" --expect "$INGEST_N" \
      || { problem="the bare fetch failed (see $(logref "$log"))"; break; }
    ref+=("$LAST_MS")
  done
  restore
  rm -rf "$dir"
  if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; return 0; fi
  add_row "$name" "$size" "$(median "${ours[@]}")" "bare MailKit fetch" "$(median "${ref[@]}")" 2.0 "$(max_of "${rss[@]}")" "$INGEST_REPS+$INGEST_REPS" "$INGEST_N"
  detail "Ingestion of $size, runs (ms): ours ${ours[*]}; bare fetch ${ref[*]}; peak RSS (MB) ${rss[*]}. Ours is \`stpcollector run --once --sweep MailboxPoll\` (archive, match, parse, store, receipt queued, move); the reference downloads and parses every message in one pipelined FETCH and does nothing else."
}

# --- 4. report ----------------------------------------------------------------------------------------------

bench_report() {
  local councils=${REPORT_SHAPE[0]} questions=${REPORT_SHAPE[1]} rounds=${REPORT_SHAPE[2]}
  local name="Report (one round, with history)" size="$councils councils × $questions questions × $rounds rounds"
  if ! has_verb report; then add_unavailable "$name" "$size" '`stpcollector report` is not in this build'; return 0; fi
  local dir=$WORK/report
  mkdir -p "$dir"
  rm -rf "$dir/config" && cp -r "$APP_DIR/config" "$dir/config"
  export STPCOLLECTOR__Paths__Config=$dir/config
  gen gen-report --data-dir "$dir/data" --config-dir "$dir/config" --councils "$councils" --questions "$questions" --rounds "$rounds" \
    >"$WORK/logs/report-gen.log" 2>&1 || { unset STPCOLLECTOR__Paths__Config; add_failed "$name" "$size" "gen-report failed (see $(logref report-gen.log))"; return 0; }
  local round="BENCH-R$rounds" id
  id=$(sql "$dir/data/stpcollector.db" "SELECT id FROM rounds WHERE reference = '$round'")
  say "report: $size, $REPORT_REPS runs"
  local ours=() rss=() rep problem=""
  for (( rep = 1; rep <= REPORT_REPS; rep++ )); do
    local log=$WORK/logs/report-$rep.log
    run_timed "$log" dotnet "$APP_DLL" report "$round" --data-dir "$dir/data" || { problem="stpcollector report exited non-zero (see $(logref "$log"))"; break; }
    ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")
  done
  gen explain --data-dir "$dir/data" --namespace StpCollector.Reports --round "$id" >"$ARTIFACTS/query-plan.txt" 2>&1 || true
  unset STPCOLLECTOR__Paths__Config
  if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; return 0; fi
  add_row "$name" "$size" "$(median "${ours[@]}")" "(target only)" - 1000 "$(max_of "${rss[@]}")" "$REPORT_REPS"
  detail "Report runs (ms): ${ours[*]}; peak RSS (MB) ${rss[*]}. \`stpcollector report $round\`, a whole process each time. $(tail -n1 "$ARTIFACTS/query-plan.txt")"
}

# The console's main pages over the report's data (400 councils x 40 questions by default): `stpcollector web` on a
# free loopback port, one signed-in session, each page fetched PAGE_REPS times after one warm-up; the median time to
# the last byte, as curl sees it on loopback (server time plus a few tenths of a millisecond), against 100 ms.
bench_pages() {
  local councils=${REPORT_SHAPE[0]} questions=${REPORT_SHAPE[1]} rounds=${REPORT_SHAPE[2]}
  local size="$councils councils × $questions questions"
  if ! has_verb web; then add_unavailable "Console pages" "$size" '`stpcollector web` is not in this build'; return 0; fi
  command -v curl >/dev/null || "$ROOT/install/lib/apt-deps.sh" curl >&2
  local dir=$WORK/report
  if [[ ! -f $dir/data/stpcollector.db ]]; then
    mkdir -p "$dir"
    rm -rf "$dir/config" && cp -r "$APP_DIR/config" "$dir/config"
    STPCOLLECTOR__Paths__Config=$dir/config gen gen-report --data-dir "$dir/data" --config-dir "$dir/config" --councils "$councils" \
      --questions "$questions" --rounds "$rounds" >"$WORK/logs/pages-gen.log" 2>&1
  fi
  export STPCOLLECTOR__Paths__Config=$dir/config
  local port password jar=$WORK/pages.cookies log=$WORK/logs/pages-web.log
  port=$(free_port)
  app users add bench-$RANDOM@lga.test --role admin --data-dir "$dir/data" >"$WORK/logs/pages-user.log" 2>&1
  password=$(sed -n 's/^One-time password (shown only now): //p' "$WORK/logs/pages-user.log")
  local email; email=$(sed -n 's/^Created \([^ ]*\) .*/\1/p' "$WORK/logs/pages-user.log")
  STPCOLLECTOR__Web__Urls=http://127.0.0.1:$port dotnet "$APP_DLL" web --data-dir "$dir/data" >"$log" 2>&1 &
  local web=$!
  # shellcheck disable=SC2064
  trap "kill $web 2>/dev/null; wait $web 2>/dev/null" RETURN
  local base=http://127.0.0.1:$port
  for _ in $(seq 600); do grep -q '^Console:' "$log" && break; kill -0 "$web" 2>/dev/null || break; sleep 0.1; done
  grep -q '^Console:' "$log" || { add_failed "Console pages" "$size" "stpcollector web did not start (see $(logref "$log"))"; return 0; }
  post_form() { # PATH FIELDS...: posts a form with the antiforgery token of the page at PATH
    local path=$1 token; shift
    token=$(curl -s -b "$jar" -c "$jar" "$base$path" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
    curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "__RequestVerificationToken=$token" "$@" "$base$path"
  }
  post_form /sign-in --data-urlencode "Email=$email" --data-urlencode "Password=$password"
  local chosen; chosen="bench password fixed"
  post_form /account/password --data-urlencode "CurrentPassword=$password" --data-urlencode "NewPassword=$chosen" --data-urlencode "ConfirmPassword=$chosen"
  [[ $(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/") == 200 ]] \
    || { add_failed "Console pages" "$size" "could not sign in to the console (see $(logref "$log"))"; return 0; }
  local round="BENCH-R$rounds" council return_id
  council=$(sql "$dir/data/stpcollector.db" "SELECT council_code FROM returns r JOIN rounds d ON d.id = r.round_id WHERE d.reference = '$round' AND r.is_current = 1 LIMIT 1")
  return_id=$(sql "$dir/data/stpcollector.db" "SELECT r.id FROM returns r JOIN rounds d ON d.id = r.round_id WHERE d.reference = '$round' AND r.is_current = 1 LIMIT 1")
  local reps=${PAGE_REPS:-$( [[ $MODE == smoke ]] && echo 2 || echo 20 )} page
  say "pages: $size, $reps requests each"
  for page in / /rounds "/rounds/$round" "/councils/$council" "/returns/$return_id" /holding-pen /foi /outbox /subscribers /bulletins /audit; do
    local times=() rep code
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$page")
    if [[ $code != 200 ]]; then add_failed "Console page $page" "$size" "HTTP $code"; continue; fi
    for (( rep = 1; rep <= reps; rep++ )); do
      times+=("$(curl -s -o /dev/null -w '%{time_total}' -b "$jar" "$base$page" | awk '{ printf "%d", $1 * 1000000 }')")
    done
    local med; med=$(median "${times[@]}")
    local rss; rss=$(( $(awk '/VmHWM/ { print $2 }' "/proc/$web/status") / 1024 ))
    add_row "Console page $page" "$size" "$(( (med + 500) / 1000 ))" "(target only)" - 100 "$rss" "$reps"
    detail "Console page $page: median $(awk -v us="$med" 'BEGIN { printf "%.1f", us / 1000 }') ms over $reps requests (µs: ${times[*]})."
  done
  unset STPCOLLECTOR__Paths__Config
}
