//! Malformed definitions: each is rejected with its JSON path and a clear message.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::locales::LanguagePack;
use cx_scorecard::engine::wire::{parse, read};
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{Definition, DEFAULT_DEFINITION_JSON, DEFAULT_DEFINITION_SOURCE};
use serde_json::{json, Value};

fn default_value() -> Value {
    serde_json::from_str(DEFAULT_DEFINITION_JSON).unwrap()
}

/// Applies `edit` to the default definition and returns the rendered errors.
fn errors_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut v = default_value();
    edit(&mut v);
    match Definition::from_json(&v.to_string()) {
        Ok(_) => panic!("the edited definition was accepted"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_has(errors: &[String], expected: &str) {
    assert!(errors.iter().any(|e| e == expected), "expected {expected:?} in {errors:#?}");
}

#[test]
fn the_default_definition_is_valid_and_complete() {
    let def = Definition::from_json(DEFAULT_DEFINITION_JSON).expect("valid");
    assert_eq!(def.dimensions.len(), 7);
    assert_eq!(def.statement_count(), 36);
    assert_eq!(def.levels.len(), 5);
    assert_eq!(def.dimensions.iter().map(|d| d.recommendations.len()).sum::<usize>(), 35);
    assert_eq!(def.profile.len(), 6);
    let weights: Vec<f64> = def.dimensions.iter().map(|d| d.weight).collect();
    assert_eq!(weights, [14.0, 15.0, 18.0, 18.0, 14.0, 11.0, 10.0]);
    let critical: Vec<&str> = def.dimensions.iter().filter(|d| d.critical).map(|d| d.id.as_str()).collect();
    assert_eq!(critical, ["d2", "d3", "d4"]);
    let reversed: Vec<&str> =
        def.dimensions.iter().flat_map(|d| &d.statements).filter(|s| s.reverse).map(|s| s.id.as_str()).collect();
    assert_eq!(reversed, ["d1.s5", "d2.s4", "d2.s5", "d3.s4", "d3.s5", "d4.s5", "d4.s6", "d5.s5", "d6.s5", "d7.s5"]);
    let mins: Vec<f64> = def.levels.iter().map(|l| l.min).collect();
    assert_eq!(mins, [0.0, 25.0, 45.0, 65.0, 85.0]);
}

#[test]
fn duplicate_statement_id() {
    let e = errors_after(|v| v["dimensions"][2]["statements"][4]["id"] = json!("d3.s4"));
    assert_has(
        &e,
        "dimensions[2].statements[4].id: duplicate id \"d3.s4\" (first used at dimensions[2].statements[3].id)",
    );
}

#[test]
fn duplicate_dimension_id() {
    let e = errors_after(|v| v["dimensions"][6]["id"] = json!("d1"));
    assert_has(&e, "dimensions[6].id: duplicate id \"d1\" (first used at dimensions[0].id)");
}

#[test]
fn zero_and_negative_weights() {
    let e = errors_after(|v| {
        v["dimensions"][1]["weight"] = json!(0);
        v["dimensions"][4]["weight"] = json!(-3.5);
    });
    assert_has(&e, "dimensions[1].weight: weight must be greater than 0 and at most 1000000, not 0");
    assert_has(&e, "dimensions[4].weight: weight must be greater than 0 and at most 1000000, not -3.5");
    assert_eq!(e.len(), 2, "every error is collected: {e:#?}");
}

/// Weights so large that the weighted sums would overflow (to a NaN overall score) are refused,
/// as is anything above 1000000; 1000000 itself is accepted.
#[test]
fn huge_weights() {
    let e = errors_after(|v| {
        for d in v["dimensions"].as_array_mut().unwrap() {
            d["weight"] = json!(1e308);
        }
    });
    for i in 0..7 {
        assert_has(
            &e,
            &format!("dimensions[{i}].weight: weight must be greater than 0 and at most 1000000, not 1e308"),
        );
    }
    assert_eq!(e.len(), 7, "{e:#?}");
    let e = errors_after(|v| v["dimensions"][2]["weight"] = json!(1_000_000.5));
    assert_eq!(e, ["dimensions[2].weight: weight must be greater than 0 and at most 1000000, not 1000000.5"]);
    let mut v = default_value();
    for d in v["dimensions"].as_array_mut().unwrap() {
        d["weight"] = json!(1_000_000);
    }
    assert!(Definition::from_json(&v.to_string()).is_ok());
}

#[test]
fn thresholds_that_do_not_ascend() {
    let e = errors_after(|v| v["levels"][2]["min"] = json!(20));
    assert_has(&e, "levels[2].min: thresholds must ascend, but 20 does not exceed 25");
}

#[test]
fn thresholds_that_do_not_start_at_zero() {
    let e = errors_after(|v| v["levels"][0]["min"] = json!(10));
    assert_has(&e, "levels[0].min: the first level must start at 0 to cover 0–100, not 10");
}

#[test]
fn threshold_above_100() {
    let e = errors_after(|v| v["levels"][4]["min"] = json!(120));
    assert_has(&e, "levels[4].min: threshold 120 is outside 0–100");
}

#[test]
fn missing_recommendation_for_a_level() {
    let e = errors_after(|v| {
        v["dimensions"][3]["recommendations"].as_array_mut().unwrap().pop();
    });
    assert_has(&e, "dimensions[3].recommendations: no recommendation for level 5");
}

#[test]
fn recommendation_for_an_unknown_level() {
    let e = errors_after(|v| v["dimensions"][0]["recommendations"][4]["level"] = json!(7));
    assert_has(&e, "dimensions[0].recommendations[4].level: unknown level 7");
    assert_has(&e, "dimensions[0].recommendations: no recommendation for level 5");
}

#[test]
fn rules_that_refer_to_unknown_levels() {
    let e = errors_after(|v| {
        v["rules"]["evidenceGapMaxLevel"] = json!(9);
        v["rules"]["topLevelGate"]["level"] = json!(6);
    });
    assert_has(&e, "rules.evidenceGapMaxLevel: unknown level 9");
    assert_has(&e, "rules.topLevelGate.level: unknown level 6");
}

#[test]
fn wrong_type_names_the_path() {
    let e = errors_after(|v| v["dimensions"][0]["weight"] = json!("high"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0], "dimensions[0].weight: invalid type: string \"high\", expected f64");
}

#[test]
fn missing_field() {
    let e = errors_after(|v| {
        v.as_object_mut().unwrap().remove("scale");
    });
    assert_eq!(e, ["missing field `scale`"]);
    let e = errors_after(|v| {
        v["dimensions"][3].as_object_mut().unwrap().remove("weight");
    });
    assert_eq!(e, ["dimensions[3]: missing field `weight`"]);
}

#[test]
fn misspelt_field_is_rejected() {
    let e = errors_after(|v| {
        let d = v["dimensions"][5].as_object_mut().unwrap();
        let w = d.remove("weight").unwrap();
        d.insert("wieght".into(), w);
    });
    assert_eq!(
        e,
        ["dimensions[5].wieght: unknown field `wieght`, expected one of `id`, `title`, `description`, `weight`, `critical`, `statements`, `recommendations`"]
    );
}

#[test]
fn empty_texts_in_any_locale() {
    let e = errors_after(|v| {
        v["title"] = json!("");
        v["dimensions"][0]["statements"][0]["text"] = json!({"en": "Fine", "de": " "});
    });
    assert_has(&e, "title: text must not be empty");
    assert_has(&e, "dimensions[0].statements[0].text: text must not be empty");
}

#[test]
fn scale_values_must_be_consecutive() {
    let e = errors_after(|v| v["scale"]["options"][2]["value"] = json!(7));
    assert_has(&e, "scale.options[2].value: values must ascend by one within 0–255, but 7 follows 2");
}

/// A scale that wraps past 255 cannot be carried by a resume link (which stores each value as its
/// distance from the lowest), so it is refused.
#[test]
fn scale_values_must_not_wrap_past_255() {
    let options = |values: &[u8]| -> Value {
        values.iter().map(|v| json!({"value": v, "label": format!("Option {v}")})).collect()
    };
    let e = errors_after(|v| v["scale"]["options"] = options(&[254, 255, 0]));
    assert_eq!(e, ["scale.options[2].value: values must ascend by one within 0–255, but 0 follows 255"]);
    let e = errors_after(|v| v["scale"]["options"] = options(&[255, 0]));
    assert_eq!(e, ["scale.options[1].value: values must ascend by one within 0–255, but 0 follows 255"]);
    // The ends of the range are fine.
    for values in [&[0u8, 1][..], &[253, 254, 255]] {
        let mut v = default_value();
        v["scale"]["options"] = options(values);
        assert!(Definition::from_json(&v.to_string()).is_ok(), "{values:?}");
    }
}

#[test]
fn duplicate_profile_option() {
    let e = errors_after(|v| v["profile"][2]["options"][1]["id"] = json!("b2c"));
    assert_has(&e, "profile[2].options[1].id: duplicate id \"b2c\" (first used at profile[2].options[0].id)");
}

#[test]
fn no_dimensions() {
    let e = errors_after(|v| v["dimensions"] = json!([]));
    assert_has(&e, "dimensions: needs at least one dimension");
}

#[test]
fn not_json_at_all() {
    let e = Definition::from_json("{ this is not json").unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].path.as_str(), e[0].message.as_str()), ("", "key must be a string at line 1 column 3"));
    // JSON, but not an object: serde alone would fill the struct from an array's elements.
    for (text, found) in [
        ("[]", "an array"),
        (r#"["cx", "1"]"#, "an array"),
        ("null", "null"),
        ("7", "a number"),
        (r#""{}""#, "a string"),
    ] {
        let e = Definition::from_json(text).unwrap_err();
        assert_eq!(
            (e[0].path.as_str(), e[0].message.clone()),
            ("", format!("expected an object, found {found}")),
            "{text}"
        );
    }
}

#[test]
fn a_localised_definition_is_accepted() {
    let mut v = default_value();
    v["title"] = json!({"en": "CX check", "de": "CX-Check"});
    let def = Definition::from_json(&v.to_string()).unwrap();
    assert_eq!(def.title.get("de-AT"), "CX-Check");
    assert_eq!(def.title.get("fr"), "CX check");
}

#[test]
fn the_quick_check_in_www_is_a_valid_second_definition() {
    let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/quick-check.json")).unwrap();
    let def = Definition::from_json(&json).expect("valid");
    assert_eq!(def.dimensions.len(), 3);
    assert_eq!(def.levels.len(), 3);
    assert!(def.profile.is_empty());
    // promises (weight 2, critical) all 5 → 100; root causes all corrected 1 → 0; ownership unassessed.
    use cx_scorecard::engine::{score, Answer, Answers};
    let mut a = Answers::new();
    for s in &def.dimensions[0].statements {
        a.insert(s.id.clone(), Answer::Value(if s.reverse { 1 } else { 5 }));
    }
    for s in &def.dimensions[1].statements {
        a.insert(s.id.clone(), Answer::Value(if s.reverse { 5 } else { 1 }));
    }
    let card = score(&def, &a);
    // (100·2 + 0·1) / 3 = 66.7 → level 2 (Developing, 40–69)
    assert_eq!(card.overall.score, Some(66.7));
    assert_eq!(card.overall.level, Some(2));
    assert_eq!(card.dimensions[2].score, None);
}

/// Every user-visible text of the default assessment exists, non-empty, in every language.
#[test]
fn every_text_of_the_default_definition_is_in_every_locale() {
    use cx_scorecard::engine::messages::LOCALES;
    fn walk(v: &Value, path: &str, texts: &mut Vec<(String, serde_json::Map<String, Value>)>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let p = format!("{path}.{k}");
                    let is_text =
                        ["title", "intro", "label", "text", "name", "description", "dontKnow"].contains(&k.as_str());
                    match child {
                        Value::Object(m) if is_text => texts.push((p, m.clone())),
                        Value::String(_) if is_text => texts.push((p, serde_json::Map::new())),
                        _ => walk(child, &p, texts),
                    }
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{path}[{i}]"), texts)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    walk(&serde_json::from_str(DEFAULT_DEFINITION_SOURCE).unwrap(), "", &mut texts);
    assert!(texts.len() > 140, "{}", texts.len());
    for (path, map) in &texts {
        for locale in LOCALES {
            let t = map.get(locale).and_then(Value::as_str).unwrap_or("");
            assert!(!t.trim().is_empty(), "{path} has no {locale} text");
        }
        assert_eq!(map.len(), LOCALES.len(), "{path} has other locales: {:?}", map.keys().collect::<Vec<_>>());
    }
}

/// The engine's sentences of every pack language, from `src/locales/`, made available.
/// The engine's sentences in `locale`, from its source `src/locales/<locale>.json` (English for "en").
fn messages(locale: &str) -> cx_scorecard::engine::messages::Messages {
    use cx_scorecard::engine::locales::{Strings, STRINGS_SOURCES};
    use cx_scorecard::engine::messages::{Messages, EN};
    let strings: Strings = STRINGS_SOURCES
        .iter()
        .find(|(l, _)| *l == locale)
        .map_or_else(Strings::default, |(_, source)| serde_json::from_str(source).unwrap());
    Messages::read(&strings.engine, &EN)
}

#[test]
fn the_engine_messages_have_the_same_placeholders_in_every_locale() {
    use cx_scorecard::engine::locales::STRINGS_SOURCES;
    use cx_scorecard::engine::messages::{placeholders, LOCALES};
    let en = messages("en").entries();
    // Every key is in every source: none falls back to English unnoticed.
    for (locale, source) in STRINGS_SOURCES {
        let v: Value = serde_json::from_str(source).unwrap();
        let mut keys: Vec<&str> = v["engine"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut want: Vec<&str> = en.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want, "src/locales/{locale}.json");
    }
    let none = cx_scorecard::engine::messages::Messages::read(&Default::default(), &cx_scorecard::engine::messages::EN);
    assert_eq!(none.cap, messages("en").cap, "English where a pack has no sentence");
    for locale in LOCALES {
        for ((key, b), (_, a)) in messages(locale).entries().into_iter().zip(&en) {
            assert!(!b.is_empty(), "{locale}.{key}");
            assert_eq!(placeholders(a), placeholders(b), "{locale}.{key}: {b}");
            if locale != "en" && key != "list_separator" {
                assert_ne!(a, &b, "{locale}.{key} is not translated");
            }
        }
    }
}

#[test]
fn localised_results_use_the_language_and_its_number_format() {
    use cx_scorecard::engine::messages::{plain_number, resolve};
    assert_eq!(
        [resolve("de-CH"), resolve("fr_CA"), resolve("es"), resolve("it"), resolve("")],
        ["de", "fr", "es", "en", "en"]
    );
    assert_eq!(plain_number(58.3), "58.3");
    assert_eq!(plain_number(65.0), "65");
    assert_eq!(plain_number(58.25), "58.3");
    // The caller says how numbers are written (the widget uses the browser's Intl.NumberFormat).
    let comma = |x: f64| plain_number(x).replace('.', ",");
    let (de, fr) = (messages("de"), messages("fr"));
    let german = Wording { locale: "de", messages: &de, number: &comma };
    let french = Wording { locale: "fr", messages: &fr, number: &comma };
    let def = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
    let mut answers = cx_scorecard::engine::Answers::new();
    for d in &def.dimensions {
        for s in &d.statements {
            let v = if d.id == "d6" { 3 } else { 5 };
            answers.insert(s.id.clone(), cx_scorecard::engine::Answer::Value(if s.reverse { 6 - v } else { v }));
        }
    }
    let card = cx_scorecard::engine::score(&def, &answers);
    let gate = card.overall.gate.as_ref().unwrap();
    assert_eq!(
        cx_scorecard::engine::result::gate_reason(&def, gate, &german),
        "Stufe 5 (Kundengeführt) setzt in jeder Dimension mindestens 65 voraus; noch nicht erreicht: Befähigung und Kultur an der Kundenfront (50)."
    );
    let recs = cx_scorecard::engine::result::recommendations(&def, &card, &french);
    assert_eq!(recs[0].text, "Tenir des points d’équipe réguliers et faire un retour sur chaque idée");
    assert!(
        recs[0].why.starts_with("Votre dimension la plus faible : score de 50 sur 100, niveau 3 (Défini)"),
        "{}",
        recs[0].why
    );
}

/// The pack of a language as the build makes it.
fn pack_of(source: &Definition, locale: &str) -> LanguagePack {
    let strings = cx_scorecard::engine::locales::STRINGS_SOURCES.iter().find(|(l, _)| *l == locale).unwrap().1;
    cx_scorecard::engine::locales::pack(source, locale, &serde_json::from_str(strings).unwrap())
}

/// Reads a pack's JSON and adds it, as the widget does with a pack from the host: a pack that is
/// not a pack names the path of its type error.
fn add_pack(def: &mut Definition, pack: Value) -> Result<String, String> {
    def.add_locale(read::<LanguagePack>(pack).map_err(|e| e.to_string())?)
}

/// The widget carries English; with the three language packs added it holds exactly the source.
#[test]
fn the_english_definition_and_the_language_packs_make_up_the_source() {
    let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
    let mut def = cx_scorecard::engine::default_definition();
    assert_eq!(def.title.get("de"), "CX Operations capability assessment", "English only before a pack");
    assert!(DEFAULT_DEFINITION_JSON.len() * 3 < DEFAULT_DEFINITION_SOURCE.len());
    for locale in ["de", "fr", "es"] {
        assert_eq!(def.add_locale(pack_of(&source, locale)), Ok(locale.to_string()));
    }
    assert_eq!(def, source);
    assert_eq!(def.dimensions[1].statements[0].text.get("de"), source.dimensions[1].statements[0].text.get("de"));
    // Adding a pack again changes nothing.
    def.add_locale(pack_of(&source, "fr")).unwrap();
    assert_eq!(def, source);
}

#[test]
fn a_language_pack_that_does_not_fit_is_refused_whole() {
    let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
    let good: Value = serde_json::to_value(pack_of(&source, "de")).unwrap();
    let english = cx_scorecard::engine::default_definition();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        let mut def = english.clone();
        let r = add_pack(&mut def, v);
        assert_eq!(def, english, "a refused pack leaves the definition as it was");
        r.unwrap_err()
    };
    assert_eq!(
        edit(&|v| v["version"] = json!("9.9.9")),
        "made for another assessment or version than cx-operations 1.0.0"
    );
    assert_eq!(
        edit(&|v| v["assessment"] = json!("other")),
        "made for another assessment or version than cx-operations 1.0.0"
    );
    assert_eq!(edit(&|v| v["texts"].as_array_mut().unwrap().truncate(5)), "5 texts where the assessment has 149");
    assert_eq!(edit(&|v| v["texts"][3] = json!(7)), "texts[3]: invalid type: integer `7`, expected a string");
    assert_eq!(edit(&|v| v["texts"][3] = json!("  ")), "every text must be a non-empty string or null");
    assert_eq!(edit(&|v| v["locale"] = json!("it")), "\"it\" is not a language the widget supports (de, fr, es)");
    assert_eq!(edit(&|v| v["locale"] = json!(5)), "locale: invalid type: integer `5`, expected a string");
    assert_eq!(edit(&|v| v["engine"]["cap"] = json!(5)), "engine.cap: invalid type: integer `5`, expected a string");
    assert_eq!(edit(&|v| v["engine"] = json!([])), "engine: invalid type: sequence, expected a map");
    assert_eq!(edit(&|v| v["texts"] = json!({})), "texts: invalid type: map, expected a sequence");
    // Text that is not JSON is refused before it is a pack.
    assert_eq!(parse::<LanguagePack>("{not json").unwrap_err().to_string(), "key must be a string at line 1 column 2");
}

#[test]
fn a_null_member_means_not_given() {
    // As before the move to serde: `null` (from JS, also `undefined`) leaves a field at its default.
    let mut v = default_value();
    v["dimensions"][0]["critical"] = json!(null);
    v["dimensions"][0]["statements"][0]["reverse"] = json!(null);
    v["profile"] = json!(null);
    v["benchmarks"] = json!(null);
    v["intro"] = json!(null);
    let def = Definition::from_json(&v.to_string()).unwrap();
    assert!(!def.dimensions[0].critical && !def.dimensions[0].statements[0].reverse);
    assert!(def.profile.is_empty() && def.benchmarks.is_empty() && def.intro.is_none());
    // A required member that is null is missing.
    let e = errors_after(|v| v["dimensions"][1]["weight"] = json!(null));
    assert_eq!(e, ["dimensions[1]: missing field `weight`"]);
    let lead = cx_scorecard::engine::lead::LeadConfig::from_json(
        r#"{"mode": null, "fields": null, "allowSkip": null, "consentText": null}"#,
    )
    .unwrap();
    assert_eq!(lead, cx_scorecard::engine::lead::LeadConfig::before_results());
}

#[test]
fn an_id_that_would_set_a_prototype_is_refused() {
    let e = errors_after(|v| v["dimensions"][0]["statements"][1]["id"] = json!("__proto__"));
    assert_eq!(e, ["dimensions[0].statements[1].id: \"__proto__\" cannot be used as an id"]);
    let lead = cx_scorecard::engine::lead::LeadConfig::from_json(
        r#"{"fields": [{"type": "text", "id": "__proto__", "label": "x"}]}"#,
    );
    assert_eq!(
        lead.unwrap_err(),
        [("fields[0].id".to_string(), "\"__proto__\" cannot be used as a field id".to_string())]
    );
}

#[test]
fn an_id_or_version_longer_than_a_result_code_holds_is_refused() {
    let e = errors_after(|v| {
        v["id"] = json!("é".repeat(128));
        v["version"] = json!("1".repeat(255));
    });
    assert_has(&e, "id: must be at most 255 bytes long, is 256");
    assert!(!e.iter().any(|x| x.starts_with("version")), "255 bytes fit: {e:?}");
}
