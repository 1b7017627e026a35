#!/usr/bin/env bash
# Installs BMNN from this unpacked offline bundle, with no network (README: "Installing on an
# isolated LAN", "Production set-up").
#
#   sudo ./install.sh [--hostname NAME] [--web N] [--workers N] [--prefix DIR]
#       production (root, Debian 12 or 13 with systemd): the Debian packages from this bundle
#       only, PostgreSQL, the `bmnn` system user, /etc/bmnn/bmnn.env with new keys (the file
#       key in /etc/bmnn/file_keys, the signing key in /etc/bmnn/signing-key.pem), systemd
#       units for N web processes (default 2) and N workers (default 1), nginx with TLS, and a
#       first administrator.
#   sudo ./install.sh --restore FILE [--hostname NAME] [--web N] [--workers N] [--prefix DIR]
#       a new server that takes over the installation backed up in FILE (`bmnn backup`): the
#       same, but with no new keys and no first administrator; `bmnn restore FILE` brings the
#       data and writes the backup's keys where bmnn.env names them, `bmnn audit verify`
#       checks the audit chain, then the services start. Refused when the database already
#       holds BMNN data. The backup's passphrase comes from BMNN_BACKUP_PASSPHRASE_FILE or
#       BMNN_BACKUP_PASSPHRASE (sudo VAR=... ./install.sh), else it is asked at the terminal.
#   ./install.sh --embedded --prefix DIR [--port N] [--python PYTHON]
#       one machine, no root, no system package: SQLite under DIR/var, the demo province,
#       `bmnn serve` (and one worker) started in the background; pid files in DIR/var.
#   ./install.sh --embedded --prefix DIR --restore FILE [--port N] [--python PYTHON]
#       the same from a backup, with no demo province: `bmnn restore FILE`, then
#       `bmnn audit verify`, then started (the passphrase as for the production --restore).
#   ./install.sh --embedded --prefix DIR --stop      stops what --embedded started
#   ./install.sh --check-packages [--release bookworm|trixie]
#       asks apt, as a simulation that changes nothing, whether this bundle's Debian packages
#       install on a minimal system of this Debian release (or the one named) and on an empty one.
#   ./install.sh --render DIR [--prefix P] [--hostname NAME] [--web N] [--workers N] [--python PY]
#                [--restore FILE]
#       writes the systemd units, the nginx site and a new production bmnn.env (with its file
#       key and signing key; without them with --restore) into DIR and installs nothing (to
#       review them, and for tests); PY must have BMNN installed.
#
# Every mode first checks SHA256SUMS. Re-running is safe; an upgrade is the new bundle's
# install.sh: keys, passwords, certificates and data are kept, the code is replaced.
set -euo pipefail
umask 022

BUNDLE=$(cd "$(dirname "$0")" && pwd)
MODE=production
PREFIX=""
HOSTNAME_ARG=""
WEB=2
WORKERS=1
PORT=8000
FIRST_WEB_PORT=8001
PYTHON_ARG=""
RENDER_DIR=""
RELEASE_ARG=""
RESTORE_FILE=""
STOP=0
ETC=/etc/bmnn
VAR_DIR=/var/lib/bmnn
SERVICE_USER=bmnn
MAX_BODY=128m # the scanner takes files up to 100 MB (bmnn/scanner/views.py), plus the form

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case $1 in
    --embedded) MODE=embedded; shift ;;
    --check-packages) MODE=check-packages; shift ;;
    --render) [ $# -ge 2 ] || die "--render needs a directory"; MODE=render; RENDER_DIR=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; PREFIX=$2; shift 2 ;;
    --hostname) [ $# -ge 2 ] || die "--hostname needs a name"; HOSTNAME_ARG=$2; shift 2 ;;
    --web) [ $# -ge 2 ] || die "--web needs a number"; WEB=$2; shift 2 ;;
    --workers) [ $# -ge 2 ] || die "--workers needs a number"; WORKERS=$2; shift 2 ;;
    --port) [ $# -ge 2 ] || die "--port needs a number"; PORT=$2; shift 2 ;;
    --python) [ $# -ge 2 ] || die "--python needs a path"; PYTHON_ARG=$2; shift 2 ;;
    --release) [ $# -ge 2 ] || die "--release needs a Debian code name"; RELEASE_ARG=$2; shift 2 ;;
    --restore) [ $# -ge 2 ] || die "--restore needs a backup file"; RESTORE_FILE=$2; shift 2 ;;
    --stop) STOP=1; shift ;;
    -h | --help) usage 0 ;;
    *) printf 'install.sh: unknown option %s\n\n' "$1" >&2; usage 2 ;;
  esac
done
for number in "$WEB" "$WORKERS" "$PORT"; do
  case $number in '' | *[!0-9]*) die "not a whole number: $number" ;; esac
