//! The team report's aggregation, worked by hand (the README's "Team report").
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::result_by;

use cx_scorecard::engine::team::{
    compare, csv, default_groups, gap_sentence, most_divided, stats, Reason, Team, TeamTexts, TEAM_EN,
    TEAM_TEXTS_SOURCE,
};

/// The default assessment under another id: grouped by role, one group per role option.
fn custom_definition() -> Definition {
    let mut def = default_definition();
    def.id = "custom".into();
    def
}
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{default_definition, Definition};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A result whose every statement is answered so that its reverse-corrected value is `c`
/// (every dimension then scores (c − 1) / 4 × 100), by a respondent in `role`.
fn result(def: &Definition, id: &str, role: Option<&str>, c: u8) -> Value {
    let answers: Vec<Value> = def
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(move |s| (d, s)))
        .map(|(d, s)| json!({"questionId": s.id, "dimensionId": d.id, "value": if s.reverse { 6 - c } else { c }}))
        .collect();
    let profile = role.map_or(json!({}), |r| json!({ "role": r }));
    json!({"schemaVersion": 1, "id": id, "assessment": {"id": def.id, "version": def.version, "title": "x"},
        "answers": answers, "profile": profile, "dimensions": [], "overall": {}})
}

/// Leaders 100, 100, 75; front line 25, 50, 25; support 50, 50 (two: not shown on its own).
fn team() -> Team {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    let people = [
        ("l1", "executive", 5),
        ("l2", "executive", 5),
        ("l3", "executive", 4),
        ("f1", "front-line-staff", 2),
        ("f2", "front-line-manager", 3),
        ("f3", "front-line-staff", 2),
        ("s1", "it-data", 3),
        ("s2", "cx", 3),
    ];
    for (id, role, c) in people {
        t.add(id, result(&def, id, Some(role), c)).unwrap();
    }
    t
}

#[test]
fn statistics_by_hand() {
    // 25 25 50 50 50 75 100 100: mean 59.375, median 50, sample sd √(6171.875 / 7) = 29.69.
    let s = stats(&[100.0, 100.0, 75.0, 25.0, 50.0, 25.0, 50.0, 50.0]);
    assert_eq!((s.n, s.mean, s.median, s.sd), (8, Some(59.4), Some(50.0), Some(29.7)));
    // Quartiles as QUARTILE.INC: ranks 1.75 and 5.25 of 25 25 50 50 50 75 100 100.
    assert_eq!((s.q1, s.q3), (Some(43.8), Some(81.3)));
    assert_eq!(stats(&[40.0]).sd, None, "no sd for one value");
    assert_eq!(stats(&[10.0, 20.0, 40.0]).median, Some(20.0));
    assert_eq!(stats(&[]).mean, None);
}

