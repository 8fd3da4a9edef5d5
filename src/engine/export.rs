//! Downloads: the result as CSV, one row per answer.

use crate::engine::definition::Definition;
use crate::engine::result::AssessmentResult;

/// Whether a spreadsheet could read a cell as a formula: it starts with a tab, a carriage return or a line feed,
/// or its first character after any leading whitespace (which spreadsheets trim: every Unicode
/// space, U+3000 and the byte order mark U+FEFF among them) is `= + - @` or the full-width form of
/// one (which some spreadsheets normalise).
fn is_formula(s: &str) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
    s.starts_with(['\t', '\r', '\n']) || rest.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// One CSV cell: quoted when needed, and defused (with a leading `'`) when a spreadsheet would read
/// it as a formula.
pub(crate) fn cell(s: &str) -> String {
    let s = if is_formula(s) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The answers as CSV (RFC 4180, CRLF line ends), with the statement and dimension texts.
pub fn answers_csv(def: &Definition, result: &AssessmentResult) -> String {
    let locale = result.locale.as_str();
    let mut out = String::from(
        "assessment_id,assessment_version,completed_at,dimension_id,dimension,question_id,statement,reverse_scored,value,answer\r\n",
    );
    for a in &result.answers {
        let dimension = def.dimensions.iter().find(|d| d.id == a.dimension_id);
        let statement = dimension.and_then(|d| d.statements.iter().find(|s| s.id == a.question_id));
        let label = match a.value {
            Some(v) => def.scale.options.iter().find(|o| o.value == v).map(|o| o.label.get(locale)).unwrap_or(""),
            None => def.scale.dont_know.get(locale),
        };
        let row = [
            cell(&result.assessment.id),
            cell(&result.assessment.version),
            cell(&result.completed_at),
            cell(&a.dimension_id),
            cell(dimension.map(|d| d.title.get(locale)).unwrap_or("")),
            cell(&a.question_id),
            cell(statement.map(|s| s.text.get(locale)).unwrap_or("")),
            statement.map_or("", |s| if s.reverse { "true" } else { "false" }).to_string(),
            a.value.map(|v| v.to_string()).unwrap_or_default(),
            cell(label),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        // Leading whitespace, which spreadsheets trim, and full-width forms, which some normalise.
        assert_eq!(cell(" =1+1"), "' =1+1");
        assert_eq!(cell("\u{a0}=1"), "'\u{a0}=1");
        assert_eq!(cell("＝1+1"), "'＝1+1");
        assert_eq!(cell("\u{3000}+1"), "'\u{3000}+1");
        assert_eq!(cell("\t=x"), "'\t=x");
        assert_eq!(cell("\t"), "'\t");
        assert_eq!(cell("\u{feff}@SUM(A1)"), "'\u{feff}@SUM(A1)");
        assert_eq!(cell("\u{2003}－1"), "'\u{2003}－1");
        assert_eq!(cell(" ＋1, ＠x"), "\"' ＋1, ＠x\"");
        assert_eq!(cell("\r\n=1"), "\"'\r\n=1\"");
        // Text that only starts with whitespace stays as it is.
        assert_eq!(cell(" plain"), " plain");
        assert_eq!(cell("\u{a0}a = b"), "\u{a0}a = b");
    }
}