done
if [ "$WEB" -lt 1 ] || [ "$WEB" -gt 32 ]; then die "--web takes 1 to 32 web processes"; fi
if [ "$WORKERS" -lt 1 ] || [ "$WORKERS" -gt 32 ]; then die "--workers takes 1 to 32 workers"; fi
[ "$STOP" = 0 ] || [ "$MODE" = embedded ] || die "--stop goes with --embedded --prefix DIR"
if [ -n "$RESTORE_FILE" ]; then
  [ "$MODE" != check-packages ] || die "--restore does not go with --check-packages"
  [ "$STOP" = 0 ] || die "--restore does not go with --stop"
  if [ ! -f "$RESTORE_FILE" ] || [ ! -r "$RESTORE_FILE" ]; then die "--restore $RESTORE_FILE: not a readable file"; fi
  # absolute: bmnn restore runs from another directory
  RESTORE_FILE=$(cd "$(dirname "$RESTORE_FILE")" && pwd)/$(basename "$RESTORE_FILE")
fi

# --- The bundle --------------------------------------------------------------------------------

# Every file must match SHA256SUMS, and no file may be there that the list does not name (pip
# would take an extra wheel from the folder as readily as ours).
verify_bundle() {
  [ -f "$BUNDLE/SHA256SUMS" ] || die "$BUNDLE/SHA256SUMS is missing: run install.sh from an unpacked bundle made by ./dev bundle"
  command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is missing"
  local report
  if ! report=$(cd "$BUNDLE" && LC_ALL=C sha256sum --check --strict SHA256SUMS 2>&1); then
    printf '%s\n' "$report" | grep -v ': OK$' | sed 's/^/  /' >&2
    die "the bundle does not match SHA256SUMS (files above): copy the archive again and compare its sha256 with the one its maker gave you"
  fi
  local unlisted
  unlisted=$(cd "$BUNDLE" && LC_ALL=C comm -13 \
    <(sed 's/^[0-9a-f]\{64\} [ *]//' SHA256SUMS | LC_ALL=C sort) \
    <(find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort))
  if [ -n "$unlisted" ]; then
    printf '%s\n' "$unlisted" | sed 's/^/  /' >&2
    die "files not listed in SHA256SUMS are in the bundle (above): remove them or unpack the archive again"
  fi
  say "bundle checked: $(wc -l < "$BUNDLE/SHA256SUMS") files match SHA256SUMS"
}

