# shellcheck shell=bash
# The scale cases of install/bench (sourced, not run): a national round and a bulletin to every subscriber, end to
# end; ingestion at ten times the comparison's size (memory must stay flat); and how long a reply waits for its
# receipt while the worker runs. Sizes come from install/bench (NATIONAL_SUBSCRIBERS, INGEST_SCALE_N, LATENCY_N ...).

# reply_template DIR N: a data dir with the sample contacts and enough open rounds of England's councils (London's
# 33 for a handful of replies) for N replies, their invitations "sent" to the pickup folder so that replies can
# quote real invitation Message-IDs. Used by the ingestion cases.
reply_template() {
  local template=$1 n=$2 audience=all councils rounds r
  app contacts import "$ROOT/seeds/contacts-sample.csv" --data-dir "$template" >"$WORK/logs/replies-contacts-$n.log" 2>&1
  (( n > 33 )) || audience=region:London
  councils=$(sql "$template/stpcollector.db" "SELECT count(*) FROM councils WHERE region = 'London' OR '$audience' = 'all'")
  rounds=$(( (n + councils - 1) / councils ))
  for (( r = 1; r <= rounds; r++ )); do create_round "$template" "replies-$n-$r" "$audience" >/dev/null; done
  if has_sweep RoundLifecycle; then
    local sweeps=(--sweep RoundLifecycle)
    ! has_sweep OutboxDispatch || sweeps+=(--sweep OutboxDispatch)
    app run --once "${sweeps[@]}" --data-dir "$template" >"$WORK/logs/replies-open-rounds-$n.log" 2>&1
    rm -rf "$template/mail/outbox"
  fi
  echo "$rounds"
}

# sandbox_sample FOLDER: one message the sandbox delivered to FOLDER's mailbox (so the reference sends the same bytes).
sandbox_sample() {
  find "$SANDBOX/mail" -path "*$1*" -type f \( -path '*/new/*' -o -path '*/cur/*' \) -print -quit
}

# outbox_sent DB KIND: how many messages of KIND the outbox has sent for the newest round or bulletin.
outbox_sent() {
  sql "$1" "SELECT count(*) FROM outbox WHERE kind = '$2' AND status = 'sent'
    AND topic = (SELECT topic FROM outbox WHERE kind = '$2' ORDER BY id DESC LIMIT 1)"
}

# --- national round and bulletin, end to end ----------------------------------------------------------------

