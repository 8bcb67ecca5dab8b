#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint, vitest and the Playwright e2e suite against a
# production build on a throwaway database. Ends with one line "N passed, N failed" for all suites together.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies"
  npm ci --no-audit --no-fund || { echo "0 passed, 1 failed"; exit 1; }
fi

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

extra_failed=0
step() {
  local name="$1"; shift
  echo "== $name"
  if ! "$@"; then echo "!! $name failed"; extra_failed=$((extra_failed + 1)); fi
}

step typecheck npm run -s typecheck
step lint npx biome check .
step i18n npm run -s i18n:check
rm -f tests/.tmp/vitest.json tests/.tmp/playwright.json
step vitest npx vitest run --reporter=default --reporter=json --outputFile=tests/.tmp/vitest.json
step build npx react-router build
PLAYWRIGHT_JSON_OUTPUT_NAME=tests/.tmp/playwright.json step e2e npx playwright test --reporter=list,json

node scripts/test-summary.mjs "$extra_failed"