bundle_version() {
  local wheel
  wheel=$(cd "$BUNDLE/wheels" && ls bmnn-*-py3-none-any.whl 2>/dev/null | head -n 1)
  [ -n "$wheel" ] || die "no bmnn wheel in $BUNDLE/wheels"
  wheel=${wheel#bmnn-}
  printf '%s\n' "${wheel%%-*}"
}

debian_release() {
  [ -r /etc/os-release ] || die "/etc/os-release is missing: this installer is for Debian 12 or 13"
  local codename
  codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
  if [ -z "$codename" ] || [ ! -d "$BUNDLE/debian/$codename" ]; then
    die "this bundle holds Debian packages for: $(cd "$BUNDLE/debian" 2>/dev/null && echo *); this system is '${codename:-unknown}'"
  fi
  printf '%s\n' "$codename"
}

# apt-get with this bundle's repository of RELEASE as its only source, its own lists and no
# package cache, so nothing is fetched from a network and the system's own lists stay as they are.
APT_DIR=""
bundle_apt() {
  local release=$1; shift
  if [ -z "$APT_DIR" ]; then
    APT_DIR=$(mktemp -d)
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/parts" "$APT_DIR/archives/partial"
    printf 'deb [trusted=yes] file:%s ./\n' "$BUNDLE/debian/$release" > "$APT_DIR/sources.list"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -q \
    -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts="$APT_DIR/parts" \
    -o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache::Archives="$APT_DIR/archives" \
    -o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
    -o APT::Sandbox::User=root -o APT::Install-Recommends=false -o Acquire::Languages=none \
    "$@"
}

# The repository is trusted because SHA256SUMS was checked; its packages are Debian's own.
install_debian_packages() {
  local release=$1 packages
  packages=$(xargs < "$BUNDLE/debian/$release/packages.txt")
  say "Debian packages from the bundle ($release): $packages"
  bundle_apt "$release" update >/dev/null || die "apt could not read the bundle's repository $BUNDLE/debian/$release"
  # shellcheck disable=SC2086  # one word per package
  bundle_apt "$release" install -y $packages \
    || die "apt could not install the packages from the bundle (message above); nothing was fetched from a network"
}

check_packages() {
  local release=$RELEASE_ARG packages status
  if [ -z "$release" ]; then release=$(debian_release); fi
  [ -f "$BUNDLE/debian/$release/packages.txt" ] || die "this bundle has no Debian packages for '$release'"
  packages=$(xargs < "$BUNDLE/debian/$release/packages.txt")
  say "simulating, with the bundle as apt's only source: $packages"
  # shellcheck disable=SC2086
  bundle_apt "$release" update >/dev/null || die "apt could not read the bundle's repository"
  # shellcheck disable=SC2086
  bundle_apt "$release" -o Dir::State::status="$BUNDLE/debian/$release/minimal-status" \
    install -s $packages > "$APT_DIR/minimal.log" \
    || { cat "$APT_DIR/minimal.log" >&2; die "on a minimal $release system the bundle's packages do not install (apt's answer above)"; }
  say "minimal $release system: apt would unpack $(grep -c '^Inst ' "$APT_DIR/minimal.log") packages, all from the bundle"
  status="$APT_DIR/empty-status"; : > "$status"
  # shellcheck disable=SC2086,SC2046  # one word per package
  bundle_apt "$release" -o Dir::State::status="$status" install -s $packages \
    $(awk '/^Package: /{print $2}' "$BUNDLE/debian/$release/minimal-status") > "$APT_DIR/empty.log" \
    || { cat "$APT_DIR/empty.log" >&2; die "the bundle cannot rebuild the minimal $release system with BMNN's packages (apt's answer above)"; }
  say "empty system: apt would unpack $(grep -c '^Inst ' "$APT_DIR/empty.log") packages (minimal system included), all from the bundle"
}

# --- Python ------------------------------------------------------------------------------------

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

find_python() {
  if [ -n "$PYTHON_ARG" ]; then
    python_ok "$PYTHON_ARG" || die "$PYTHON_ARG is not Python 3.11 or newer"
    command -v "$PYTHON_ARG"; return
  fi
  local candidate
  for candidate in /usr/bin/python3 python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then command -v "$candidate"; return; fi
  done
  die "Python 3.11 or newer is needed (Debian 12 and 13 have it: apt install python3), or name one with --python"
}

# A virtual environment at DIR from PYTHON, with pip from the bundle (so Debian's python3
# without python3-venv will do); rebuilt when the Python it was made from changed version.
make_venv() {
  local dir=$1 python=$2 want have
  want=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  if [ -x "$dir/bin/python" ]; then
    have=$("$dir/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
    if [ "$have" != "$want" ]; then
      say "the environment in $dir was made with Python ${have:-?}; making it again with $want"
      rm -rf "$dir"
    fi
  fi
  if [ ! -x "$dir/bin/python" ]; then
    say "Python environment $dir ($python, $want)"
    "$python" -m venv --without-pip "$dir" || die "$python could not make a virtual environment in $dir"
  fi
  if ! "$dir/bin/python" -m pip --version >/dev/null 2>&1; then
    local pip_wheel
    pip_wheel=$(ls "$BUNDLE"/wheels/pip-*.whl 2>/dev/null | head -n 1)
    [ -n "$pip_wheel" ] || die "no pip wheel in the bundle"
    PIP_CONFIG_FILE=/dev/null "$dir/bin/python" "$pip_wheel/pip" install --isolated -q \
      --no-index --disable-pip-version-check "$pip_wheel" || die "installing pip into $dir failed"
  fi
}

# pip from the bundle's wheels only; the machine's own pip configuration is ignored.
bundle_pip() {
  local python=$1; shift
  PIP_CONFIG_FILE=/dev/null "$python" -m pip --isolated --disable-pip-version-check --no-input \
    "$@"
}

install_bmnn() {
  local venv=$1 version
  version=$(bundle_version)
  say "BMNN $version and its dependencies from the bundle's wheels"
  local log; log=$(mktemp)
  if ! bundle_pip "$venv/bin/python" install -q --no-index --find-links "$BUNDLE/wheels" \
    --upgrade "bmnn==$version" >"$log" 2>&1; then
    cat "$log" >&2
    die "installing BMNN from the bundle's wheels failed (pip's message above): the bundle lacks a wheel for Python $("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])') or is incomplete; make it again with ./dev bundle"
  fi
  # the same version number may carry newer code: the project's own wheel is always put in again
  bundle_pip "$venv/bin/python" install -q --no-index --no-deps --force-reinstall \
    "$BUNDLE/wheels/bmnn-$version-py3-none-any.whl" >"$log" 2>&1 || { cat "$log" >&2; die "reinstalling BMNN's wheel failed"; }
  rm -f "$log"
}

