//! Result codes: every completion round-trips, garbage and damage are refused, and the team
//! report reads them like result JSON (counting a code and the JSON of one completion once).
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::code::{decode, encode, seal, CodeError, Decoded, PREFIX};
use cx_scorecard::engine::team::{default_groups, Reason, Team, TEAM_EN};
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{default_definition, Answer, Answers, Definition, ProfileAnswer};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

fn statements(def: &Definition) -> Vec<String> {
    def.dimensions.iter().flat_map(|d| &d.statements).map(|s| s.id.clone()).collect()
}

/// Answers from one number per statement: 0 unanswered, 1–5 a value, 6 "Don't know".
fn answers_from(def: &Definition, picks: &[u8]) -> Answers {
    statements(def)
        .into_iter()
        .zip(picks)
        .filter_map(|(id, p)| match p {
            0 => None,
            6 => Some((id, Answer::DontKnow)),
            v => Some((id, Answer::Value(*v))),
        })
        .collect()
}

/// Profile answers from one number per question (0 none; otherwise an option, or for the
/// multiple-choice question a bit mask of options).
fn profile_from(def: &Definition, picks: &[u16]) -> BTreeMap<String, ProfileAnswer> {
    let mut out = BTreeMap::new();
    for (q, p) in def.profile.iter().zip(picks) {
        if q.multiple {
            let chosen: Vec<String> =
                q.options.iter().enumerate().filter(|(i, _)| p >> i & 1 == 1).map(|(_, o)| o.id.clone()).collect();
            if !chosen.is_empty() {
                out.insert(q.id.clone(), ProfileAnswer::Many(chosen));
            }
        } else {
            let at = usize::from(*p) % (q.options.len() + 1);
            if at > 0 {
                out.insert(q.id.clone(), ProfileAnswer::One(q.options[at - 1].id.clone()));
            }
        }
    }
    out
}

const ID: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn a_code_is_short_url_safe_and_holds_everything_but_the_lead() {
    let def = default_definition();
    let answers = answers_from(&def, &[3; 40]);
    let mut profile = BTreeMap::new();
    profile.insert("role".to_string(), ProfileAnswer::One("executive".into()));
    profile.insert("channels".to_string(), ProfileAnswer::Many(vec!["phone".into(), "chat".into()]));
    let code = encode(&def, ID, &answers, &profile);
    assert!(code.starts_with(PREFIX));
    let body = &code[PREFIX.len()..];
    assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{code}");
    // id and version (~40 characters), the result id (22), 40 statements at 3 bits (20), the
    // profile (a few) and the check (4).
    assert!(code.len() < 110, "{} characters: {code}", code.len());
    let back = decode(&def, &code).unwrap();
    assert_eq!(
        back,
        Decoded {
            assessment_id: def.id.clone(),
            version: def.version.clone(),
            id: ID.into(),
            answers,
            profile: profile.clone()
        }
    );
    // Spaces and a line break around a pasted code do not matter.
    assert!(decode(&def, &format!("  {code}\n")).is_ok());
}

#[test]
fn another_assessment_or_version_is_named_as_such() {
    let def = default_definition();
    let code = encode(&def, ID, &Answers::new(), &BTreeMap::new());
    let mut other = def.clone();
    other.version = "9".into();
    assert_eq!(decode(&other, &code), Err(CodeError::OtherVersion));
    other.id = "another".into();
    assert_eq!(decode(&other, &code), Err(CodeError::OtherAssessment));
}

