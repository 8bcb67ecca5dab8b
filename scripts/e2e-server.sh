#!/usr/bin/env bash
# The server the e2e suite runs against: the production build, a fresh throwaway database, the demo county.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
export DATABASE_PATH="tests/.tmp/e2e.db"
rm -f "$DATABASE_PATH" "$DATABASE_PATH-wal" "$DATABASE_PATH-shm"
export NODE_ENV=production DEMO=1
export SIGNIN_WINDOW_MS="${SIGNIN_WINDOW_MS:-4000}"
# Email to the safeguarding lead goes to a local SMTP server that tests/e2e/safeguarding.spec.ts starts on PORT+1000.
export SMTP_HOST="${SMTP_HOST:-127.0.0.1}" SMTP_PORT="${SMTP_PORT:-$((${PORT:-3100} + 1000))}"
export SMTP_FROM="${SMTP_FROM:-sounding-board@demo.test}" PUBLIC_URL="${PUBLIC_URL:-http://localhost:${PORT:-3100}}"
npx tsx db/seed/index.ts
exec node server.js