#[test]
fn a_small_team_by_hand() {
    let r = team().report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.respondents, r.needed), (8, 0));
    // Support has two respondents: not shown on its own, and left out of every figure, since the
    // team's figures minus the two groups' would be theirs.
    let groups: Vec<(&str, usize)> = r.groups.iter().map(|g| (g.id.as_str(), g.n)).collect();
    assert_eq!(groups, [("leaders", 3), ("front-line", 3)]);
    assert_eq!(r.left_out, 2);
    let d1 = &r.dimensions[0];
    // 100 100 75 25 50 25: mean 62.5, sample sd √(5937.5 / 5) = 34.46; six scores: no median.
    assert_eq!((d1.stats.n, d1.stats.mean, d1.stats.sd), (6, Some(62.5), Some(34.5)));
    assert_eq!((d1.stats.median, d1.stats.q1, d1.stats.q3), (None, None, None));
    // Levels 5 5 4 2 3 2: a level held by one or two could single them out.
    assert_eq!(d1.level_counts, None);
    assert_eq!((d1.dont_know_share, d1.left_out), (0.0, 0));
    assert_eq!(d1.groups.iter().map(|g| g.mean).collect::<Vec<_>>(), [Some(91.7), Some(33.3)]);
    // Nothing is left to subtract: 6 × 62.5 = 3 × 91.67 + 3 × 33.33.
    // Leaders 91.67 vs front line 33.33: a gap of 58.3 in every dimension; every sd is 34.5.
    assert_eq!(r.gaps.len(), 7);
    assert_eq!(
        (r.gaps[0].higher.as_str(), r.gaps[0].lower.as_str(), r.gaps[0].difference),
        ("leaders", "front-line", 58.3)
    );
    assert_eq!(r.disagreements.len(), 7);
    // Every dimension at 62.5: overall 62.5, level 3 (45 to 65), no cap (lowest critical level 3 + 1).
    assert_eq!((r.overall.score, r.overall.level, r.overall.capped_by.as_deref()), (Some(62.5), Some(3), None));
    assert_eq!(r.recommendations.len(), 7);
    // Statements: mean corrected answer (5+5+4+2+3+2)/6 = 3.5; leaders 4.67 vs front line 2.33.
    assert_eq!(r.statements[0].mean, Some(3.5));
    assert_eq!(r.statements[0].largest_gap, Some(2.3));
    assert_eq!(most_divided(&r).len(), 5);
}

#[test]
fn a_gap_of_exactly_fifteen_counts() {
    let def = custom_definition();
    // One group per role: 3 × 50 and 3 × 65 → a difference of exactly 15.
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for i in 0..3 {
        t.add(&format!("a{i}"), result(&def, &format!("a{i}"), Some("cx"), 3)).unwrap();
    }
    // d1 has five statements, the last reversed: 4 for the first three gives corrected 4,4,4,3,3,
    // mean 3.6 → 65, against 3 everywhere → 50.
    for i in 0..3 {
        let mut v = result(&def, &format!("b{i}"), Some("it-data"), 3);
        for a in v["answers"].as_array_mut().unwrap().iter_mut().take(3) {
            a["value"] = 4.into();
        }
        t.add(&format!("b{i}"), v).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    let d1: Vec<_> = r.gaps.iter().filter(|g| g.dimension_id == "d1").collect();
    assert_eq!(r.dimensions[0].groups.iter().map(|g| g.mean).collect::<Vec<_>>(), [Some(50.0), Some(65.0)]);
    assert_eq!(d1.len(), 1);
    assert_eq!((d1[0].higher.as_str(), d1[0].difference), ("it-data", 15.0));
}

#[test]
fn every_rejection_has_its_reason_and_nothing_counts_twice() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    t.add("a.json", result(&def, "x1", Some("cx"), 4)).unwrap();
    assert_eq!(t.add("b.json", result(&def, "x1", Some("cx"), 2)), Err(Reason::Duplicate));
    let mut other = result(&def, "x2", None, 4);
    other["assessment"]["id"] = "another".into();
    assert_eq!(t.add("c.json", other), Err(Reason::OtherAssessment));
    let mut old = result(&def, "x3", None, 4);
    old["assessment"]["version"] = "0.9.0".into();
    assert_eq!(t.add("d.json", old), Err(Reason::OtherVersion));
    assert_eq!(t.add("e.json", json!({"hello": 1})), Err(Reason::NotAResult));
    let mut bad = result(&def, "x4", None, 4);
    bad["answers"][0]["value"] = 9.into();
    assert_eq!(t.add("f.json", bad), Err(Reason::AnswersDoNotFit));
    assert_eq!(t.add_text("g.ndjson", "{not json\n"), 0);
    let reasons: Vec<(&str, &str)> = t.rejected().iter().map(|r| (r.source.as_str(), r.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            ("b.json", "a duplicate of a result already added"),
            ("c.json", "a result of another assessment"),
            ("d.json", "a result of another version of this assessment"),
            ("e.json", "not a result"),
            ("f.json", "its answers do not fit this assessment"),
            ("g.ndjson, line 1", "not JSON"),
        ]
    );
    assert_eq!(t.respondents(), 1, "a bad input never loses what was added");
    // An array and NDJSON, each item named by its place.
    let array = serde_json::to_string(&json!([result(&def, "y1", None, 3), {"x": 1}])).unwrap();
    assert_eq!(t.add_text("team.json", &array), 1);
    let nd = format!("{}\n\n{}\n", result(&def, "z1", None, 3), result(&def, "y1", None, 3));
    assert_eq!(t.add_text("team.ndjson", &nd), 1);
    let last: Vec<&str> = t.rejected().iter().skip(6).map(|r| r.source.as_str()).collect();
    assert_eq!(last, ["team.json, result 2", "team.ndjson, line 3"]);
}