# Every English council's lead invited by a round opened now, then the bulletin to every subscriber: each timed from
# the staff command to the last message accepted by the SMTP server, against smtp-source sending as many copies of
# one delivered message over as many sessions.
bench_national() {
  local round_name="National round (open → SMTP)" bulletin_name="Bulletin (build → SMTP)"
  local subscribers=$NATIONAL_SUBSCRIBERS bulletin_size; bulletin_size="$(thousands "$subscribers") subscribers"
  if ! has_verb round || ! has_verb bulletin || ! has_sweep OutboxDispatch; then
    add_unavailable "$round_name" "152 councils" 'rounds or the outbox are not in this build'
    add_unavailable "$bulletin_name" "$bulletin_size" 'bulletins or the outbox are not in this build'
    return 0
  fi
  local dir=$WORK/national template=$WORK/national/template
  mkdir -p "$dir"
  app contacts import "$ROOT/seeds/contacts-sample.csv" --data-dir "$template" >"$WORK/logs/national-contacts.log" 2>&1
  { echo "email,name"; for (( i = 1; i <= subscribers; i++ )); do printf 'member%05d@network%d.gov.test,Member %d\n' "$i" $(( i % 50 )) "$i"; done; } >"$dir/subscribers.csv"
  app subscribers import "$dir/subscribers.csv" --data-dir "$template" >"$WORK/logs/national-subscribers.log" 2>&1
  # An earlier round with every council's return, so the bulletin has figures to quote.
  local earlier answers; earlier=$(create_round "$template" national-earlier all)
  answers=$(( $(sql "$template/stpcollector.db" "SELECT count(*) FROM councils") * QUESTIONS_PER_RETURN ))
  gen gen-import --rows "$answers" --out "$dir/earlier.csv" --round "$earlier" --questionnaire "$APP_DIR/config/questionnaires/$QUESTIONNAIRE.json" \
    --seed-councils "$ROOT/seeds/councils.csv" >"$WORK/logs/national-earlier-gen.log"
  app import "$dir/earlier.csv" --round "$earlier" --data-dir "$template" >"$WORK/logs/national-earlier-import.log" 2>&1
  app run --once --sweep RoundLifecycle --sweep OutboxDispatch --data-dir "$template" >"$WORK/logs/national-earlier-open.log" 2>&1
  rm -rf "$template/mail/outbox"
  local leads; leads=$(sql "$template/stpcollector.db" "SELECT count(DISTINCT council_code) FROM contacts WHERE role = 'lead'")
  ensure_sandbox
  say "national: a round to $leads councils, then the bulletin to $bulletin_size, $NATIONAL_REPS runs each side"
  local closes; closes=$(TZ=Europe/London date -d '+30 days' '+%Y-%m-%d %H:%M')
  local round_ours=() round_ref=() round_rss=() bulletin_ours=() bulletin_ref=() bulletin_rss=() rep problem="" log db
  for (( rep = 1; rep <= NATIONAL_REPS; rep++ )); do
    wipe_sandbox
    rm -rf "$dir/run" && cp -a "$template" "$dir/run"
    db=$dir/run/stpcollector.db
    log=$WORK/logs/national-round-ours-$rep.log
    # shellcheck disable=SC2046
    if ! run_timed "$log" env $(sandbox_env) STPCOLLECTOR__Outbox__Connections="$SESSIONS" STPCOLLECTOR__Outbox__RatePerSecond=0 bash -c '
        dotnet "$0" round create --questionnaire "$1" --title "National round" --opens now --closes "$2" --audience all \
          --reminders none --data-dir "$3" && dotnet "$0" run --once --sweep RoundLifecycle --sweep OutboxDispatch --data-dir "$3"' \
        "$APP_DLL" "$QUESTIONNAIRE" "$closes" "$dir/run"; then
      problem="the round did not open and send (see $(logref "$log"))"; break
    fi
    local sent; sent=$(outbox_sent "$db" invitation)
    (( sent == leads )) || { problem="$sent of $leads invitations sent (see $(logref "$log"))"; break; }
    round_ours+=("$LAST_MS") round_rss+=("$LAST_RSS_MB")
    local invitation; invitation=$(sandbox_sample gov.test)
    cp "$invitation" "$dir/invitation.eml"

    log=$WORK/logs/national-bulletin-ours-$rep.log
    # shellcheck disable=SC2046
    if ! run_timed "$log" env $(sandbox_env) STPCOLLECTOR__Outbox__Connections="$SESSIONS" STPCOLLECTOR__Outbox__RatePerSecond=0 bash -c '
        dotnet "$0" bulletin send-now --yes --data-dir "$1" && dotnet "$0" run --once --sweep OutboxDispatch --data-dir "$1"' \
        "$APP_DLL" "$dir/run"; then
      problem="the bulletin was not built and sent (see $(logref "$log"))"; break
    fi
    sent=$(outbox_sent "$db" bulletin)
    (( sent == subscribers )) || { problem="$sent of $subscribers bulletins sent (see $(logref "$log"))"; break; }
    bulletin_ours+=("$LAST_MS") bulletin_rss+=("$LAST_RSS_MB")
    cp "$(sandbox_sample network1.gov.test)" "$dir/bulletin.eml"

    wipe_sandbox
    log=$WORK/logs/national-round-smtp-source-$rep.log
    smtp_source "$log" "$leads" "$dir/invitation.eml" lead@council.gov.test || { problem="smtp-source failed (see $(logref "$log"))"; break; }
    round_ref+=("$LAST_MS")
    log=$WORK/logs/national-bulletin-smtp-source-$rep.log
    smtp_source "$log" "$subscribers" "$dir/bulletin.eml" member@network.gov.test || { problem="smtp-source failed (see $(logref "$log"))"; break; }
    bulletin_ref+=("$LAST_MS")
  done
  wipe_sandbox
  rm -rf "$dir/run"
  if [[ -n $problem ]]; then add_failed "$round_name" "$leads councils" "$problem"; return 0; fi
  local invitation_kb=$(( $(stat -c %s "$dir/invitation.eml") / 1024 )) bulletin_kb=$(( $(stat -c %s "$dir/bulletin.eml") / 1024 ))
  add_row "$round_name" "$leads councils × $invitation_kb KB" "$(median "${round_ours[@]}")" "smtp-source -s $SESSIONS -d" "$(median "${round_ref[@]}")" 1.25 \
    "$(max_of "${round_rss[@]}")" "$NATIONAL_REPS+$NATIONAL_REPS" "$leads"
  add_row "$bulletin_name" "$bulletin_size × $bulletin_kb KB" "$(median "${bulletin_ours[@]}")" "smtp-source -s $SESSIONS -d" "$(median "${bulletin_ref[@]}")" 1.25 \
    "$(max_of "${bulletin_rss[@]}")" "$NATIONAL_REPS+$NATIONAL_REPS" "$subscribers"
  detail "National round runs (ms): ours ${round_ours[*]}; smtp-source ${round_ref[*]}; peak RSS (MB) ${round_rss[*]}. Ours is \`round create --opens now --audience all\` then \`run --once --sweep RoundLifecycle --sweep OutboxDispatch\` (each lead's invitation rendered with its reply form and CSV template, queued, sent); the reference sends one delivered invitation $leads times."
  detail "Bulletin runs (ms): ours ${bulletin_ours[*]}; smtp-source ${bulletin_ref[*]}; peak RSS (MB) ${bulletin_rss[*]}. Ours is \`bulletin send-now --yes\` (figures, chart and one message per subscriber with its own unsubscribe link, queued) then \`run --once --sweep OutboxDispatch\`; the reference sends one delivered bulletin $subscribers times."
}

