#!/usr/bin/env bash
# The whole test suite: types, lint, unit tests (Node), build, then browser tests (Playwright + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
npm run --silent setup
echo "== typecheck";  bash scripts/typecheck.sh
echo "== lint";       npx eslint . --max-warnings=0
echo "== unit";       npx vitest run
echo "== build";      npx vite build --logLevel warn
echo "== widget";     npm run --silent build:widget
echo "== e2e";        npx playwright test
