#!/usr/bin/env bash
# npm start: install what is missing, migrate, seed the demo county into an empty database, build, serve.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (better-sqlite3 compiles from source: about a minute)…"
  npm ci --no-audit --no-fund
fi

export NODE_ENV=production
# npm start is the demo: the demo accounts are listed on the sign-in page. Set DEMO= (empty) to hide them.
export DEMO="${DEMO-1}"
export DATABASE_PATH="${DATABASE_PATH:-data/sounding-board.db}"

npx tsx db/seed/index.ts
npx react-router build
exec node server.js
