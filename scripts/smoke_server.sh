#!/usr/bin/env bash
# Start gunicorn with production settings against the database in DATABASE_URL, run the HTTP
# smoke test over loopback, stop the server. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${SMOKE_PORT:-8799}
# Secure mode takes no key it did not get (#17.10): the development key files, made if missing.
KEY_FILE="${DEELWIJZER_VAR_DIR:-var}/encryption_keys"
AUDIT_KEY_FILE="${DEELWIJZER_VAR_DIR:-var}/audit_keys"
mkdir -p "$(dirname "$KEY_FILE")"
if [ ! -f "$KEY_FILE" ]; then
  DEELWIJZER_SECURE=0 $BIN/deelwijzer rotate-key --print-key > "$KEY_FILE"
  chmod 600 "$KEY_FILE"
fi
if [ ! -f "$AUDIT_KEY_FILE" ]; then
  DEELWIJZER_SECURE=0 $BIN/deelwijzer rotate-audit-key --print-key > "$AUDIT_KEY_FILE"
  chmod 600 "$AUDIT_KEY_FILE"
fi
export DEELWIJZER_KEY_FILE="$KEY_FILE" DEELWIJZER_AUDIT_KEY_FILE="$AUDIT_KEY_FILE"
export DEELWIJZER_SECURE=1 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="smoke-$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
$BIN/deelwijzer migrate --noinput -v 0
$BIN/deelwijzer demo > /dev/null
$BIN/gunicorn deelwijzer.wsgi --bind "127.0.0.1:$PORT" --workers 1 --threads 4 \
  --access-logfile - --error-logfile - > var/smoke-gunicorn.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  $BIN/python -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 1)" \
    2>/dev/null && break
  sleep 0.5
done
if ! $BIN/python scripts/smoke_http.py "http://127.0.0.1:$PORT" "$BIN/deelwijzer"; then
  tail -50 var/smoke-gunicorn.log
  exit 1
fi
