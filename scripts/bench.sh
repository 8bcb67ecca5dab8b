#!/usr/bin/env bash
# npm run bench: build for production, then measure it on a throwaway database (tests/bench/run.ts).
# Not part of npm test. The last line printed is one JSON object with every figure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (better-sqlite3 compiles from source: about a minute)…"
  npm ci --no-audit --no-fund
fi

echo "Building for production…"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! npx react-router build >"$log" 2>&1; then
  cat "$log"
  echo "bench: the build failed" >&2
  exit 1
fi
npx tsx tests/bench/run.ts
