// Writes, from the package's type declarations in pkg/ (the glue's, made from the Rust types by
// tsify and wasm-bindgen, and the elements' .d.ts that derive from them), so that no list is kept
// twice by hand:
// - pkg/options.js: the options each element takes as properties and attributes (mount()'s and
//   mountTeam()'s, less their callbacks);
// - pkg/custom-elements.json: the Custom Elements Manifest (schema 2.1.0) of both elements, with
//   their attributes, properties, methods, events, CSS parts (from the components' `part=`
//   attributes in src/ui/) and CSS custom properties (from the theme's declaration and the
//   defaults in src/ui/style.css), for editors, linters and documentation tools.
// Run by scripts/package.mjs once the declarations are in pkg/.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
// The elements' own option → attribute mapping (the module imports nothing a browser alone has).
import { kebab } from "../www/element-base.js";

function fail(message) {
  console.error(`manifest: ${message}`);
  process.exit(1);
}

const PKG = "pkg";
const program = ts.createProgram([`${PKG}/element.d.ts`], {
  strict: true, noEmit: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022,
});
const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
if (problems.length) fail(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ".", getNewLine: () => "\n" }));
const checker = program.getTypeChecker();

/** The exported symbol `name` of the declaration file `file` (in pkg/). */
function exported(file, name) {
  const source = program.getSourceFile(`${PKG}/${file}`) ?? fail(`${PKG}/${file} is not part of the program`);
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === name);
  if (!symbol) fail(`${file} does not export ${name}`);
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** A type as the checker prints it, whole. */
const printed = (type, at) => ({ text: checker.typeToString(type, at, ts.TypeFormatFlags.NoTruncation) });
/** A signature's parameters in the manifest's form. */
const parameters = (signature, at, extra = {}) =>
  signature.parameters.map((p) => ({ name: p.name, ...extra, type: printed(checker.getTypeOfSymbol(p), at) }));

const docs = (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s*\n\s*/g, " ").trim();

/** A property's type as written where it is declared, else as the checker prints it. */
function typeText(symbol) {
  const node = symbol.declarations?.[0];
  if (node && "type" in node && node.type) return node.type.getText();
  return printed(checker.getNonNullableType(checker.getTypeOfSymbol(symbol))).text;
}

/** The properties of the type an exported alias or interface names. */
function properties(file, name) {
  return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(exported(file, name)));
}

const isCallback = (name) => /^on[A-Z]/.test(name);

/** The options of a mount function's options interface, less its callbacks. */
const options = (file, name) => properties(file, name).map((p) => p.name).filter((n) => !isCallback(n));

/** The methods declared on an element's class, less the event listener overloads. */
function methods(file, name) {
  const symbol = exported(file, name);
  const members = [];
  for (const declaration of symbol.declarations.filter(ts.isClassDeclaration)) {
    for (const member of declaration.members.filter(ts.isMethodDeclaration)) {
      const method = member.name.getText();
      if (/EventListener$/.test(method)) continue;
      const signature = checker.getSignatureFromDeclaration(member);
      members.push({
        kind: "method",
        name: method,
        description: docs(checker.getSymbolAtLocation(member.name)),
        parameters: parameters(signature, member),
        return: { type: printed(signature.getReturnType(), member) },
      });
    }
  }
  return members;
}

/** The `part` names the components in `dirs` give their elements (`part="button primary-button"`). */
function parts(dirs) {
  const names = new Set();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".rs"))) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const [, value] of text.matchAll(/\bpart=(\{[^}]*\}|"[^"]*")/g)) {
        for (const [, quoted] of value.matchAll(/"([^"]*)"/g)) quoted.split(/\s+/).filter(Boolean).forEach((n) => names.add(n));
      }
    }
  }
  names.add("error"); // the box the element shows when it cannot start (element-base.js)
  return [...names].sort().map((name) => ({ name }));
}

/** The theme's custom properties: `--cx-*` as ThemeProperties documents them, with style.css's defaults. */
function cssProperties() {
  const css = readFileSync("src/ui/style.css", "utf8");
  const list = [];
  for (const property of properties("cx_scorecard.d.ts", "ThemeProperties")) {
    const description = docs(property);
    const name = description.match(/`(--cx-[a-z-]+)`/)?.[1];
    if (!name) continue; // `scheme` is no custom property
    const at = css.indexOf(`var(${name},`);
    if (at < 0) fail(`src/ui/style.css does not use ${name}, which ThemeProperties.${property.name} documents`);
    // The default: what follows the comma up to the var()'s closing parenthesis.
    let depth = 0;
    let end = at + 4;
    for (; end < css.length; end++) {
      if (css[end] === "(") depth++;
      else if (css[end] === ")" && depth-- === 0) break;
    }
    list.push({ name, description: description.replace(/\s*\(`--cx-[a-z-]+`\)/, ""), default: css.slice(at + 4 + name.length + 1, end).trim() });
  }
  if (list.length === 0) fail("no theme custom property found in ThemeProperties");
  return list;
}

const themeProperties = cssProperties();