#[test]
fn scores_come_from_the_answers_not_from_what_a_result_states() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, default_groups());
    for id in ["x1", "x2", "x3"] {
        let mut v = result(&def, id, None, 5);
        v["dimensions"] = json!([{"id": "d1", "score": 3.0}]);
        v["overall"] = json!({"score": 1.0, "level": 1});
        t.add("a.json", v).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.dimensions[0].stats.mean, r.overall.score, r.overall.level), (Some(100.0), Some(100.0), Some(5)));
}

#[test]
fn the_report_words_its_findings_and_groups_in_its_language() {
    let r = team().report(&Wording::english(), &TEAM_EN);
    assert_eq!(r.groups.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(), ["Leaders", "Front line"]);
    let d1 = &r.dimensions[0];
    assert_eq!(
        gap_sentence(&r, &r.gaps[0], &Wording::english(), &TEAM_EN),
        format!("Leaders score {} 58.3 points higher than Front line (91.7 vs 33.3)", d1.title)
    );
    // Every dimension has a gap and a disagreement here: each recommendation says so.
    let why = &r.recommendations[0].why;
    assert!(why.starts_with("The team's weakest dimension") || why.starts_with("Ranked"), "{why}");
    assert!(
        why.contains("Leaders and Front line see it 58.3 points apart: start by walking the journey together."),
        "{why}"
    );
    assert!(why.contains("(standard deviation 34.5)"), "{why}");
    // German: the groups, the reasons and the sentences.
    let de = TeamTexts::of("de-CH", TEAM_TEXTS_SOURCE);
    let messages = cx_scorecard::engine::messages::EN;
    let w = Wording { locale: "de", messages: &messages, number: &cx_scorecard::engine::messages::plain_number };
    let mut t = team();
    t.add_text("kaputt.json", "{");
    let r = t.report(&w, &de);
    assert_eq!(r.groups.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(), ["Führungskräfte", "Frontline"]);
    assert_eq!(r.rejected[0].reason, "kein JSON");
    // A place in a source is worded in the report's language too.
    let mut t = team();
    let def = default_definition();
    t.add_text("neu.ndjson", &format!("{}\n{{", result(&def, "n1", None, 3)));
    assert_eq!(t.rejected()[0].source, "neu.ndjson, line 2");
    assert_eq!(t.report(&w, &de).rejected[0].source, "neu.ndjson, Zeile 2");
    assert!(r.recommendations[0].why.contains("Führungskräfte und Frontline liegen hier 58.3 Punkte auseinander"));
}

#[test]
fn every_team_text_exists_in_every_language_with_its_placeholders() {
    use cx_scorecard::engine::messages::placeholders;
    let all: serde_json::Map<String, Value> = serde_json::from_str(TEAM_TEXTS_SOURCE).unwrap();
    assert_eq!(all.keys().collect::<Vec<_>>(), ["de", "es", "fr"]);
    for (language, texts) in &all {
        let texts = texts.as_object().unwrap();
        for (key, english) in TEAM_EN.entries() {
            let text = texts.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{language} has no {key}"));
            assert_eq!(placeholders(text), placeholders(english), "{language}.{key}");
            // Texts of placeholders and punctuation only may be the same in every language.
            let words =
                placeholders(english).iter().fold(english.to_string(), |t, p| t.replace(&format!("{{{p}}}"), ""));
            // French writes "Dimension(s)" as English does.
            let same = [("fr", "dimensions_heading"), ("fr", "col_dimension")].contains(&(language.as_str(), key));
            if words.chars().any(char::is_alphabetic) && !same {
                assert_ne!(text, english, "{language}.{key} is untranslated");
            }
        }
        assert_eq!(texts.len(), TEAM_EN.entries().len(), "{language} has keys the team texts do not");
    }
}

