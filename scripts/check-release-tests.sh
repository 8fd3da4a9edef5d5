#!/usr/bin/env bash
# Checks that release test builds stay incremental: `cargo test --release` of one test, then again
# after touching the test, then after touching the library. (With panic = "abort" in the `release`
# profile, the rebuilt test failed to link: "requires panic strategy `abort`"; see Cargo.toml's
# profiles.) About a minute from a clean target directory.
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-16}"

run() {
  echo "== cargo test --release --test engine_fuzz ($1)"
  cargo test --quiet --release --test engine_fuzz >/dev/null
}
run "first build"
touch tests/engine_fuzz.rs
run "after touching tests/engine_fuzz.rs"
touch src/engine/scoring.rs
run "after touching src/engine/scoring.rs"
echo "ok: release test builds are incremental"
