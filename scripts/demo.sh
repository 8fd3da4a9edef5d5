#!/usr/bin/env bash
# Builds everything and serves the demo on http://localhost:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec node scripts/serve.mjs