#[test]
fn a_definition_names_its_own_groups() {
    let mut def = default_definition();
    def.id = "custom".into();
    def.team_groups = serde_json::from_value(json!([
        {"id": "top", "title": {"en": "Top floor", "de": "Oben"}, "values": ["executive", "cx"]},
        {"id": "floor", "title": "Shop floor", "values": ["front-line-staff"]}
    ]))
    .unwrap();
    assert_eq!(cx_scorecard::engine::validate(&def), vec![]);
    let mut t = Team::for_definition(def.clone(), "role", 3);
    let people = [
        ("a", "executive", 5),
        ("b", "cx", 4),
        ("c", "executive", 4),
        ("d", "front-line-staff", 2),
        ("e", "front-line-staff", 2),
        ("f", "front-line-staff", 3),
        ("g", "it-data", 3),
        ("h", "operations", 3),
        ("i", "it-data", 1),
    ];
    for (id, role, c) in people {
        t.add(id, result(&def, id, Some(role), c)).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!(
        r.groups.iter().map(|g| (g.id.as_str(), g.title.as_str(), g.n)).collect::<Vec<_>>(),
        [("top", "Top floor", 3), ("floor", "Shop floor", 3)]
    );
    // The three in no group are as many as the smallest group: they count in the team's figures.
    assert_eq!((r.respondents, r.left_out, r.dimensions[0].stats.n), (9, 0, 9));
    // An answer in two groups is refused by validation.
    def.team_groups[1].values.push("cx".into());
    let problems = cx_scorecard::engine::validate(&def);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "teamGroups[1].values[1]");
    // Without named groups, each option of the question is a group, titled by its label; an
    // answer the question does not offer makes none.
    def.team_groups.clear();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for id in ["a", "b", "c"] {
        t.add(id, result(&def, id, Some("executive"), 5)).unwrap();
    }
    for id in ["x", "y", "z"] {
        t.add(id, result(&def, id, Some("invented"), 5)).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    let label = def.profile.iter().find(|q| q.id == "role").unwrap().options[0].label.get("en").to_string();
    assert_eq!(
        r.groups.iter().map(|g| (g.id.as_str(), g.title.clone(), g.n)).collect::<Vec<_>>(),
        [("executive", label, 3)]
    );
    assert_eq!((r.respondents, r.dimensions[0].stats.n), (6, 6));
}

#[test]
fn a_previous_round_gives_the_change_per_dimension_and_group() {
    let def = default_definition();
    let mut before = Team::new(def.clone(), "role", 3, default_groups());
    for (id, role, c) in [("p1", "executive", 4), ("p2", "executive", 4), ("p3", "executive", 4), ("p4", "cx", 2)] {
        before.add(id, result(&def, id, Some(role), c)).unwrap();
    }
    let w = Wording::english();
    let then = before.report(&w, &TEAM_EN);
    let mut now = team().report(&w, &TEAM_EN);
    let c = compare(&now, &then);
    // Then: 75, 75, 75 (the one support respondent left out); now 62.5 → −12.5.
    assert_eq!(c.respondents, 4);
    assert_eq!(then.left_out, 1);
    assert_eq!(
        (c.dimensions[0].team.before, c.dimensions[0].team.now, c.dimensions[0].team.change),
        (Some(75.0), Some(62.5), Some(-12.5))
    );
    // Leaders 75 → 91.7; the front line was not shown then (no change).
    let g: Vec<_> = c.dimensions[0].groups.iter().map(|g| (g.id.as_str(), g.change.change)).collect();
    assert_eq!(g, [("leaders", Some(16.7)), ("front-line", None)]);
    now.previous = Some(c);
    let json = serde_json::to_value(&now).unwrap();
    assert_eq!(json["previous"]["dimensions"][0]["change"], json!(-12.5));
    assert_eq!(
        json["previous"]["dimensions"][0]["groups"][0],
        json!({"id": "leaders", "before": 75.0, "now": 91.7, "change": 16.7})
    );
}

#[test]
fn the_csv_has_a_row_per_dimension_and_group() {
    let r = team().report(&Wording::english(), &TEAM_EN);
    let text = csv(&r);
    let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 1 + 7 * 3, "a header, then per dimension the team and its two shown groups");
    assert_eq!(
        rows[0],
        "dimension_id,dimension,group_id,group,n,mean,median,q1,q3,sd,dont_know_share,left_out,previous_mean,change"
    );
    let d1 = &r.dimensions[0];
    let title = if d1.title.contains(',') { format!("\"{}\"", d1.title) } else { d1.title.clone() };
    assert_eq!(rows[1], format!("d1,{title},,,6,62.5,,,,34.5,0,0,,"));
    assert_eq!(rows[2], format!("d1,{title},leaders,Leaders,3,91.7,,,,,,,,"));
    assert_eq!(rows[3], format!("d1,{title},front-line,Front line,3,33.3,,,,,,,,"));
    assert!(!text.contains("100,"), "no lowest or highest score: {text}");
}