# --- Settings and keys -------------------------------------------------------------------------

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# A new Fernet file key at FILE_KEYS_FILE and a new signing key at KEY_FILE, each unless the
# file exists (it is kept) or no file is named. PYTHON has BMNN installed.
make_missing_keys() {
  local python=$1 file_keys_file=$2 key_file=$3
  if [ -n "$file_keys_file" ] && [ ! -f "$file_keys_file" ]; then
    (umask 077 && "$python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' \
      > "$file_keys_file.new") || die "making the file key failed"
    mv "$file_keys_file.new" "$file_keys_file"
  fi
  if [ -n "$key_file" ] && [ ! -f "$key_file" ]; then
    local scratch; scratch=$(mktemp -d) # the command reads settings, whose defaults make var dirs
    (cd "$scratch" && env -u DATABASE_URL BMNN_VAR_DIR="$scratch" "$(dirname "$python")/bmnn" keys generate \
      --out "$key_file" >/dev/null) || die "bmnn keys generate failed"
    rm -rf "$scratch"
  fi
}

# Writes a production environment file (KEY=value lines that both systemd and sh read) with a
# new secret key. PYTHON has BMNN installed; KEY_FILE and FILE_KEYS_FILE are where the signing
# key and the Fernet file key are read from. A fresh install writes them (a key file that exists
# is kept); with --restore they are left for `bmnn restore` to write from the backup.
write_production_env() {
  local file=$1 python=$2 hosts=$3 base_url=$4 database_url=$5 key_file=$6 file_keys_file=$7
  local secret keys_note
  secret=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  if [ -n "$RESTORE_FILE" ]; then
    keys_note="# The keys were written by bmnn restore from a backup (install.sh --restore)."
  else
    keys_note="# The keys were made by install.sh."
    make_missing_keys "$python" "$file_keys_file" "$key_file"
  fi
  local tmp="$file.new"
  (
    umask 077
    cat > "$tmp" <<ENV
# BMNN's settings, written by install.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ) and kept by later
# runs. Read by the systemd units (EnvironmentFile) and by /usr/local/bin/bmnn.
$keys_note
# Keep a copy of both key files apart from the server: without them the secret files and
# the installation's signatures are lost (a backup carries them too).
BMNN_ENV=production
BMNN_SECRET_KEY=$secret
BMNN_FILE_KEYS_FILE=$file_keys_file
BMNN_SIGNING_KEY_FILE=$key_file
DATABASE_URL=$database_url
BMNN_ALLOWED_HOSTS=$hosts
BMNN_BASE_URL=$base_url
BMNN_BEHIND_TLS_PROXY=1
BMNN_PROXY_COUNT=1
BMNN_VAR_DIR=$VAR_DIR
BMNN_DATA_DIR=$VAR_DIR/files
BMNN_LOG_LEVEL=INFO
# The daily backup (README: Backup and restore): mount removable media at /var/backups/bmnn
# (the worker may write there and nowhere else outside the data), put a passphrase in a file
# readable by root:bmnn only, and uncomment.
#BMNN_BACKUP_DIR=/var/backups/bmnn
#BMNN_BACKUP_PASSPHRASE_FILE=/etc/bmnn/backup-passphrase
ENV
  )
  mv "$tmp" "$file"
}

env_value() { sed -n "s/^$2=//p" "$1" | tail -n 1; }

server_names() {
  local name=${HOSTNAME_ARG:-$(hostname -f 2>/dev/null || hostname)}
  local names=$name short
  short=$(hostname -s 2>/dev/null || true)
  [ -z "$short" ] || [ "$short" = "$name" ] || names="$names $short"
  local address
  for address in $(hostname -I 2>/dev/null || true); do
    case $address in *:*) ;; *) names="$names $address" ;; esac
  done
  printf '%s\n' "$names"
}

# --- Configuration files from the bundle's templates -------------------------------------------

render_template() {
  local template=$1 out=$2 upstreams=${3:-}
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@ETC@|$ETC|g" -e "s|@VAR_DIR@|$VAR_DIR|g" \
    -e "s|@USER@|$SERVICE_USER|g" -e "s|@SERVER_NAMES@|$SERVER_NAMES|g" \
    -e "s|@MAX_BODY@|$MAX_BODY|g" "$template" \
    | awk -v servers="$upstreams" '/@UPSTREAM_SERVERS@/ { print servers; next } { print }' > "$out"
}

upstream_servers() {
  local i
  for i in $(seq 0 $((WEB - 1))); do
    printf '    server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\n' $((FIRST_WEB_PORT + i))
  done
}

write_config_files() {
  local dest=$1
  mkdir -p "$dest/systemd" "$dest/nginx"
  render_template "$BUNDLE/systemd/bmnn-web@.service" "$dest/systemd/bmnn-web@.service"
  render_template "$BUNDLE/systemd/bmnn-worker@.service" "$dest/systemd/bmnn-worker@.service"
  render_template "$BUNDLE/nginx/bmnn.conf" "$dest/nginx/bmnn.conf" "$(upstream_servers)"
}

render() {
  PREFIX=${PREFIX:-/opt/bmnn}
  local python=${PYTHON_ARG:-$PREFIX/venv/bin/python}
  [ -x "$python" ] || die "--render needs --python with BMNN installed ($python is missing)"
  python=$(cd "$(dirname "$python")" && pwd)/$(basename "$python")
  mkdir -p "$RENDER_DIR"
  RENDER_DIR=$(cd "$RENDER_DIR" && pwd)
  SERVER_NAMES=$(server_names)
  local first=${SERVER_NAMES%% *}
  write_config_files "$RENDER_DIR"
  ETC=$RENDER_DIR
  write_production_env "$RENDER_DIR/bmnn.env" "$python" "${SERVER_NAMES// /,}" "https://$first" \
    "postgres://bmnn:$(random_hex 24)@127.0.0.1:5432/bmnn" "$RENDER_DIR/signing-key.pem" \
    "$RENDER_DIR/file_keys"
  say "wrote $(cd "$RENDER_DIR" && find . -type f | sort | xargs)"
}

