//! Reading the team report's inputs: results in any text a person pastes or a file holds, read
//! in chunks as they arrive, each counted once; what is not added is counted by reason.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::code;
use cx_scorecard::engine::scoring::{Answer, Answers};
use cx_scorecard::engine::session::ProfileAnswer;
use cx_scorecard::engine::team::{csv, Reason, Splitter, Team, LISTED, TEAM_EN};
use cx_scorecard::engine::{default_definition, Definition, Wording};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn result(def: &Definition, id: Option<&str>, c: u8, completed: &str) -> Value {
    let answers: Vec<Value> = def
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .map(|(d, s)| json!({"questionId": s.id, "dimensionId": d.id, "value": c}))
        .collect();
    json!({"schemaVersion": 1, "id": id, "assessment": {"id": def.id, "version": def.version},
        "startedAt": "2026-12-01T10:00:00Z", "completedAt": completed, "answers": answers, "profile": {"role": "cx"}})
}

fn code_for(def: &Definition, n: u8) -> String {
    let answers: Answers =
        def.dimensions.iter().flat_map(|d| &d.statements).map(|s| (s.id.clone(), Answer::Value(1 + n % 5))).collect();
    let profile: BTreeMap<String, ProfileAnswer> = [("role".into(), ProfileAnswer::One("cx".into()))].into();
    code::encode(def, &format!("{n:032x}"), &answers, &profile)
}

fn sources(t: &Team) -> Vec<(String, Reason)> {
    t.rejected().iter().map(|r| (r.source.clone(), r.code)).collect()
}

#[test]
fn result_codes_are_found_anywhere_in_pasted_text() {
    let def = default_definition();
    let c: Vec<String> = (1..=6).map(|n| code_for(&def, n)).collect();
    let broken = format!("{}\n{}", &c[4][..40], &c[4][40..]);
    let capital = format!("Cxr1.{}", &c[5]["cxr1.".len()..]);
    let text = format!(
        "\u{feff}Codes from the team:\n1. {}\n2) {},\n- {} (Sam)\n\n   {}\n{broken}\nand {capital}.\n",
        c[0], c[1], c[2], c[3]
    );
    let mut t = Team::for_definition(def.clone(), "role", 3);
    assert_eq!(t.add_text("pasted text", &text), 6, "{:?}", sources(&t));
    assert!(t.rejected().is_empty(), "{:?}", sources(&t));
    // A code cut short is named by its line; text with no code and no result at all is rejected once.
    let mut t = Team::for_definition(def.clone(), "role", 3);
    assert_eq!(t.add_text("pasted text", &format!("Hello\n{}\nbye", &c[0][..30])), 0);
    assert_eq!(sources(&t), [("pasted text, line 2".to_string(), Reason::NotACode)]);
    assert_eq!(t.add_text("notes.txt", "Nothing here.\nNor here."), 0);
    assert_eq!(sources(&t)[1], ("notes.txt".to_string(), Reason::NotJson));
}

#[test]
fn json_arrays_and_pretty_printed_results_back_to_back_are_read_one_by_one() {
    let def = default_definition();
    let r = |n: u32| result(&def, Some(&format!("{n:032x}")), 1 + (n % 5) as u8, "2026-12-01T10:08:00Z");
    let a = serde_json::to_string(&json!([r(1), r(2)])).unwrap();
    let b = serde_json::to_string_pretty(&json!([r(3)])).unwrap();
    let c = serde_json::to_string_pretty(&r(4)).unwrap();
    let d = serde_json::to_string_pretty(&r(5)).unwrap();
    let text = format!("{a}\n{b}{c}\n\n{d}\n{}", serde_json::to_string(&r(6)).unwrap());
    let mut t = Team::for_definition(def.clone(), "role", 3);
    assert_eq!(t.add_text("several.json", &text), 6, "{:?}", sources(&t));
    // Arrays name their results across the text; a bad one in the middle loses nothing else.
    let text = format!("[{}, 7]\n[{}]", serde_json::to_string(&r(7)).unwrap(), serde_json::to_string(&r(8)).unwrap());
    assert_eq!(t.add_text("two.json", &text), 2);
    assert_eq!(sources(&t), [("two.json, result 2".to_string(), Reason::NotAResult)]);
}