/// The 40 results the team demo page and the page tests load (`www/team-results.json`), and
/// their report as the engine makes it (`tests/golden/team-report.json`, which the page test
/// compares with the team module's `cx-scorecard:team-report`). `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn the_forty_results_fixture_gives_the_golden_report() {
    // With the default smallest group, as the demo page and the page tests show it.
    let mut t = Team::for_definition(default_definition(), "role", cx_scorecard::engine::team::DEFAULT_MIN_GROUP);
    let text = include_str!("../www/team-results.json");
    assert_eq!(t.add_text("http://x/team-results.json", text), 40);
    let r = t.report(&Wording::english(), &TEAM_EN);
    // By hand from the fixture's roles: 9 leaders, 16 front line, 13 support, 2 without a role.
    assert_eq!(
        r.groups.iter().map(|g| (g.id.as_str(), g.n)).collect::<Vec<_>>(),
        [("leaders", 9), ("front-line", 16), ("support", 13)]
    );
    assert!(!r.gaps.is_empty(), "the fixture's leaders rate higher than its front line");
    let json = serde_json::to_value(&r).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/team-report.json");
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap() + "\n").unwrap();
    }
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(json, golden);
}

#[test]
fn text_that_is_no_result_list_is_rejected_once_not_line_by_line() {
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    let many: Vec<Value> = (0..5).map(|i| result(&def, &format!("{i:032x}"), Some("cx"), 3)).collect();
    let pretty = serde_json::to_string_pretty(&many).unwrap();
    assert!(pretty.lines().count() > 500);
    // Cut short, as a failed download leaves it: the whole results in it count, the last one is
    // not JSON. A page of HTML where JSON was expected is rejected once.
    assert_eq!(t.add_text("team.json", &pretty[..pretty.len() - 3]), 4);
    assert_eq!(t.add_text("team.html", "<!doctype html>\n<html>\n<body>\n</body>\n</html>\n"), 0);
    let rejected: Vec<(&str, &str)> = t.rejected().iter().map(|r| (r.source.as_str(), r.reason.as_str())).collect();
    assert_eq!(rejected, [("team.json, result 5", "not JSON"), ("team.html", "not JSON")]);
    // The same array whole: the fifth result, and four duplicates.
    assert_eq!(t.add_text("team.json", &pretty), 1);
    assert_eq!(t.rejected_total(), 6);
}