# --- Production --------------------------------------------------------------------------------

run_as_service() {
  (cd / && set -a && . "$ETC/bmnn.env" && set +a && runuser -u "$SERVICE_USER" -- "$PREFIX/venv/bin/bmnn" "$@")
}

setup_postgres() {
  local url=$1 password port host
  password=$(printf '%s' "$url" | sed -n 's|^postgres://[^:]*:\([^@]*\)@.*|\1|p')
  port=$(printf '%s' "$url" | sed -n 's|.*@[^:/]*:\([0-9]*\)/.*|\1|p')
  host=$(printf '%s' "$url" | sed -n 's|.*@\([^:/]*\).*|\1|p')
  case "$host" in
    127.0.0.1 | localhost | "") ;;
    *)  # a further application server: the database is the first server's (README: Scaling out)
      say "the database is on $host: no local PostgreSQL set up"
      pg_isready -q -h "$host" -p "${port:-5432}" || die "PostgreSQL on $host:${port:-5432} does not answer"
      return ;;
  esac
  systemctl enable --now postgresql >/dev/null 2>&1 || die "PostgreSQL does not start: see journalctl -u postgresql"
  local _
  for _ in $(seq 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p "$port" || die "PostgreSQL does not answer on 127.0.0.1:$port (pg_lsclusters shows its clusters)"
  say "PostgreSQL role and database bmnn"
  (cd / && runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1) <<SQL || die "creating the role bmnn failed"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bmnn') THEN CREATE ROLE bmnn LOGIN; END IF;
END \$\$;
ALTER ROLE bmnn WITH LOGIN PASSWORD '$password';
SQL
  if ! (cd / && runuser -u postgres -- psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'bmnn'") | grep -q 1; then
    (cd / && runuser -u postgres -- createdb -p "$port" --owner=bmnn --encoding=UTF8 \
      --locale=C.UTF-8 --template=template0 bmnn) || die "creating the database bmnn failed"
  fi
}

self_signed_certificate() {
  local dir=$ETC/tls first=${SERVER_NAMES%% *} san="" name
  mkdir -p "$dir"; chmod 755 "$dir"
  if [ -f "$dir/bmnn.crt" ] && [ -f "$dir/bmnn.key" ]; then
    say "TLS certificate kept: $dir/bmnn.crt"; return
  fi
  for name in $SERVER_NAMES; do
    case $name in *[!0-9.]*) san="$san,DNS:$name" ;; *) san="$san,IP:$name" ;; esac
  done
  say "self-signed TLS certificate for ${SERVER_NAMES// /, }"
  (umask 077 && openssl req -x509 -newkey rsa:3072 -sha256 -days 825 -nodes -subj "/CN=$first" \
    -addext "subjectAltName=${san#,}" -keyout "$dir/bmnn.key" -out "$dir/bmnn.crt" 2>/dev/null) \
    || die "openssl could not make the certificate"
  chmod 644 "$dir/bmnn.crt"
  cat > "$dir/README" <<TXT
This certificate was made by install.sh and signed by itself: browsers warn about it.
Replace it by one from the province's internal certificate authority:
  1. openssl req -new -key $dir/bmnn.key -subj "/CN=$first" -addext "subjectAltName=${san#,}" -out bmnn.csr
  2. have the CA sign bmnn.csr; put the certificate, followed by the CA's intermediate
     certificates, in $dir/bmnn.crt (keep $dir/bmnn.key, mode 0600)
  3. nginx -t && systemctl reload nginx
install.sh keeps both files on later runs.
TXT
}

# Creates the province police agency and its first administrator once, through BMNN's own
# audited services; the one-time password goes to $ETC/first-admin.txt (root only).
first_administrator() {
  say "first administrator"
  (cd / && set -a && . "$ETC/bmnn.env" && set +a && export BMNN_FIRST_ADMIN_FILE="$ETC/first-admin.txt" \
    && "$PREFIX/venv/bin/bmnn" shell --no-imports -c "$(cat "$BUNDLE/first_admin.py")") \
    || die "creating the first administrator failed (message above)"
}

# Waits until URL answers 200 (BMNN's /healthz: the process is up and reaches its database);
# gives up after a minute, or as soon as process PID (when given) has ended.
wait_healthy() {
  local url=$1 python=$2 pid=${3:-}
  "$python" - "$url" "$pid" <<'PY' || return 1
import os, sys, time, urllib.request
url, pid = sys.argv[1], sys.argv[2]
for _ in range(120):
    if pid and not os.path.exists(f"/proc/{pid}"):
        sys.exit(1)
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:  # refused, or 503 while the database does not answer
        pass
    time.sleep(0.5)
sys.exit(1)
PY
}

# --- Restoring a backup (--restore FILE) -------------------------------------------------------

