#!/usr/bin/env bash
# Each context is checked with its own libs: core cannot see DOM or Node, the app cannot see Node.
set -euo pipefail
for cfg in core worker app node; do
  npx tsc -p "tsconfig.$cfg.json"
done
echo "typecheck: ok (core, worker, app, node)"
