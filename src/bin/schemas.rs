//! Writes the JSON Schemas of the assessment definition, the result and the team report into a folder
//! (`cargo run --features schema --bin schemas -- pkg/schema`).

use cx_scorecard::engine::team::TeamReport;
use cx_scorecard::engine::{AssessmentResult, Definition};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "pkg/schema".into()));
    std::fs::create_dir_all(&dir)?;
    let write = |name: &str, schema: serde_json::Value| -> std::io::Result<()> {
        std::fs::write(dir.join(name), serde_json::to_string_pretty(&schema)? + "\n")
    };
    write("definition.schema.json", serde_json::to_value(schemars::schema_for!(Definition))?)?;
    write("result.schema.json", serde_json::to_value(schemars::schema_for!(AssessmentResult))?)?;
    write("team-report.schema.json", serde_json::to_value(schemars::schema_for!(TeamReport))?)?;
    let d = dir.display();
    println!("schemas: {d}/definition.schema.json, {d}/result.schema.json, {d}/team-report.schema.json");
    Ok(())
}
