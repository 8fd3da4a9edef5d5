#!/usr/bin/env bash
# Builds the widget into pkg/ and prints the gzipped sizes of what a host downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cargo build --quiet --lib --profile wasm --target wasm32-unknown-unknown
rm -rf pkg
# Also writes the TypeScript declarations, cx_scorecard.d.ts and cx_scorecard_bg.wasm.d.ts.
wasm-bindgen --target web --out-dir pkg "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/cx_scorecard.wasm"
# --low-memory-unused lets wasm-opt fold added constants into the offsets of loads and stores; that
# differs only for an address that would wrap around into the first 1 KB of memory, which Rust's
# pointers never do. (Rust's wasm layout puts the 1 MB stack first, growing down towards 0, so that
# kilobyte is only ever touched by a stack that is already overflowing.)
node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/cx_scorecard_bg.wasm -o pkg/cx_scorecard_bg.wasm
node scripts/short-imports.mjs pkg/cx_scorecard_bg.wasm pkg/cx_scorecard.js
# The team report's module: the same crate with the feature `team` (only `mountTeam` exported), in a
# target directory of its own, since both builds write a file named cx_scorecard.wasm.
team_target="${CARGO_TARGET_DIR:-target}/team"
# Built for speed (profile wasm-team, wasm-opt -O3): see Cargo.toml.
CARGO_TARGET_DIR="$team_target" cargo build --quiet --lib --profile wasm-team --target wasm32-unknown-unknown --features team
wasm-bindgen --target web --out-dir pkg --out-name cx_scorecard_team "$team_target/wasm32-unknown-unknown/wasm-team/cx_scorecard.wasm"
node_modules/.bin/wasm-opt -O3 --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/cx_scorecard_team_bg.wasm -o pkg/cx_scorecard_team_bg.wasm
node scripts/short-imports.mjs pkg/cx_scorecard_team_bg.wasm pkg/cx_scorecard_team.js
cargo run --quiet --features schema --bin schemas -- pkg/schema
cargo run --quiet --bin locales -- pkg/locales
# The first screen rendered natively with Yew's SSR: the stylesheet file, pkg/intro.*, the
# declarative snippets and the pages in pkg/pages/.
cargo run --quiet --features prerender --bin prerender -- pkg
node scripts/standalone.mjs
# The glue hosts load, minified (the single-file edition above inlines the readable one).
node_modules/.bin/terser pkg/cx_scorecard.js --module --compress --mangle -o pkg/cx_scorecard.js
node_modules/.bin/terser pkg/cx_scorecard_team.js --module --compress --mangle -o pkg/cx_scorecard_team.js
# The npm package: its modules and declarations, the element manifest, the script-tag edition and
# pkg/package.json.
node scripts/package.mjs
node scripts/size.mjs