# Whether the database of the installation whose bmnn is the command given (with its settings)
# holds BMNN data, by the test bmnn restore itself applies (migrated but never used is empty).
holds_bmnn_data() {
  local answer
  answer=$("$@" shell --no-imports -c "from bmnn.core.backup.database import holds_data
print('holds-data' if holds_data() else 'empty')" | tail -n 1) \
    || die "could not read the database to see whether it is empty (message above)"
  [ "$answer" = holds-data ]
}

# After a restore: the audit chain, checked against the signed checkpoints the backup brought
# when there are any (DATA_DIR/audit-checkpoints); the command given is the installation's bmnn.
verify_restored_audit() {
  local data_dir=$1; shift
  local checkpoints="$data_dir/audit-checkpoints"
  if [ -n "$(find "$checkpoints" -name '*.jsonl' -print -quit 2>/dev/null)" ]; then
    say "bmnn audit verify --checkpoints $checkpoints"
    "$@" audit verify --checkpoints "$checkpoints"
  else
    say "bmnn audit verify"
    "$@" audit verify
  fi || die "the restored audit chain does not verify (message above): BMNN is not started; keep the backup and report it"
}

# bmnn.env and the key files it names belong to root, readable by the service user's group.
# Before a restore the key files may not exist yet; otherwise a missing one stops the install.
protect_settings() {
  local name path
  chown root:"$SERVICE_USER" "$ETC/bmnn.env"
  chmod 0640 "$ETC/bmnn.env"
  for name in BMNN_FILE_KEYS_FILE BMNN_SIGNING_KEY_FILE; do
    path=$(env_value "$ETC/bmnn.env" "$name")
    [ -n "$path" ] || continue
    if [ -f "$path" ]; then
      chown root:"$SERVICE_USER" "$path"
      chmod 0640 "$path"
    elif [ -z "$RESTORE_FILE" ]; then
      die "$path ($name in $ETC/bmnn.env) is missing: put the installation's key there (a further application server takes the first server's, or use the copy kept off the server), or install from a backup with --restore FILE"
    fi
  done
}

# The production restore: as root with the settings, so that the keys go to the key files in
# $ETC, which the service user cannot write; then everything it wrote goes to the service user.
restore_production() {
  local var_dir data_dir
  var_dir=$(env_value "$ETC/bmnn.env" BMNN_VAR_DIR)
  var_dir=${var_dir:-$VAR_DIR}
  data_dir=$(env_value "$ETC/bmnn.env" BMNN_DATA_DIR)
  data_dir=${data_dir:-$var_dir/files}
  if holds_bmnn_data run_as_service; then
    die "the database named in $ETC/bmnn.env already holds BMNN data: --restore is for a new server. To replace this server's data by the backup, take a backup of it first (bmnn backup), stop BMNN (systemctl stop 'bmnn-web@*' 'bmnn-worker@*'), drop its database (runuser -u postgres -- dropdb bmnn), move $data_dir and the key files named in $ETC/bmnn.env aside, then run install.sh --restore again"
  fi
  systemctl stop 'bmnn-web@*' 'bmnn-worker@*' >/dev/null 2>&1 || true
  say "bmnn restore $RESTORE_FILE"
  (cd / && umask 027 && set -a && . "$ETC/bmnn.env" && set +a \
    && "$PREFIX/venv/bin/bmnn" restore "$RESTORE_FILE") \
    || die "bmnn restore failed (message above) and BMNN is not started; once the cause is fixed, run install.sh --restore again"
  # a key the backup did not carry (nothing was ever encrypted or signed with it) is made now
  make_missing_keys "$PREFIX/venv/bin/python" "$(env_value "$ETC/bmnn.env" BMNN_FILE_KEYS_FILE)" \
    "$(env_value "$ETC/bmnn.env" BMNN_SIGNING_KEY_FILE)"
  local dir
  for dir in "$var_dir" "$data_dir"; do
    [ ! -d "$dir" ] || chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"
  done
  protect_settings
  verify_restored_audit "$data_dir" run_as_service
}

production() {
  [ "$(id -u)" = 0 ] || die "the production install runs as root (sudo ./install.sh), or use --embedded --prefix DIR"
  [ -d /run/systemd/system ] || die "the production install needs systemd as the init system; on this machine use --embedded"
  PREFIX=${PREFIX:-/opt/bmnn}
  local release; release=$(debian_release)
  install_debian_packages "$release"

  getent group "$SERVICE_USER" >/dev/null || groupadd --system "$SERVICE_USER"
  getent passwd "$SERVICE_USER" >/dev/null || useradd --system --gid "$SERVICE_USER" \
    --home-dir "$VAR_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
  install -d -m 0750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$VAR_DIR" "$VAR_DIR/files" "$VAR_DIR/static"
  install -d -m 0750 -o root -g "$SERVICE_USER" "$ETC"
  install -d -m 0755 "$PREFIX"

  make_venv "$PREFIX/venv" /usr/bin/python3
  install_bmnn "$PREFIX/venv"

  SERVER_NAMES=$(server_names)
  local first=${SERVER_NAMES%% *}
  if [ -f "$ETC/bmnn.env" ]; then
    say "settings kept: $ETC/bmnn.env"
  else
    if [ -n "$RESTORE_FILE" ]; then say "settings: $ETC/bmnn.env (the keys come from the backup)"
    else say "settings with new keys: $ETC/bmnn.env"; fi
    write_production_env "$ETC/bmnn.env" "$PREFIX/venv/bin/python" "${SERVER_NAMES// /,}" \
      "https://$first" "postgres://bmnn:$(random_hex 24)@127.0.0.1:5432/bmnn" "$ETC/signing-key.pem" \
      "$ETC/file_keys"
  fi
  protect_settings
  # the names the site answers to are those the settings allow
  SERVER_NAMES=$(env_value "$ETC/bmnn.env" BMNN_ALLOWED_HOSTS | tr ',' ' ')
  first=${SERVER_NAMES%% *}

  setup_postgres "$(env_value "$ETC/bmnn.env" DATABASE_URL)"

  cat > /usr/local/bin/bmnn <<SH
#!/bin/sh
# bmnn with the production settings, as the service user (written by install.sh)
set -a; . $ETC/bmnn.env; set +a
if [ "\$(id -u)" = 0 ]; then exec runuser -u $SERVICE_USER -- $PREFIX/venv/bin/bmnn "\$@"; fi
exec $PREFIX/venv/bin/bmnn "\$@"
SH
  chmod 755 /usr/local/bin/bmnn

  if [ -n "$RESTORE_FILE" ]; then
    restore_production # it migrates, after the restore
  else
    say "bmnn setup (migrations)"
    run_as_service setup || die "bmnn setup failed (message above)"
  fi
  say "bmnn check --deploy"
  run_as_service check --deploy --fail-level WARNING || die "bmnn check --deploy found problems (above)"

  local generated; generated=$(mktemp -d)
  write_config_files "$generated"
  install -m 0644 "$generated/systemd/bmnn-web@.service" "$generated/systemd/bmnn-worker@.service" /etc/systemd/system/
  self_signed_certificate
  install -m 0644 "$generated/nginx/bmnn.conf" /etc/nginx/sites-available/bmnn.conf
  ln -sf ../sites-available/bmnn.conf /etc/nginx/sites-enabled/bmnn.conf
  rm -f /etc/nginx/sites-enabled/default # Debian's welcome page would take port 80
  rm -rf "$generated"
  nginx -t -q || die "nginx refuses the site /etc/nginx/sites-available/bmnn.conf (above)"
  systemctl daemon-reload

  local wanted="" unit i
  for i in $(seq 0 $((WEB - 1))); do wanted="$wanted bmnn-web@$((FIRST_WEB_PORT + i)).service"; done
  for i in $(seq 1 "$WORKERS"); do wanted="$wanted bmnn-worker@$i.service"; done
  # instances of an earlier run that are no longer wanted (fewer --web or --workers)
  for unit in $(systemctl list-units --all --plain --no-legend 'bmnn-web@*' 'bmnn-worker@*' | awk '{print $1}'); do
    case " $wanted " in *" $unit "*) ;; *) say "stopping $unit"; systemctl disable --now "$unit" >/dev/null 2>&1 || true ;; esac
  done
  say "starting$wanted"
  # shellcheck disable=SC2086
  systemctl enable $wanted >/dev/null 2>&1
  # shellcheck disable=SC2086
  systemctl restart $wanted || die "a BMNN service did not start: journalctl -u 'bmnn-*' says why"
  systemctl enable nginx >/dev/null 2>&1
  systemctl reload-or-restart nginx || die "nginx did not start: journalctl -u nginx says why"
  for i in $(seq 0 $((WEB - 1))); do
    wait_healthy "http://127.0.0.1:$((FIRST_WEB_PORT + i))/healthz" "$PREFIX/venv/bin/python" \
      || die "the web process on port $((FIRST_WEB_PORT + i)) is not healthy: journalctl -u bmnn-web@$((FIRST_WEB_PORT + i)) says why"
  done

  [ -n "$RESTORE_FILE" ] || first_administrator
  echo
  echo "BMNN is running: https://$first/"
  [ -z "$RESTORE_FILE" ] || echo "  restored from $RESTORE_FILE: log in with the accounts of the backed-up installation"
  echo "  $WEB web processes (bmnn-web@PORT), $WORKERS worker(s) (bmnn-worker@N), nginx, PostgreSQL"
  echo "  settings and keys: $ETC/bmnn.env, $(env_value "$ETC/bmnn.env" BMNN_FILE_KEYS_FILE) $(env_value "$ETC/bmnn.env" BMNN_SIGNING_KEY_FILE)  (keep a copy off the server)"
  echo "  certificate: $ETC/tls/bmnn.crt is self-signed; $ETC/tls/README says how to replace it"
  echo "  commands: bmnn check --deploy, bmnn audit verify, journalctl -u 'bmnn-*'"
  if [ -f "$ETC/first-admin.txt" ]; then
    echo
    sed 's/^/  /' "$ETC/first-admin.txt"
  fi
}