# --- ingestion at scale ---------------------------------------------------------------------------------------

# Ten times the ingestion comparison's replies in one sweep, once each side: the same ratio target, and memory
# that must stay flat (peak RSS level with the comparison's).
bench_ingest_scale() { ingest_comparison "Ingestion at scale (IMAP → stored returns)" "$INGEST_SCALE_N" 1; }

# --- reply to receipt, with the worker running --------------------------------------------------------------------

# The worker runs as it does in production (`stpcollector run`, default sweep intervals, console off) while replies
# arrive one at a time at LATENCY_RATE a second; for each, the time from the SMTP server accepting it (so Postfix's
# delivery into Dovecot counts against us) to its receipt committed to the outbox. Reports p50 and p99.
bench_latency() {
  local name="Reply → receipt queued (worker running)" size; size="$(thousands "$LATENCY_N") replies at $LATENCY_RATE/s"
  if ! has_sweep MailboxPoll; then add_unavailable "$name" "$size" 'the MailboxPoll sweep is not in this build'; return 0; fi
  local dir=$WORK/latency
  mkdir -p "$dir"
  reply_template "$dir/run" "$LATENCY_N" >/dev/null
  ensure_sandbox
  wipe_sandbox
  local log=$WORK/logs/latency-worker.log
  # shellcheck disable=SC2046
  env $(sandbox_env) STPCOLLECTOR__Web__Enabled=false dotnet "$APP_DLL" run --data-dir "$dir/run" >"$log" 2>&1 &
  local worker=$!
  # shellcheck disable=SC2064
  trap "kill $worker 2>/dev/null || true; wait $worker 2>/dev/null || true" RETURN
  local started=0
  for _ in $(seq 300); do
    grep -q 'MailboxPoll' "$log" && { started=1; break; }
    kill -0 "$worker" 2>/dev/null || break
    sleep 0.1
  done
  (( started )) || { add_failed "$name" "$size" "the worker did not start its sweeps (see $(logref "$log"))"; return 0; }
  say "latency: $size with the worker running"
  gen gen-replies --data-dir "$dir/run" --smtp-port "$SMTP_PORT" --count "$LATENCY_N" --per-second "$LATENCY_RATE" \
    --sent-log "$dir/sent.csv" >"$WORK/logs/latency-gen.log" 2>&1
  local db=$dir/run/stpcollector.db deadline=$(( EPOCHSECONDS + 180 )) receipts=0
  while (( EPOCHSECONDS < deadline )); do
    receipts=$(sql "$db" "SELECT count(*) FROM outbox WHERE kind = 'receipt'" 2>/dev/null || echo 0)
    (( receipts >= LATENCY_N )) && break
    sleep 0.5
  done
  local rss=$(( $(awk '/VmHWM/ { print $2 }' "/proc/$worker/status") / 1024 ))
  kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true
  (( receipts >= LATENCY_N )) || { add_failed "$name" "$size" "$receipts of $LATENCY_N receipts queued within 3 minutes (see $(logref "$log"))"; return 0; }
  { echo "round_id,council_code,at_ms"; cat "$dir/sent.csv"; } >"$dir/sent-with-header.csv"
  local waits
  waits=$(sqlite3 -batch -noheader "$db" ".import --csv $dir/sent-with-header.csv bench_sent" "
    SELECT CAST(round((julianday(o.created_at) - 2440587.5) * 86400000.0) AS INTEGER) - s.at_ms
    FROM bench_sent s JOIN outbox o ON o.kind = 'receipt' AND o.topic = 'round:' || s.round_id AND o.council_code = s.council_code
    ORDER BY 1;" 2>"$WORK/logs/latency-sql.log")
  local count; count=$(grep -c . <<<"$waits" || true)
  (( count == LATENCY_N )) || { add_failed "$name" "$size" "matched $count of $LATENCY_N receipts to their replies (see $(logref latency-sql.log))"; return 0; }
  local p50 p99
  p50=$(sed -n "$(( (count + 1) / 2 ))p" <<<"$waits")
  p99=$(sed -n "$(( (count * 99 + 99) / 100 ))p" <<<"$waits")
  local interval; interval=$(sed -n 's/^ *"MailboxPoll": \([0-9]*\).*/\1/p' "$APP_DIR/appsettings.json" | head -n1)
  add_row "$name (p50)" "$size" "$(( p50 < 0 ? 0 : p50 ))" "(target only)" - 5000 "$rss" 1
  add_row "$name (p99)" "$size" "$(( p99 < 0 ? 0 : p99 ))" "(target only)" - 10000 "$rss" 1
  detail "Reply to receipt: p50 $p50 ms, p99 $p99 ms over $count replies sent at $LATENCY_RATE a second to \`stpcollector run\` (MailboxPoll every ${interval:-?} s by default); from Postfix accepting each reply to its receipt's outbox row (created_at). Waits (ms), sorted: $(tr '\n' ' ' <<<"$waits" | cut -c1-600)"
}
