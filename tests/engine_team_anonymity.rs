//! The team report's anonymity rules (the README's "Team report"): no figure, and no difference
//! between two figures, describes 1 to `min_group − 1` respondents.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use cx_scorecard::engine::team::{
    csv, grouping_problem, min_group_problem, PreviousWithheld, Round, Team, TeamBook, DEFAULT_MIN_GROUP, TEAM_EN,
};
use cx_scorecard::engine::{default_definition, Definition, Wording};
use serde_json::{json, Value};

/// A result of a respondent in `role`, answering dimension `d`'s statements so that their
/// corrected value is `c(d)`.
fn result_by(def: &Definition, id: &str, role: &str, c: impl Fn(usize) -> u8) -> Value {
    let mut v = common::result_by(def, id, c);
    v["profile"] = json!({ "role": role });
    v
}

fn add(t: &mut Team, id: &str, role: &str, c: impl Fn(usize) -> u8) {
    let def = t.definition().clone();
    t.add(id, result_by(&def, id, role, c)).unwrap();
}

#[test]
fn a_team_smaller_than_min_group_shows_only_how_many_there_are() {
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", DEFAULT_MIN_GROUP);
    assert_eq!(t.min_group(), 5, "five by default");
    add(&mut t, "a", "executive", |d| [1, 2, 3, 4, 5, 1, 3][d]);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.respondents, r.needed, r.min_group), (1, 4, 5));
    assert!(r.groups.is_empty() && r.dimensions.is_empty() && r.statements.is_empty());
    assert!(r.gaps.is_empty() && r.disagreements.is_empty() && r.recommendations.is_empty());
    assert_eq!((r.overall.score, r.overall.level), (None, None));
    assert_eq!(csv(&r).lines().count(), 1, "the CSV holds its header only");
    for (i, id) in ["b", "c", "d"].iter().enumerate() {
        add(&mut t, id, "cx", |_| 3);
        assert_eq!(t.report(&Wording::english(), &TEAM_EN).needed, 3 - i);
    }
    add(&mut t, "e", "cx", |_| 3);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.needed, r.dimensions.len(), r.statements.len()), (0, 7, 36));
}

#[test]
fn a_hidden_group_cannot_be_recovered_by_subtraction() {
    // Leaders 3, front line 3, one in support whose scores are 0, 25, 50, 75, 100, 0, 50.
    let def = default_definition();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for i in 0..3 {
        add(&mut t, &format!("l{i}"), "executive", |d| [4, 5, 4, 5, 4, 5, 4][(d + i) % 7]);
        add(&mut t, &format!("f{i}"), "front-line-staff", |d| [2, 3, 2, 1, 2, 3, 2][(d + i) % 7]);
    }
    add(&mut t, "s", "cx", |d| [1, 2, 3, 4, 5, 1, 3][d]);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.respondents, r.left_out), (7, 1));
    for d in &r.dimensions {
        // The team is the two groups and nobody else: n × mean − Σ nᵢ × meanᵢ is nothing but rounding.
        let groups: Vec<(usize, f64)> = d.groups.iter().map(|g| (g.n, g.mean.unwrap())).collect();
        assert_eq!(d.stats.n, groups.iter().map(|g| g.0).sum::<usize>(), "{}", d.id);
        let residue = d.stats.n as f64 * d.stats.mean.unwrap() - groups.iter().map(|(n, m)| *n as f64 * m).sum::<f64>();
        assert!(residue.abs() < 0.6, "{}: {residue}", d.id);
    }
    assert!(r.statements.iter().all(|s| s.left_out == 0), "the one left out of the report is out of every cell");
    // Three in support: a group of its own, and everyone counts.
    add(&mut t, "s2", "cx", |_| 3);
    add(&mut t, "s3", "it-data", |_| 3);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.left_out, r.groups.len(), r.dimensions[0].stats.n), (0, 3, 9));
    // Two outside every group of three: they are left out again.
    let mut t = Team::new(def.clone(), "role", 3, cx_scorecard::engine::team::default_groups());
    for i in 0..3 {
        add(&mut t, &format!("l{i}"), "executive", |_| 4);
    }
    add(&mut t, "x", "none of these", |_| 1);
    add(&mut t, "y", "front-line-staff", |_| 5);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.left_out, r.dimensions[0].stats.n, r.dimensions[0].stats.mean), (2, 3, Some(75.0)));
}

