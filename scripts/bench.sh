#!/usr/bin/env bash
# Builds, then runs the benchmark in headless Chromium and prints a table (BENCH_RUNS=N for more runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
bash scripts/build.sh >/dev/null
# `benchmarkScoring` is only in a build with the `bench` feature, kept out of pkg/ (and so out of
# the download the table measures): built here into target/bench-pkg/, served as /bench-pkg/.
cargo build --quiet --lib --profile wasm --target wasm32-unknown-unknown --features bench
wasm-bindgen --target web --out-dir target/bench-pkg "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/cx_scorecard.wasm"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue target/bench-pkg/cx_scorecard_bg.wasm -o target/bench-pkg/cx_scorecard_bg.wasm
# A Vite production app with the packed package (scripts/bench-vite/), for the first-screen rows.
app=target/bench-vite
rm -rf "$app" && mkdir -p "$app" && cp scripts/bench-vite/* "$app/"
tarball=$(npm pack ./pkg --pack-destination "$app" --silent | tail -1)
(cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null \
  && npm install --no-save --no-audit --no-fund --loglevel=error "./$tarball" >/dev/null \
  && node node_modules/vite/bin/vite.js build --logLevel error)
node scripts/bench.mjs