#[test]
fn text_read_in_chunks_of_any_size_reads_as_the_whole() {
    let def = default_definition();
    let r = |n: u32| result(&def, Some(&format!("{n:032x}")), 1 + (n % 5) as u8, "2026-12-01T10:08:00Z");
    let text = format!(
        "\u{feff}[{}, {{\"x\": \"}}\\\" ]\"}}]\nnote: {}\n{}\n{{\"broken\n{}\n",
        serde_json::to_string(&r(1)).unwrap(),
        code_for(&def, 2),
        serde_json::to_string_pretty(&r(3)).unwrap(),
        serde_json::to_string(&r(4)).unwrap(),
    );
    let whole = {
        let mut t = Team::for_definition(def.clone(), "role", 3);
        t.add_text("t", &text);
        (t.respondents(), sources(&t))
    };
    assert_eq!(whole.0, 4, "{:?}", whole.1);
    assert_eq!(whole.1.len(), 2, "{:?}", whole.1);
    for size in [1, 2, 3, 7, 64, 1000] {
        let mut t = Team::for_definition(def.clone(), "role", 3);
        let mut split = Splitter::default();
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(size) {
            let chunk: String = chunk.iter().collect();
            split.push(&chunk, &mut |piece| t.take("t", piece));
        }
        split.finish(&mut |piece| t.take("t", piece));
        assert_eq!((t.respondents(), sources(&t)), whole, "chunks of {size}");
    }
}

#[test]
fn an_identical_result_without_an_id_counts_once() {
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    let same = result(&def, None, 3, "2026-12-01T10:08:00Z");
    t.add("a.json", same.clone()).unwrap();
    assert_eq!(t.add("b.json", same), Err(Reason::Duplicate));
    // The same answers, completed at another time: another respondent.
    t.add("c.json", result(&def, None, 3, "2026-12-01T10:09:00Z")).unwrap();
    assert_eq!(t.respondents(), 2);
}

#[test]
fn rejections_are_counted_by_reason_and_the_first_hundred_listed() {
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    let many = format!("[{}]", vec!["{}"; 200_000].join(","));
    assert_eq!(t.add_text("many.json", &many), 0);
    assert_eq!((t.rejected().len(), t.rejected_total()), (LISTED, 200_000));
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.rejected.len(), r.rejected_total), (100, 200_000));
    assert_eq!(r.rejected_counts.into_iter().collect::<Vec<_>>(), [(Reason::NotAResult, 200_000)]);
    assert_eq!(r.rejected[99].source, "many.json, result 100");
    let json = serde_json::to_value(t.report(&Wording::english(), &TEAM_EN)).unwrap();
    assert_eq!(json["rejectedCounts"], json!({"not-a-result": 200_000}));
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_defused() {
    let mut def = default_definition();
    def.id = "custom".into();
    def.team_groups = serde_json::from_value(json!([
        {"id": "tab", "title": "\t=1+1", "values": ["executive"]},
        {"id": "line", "title": "\n+1", "values": ["cx"]},
        {"id": "wide", "title": "＝HYPERLINK(\"x\")", "values": ["it-data"]},
        {"id": "at", "title": "＠SUM(1)", "values": ["operations"]}
    ]))
    .unwrap();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for (g, role) in ["executive", "cx", "it-data", "operations"].iter().enumerate() {
        for i in 0..3 {
            let mut v = result(&def, Some(&format!("{g}{i:031x}")), 3, "x");
            v["profile"]["role"] = json!(role);
            t.add("x", v).unwrap();
        }
    }
    let text = csv(&t.report(&Wording::english(), &TEAM_EN));
    let rows: Vec<&str> = text.split("\r\n").collect();
    assert!(rows[2].contains(",tab,'\t=1+1,"), "{}", rows[2]);
    assert!(rows[3].contains(",line,\"'\n+1\","), "{}", rows[3]);
    assert!(rows[4].contains(",wide,\"'＝HYPERLINK(\"\"x\"\")\","), "{}", rows[4]);
    assert!(rows[5].contains(",at,'＠SUM(1),"), "{}", rows[5]);
}
