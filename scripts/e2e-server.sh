#!/usr/bin/env bash
# The server the e2e suite runs against: the production build, a fresh throwaway database, the demo county.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
export DATABASE_PATH="tests/.tmp/e2e.db"
rm -f "$DATABASE_PATH" "$DATABASE_PATH-wal" "$DATABASE_PATH-shm"
export NODE_ENV=production DEMO=1
export SIGNIN_WINDOW_MS="${SIGNIN_WINDOW_MS:-4000}"
npx tsx db/seed/index.ts
exec node server.js
