#!/usr/bin/env bash
# Runs every test: format and lints, native (engine), wasm in headless Chromium, then page tests in
# Chromium.
# Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser

echo "== format and lints"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
# The build-time prerender: the intro and the frame compiled natively with Yew's SSR.
cargo clippy --quiet --all-targets --features prerender -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings
# The team report's module (the same crate with the feature `team`).
cargo clippy --quiet --lib --target wasm32-unknown-unknown --features team -- -D warnings
# The benchmark's build (`benchmarkScoring`, scripts/bench.sh) is checked too, so it never rots.
cargo clippy --quiet --lib --target wasm32-unknown-unknown --features bench -- -D warnings

echo "== native tests (engine)"
cargo test --quiet
cargo test --quiet --features prerender --bin prerender

echo "== release test builds stay incremental"
bash scripts/check-release-tests.sh

echo "== wasm tests in headless Chromium"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown

echo "== build"
bash scripts/build.sh

# Byte sizes are deterministic, so they are gated. The target is 150 KB (aim 120 KB); these
# ceilings are the current sizes plus 2%, lowered as size work lands, so the download never grows
# unnoticed. (Raised from 200 KB with the largest pack for the move onto serde, serde-wasm-bindgen
# and serde_path_to_error: 198.8 → 286.3 KB, 280.1 KB in English; then for the prerendered first
# screen, which the loader brings: 280.2 → 285.1 KB in English, 286.4 → 291.3 KB with a pack; then the
# result id, funnel events, attribution and calls to action: → 295.6 KB in English, 301.8 KB with a pack;
# then the lead modes and progress since last time: → 310.1 KB in English, 316.6 KB with a pack, of which
# about a third is serde_json reading the kept completion back; then "Copy my result code", a
# definition's teamGroups and the loader's <cx-scorecard-team> (its module loaded only when one
# appears): → 316.8 KB in English, 323.3 KB with a pack.)
echo "== size budget"
# The team report's module is its own download (a respondent's widget never loads it); its ceiling
# is its size plus 2%: 263.5 KB first, then 298.7 KB once built at opt-level 3 for speed (10,000
# results in under 100 ms) and reading objects field by field; 302.9 KB with regrouping in place.
node scripts/size.mjs --budget-english "${SIZE_BUDGET_ENGLISH_KB:-323.1}" --budget "${SIZE_BUDGET_KB:-329.8}" \
  --budget-team "${SIZE_BUDGET_TEAM_KB:-309.0}" | tail -1

echo "== page tests in Chromium"
node --test --test-reporter=spec tests/pages/
