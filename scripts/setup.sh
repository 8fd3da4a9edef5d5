#!/usr/bin/env bash
# Installs whatever is missing for building (and, with --browser, for testing). Quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component" >&2
  fi
done

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # No --locked: the CLI's own lock file names a yanked webpki-roots.
  cargo install -q wasm-bindgen-cli --version "$want" --force >&2
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (binaryen for wasm-opt, terser for the JS glue, playwright-core for page tests, SurveyJS for the benchmark)"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

# For the tests: Chromium and its driver, and pdftotext (poppler-utils) to read printed PDFs.
if [ "${1:-}" = "--browser" ] && ! { command -v chromium && command -v chromedriver && command -v pdftotext; } >/dev/null 2>&1; then
  say "installing chromium, chromium-driver and poppler-utils"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi
