//! Parsing and validation of definitions. Every problem is reported with its JSON path.

use crate::engine::definition::Definition;
use crate::engine::text::{number, Text};
use serde::Serialize;
use std::collections::BTreeMap as Map;
use std::fmt;

/// One problem in a definition, at a JSON path such as `dimensions[2].statements[4].id` (empty
/// for the whole document).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationProblem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ValidationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl Definition {
    /// Reads and validates a definition from JSON text, collecting every error found (natively;
    /// the wasm parses with the browser's `JSON.parse` and calls [`Definition::from_value`]).
    pub fn from_json(json: &str) -> Result<Definition, Vec<ValidationProblem>> {
        Definition::from_value(crate::engine::wire::parse_value(json).map_err(|e| vec![e])?)
    }

    /// Reads and validates a definition: a type error stops with its path; then every semantic
    /// problem is collected with its path.
    pub fn from_value(value: serde_json::Value) -> Result<Definition, Vec<ValidationProblem>> {
        let def: Definition = crate::engine::wire::read_object(value).map_err(|e| vec![e])?;
        let errors = validate(&def);
        if errors.is_empty() {
            Ok(def)
        } else {
            Err(errors)
        }
    }
}

struct Collector(Vec<ValidationProblem>);

impl Collector {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(ValidationProblem { path: path.into(), message: message.into() });
    }

    fn text(&mut self, path: impl Into<String>, text: &Text) {
        if text.has_empty() {
            self.push(path, "text must not be empty");
        }
    }

    fn id(&mut self, seen: &mut Map<String, String>, path: String, id: &str) {
        if id.trim().is_empty() {
            self.push(path, "id must not be empty");
        } else if id == "__proto__" {
            // Ids become keys of the result's objects (answers, profile), where this one would set
            // the object's prototype instead of a member.
            self.push(path, "\"__proto__\" cannot be used as an id");
        } else if let Some(first) = seen.get(id) {
            self.push(path, format!("duplicate id \"{id}\" (first used at {first})"));
        } else {
            seen.insert(id.to_string(), path);
        }
    }
}

/// The longest assessment id or version, in bytes (UTF-8): what a result code can hold.
pub const MAX_ID_BYTES: usize = 255;

/// The largest weight a dimension can have: far beyond any real use, and far from overflow.
pub const MAX_WEIGHT: f64 = 1_000_000.0;

/// Checks what the types cannot: unique ids, positive weights up to `MAX_WEIGHT`, ascending level
/// thresholds that cover 0–100, one recommendation per dimension per level, and references that
/// resolve.
pub fn validate(def: &Definition) -> Vec<ValidationProblem> {
    let mut c = Collector(Vec::new());
    if def.id.trim().is_empty() {
        c.push("id", "must not be empty");
    }
    if def.version.trim().is_empty() {
        c.push("version", "must not be empty");
    }
    // A result code holds both, each up to 255 bytes.
    for (path, value) in [("id", &def.id), ("version", &def.version)] {
        if value.len() > MAX_ID_BYTES {
            c.push(path, format!("must be at most {MAX_ID_BYTES} bytes long, is {}", value.len()));
        }
    }
    c.text("title", &def.title);
    if let Some(intro) = &def.intro {
        c.text("intro", intro);
    }

    // Scale: at least two ascending consecutive values, not wrapping past 255 to 0: a resume link
    // carries a value as its distance from the lowest, so the values must run lowest to highest.
    if def.scale.options.len() < 2 {
        c.push("scale.options", "needs at least two options");
    }
    for (i, pair) in def.scale.options.windows(2).enumerate() {
        if pair[0].value.checked_add(1) != Some(pair[1].value) {
            c.push(
                format!("scale.options[{}].value", i + 1),
                format!("values must ascend by one within 0–255, but {} follows {}", pair[1].value, pair[0].value),
            );
        }
    }
    for (i, o) in def.scale.options.iter().enumerate() {
        c.text(format!("scale.options[{i}].label"), &o.label);
    }
    c.text("scale.dontKnow", &def.scale.dont_know);

    // Levels: numbered 1..n, thresholds ascending from 0, all within 0–100.
    let levels: Vec<u8> = def.levels.iter().map(|l| l.level).collect();
    if def.levels.is_empty() {
        c.push("levels", "needs at least one level");
    }
    for (i, l) in def.levels.iter().enumerate() {
        if usize::from(l.level) != i + 1 {
            c.push(format!("levels[{i}].level"), format!("expected level {}, found {}", i + 1, l.level));
        }
        if !(0.0..=100.0).contains(&l.min) {
            c.push(format!("levels[{i}].min"), format!("threshold {} is outside 0–100", number(l.min)));
        }
        if i == 0 && l.min != 0.0 {
            c.push("levels[0].min", format!("the first level must start at 0 to cover 0–100, not {}", number(l.min)));
        }
        if i > 0 && l.min <= def.levels[i - 1].min {
            c.push(
                format!("levels[{i}].min"),
                format!(
                    "thresholds must ascend, but {} does not exceed {}",
                    number(l.min),
                    number(def.levels[i - 1].min)
                ),
            );
        }
        c.text(format!("levels[{i}].name"), &l.name);
    }

    // Rules refer to levels that exist.
    if !levels.contains(&def.rules.evidence_gap_max_level) {
        c.push("rules.evidenceGapMaxLevel", format!("unknown level {}", def.rules.evidence_gap_max_level));
    }
    if def.rules.evidence_gap_dont_know == 0 {
        c.push("rules.evidenceGapDontKnow", "must be at least 1");
    }
    if let Some(g) = &def.rules.top_level_gate {
        if !levels.contains(&g.level) {
            c.push("rules.topLevelGate.level", format!("unknown level {}", g.level));
        }
        if !(0.0..=100.0).contains(&g.min_dimension_score) {
            c.push("rules.topLevelGate.minDimensionScore", "must be within 0–100");
        }
    }

    // Dimensions and statements: ids unique across the whole definition.
    let mut ids: Map<String, String> = Map::new();
    if def.dimensions.is_empty() {
        c.push("dimensions", "needs at least one dimension");
    }
    for (di, d) in def.dimensions.iter().enumerate() {
        let p = format!("dimensions[{di}]");
        c.id(&mut ids, format!("{p}.id"), &d.id);
        c.text(format!("{p}.title"), &d.title);
        if !(d.weight > 0.0 && d.weight <= MAX_WEIGHT) {
            c.push(
                format!("{p}.weight"),
                format!("weight must be greater than 0 and at most {}, not {}", number(MAX_WEIGHT), number(d.weight)),
            );
        }
        if d.statements.is_empty() {
            c.push(format!("{p}.statements"), "needs at least one statement");
        }
        for (si, s) in d.statements.iter().enumerate() {
            c.id(&mut ids, format!("{p}.statements[{si}].id"), &s.id);
            c.text(format!("{p}.statements[{si}].text"), &s.text);
        }
        let mut covered: Vec<u8> = Vec::new();
        for (ri, r) in d.recommendations.iter().enumerate() {
            let rp = format!("{p}.recommendations[{ri}]");
            if !levels.contains(&r.level) {
                c.push(format!("{rp}.level"), format!("unknown level {}", r.level));
            } else if covered.contains(&r.level) {
                c.push(format!("{rp}.level"), format!("a second recommendation for level {}", r.level));
            } else {
                covered.push(r.level);
            }
            c.text(format!("{rp}.text"), &r.text);
        }
        for missing in levels.iter().filter(|l| !covered.contains(l)) {
            c.push(format!("{p}.recommendations"), format!("no recommendation for level {missing}"));
        }
    }

    for (qi, q) in def.profile.iter().enumerate() {
        let p = format!("profile[{qi}]");
        c.id(&mut ids, format!("{p}.id"), &q.id);
        c.text(format!("{p}.label"), &q.label);
        if q.options.is_empty() {
            c.push(format!("{p}.options"), "needs at least one option");
        }
        let mut option_ids = Map::new();
        for (oi, o) in q.options.iter().enumerate() {
            c.id(&mut option_ids, format!("{p}.options[{oi}].id"), &o.id);
            c.text(format!("{p}.options[{oi}].label"), &o.label);
        }
    }
    for (bi, b) in def.benchmarks.iter().enumerate() {
        c.text(format!("benchmarks[{bi}].text"), &b.text);
        if b.source.trim().is_empty() {
            c.push(format!("benchmarks[{bi}].source"), "must not be empty");
        }
    }
    let (mut group_ids, mut values) = (Map::new(), Map::new());
    for (gi, g) in def.team_groups.iter().enumerate() {
        let p = format!("teamGroups[{gi}]");
        c.id(&mut group_ids, format!("{p}.id"), &g.id);
        c.text(format!("{p}.title"), &g.title);
        if g.values.is_empty() {
            c.push(format!("{p}.values"), "needs at least one answer");
        }
        // An answer in two groups would count its respondents twice.
        for (vi, v) in g.values.iter().enumerate() {
            c.id(&mut values, format!("{p}.values[{vi}]"), v);
        }
    }
    c.0
}
