#!/usr/bin/env bash
# The whole test suite: types, lint, unit tests (Node), build, then browser tests (Playwright + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
npm run --silent setup
mkdir -p .cache/reports
echo "== typecheck";  bash scripts/typecheck.sh
echo "== lint";       npx eslint . --max-warnings=0
echo "== unit";       npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/reports/unit.json
echo "== build";      npx vite build --logLevel warn
echo "== widget";     npm run --silent build:widget
echo "== e2e";        PLAYWRIGHT_JSON_OUTPUT_NAME=.cache/reports/e2e.json npx playwright test --reporter=list,json
node scripts/test-summary.mjs .cache/reports/unit.json .cache/reports/e2e.json