/** An element's declaration in the manifest. */
function element({ file, className, tagName, optionsFile, optionsName, propertiesName, eventsName, eventsFile, eventsSource, description, partDirs }) {
  const source = Object.fromEntries(properties(optionsFile, optionsName).map((p) => [p.name, p]));
  const fields = properties(file, propertiesName).map((p) => ({
    kind: "field",
    name: p.name,
    type: { text: typeText(source[p.name] ?? p) },
    description: docs(source[p.name] ?? p) || (p.name === "assetBase"
      ? "Where the package's files are served, if not beside its modules: a URL (against the page) of the folder holding index.js and the wasm."
      : ""),
    attribute: kebab(p.name),
  }));
  const eventDocs = Object.fromEntries(properties(eventsFile, eventsSource).map((p) => [p.name, docs(p)]));
  const events = properties(file, eventsName).map((e) => ({
    name: e.name,
    type: printed(checker.getTypeOfSymbol(e)),
    description: eventDocs[e.name.replace(/^cx-scorecard:/, "")] ?? "",
  }));
  return {
    kind: "class",
    name: className,
    tagName,
    customElement: true,
    description,
    superclass: { name: "HTMLElement" },
    attributes: fields.map((f) => ({
      name: f.attribute,
      fieldName: f.name,
      type: { text: "string" },
      description: `${f.description} As an attribute, text${/\b(Definition|LeadConfig|Cta|ThemeOption|AssessmentResult)\b/.test(f.type.text) ? " (an object as JSON)" : ""}.`,
    })),
    members: [...fields, ...methods(file, className)],
    events,
    cssParts: parts(partDirs),
    cssProperties: themeProperties,
  };
}

const widget = element({
  file: "scorecard-element.d.ts", className: "CxScorecardElement", tagName: "cx-scorecard",
  optionsFile: "cx_scorecard.d.ts", optionsName: "MountOptions", propertiesName: "CxScorecardProperties",
  eventsName: "CxScorecardEventMap", eventsFile: "cx_scorecard.d.ts", eventsSource: "WidgetEvents",
  description: "The CX Operations capability assessment: questions, scoring, maturity level and recommendations, in the browser. Each option of mount() is a property (taking its value as it is) and an attribute (kebab-case, taking text; objects as JSON); the last one set counts.",
  partDirs: ["src/ui"],
});
const team = element({
  file: "team-element.d.ts", className: "CxScorecardTeamElement", tagName: "cx-scorecard-team",
  optionsFile: "cx_scorecard_team.d.ts", optionsName: "TeamOptions", propertiesName: "CxScorecardTeamProperties",
  eventsName: "CxScorecardTeamEventMap", eventsFile: "cx_scorecard_team.d.ts", eventsSource: "TeamEvents",
  description: "The team report: many respondents' results of one assessment, combined in the browser. Each option of mountTeam() is a property and an attribute (kebab-case); the last one set counts.",
  partDirs: ["src/ui/team"],
});

/** The define step's functions, as define.d.ts declares them. */
function defineFunctions() {
  return ["defineCxScorecard", "defineCxScorecardTeam"].map((name) => {
    const symbol = exported("define.d.ts", name);
    const signature = checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call)[0];
    return {
      kind: "function",
      name,
      description: docs(symbol),
      parameters: parameters(signature, undefined, { optional: true }),
    };
  });
}

const definition = (name, module, className) => ({ kind: "custom-element-definition", name, declaration: { name: className, module } });
const js = (name, module) => ({ kind: "js", name, declaration: { name, module } });
const manifest = {
  schemaVersion: "2.1.0",
  readme: "README.md",
  modules: [
    { kind: "javascript-module", path: "scorecard-element.js", declarations: [widget], exports: [js("CxScorecardElement", "scorecard-element.js")] },
    { kind: "javascript-module", path: "team-element.js", declarations: [team], exports: [js("CxScorecardTeamElement", "team-element.js")] },
    {
      kind: "javascript-module",
      path: "element.js",
      declarations: [],
      exports: [
        definition("cx-scorecard", "scorecard-element.js", "CxScorecardElement"),
        definition("cx-scorecard-team", "team-element.js", "CxScorecardTeamElement"),
        js("CxScorecardElement", "scorecard-element.js"),
        js("CxScorecardTeamElement", "team-element.js"),
        js("defineCxScorecard", "define.js"),
        js("defineCxScorecardTeam", "define.js"),
      ],
    },
    {
      kind: "javascript-module",
      path: "define.js",
      declarations: defineFunctions(),
      exports: [js("defineCxScorecard", "define.js"), js("defineCxScorecardTeam", "define.js")],
    },
    {
      kind: "javascript-module",
      path: "cx-scorecard.js",
      declarations: [],
      exports: [
        definition("cx-scorecard", "scorecard-element.js", "CxScorecardElement"),
        definition("cx-scorecard-team", "team-element.js", "CxScorecardTeamElement"),
      ],
    },
  ],
};
writeFileSync(`${PKG}/custom-elements.json`, JSON.stringify(manifest, null, 2) + "\n");

const widgetOptions = options("cx_scorecard.d.ts", "MountOptions");
const teamOptions = options("cx_scorecard_team.d.ts", "TeamOptions");
const names = (file, name) => properties(file, name).map((p) => p.name);
writeFileSync(
  `${PKG}/options.js`,
  `// Generated by scripts/manifest.mjs from the declarations of MountOptions, TeamOptions, WidgetEvents
// and TeamEvents (made from the Rust types): the options each element takes as properties and
// attributes, less the callbacks, and the events it dispatches (each as cx-scorecard:<name>).
export const WIDGET_OPTIONS = ${JSON.stringify(widgetOptions)};
export const TEAM_OPTIONS = ${JSON.stringify(teamOptions)};
export const WIDGET_EVENTS = ${JSON.stringify(names("cx_scorecard.d.ts", "WidgetEvents"))};
export const TEAM_EVENTS = ${JSON.stringify(names("cx_scorecard_team.d.ts", "TeamEvents"))};
`,
);
console.log(
  `manifest: pkg/custom-elements.json (${widget.attributes.length} + ${team.attributes.length} attributes, ` +
    `${widget.events.length} + ${team.events.length} events), pkg/options.js`,
);
