// The published JSON Schemas (pkg/schema, generated from the Rust types) accept the default
// definition, the quick check and the golden result, and reject broken ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const read = (p) => JSON.parse(readFileSync(new URL(`../../${p}`, import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true });
const int = (max) => ({ type: "number", validate: (x) => Number.isInteger(x) && x >= 0 && x <= max });
ajv.addFormat("uint8", int(255)).addFormat("uint16", int(65535)).addFormat("uint32", int(4294967295));
ajv.addFormat("uint", int(Number.MAX_SAFE_INTEGER));
ajv.addFormat("double", { type: "number", validate: (x) => Number.isFinite(x) });

const definition = ajv.compile(read("pkg/schema/definition.schema.json"));
const result = ajv.compile(read("pkg/schema/result.schema.json"));
const errors = (v) => (v.errors || []).map((e) => `${e.instancePath} ${e.message}`);

test("the default definition and the quick check validate against the definition schema", () => {
  for (const file of ["src/engine/default_definition.json", "www/quick-check.json"]) {
    assert.ok(definition(read(file)), `${file}: ${errors(definition)}`);
  }
});

test("the golden result validates against the result schema", () => {
  const golden = read("tests/golden/result.json");
  assert.ok(result(golden), errors(result).join("; "));
  const withLead = { ...golden, lead: { email: "ana@example.com", consent: { text: "ok", at: "2026-11-23T10:00:00Z" } } };
  assert.ok(result(withLead), errors(result).join("; "));
});

test("the schemas reject what the engine rejects", () => {
  const def = read("src/engine/default_definition.json");
  assert.equal(definition({ ...def, wieght: 1 }), false, "unknown field");
  assert.equal(definition({ ...def, dimensions: [{ ...def.dimensions[0], weight: "high" }] }), false, "wrong type");
  const { scale, ...noScale } = def;
  assert.equal(definition(noScale), false, "missing field");
  const golden = read("tests/golden/result.json");
  const { overall, ...noOverall } = golden;
  assert.equal(result(noOverall), false);
  assert.equal(result({ ...golden, answers: [{ questionId: "d1.s1", dimensionId: "d1", value: "five" }] }), false);
});

test("the team report of the 40-result fixture validates against the team report schema, and a broken one does not", () => {
  const team = ajv.compile(read("pkg/schema/team-report.schema.json"));
  const golden = read("tests/golden/team-report.json");
  assert.ok(team(golden), errors(team).join("; "));
  const withPrevious = { ...golden, previous: { respondents: 3, overall: { before: 40, now: 48.2, change: 8.2 }, dimensions: [
    { dimensionId: "d1", before: 40, now: 50, change: 10, groups: [{ id: "leaders", before: null, now: 60, change: null }] },
  ] } };
  assert.ok(team(withPrevious), errors(team).join("; "));
  const { respondents, ...noRespondents } = golden;
  assert.equal(team(noRespondents), false);
  assert.equal(team({ ...golden, gaps: [{ dimensionId: "d1", higher: "leaders", lower: "front-line", difference: "big" }] }), false);
});