#[test]
fn a_team_of_exactly_min_group_shows_no_single_score() {
    let def = default_definition();
    for (k, n) in [(3, 3), (5, 4), (5, 5), (5, 9), (3, 9)] {
        let mut t = Team::new(def.clone(), "role", k, vec![]);
        for i in 0..n {
            add(&mut t, &format!("r{i}"), "cx", |d| 1 + ((i + d) % 5) as u8);
        }
        let r = t.report(&Wording::english(), &TEAM_EN);
        let json = serde_json::to_value(&r).unwrap();
        for d in json["dimensions"].as_array().unwrap() {
            assert!(d.get("min").is_none() && d.get("max").is_none(), "never the lowest or highest: {d}");
            if n >= k {
                assert_eq!((&d["median"], &d["q1"], &d["q3"]), (&Value::Null, &Value::Null, &Value::Null), "{k}/{n}");
                assert!(d["sd"].is_number(), "a standard deviation from k scores: {k}/{n}");
            }
        }
    }
    // From max(2k, 10) scores: the median and the middle half.
    for (k, n, shown) in [(5, 10, true), (3, 10, true), (3, 9, false), (6, 11, false), (6, 12, true)] {
        let mut t = Team::new(def.clone(), "role", k, vec![]);
        for i in 0..n {
            add(&mut t, &format!("r{i}"), "cx", |d| 1 + ((i + d) % 5) as u8);
        }
        let r = t.report(&Wording::english(), &TEAM_EN);
        let s = &r.dimensions[0].stats;
        assert_eq!((s.median.is_some(), s.q1.is_some(), s.q3.is_some()), (shown, shown, shown), "{k}/{n}");
    }
}

#[test]
fn a_level_held_by_fewer_than_min_group_hides_the_level_counts() {
    let def = default_definition();
    let mut t = Team::new(def.clone(), "role", 3, vec![]);
    for i in 0..3 {
        add(&mut t, &format!("a{i}"), "cx", |_| 3);
        add(&mut t, &format!("b{i}"), "cx", |_| 5);
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!(r.dimensions[0].level_counts, Some(vec![0, 0, 3, 0, 3]));
    add(&mut t, "c", "cx", |_| 1);
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!(r.dimensions[0].level_counts, None);
}

#[test]
fn min_group_and_group_by_are_checked() {
    for bad in [0.0, 1.0, 2.0, 2.5, -3.0, f64::NAN, 1e12] {
        assert!(min_group_problem(bad).is_some(), "{bad}");
    }
    for good in [3.0, 5.0, 40.0] {
        assert_eq!(min_group_problem(good), None);
    }
    let def = default_definition();
    assert_eq!(grouping_problem(&def, "role"), None);
    let why = grouping_problem(&def, "").unwrap();
    assert!(why.contains("\"role\"") && why.ends_with("got \"\""), "{why}");
    assert!(grouping_problem(&def, "nonsense").is_some());
}

#[test]
fn crafted_profile_answers_make_no_group() {
    let mut def = default_definition();
    def.id = "custom".into();
    let mut t = Team::for_definition(def.clone(), "role", 3);
    for g in 0..1000 {
        for i in 0..3 {
            add(&mut t, &format!("{g}-{i}"), &format!("invented-{g}"), |d| 1 + ((g + i + d) % 5) as u8);
        }
    }
    let r = t.report(&Wording::english(), &TEAM_EN);
    assert_eq!((r.respondents, r.groups.len(), r.gaps.len(), r.left_out), (3000, 0, 0, 0));
    assert_eq!(r.dimensions[0].stats.n, 3000);
}

#[test]
fn rounds_are_compared_only_where_the_change_describes_min_group_or_more() {
    let def = default_definition();
    let text = |ids: std::ops::Range<usize>| -> String {
        ids.map(|i| result_by(&def, &format!("{i:032x}"), "cx", |d| 1 + ((i + d) % 5) as u8).to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let report = |now: std::ops::Range<usize>, before: std::ops::Range<usize>| {
        let mut book = TeamBook::new(def.clone(), "role", 3);
        book.add(Round::Current, "now.ndjson", &text(now));
        book.add(Round::Previous, "before.ndjson", &text(before));
        book.report(&Wording::english(), &TEAM_EN)
    };
    let r = report(0..6, 0..6);
    assert_eq!((r.previous.is_none(), r.previous_withheld), (true, Some(PreviousWithheld::SameResults)));
    // One more now than then: the change would be that one person's.
    assert_eq!(report(0..7, 0..6).previous_withheld, Some(PreviousWithheld::SharedResults));
    assert_eq!(report(0..6, 0..8).previous_withheld, Some(PreviousWithheld::SharedResults));
    assert_eq!(report(0..6, 0..2).previous_withheld, Some(PreviousWithheld::TooFew));
    // Three or more of their own on each side, or nobody shared: compared.
    for (now, before) in [(0..9, 0..6), (0..6, 10..16), (3..9, 0..6)] {
        let r = report(now.clone(), before.clone());
        assert_eq!(r.previous_withheld, None, "{now:?} {before:?}");
        assert!(r.previous.unwrap().overall.change.is_some());
    }
}