#[test]
fn result_codes_in_a_json_array_are_read_as_codes_and_ids_match_in_any_case() {
    use cx_scorecard::engine::code;
    let def = default_definition();
    let answers: cx_scorecard::engine::scoring::Answers = def
        .dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .map(|s| (s.id.clone(), cx_scorecard::engine::scoring::Answer::Value(4)))
        .collect();
    let id = "0123456789abcdef0123456789abcdef";
    let profile = [("role".to_string(), cx_scorecard::engine::session::ProfileAnswer::One("cx".into()))].into();
    let c = code::encode(&def, id, &answers, &profile);
    let mut t = Team::for_definition(def.clone(), "role", 3);
    assert_eq!(t.add_text("add()", &serde_json::to_string(&json!([c, "cxr1.garbage"])).unwrap()), 1);
    assert_eq!(t.rejected()[0].source, "add(), result 2");
    assert_eq!(t.rejected()[0].code, Reason::NotACode);
    // The same completion as JSON, its id in capitals: a duplicate.
    assert_eq!(t.add("r.json", result(&def, &id.to_uppercase(), Some("cx"), 4)), Err(Reason::Duplicate));
    assert_eq!(t.respondents(), 1);
}

#[test]
fn a_shown_group_hides_a_dimension_only_few_of_its_members_scored() {
    let def = custom_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for i in 0..3 {
        let mut v = result(&def, &format!("a{i}"), Some("cx"), if i == 0 { 5 } else { 2 });
        // Two of the three answer every d1 statement "Don't know": d1 is unassessed for them.
        if i > 0 {
            for a in v["answers"].as_array_mut().unwrap().iter_mut().filter(|a| a["dimensionId"] == "d1") {
                a["value"] = Value::Null;
            }
        }
        t.add("x", v).unwrap();
    }
    for i in 0..3 {
        t.add("y", result(&def, &format!("b{i}"), Some("it-data"), 2)).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    let cx = |d: usize| r.dimensions[d].groups.iter().find(|g| g.id == "cx").unwrap().clone();
    // d1: one cx score (100) against three it-data ones (25): hidden, and no gap from it.
    assert_eq!((cx(0).n, cx(0).mean), (1, None));
    assert!(r.gaps.iter().all(|g| g.dimension_id != "d1"), "{:?}", r.gaps);
    // Nor does the team's d1 count it: (100 + 25 × 3) / 4 = 43.75, less the three it-data
    // scores, would be that one person's 100. It is left out; d1 is it-data's 25.
    let d1 = &r.dimensions[0];
    assert_eq!((d1.stats.n, d1.stats.mean, d1.left_out), (3, Some(25.0), 1));
    assert_eq!(d1.dont_know_share, 0.0);
    // Its statements' group difference is not shown either, nor that person's answer in the
    // team's mean; d2's is (5+2+2)/3 = 3 vs 2.
    assert_eq!((r.statements[0].largest_gap, r.statements[0].mean, r.statements[0].left_out), (None, Some(2.0), 1));
    let d2 = r.statements.iter().find(|s| s.dimension_id == "d2").unwrap();
    assert_eq!((d2.largest_gap, d2.left_out), (Some(1.0), 0));
}

#[test]
fn a_team_evidence_gap_caps_the_dimension_at_its_level() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    // Everyone answers 5, and "Don't know" to two of d1's five statements: 40% of d1's answers.
    for i in 0..4 {
        let mut v = result(&def, &format!("a{i}"), Some("cx"), 5);
        for a in v["answers"].as_array_mut().unwrap().iter_mut().take(2) {
            a["value"] = Value::Null;
        }
        t.add("x", v).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.dimensions[0].stats.mean, r.dimensions[0].dont_know_share), (Some(100.0), 0.4));
    assert_eq!(r.statements[0].dont_know_share, 1.0);
    // The team's d1 recommendation is at level 3 (the evidence gap's cap), not 5.
    let d1 = r.recommendations.iter().find(|x| x.dimension_id == "d1").unwrap();
    assert_eq!(d1.level, def.rules.evidence_gap_max_level);
    let d2 = r.recommendations.iter().find(|x| x.dimension_id == "d2").unwrap();
    assert_eq!(d2.level, 5);
}

