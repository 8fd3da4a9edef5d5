//! Writes the language packs of the default assessment (`<dir>/de.json`, `fr.json`, `es.json`):
//! the assessment's texts from its source, which holds every language, and the widget's and the
//! engine's strings from `src/locales/`.

use cx_scorecard::engine::locales::{pack, STRINGS_SOURCES};
use cx_scorecard::engine::{Definition, DEFAULT_DEFINITION_SOURCE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "pkg/locales".into()));
    std::fs::create_dir_all(&dir)?;
    let def = Definition::from_json(DEFAULT_DEFINITION_SOURCE).map_err(|e| format!("{e:?}"))?;
    let mut written = Vec::new();
    for (locale, source) in STRINGS_SOURCES {
        let strings = serde_json::from_str(source).map_err(|e| format!("src/locales/{locale}.json: {e}"))?;
        let path = dir.join(format!("{locale}.json"));
        std::fs::write(&path, serde_json::to_string(&pack(&def, locale, &strings))? + "\n")?;
        written.push(path.display().to_string());
    }
    println!("locales: {}", written.join(", "));
    Ok(())
}