#[test]
fn the_team_reads_codes_and_counts_a_completion_once() {
    let def = default_definition();
    let mut team = Team::new(def.clone(), "role", 3, default_groups());
    let answers = answers_from(&def, &[5; 40]);
    let mut profile = BTreeMap::new();
    profile.insert("role".to_string(), ProfileAnswer::One("executive".into()));
    let code = encode(&def, ID, &answers, &profile);
    let other = encode(&def, "ffffffffffffffffffffffffffffffff", &answers_from(&def, &[1; 40]), &BTreeMap::new());
    let third = encode(&def, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", &answers_from(&def, &[3; 40]), &BTreeMap::new());
    let pasted = format!("{code}\n\n{other} cxr1.garbage\n{code}\n{third}");
    assert_eq!(team.add_text("pasted text", &pasted), 3);
    let rejected: Vec<(String, String)> =
        team.rejected().iter().map(|r| (r.source.clone(), r.reason.clone())).collect();
    assert_eq!(
        rejected,
        vec![
            ("pasted text, line 3".to_string(), TEAM_EN.reason(Reason::NotACode).to_string()),
            ("pasted text, line 4".to_string(), TEAM_EN.reason(Reason::Duplicate).to_string()),
        ]
    );
    let report = team.report(&Wording::english(), &TEAM_EN);
    assert_eq!(report.respondents, 3);
    // 100, 0 and 50: the leader is one of three, so no group is shown and all three count.
    assert_eq!(report.dimensions[0].stats.mean, Some(50.0));
    assert!(report.groups.is_empty());
    // The same completion's result JSON is a duplicate of its code.
    let json = serde_json::json!({"schemaVersion": 1, "id": ID, "assessment": {"id": def.id, "version": def.version},
        "answers": [], "profile": {}});
    assert_eq!(team.add("result.json", json), Err(Reason::Duplicate));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_completion_round_trips(picks in prop::collection::vec(0u8..7, 40), profile in prop::collection::vec(0u16..1024, 6), id in "[0-9a-f]{32}") {
        let def = default_definition();
        let answers = answers_from(&def, &picks);
        let profile = profile_from(&def, &profile);
        let code = encode(&def, &id, &answers, &profile);
        let back = decode(&def, &code).unwrap();
        prop_assert_eq!(back.answers, answers);
        prop_assert_eq!(back.profile, profile);
        prop_assert_eq!(back.id, id);
    }

    #[test]
    fn any_text_is_refused_without_a_panic(s in ".{0,200}") {
        let def = default_definition();
        let attempt = decode(&def, &format!("{PREFIX}{s}"));
        // Random text passes the 24-bit check about once in 16 million tries; a pass must
        // still decode to answers that fit.
        if let Ok(d) = attempt {
            prop_assert!(d.answers.keys().all(|k| def.dimension_of(k).is_some()));
        }
        prop_assert!(decode(&def, &s).is_err() || s.trim().starts_with(PREFIX));
    }

    #[test]
    fn any_body_with_a_good_check_reads_as_what_fits_or_is_refused(picks in prop::collection::vec(0usize..64, 0..100), keep in 0usize..80) {
        let def = default_definition();
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let random: String = picks.iter().map(|&p| alphabet[p] as char).collect();
        // A real code's body up to `keep` characters (its assessment id and version, say), then
        // random characters: as many as the real one has (so that reading gets to the answers and
        // profile, and to the end), or any number.
        let real = encode(&def, ID, &BTreeMap::new(), &BTreeMap::new());
        let real = &real[PREFIX.len()..real.len() - 4];
        let start = &real[..keep.min(real.len())];
        let fill: String = random.chars().cycle().take(if random.is_empty() { 0 } else { real.len() - start.len() }).collect();
        for body in [random.clone(), format!("{start}{fill}"), format!("{start}{random}")] {
            if let Ok(d) = decode(&def, &seal(body)) {
                for (k, a) in &d.answers {
                    prop_assert!(def.dimension_of(k).is_some());
                    if let Some(v) = a.value() {
                        prop_assert!((def.scale_min()..=def.scale_max()).contains(&v));
                    }
                }
                for (q, a) in &d.profile {
                    let q = def.profile.iter().find(|x| &x.id == q).unwrap();
                    let chosen = match a { ProfileAnswer::One(o) => vec![o.clone()], ProfileAnswer::Many(os) => os.clone() };
                    prop_assert!(chosen.iter().all(|o| q.options.iter().any(|x| &x.id == o)));
                }
                prop_assert_eq!(d.id.len(), 32);
            }
        }
    }

    #[test]
    fn a_changed_or_cut_code_is_refused(picks in prop::collection::vec(0u8..7, 40), at in 0usize..200, by in 1u8..64, cut in 1usize..20) {
        let def = default_definition();
        let code = encode(&def, ID, &answers_from(&def, &picks), &BTreeMap::new());
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut bytes = code.clone().into_bytes();
        let at = PREFIX.len() + at % (bytes.len() - PREFIX.len());
        let pos = alphabet.iter().position(|c| *c == bytes[at]).unwrap();
        bytes[at] = alphabet[(pos + by as usize) % 64];
        let changed = String::from_utf8(bytes).unwrap();
        // One changed character always changes the 24-bit check or the checked text.
        prop_assert!(decode(&def, &changed).is_err(), "{} accepted", changed);
        let cut = &code[..code.len() - cut.min(code.len() - PREFIX.len())];
        prop_assert!(decode(&def, cut).is_err());
    }
}