#[test]
fn adding_in_parts_gives_the_report_of_adding_at_once() {
    let text = include_str!("../www/team-results.json");
    let all: Vec<Value> = serde_json::from_str(text).unwrap();
    let mut whole = Team::for_definition(default_definition(), "role", 3);
    whole.add_text("a", text);
    let mut parts = Team::for_definition(default_definition(), "role", 3);
    for chunk in all.chunks(7) {
        parts.add_text("a", &serde_json::to_string(chunk).unwrap());
    }
    let (w, p) = (whole.report(&Wording::english(), &TEAM_EN), parts.report(&Wording::english(), &TEAM_EN));
    assert_eq!(serde_json::to_value(&w).unwrap(), serde_json::to_value(&p).unwrap());
}

#[test]
fn the_team_level_is_capped_and_gated_by_the_definition_rules_with_the_reason() {
    let def = default_definition();
    let critical = def.dimensions.iter().position(|d| d.critical).unwrap();
    // Every dimension 100 but one critical dimension at 0 (level 1): the overall level is at most
    // 1 + the margin, and the report says so.
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for i in 0..4 {
        t.add("x", result_by(&def, &format!("c{i}"), |d| if d == critical { 1 } else { 5 })).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    let cap = 1 + def.rules.critical_cap_margin;
    assert_eq!(r.overall.level, Some(cap));
    let why = r.overall.capped_by.as_deref().unwrap();
    assert!(why.starts_with(&format!("Capped at level {cap} ")), "{why}");
    assert!(why.contains(&def.dimensions[critical].title.get("en").to_string()), "{why}");
    assert_eq!(r.overall.gate, None);
    // Every dimension 100 but one at 50 (corrected 3): level 5 needs every dimension at 65 or more.
    let gate = def.rules.top_level_gate.as_ref().unwrap();
    let low = def.dimensions.iter().position(|d| !d.critical).unwrap();
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for i in 0..4 {
        t.add("x", result_by(&def, &format!("g{i}"), |d| if d == low { 4 } else { 5 })).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    // Each of the others is 100, the low one 75: the gate holds (75 ≥ 65), no reason given.
    assert_eq!((r.overall.level, r.overall.gate.as_deref()), (Some(5), None));
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for i in 0..4 {
        t.add("x", result_by(&def, &format!("h{i}"), |d| if d == low { 3 } else { 5 })).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert!(r.overall.score.unwrap() >= def.levels.iter().find(|l| l.level == gate.level).unwrap().min);
    assert_eq!(r.overall.level, Some(gate.level - 1));
    let why = r.overall.gate.as_deref().unwrap();
    assert!(why.starts_with(&format!("Level {} ", gate.level)) && why.contains("65"), "{why}");
}

#[test]
fn disagreement_starts_at_a_standard_deviation_of_twenty() {
    let def = default_definition();
    // Scores 0 and 50 (corrected 1 and 3): sd of [0, 50, 0, 50] is 28.9; of [25, 50, 25, 50] 14.4.
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for (i, c) in [1, 3, 1, 3].into_iter().enumerate() {
        t.add("x", result_by(&def, &format!("a{i}"), |d| if d == 0 { c } else { c.max(2) })).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!(r.dimensions[0].stats.sd, Some(28.9));
    assert_eq!(r.dimensions[1].stats.sd, Some(14.4));
    assert_eq!(r.disagreements.iter().map(|d| d.dimension_id.as_str()).collect::<Vec<_>>(), ["d1"]);
    // d1 at 0, 20 and 40 (corrected means 1, 1.8 and 2.6): mean 20, sd √((400 + 0 + 400) / 2) = 20.
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for (i, corrected) in [[1, 1, 1, 1, 1], [1, 1, 2, 2, 3], [3, 3, 3, 2, 2]].into_iter().enumerate() {
        let mut v = result_by(&def, &format!("b{i}"), |_| 3);
        for (k, a) in v["answers"].as_array_mut().unwrap().iter_mut().take(5).enumerate() {
            let reverse = def.dimensions[0].statements[k].reverse;
            a["value"] = (if reverse { 6 - corrected[k] } else { corrected[k] }).into();
        }
        t.add("x", v).unwrap();
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.dimensions[0].stats.mean, r.dimensions[0].stats.sd), (Some(20.0), Some(20.0)));
    assert_eq!(r.disagreements.iter().map(|d| (d.dimension_id.as_str(), d.sd)).collect::<Vec<_>>(), [("d1", 20.0)]);
}

#[test]
fn regrouping_counts_the_same_respondents_as_grouping_so_from_the_start() {
    let text = include_str!("../www/team-results.json");
    let mut t = Team::for_definition(default_definition(), "role", 3);
    t.add_text("a.json", text);
    t.add_text("b.json", "not JSON");
    for (group_by, min_group) in [("industry", 3), ("employees", 5), ("role", 5)] {
        t.regroup(group_by, min_group);
        let mut fresh = Team::for_definition(default_definition(), group_by, min_group);
        fresh.add_text("a.json", text);
        fresh.add_text("b.json", "not JSON");
        let (a, b) = (t.report(&Wording::english(), &TEAM_EN), fresh.report(&Wording::english(), &TEAM_EN));
        assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap(), "{group_by}");
    }
    // Back to the roles: the golden report, and nothing added twice after it.
    let golden: Value = serde_json::from_str(include_str!("golden/team-report.json")).unwrap();
    t.regroup("role", 5);
    let mut r = serde_json::to_value(t.report(&Wording::english(), &TEAM_EN)).unwrap();
    (r["rejected"], r["rejectedTotal"], r["rejectedCounts"]) = (json!([]), json!(0), json!({}));
    assert_eq!(r, golden);
    assert_eq!(t.add_text("a.json", text), 0);
}

#[test]
fn ndjson_keeps_its_good_lines_when_the_first_is_broken() {
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    let text = format!("{{\"truncated\n{}\n{}\n", result(&def, "a1", None, 3), result(&def, "a2", None, 4));
    assert_eq!(t.add_text("team.ndjson", &text), 2);
    assert_eq!(t.rejected().iter().map(|r| r.source.as_str()).collect::<Vec<_>>(), ["team.ndjson, line 1"]);
}

#[test]
fn missing_ids_and_profiles_and_several_codes_in_one_item() {
    use cx_scorecard::engine::code;
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    // A null id and a null profile (or profile answer) are none.
    let mut v = result(&def, "x", Some("cx"), 3);
    v["id"] = Value::Null;
    v["profile"] = json!({"role": "cx", "industry": null});
    t.add("a", v).unwrap();
    let mut v = result(&def, "y", None, 3);
    v["profile"] = Value::Null;
    t.add("b", v).unwrap();
    // Ids that are not result ids keep their case.
    t.add("c", result(&def, "Alice", None, 3)).unwrap();
    t.add("d", result(&def, "alice", None, 3)).unwrap();
    // Two codes in one string of an array.
    let answers = def
        .dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .map(|s| (s.id.clone(), cx_scorecard::engine::Answer::Value(2)))
        .collect();
    let codes: Vec<String> =
        ["1", "2"].iter().map(|n| code::encode(&def, &n.repeat(32), &answers, &BTreeMap::new())).collect();
    assert_eq!(t.add_item("add()", None, &codes.join(" ")), 2);
    assert_eq!(t.respondents(), 6);
    assert!(t.rejected().is_empty(), "{:?}", t.rejected());
}
