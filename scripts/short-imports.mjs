// Gives the wasm's imports short names, in the wasm and in the JS glue alike. wasm-bindgen names
// each import after its JS function plus a 16-hex-digit hash (`__wbg_addEventListener_f2d2…`) and
// puts them all in a module named "./cx_scorecard_bg.js"; both files carry every name, and the
// hashes do not compress. Imports become `$0`, `$1`, … in a module named `w`.
//
// Usage: node scripts/short-imports.mjs pkg/cx_scorecard_bg.wasm pkg/cx_scorecard.js
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");
// "./cx_scorecard_bg.js", or the team module's "./cx_scorecard_team_bg.js".
const MODULE = `./${basename(wasmPath).replace(/\.wasm$/, ".js")}`;

function fail(message) {
  console.error(`short-imports: ${message}`);
  process.exit(1);
}

// --- reading and writing the binary format ---
function readU32(buf, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = buf[at.i++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}
function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}
const name = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);

if (wasm.readUInt32BE(0) !== 0x0061736d) fail(`${wasmPath} is not a wasm module`);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map();
let at = { i: 8 };
while (at.i < wasm.length) {
  const start = at.i;
  const id = wasm[at.i++];
  const size = readU32(wasm, at);
  const end = at.i + size;
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    at.i = end;
    continue;
  }
  const count = readU32(wasm, at);
  const entries = [u32(count)];
  for (let k = 0; k < count; k++) {
    const moduleLen = readU32(wasm, at);
    const module = wasm.toString("utf8", at.i, at.i + moduleLen);
    at.i += moduleLen;
    const fieldLen = readU32(wasm, at);
    const field = wasm.toString("utf8", at.i, at.i + fieldLen);
    at.i += fieldLen;
    // The import's description, copied as it is: its kind, then a type index, table, memory,
    // global or tag description.
    const descStart = at.i;
    const kind = wasm[at.i++];
    if (kind === 0) readU32(wasm, at);
    else if (kind === 1 || kind === 2) {
      if (kind === 1) at.i++; // reference type
      const flags = wasm[at.i++];
      readU32(wasm, at);
      if (flags & 1) readU32(wasm, at);
    } else if (kind === 3) at.i += 2;
    else if (kind === 4) { at.i++; readU32(wasm, at); }
    else fail(`unknown import kind ${kind}`);
    const desc = wasm.subarray(descStart, at.i);
    if (module !== MODULE) fail(`unexpected import module "${module}"`);
    if (!/^__wb(g|indgen)_\w+$/.test(field)) fail(`unexpected import name "${field}"`);
    const short = `$${renamed.size}`;
    renamed.set(field, short);
    entries.push(name("w"), name(short), desc);
  }
  if (at.i !== end) fail("the import section did not end where its size said");
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), u32(body.length), body);
}
if (!renamed.size) fail(`${wasmPath} has no imports (already shortened?)`);

// --- the glue: each name must appear exactly once, as a key of the imports object ---
for (const [long, short] of renamed) {
  const found = glue.split(long).length - 1;
  if (found !== 1) fail(`"${long}" appears ${found} times in ${gluePath}, expected once`);
  glue = glue.replace(new RegExp(`\\b${long}\\b(?=\\s*:)`), short);
}
if (glue.split(`"${MODULE}":`).length !== 2) fail(`the imports module key "${MODULE}" is not in ${gluePath} once`);
glue = glue.replace(`"${MODULE}":`, "w:");

const out = Buffer.concat(parts);
// What the glue now provides must be exactly what the wasm imports.
const wanted = WebAssembly.Module.imports(new WebAssembly.Module(out)).map((i) => `${i.module}.${i.name}`).sort();
const given = [...glue.matchAll(/^\s*(\$\d+): function/gm)].map((m) => `w.${m[1]}`).sort();
if (JSON.stringify(wanted) !== JSON.stringify(given)) fail("the glue's imports do not match the wasm's after renaming");
writeFileSync(wasmPath, out);
writeFileSync(gluePath, glue);
console.log(`short-imports: ${renamed.size} imports renamed (${wasm.length - out.length} bytes fewer in the wasm)`);
