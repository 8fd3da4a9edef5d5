#!/usr/bin/env bash
# Builds, then runs the benchmark in headless Chromium and prints a table (BENCH_RUNS=N for more runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/build.sh >/dev/null
node scripts/bench.mjs