# --- Embedded ----------------------------------------------------------------------------------

embedded_stop() {
  local name pidfile pid _
  for name in worker serve; do
    pidfile="$PREFIX/var/bmnn-$name.pid"
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if [ -n "$pid" ] && grep -qa bmnn "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 40); do [ -e "/proc/$pid" ] || break; sleep 0.25; done
      [ ! -e "/proc/$pid" ] || kill -9 "$pid" 2>/dev/null || true
      say "stopped bmnn $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
}

embedded() {
  [ -n "$PREFIX" ] || die "--embedded needs --prefix DIR (where BMNN, its database and files go)"
  mkdir -p "$PREFIX"
  PREFIX=$(cd "$PREFIX" && pwd)
  if [ "$STOP" = 1 ]; then embedded_stop; return; fi
  local python; python=$(find_python)
  make_venv "$PREFIX/venv" "$python"
  install_bmnn "$PREFIX/venv"
  mkdir -p "$PREFIX/var" "$PREFIX/bin"
  if [ ! -f "$PREFIX/bmnn.env" ]; then
    cat > "$PREFIX/bmnn.env" <<ENV
# BMNN's settings for this machine (written by install.sh --embedded; kept by later runs).
# The secret key, the file keys and the signing key are made in BMNN_VAR_DIR on first use.
BMNN_VAR_DIR=$PREFIX/var
BMNN_ALLOWED_HOSTS=127.0.0.1,localhost,[::1]
ENV
  fi
  cat > "$PREFIX/bin/bmnn" <<SH
#!/bin/sh
# bmnn with this installation's settings (written by install.sh --embedded)
set -a; . "$PREFIX/bmnn.env"; set +a
exec "$PREFIX/venv/bin/bmnn" "\$@"
SH
  chmod 755 "$PREFIX/bin/bmnn"
  if [ -n "$RESTORE_FILE" ]; then
    if holds_bmnn_data "$PREFIX/bin/bmnn"; then
      die "the installation in $PREFIX already holds BMNN data: --restore goes into a new one. Give another --prefix, or stop this one ($0 --embedded --prefix $PREFIX --stop), move $PREFIX/var aside, and run again"
    fi
    embedded_stop
    say "bmnn restore $RESTORE_FILE (migrations after it; no demo province)"
    "$PREFIX/bin/bmnn" restore "$RESTORE_FILE" \
      || die "bmnn restore failed (message above) and BMNN is not started; once the cause is fixed, run again"
    local data_dir; data_dir=$(env_value "$PREFIX/bmnn.env" BMNN_DATA_DIR)
    verify_restored_audit "${data_dir:-$(env_value "$PREFIX/bmnn.env" BMNN_VAR_DIR)/files}" "$PREFIX/bin/bmnn"
  else
    say "bmnn setup (migrations; the demo province on a new database)"
    "$PREFIX/bin/bmnn" setup || die "bmnn setup failed (message above)"
  fi
  embedded_stop
  local log="$PREFIX/var/bmnn-serve.log"
  (set -a && . "$PREFIX/bmnn.env" && set +a && exec nohup "$PREFIX/venv/bin/bmnn" serve \
    --host 127.0.0.1 --port "$PORT" >>"$log" 2>&1 </dev/null) &
  echo $! > "$PREFIX/var/bmnn-serve.pid"
  (set -a && . "$PREFIX/bmnn.env" && set +a && exec nohup "$PREFIX/venv/bin/bmnn" worker \
    >>"$PREFIX/var/bmnn-worker.log" 2>&1 </dev/null) &
  echo $! > "$PREFIX/var/bmnn-worker.pid"
  if ! wait_healthy "http://127.0.0.1:$PORT/healthz" "$PREFIX/venv/bin/python" "$(cat "$PREFIX/var/bmnn-serve.pid")"; then
    tail -n 20 "$log" >&2
    die "bmnn serve did not answer on 127.0.0.1:$PORT (its log above: $log)"
  fi
  echo
  echo "BMNN is running: http://127.0.0.1:$PORT/  (pid $(cat "$PREFIX/var/bmnn-serve.pid"), log $log)"
  [ -z "$RESTORE_FILE" ] || echo "  restored from $RESTORE_FILE: log in with the accounts of the backed-up installation"
  echo "  commands: $PREFIX/bin/bmnn check, $PREFIX/bin/bmnn audit verify"
  echo "  stop: $0 --embedded --prefix $PREFIX --stop"
}

case $MODE in
  render) render ;;
  check-packages) verify_bundle; check_packages ;;
  embedded) [ "$STOP" = 1 ] || verify_bundle; embedded ;;
  production) verify_bundle; production ;;
esac
if [ -n "$APT_DIR" ]; then rm -rf "$APT_DIR"; fi
