// The TypeScript declarations (pkg/cx_scorecard.d.ts, generated from the Rust types, and the
// package's .d.ts that derive from them): a host's code that uses every option, callback, handle
// method and result field type-checks with `tsc --strict` (tests/types/consumer.ts), and so does
// one that uses the elements' properties, methods and events (tests/types/element-consumer.ts);
// a misspelt option or a wrong option type does not (tests/types/misspelt.ts). No browser: tsc only.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = "node_modules/.bin/tsc";

before(() => {
  assert.ok(existsSync(`${root}/pkg/cx_scorecard.d.ts`), "pkg/cx_scorecard.d.ts is missing: run scripts/build.sh first");
  assert.ok(existsSync(`${root}/${tsc}`), `${tsc} is missing: run scripts/setup.sh (npm ci installs typescript)`);
});

/** Runs tsc on a project; returns its exit code, its output, and the diagnostics it reported. */
function typecheck(project) {
  const run = spawnSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: root, encoding: "utf8" });
  assert.equal(run.error, undefined, `could not run tsc: ${run.error}`);
  const output = (run.stdout + run.stderr).trim();
  const diagnostics = [...output.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)].map(([, file, line, , code, message]) => ({
    file, line: Number(line), code, message,
  }));
  return { status: run.status, output, diagnostics };
}

test("a host's code using every option, callback, handle method and result field type-checks", () => {
  const { status, output } = typecheck("tests/types/tsconfig.json");
  assert.equal(
    output,
    "",
    `tsc reported problems in tests/types/consumer.ts or the declarations it uses:\n${output}\n` +
      "(TS2554 \"Expected 3 arguments\" at an exact<T>() call: the field's declared type is not exactly T; " +
      "TS2344 \"'false' does not satisfy the constraint 'true'\": a check of the surface in CheckSurface failed.)",
  );
  assert.equal(status, 0, "tsc failed without output");
});

test("a host's code using every option and handle method of the team report, and every report field, type-checks", () => {
  assert.ok(existsSync(`${root}/pkg/cx_scorecard_team.d.ts`), "pkg/cx_scorecard_team.d.ts is missing: run scripts/build.sh first");
  const { status, output } = typecheck("tests/types/tsconfig.team.json");
  assert.equal(output, "", `tsc reported problems in tests/types/team-consumer.ts or the declarations it uses:\n${output}`);
  assert.equal(status, 0, "tsc failed without output");
});

test("the elements' properties, methods and events are typed from the glue's declarations, with no framework installed", () => {
  const { status, output } = typecheck("tests/types/tsconfig.element.json");
  assert.equal(output, "", `tsc reported problems in tests/types/element-consumer.ts or the declarations it uses:\n${output}`);
  assert.equal(status, 0, "tsc failed without output");
});

test("a misspelt option and an option of the wrong type do not type-check", () => {
  const { status, output, diagnostics } = typecheck("tests/types/tsconfig.misspelt.json");
  assert.notEqual(status, 0, "tests/types/misspelt.ts compiled, so the declarations accept a misspelt option");
  // The lines the file marks with `// expect: <option>`.
  const lines = readFileSync(`${root}/tests/types/misspelt.ts`, "utf8").split("\n");
  const marked = (option) => lines.findIndex((l) => l.includes(`// expect: ${option}`)) + 1;
  const summary = diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);
  assert.equal(diagnostics.length, 2, `expected exactly two errors, one per mistake; tsc said:\n${output}`);
  const [misspelt, wrongType] = diagnostics;

  // TS2561 when tsc finds the near miss ("Did you mean to write 'locale'?"), TS2353 otherwise.
  assert.ok(["TS2561", "TS2353"].includes(misspelt.code), `misspelt option: ${summary[0]}\n${output}`);
  assert.match(misspelt.message, /Object literal may only specify known properties.*'locle'.*'MountOptions'/);
  assert.match(misspelt.message, /Did you mean to write 'locale'\?/);
  assert.equal(misspelt.line, marked("locle"), `the error is not on the misspelt line:\n${output}`);

  assert.equal(wrongType.code, "TS2322", `wrong option type: ${summary[1]}\n${output}`);
  assert.match(wrongType.message, /Type 'number' is not assignable to type '.*boolean.*"on".*'/);
  assert.equal(wrongType.line, marked("autosave"), `the error is not on the autosave line:\n${output}`);
  for (const d of diagnostics) assert.match(d.file, /tests\/types\/misspelt\.ts$/, `an error outside misspelt.ts:\n${output}`);
});
