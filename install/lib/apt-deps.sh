#!/usr/bin/env bash
# Installs the Debian packages the project's scripts need (mail sandbox: Postfix,
# Dovecot IMAP + LMTP, procps for pgrep; sqlite3; openssl; fonts-dejavu-core for bulletin charts;
# chromium, headless, for the console's browser tests; postgresql for the PostgreSQL tests and benchmark, run
# privately by install/pg-sandbox), only those missing.
# Idempotent.
#   run:     install/lib/apt-deps.sh [PACKAGE...]     (default: the list below)
#   source:  . install/lib/apt-deps.sh; apt_deps_ensure [PACKAGE...]
# Needs root. Makes sure no system Postfix/Dovecot is left listening on 25/143.

APT_DEPS_DEFAULT=(postfix dovecot-imapd dovecot-lmtpd procps sqlite3 openssl fonts-dejavu-core chromium postgresql)

apt_deps_missing() { # PACKAGE... -> prints the ones not installed
  local p
  for p; do
    dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || echo "$p"
  done
}

apt_deps_stop_system_daemons() {
  # Debian's postinst may start the system instances (not with a policy-rc.d
  # that says 101, nor without an init system); the sandbox never uses them.
  local pid
  if [[ -r /run/dovecot/master.pid ]]; then
    pid=$(tr -dc 0-9 </run/dovecot/master.pid)
    # Sandboxes keep their base_dir elsewhere: a live pid here is the system one.
    if [[ -n $pid ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q dovecot; then
      echo "apt-deps: stopping the system dovecot (pid $pid)" >&2
      kill -TERM "$pid" 2>/dev/null || true
    fi
  fi
  # Debian creates a system cluster ("main"); the tests run their own, so a running system one is stopped.
  if command -v pg_lsclusters >/dev/null; then
    local version cluster state
    while read -r version cluster _ state _; do
      if [[ $state == online* ]]; then
        echo "apt-deps: stopping the system PostgreSQL cluster $version/$cluster" >&2
        pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
      fi
    done < <(pg_lsclusters --no-header 2>/dev/null)
  fi
  if [[ -f /etc/postfix/main.cf ]] && command -v postfix >/dev/null \
     && postfix status >/dev/null 2>&1; then
    echo "apt-deps: stopping the system postfix" >&2
    postfix stop >/dev/null 2>&1 || true
  fi
}

apt_deps_ensure() {
  local pkgs=("$@") missing policy_added=""
  (( ${#pkgs[@]} )) || pkgs=("${APT_DEPS_DEFAULT[@]}")
  mapfile -t missing < <(apt_deps_missing "${pkgs[@]}")
  if (( ${#missing[@]} == 0 )); then
    echo "apt-deps: already installed: ${pkgs[*]}" >&2
    return 0
  fi
  [[ $EUID == 0 ]] || { echo "apt-deps: need root to install: ${missing[*]}" >&2; return 1; }
  echo "apt-deps: installing ${missing[*]}" >&2
  # "No configuration": Postfix gets no main.cf and listens nowhere.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # Keep maintainer scripts from starting system daemons during the install.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get update -q \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    || rc=$?
  [[ -z $policy_added ]] || rm -f /usr/sbin/policy-rc.d
  apt_deps_stop_system_daemons
  (( rc == 0 )) || { echo "apt-deps: apt-get failed (exit $rc)" >&2; return "$rc"; }
  missing=()
  mapfile -t missing < <(apt_deps_missing "${pkgs[@]}")
  (( ${#missing[@]} == 0 )) || { echo "apt-deps: still missing: ${missing[*]}" >&2; return 1; }
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  apt_deps_ensure "$@"
fi
