# shellcheck shell=bash
# The start-up case of install/bench (sourced, not run).

# --- start-up --------------------------------------------------------------------------------------------

# A short staff verb as staff run it, a whole process each time: `councils list --json` on a migrated data dir with
# England's 152 councils (host, settings check, schema check, seeds check, one query, JSON out), against 0.2 s; and
# `--help` (the runtime and the command line alone) beside it for reference.
bench_startup() {
  local name="Short staff verb (\`councils list --json\`)" dir=$WORK/startup/data
  mkdir -p "$WORK/startup"
  app db migrate --data-dir "$dir" >"$WORK/logs/startup-migrate.log" 2>&1
  local councils; councils=$(sql "$dir/stpcollector.db" "SELECT count(*) FROM councils")
  local size="$councils councils"
  # Once untimed: the first run after migrating records the seeds' stamp, which every later run only reads.
  app councils list --json --data-dir "$dir" >/dev/null 2>&1
  say "startup: $STARTUP_REPS runs each of \`councils list --json\` and \`--help\`"
  local ours=() rss=() help=() help_rss=() rep problem=""
  for (( rep = 1; rep <= STARTUP_REPS; rep++ )); do
    local log=$WORK/logs/startup-list-$rep.log
    if ! run_timed "$log" dotnet "$APP_DLL" councils list --json --data-dir "$dir"; then
      problem="councils list exited non-zero (see $(logref "$log"))"; break
    fi
    local listed; listed=$(grep -c '"code":' "$log" || true)
    (( listed == councils )) || { problem="listed $listed of $councils councils (see $(logref "$log"))"; break; }
    ours+=("$LAST_MS") rss+=("$LAST_RSS_MB")
    log=$WORK/logs/startup-help-$rep.log
    run_timed "$log" dotnet "$APP_DLL" --help || { problem="--help exited non-zero (see $(logref "$log"))"; break; }
    help+=("$LAST_MS") help_rss+=("$LAST_RSS_MB")
  done
  if [[ -n $problem ]]; then add_failed "$name" "$size" "$problem"; return 0; fi
  add_row "$name" "$size" "$(median "${ours[@]}")" "(target only)" - 200 "$(max_of "${rss[@]}")" "$STARTUP_REPS"
  add_row "Start-up alone (\`--help\`)" "—" "$(median "${help[@]}")" "(for reference)" - - "$(max_of "${help_rss[@]}")" "$STARTUP_REPS"
  detail "Start-up runs (ms): \`councils list --json\` ${ours[*]}; \`--help\` ${help[*]}; peak RSS (MB) ${rss[*]} and ${help_rss[*]}. Whole processes (\`dotnet stpcollector.dll ...\`), alternating."
}
