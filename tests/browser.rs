//! The widget in headless Chromium (wasm-bindgen-test): mounted into its own div, completed by
//! clicking, and checked against what the engine computes for the same answers.
#![cfg(target_arch = "wasm32")]

use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{build_result, default_definition, Action, Answer, Session};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Values given per dimension; `None` is "Don't know" (the hand-worked table, with more Don't know).
const TABLE: [&[Option<u8>]; 7] = [
    &[Some(5), Some(4), Some(3), Some(2), Some(1)],
    &[Some(2), Some(2), Some(3), Some(4), Some(4)],
    &[Some(3), None, Some(3), Some(3), Some(3)],
    &[Some(4), Some(4), Some(4), Some(4), Some(2), Some(2)],
    &[Some(5), Some(5), Some(5), Some(5), Some(1)],
    &[Some(1), Some(1), Some(1), Some(1), Some(5)],
    &[Some(4), None, Some(4), None, Some(2)],
];

/// The widget's stylesheet, as the package's init hands it to the wasm (`style.js` holds the same
/// text, minified by `build.rs`).
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// Mounts as the package's `mount` does, once its init has given the wasm the stylesheet.
fn mount(element: JsValue, options: JsValue) -> Result<cx_scorecard::embed::Handle, JsValue> {
    cx_scorecard::embed::provide_assets(STYLE.into(), None);
    cx_scorecard::embed::mount_handle(element, options)
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh div attached to the body, with no answers saved by an earlier test.
fn fresh_div() -> Element {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Yields to the event loop once (a zero timeout), so Yew can render.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Waits for a condition, failing with its description if it never holds.
async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        tick().await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &Element, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector).unwrap().map(|e| e.dyn_into().unwrap())
}

fn heading(root: &Element) -> String {
    find(root, "h2").and_then(|h| h.text_content()).unwrap_or_default()
}

async fn go_next(root: &Element) {
    let before = heading(root);
    find(root, "button[type=submit]").expect("next button").click();
    until("the next page", || heading(root) != before).await;
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

fn to_json(v: &JsValue) -> serde_json::Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}

#[wasm_bindgen_test]
async fn completing_by_clicking_emits_the_engine_result() {
    let div = fresh_div();
    let events: Rc<RefCell<Vec<(String, JsValue)>>> = Rc::default();
    for name in ["ready", "progress", "complete"] {
        let events = events.clone();
        let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            events.borrow_mut().push((e.type_(), e.detail()));
        });
        div.add_event_listener_with_callback(&format!("cx-scorecard:{name}"), listener.as_ref().unchecked_ref())
            .unwrap();
        listener.forget();
    }
    let completed: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let on_complete = Closure::<dyn Fn(JsValue)>::new({
        let completed = completed.clone();
        move |r| *completed.borrow_mut() = Some(r)
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"onComplete".into(), on_complete.as_ref()).unwrap();
    let handle = mount(div.clone().into(), options.into()).expect("mounted");

    until("the ready event", || !events.borrow().is_empty()).await;
    assert_eq!(events.borrow()[0].0, "cx-scorecard:ready");
    assert!(find(&div, ".cxs-intro button").is_some(), "ready comes once the intro is rendered");
    find(&div, ".cxs-intro button").unwrap().click();
    until("the profile page", || heading(&div) == "About your organisation").await;
    go_next(&div).await;

    let def = default_definition();
    for (d, values) in def.dimensions.iter().zip(TABLE) {
        assert_eq!(heading(&div), d.title.get("en"));
        let focused = || document().active_element().and_then(|e| e.text_content()).unwrap_or_default();
        until("focus on the new page's heading", || focused() == d.title.get("en")).await;
        let items = div.query_selector_all("fieldset.cxs-item").unwrap();
        assert_eq!(items.length() as usize, values.len());
        for (i, v) in values.iter().enumerate() {
            let item: Element = items.item(i as u32).unwrap().dyn_into().unwrap();
            let value = v.map_or("dk".to_string(), |v| v.to_string());
            find(&item, &format!("input[value=\"{value}\"]")).unwrap().click();
        }
        go_next(&div).await;
    }
    until("the results", || heading(&div) == "Your result").await;
    until("the complete event", || completed.borrow().is_some()).await;

    // The payload equals what the engine computes for the same answers at the same times.
    let event = events.borrow().iter().find(|(t, _)| t == "cx-scorecard:complete").cloned().expect("complete event");
    let payload = to_json(&get(&event.1, "result"));
    // A fresh 128-bit id from the browser's CSPRNG: 32 lowercase hex digits.
    let id = payload["id"].as_str().unwrap_or_default();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "result id {id:?}");
    let mut session = Session::default()
        .apply(
            &def,
            Action::Start {
                at: payload["startedAt"].as_str().unwrap().into(),
                id: payload["id"].as_str().unwrap().into(),
            },
        )
        .unwrap()
        .apply(&def, Action::Next { at: String::new() })
        .unwrap();
    for (d, values) in def.dimensions.iter().zip(TABLE) {
        for (s, v) in d.statements.iter().zip(values) {
            let answer = v.map_or(Answer::DontKnow, Answer::Value);
            session = session.apply(&def, Action::Answer { statement_id: s.id.clone(), answer }).unwrap();
        }
        session = session.apply(&def, Action::Next { at: payload["completedAt"].as_str().unwrap().into() }).unwrap();
    }
    let expected = serde_json::to_string(&build_result(&def, &session, &Wording::english()).unwrap()).unwrap();
    // Through JS's JSON, as the host sees it (14.0 and 14 are one number there).
    let expected = to_json(&js_sys::JSON::parse(&expected).unwrap());
    assert_eq!(payload, expected);
    assert_eq!(to_json(completed.borrow().as_ref().unwrap()), expected, "onComplete gets the same result");
    assert_eq!(to_json(&handle.result()), expected, "handle.result() returns it too");
    // D3 has one Don't know (no gap), D7 two (gap): overall
    // (70·14 + 30·15 + 50·18 + 75·18 + 100·14 + 0·11 + 75·10) / 100 = 58.3 → level 3 "Defined".
    assert_eq!(expected["overall"]["score"], 58.3);
    assert_eq!(expected["overall"]["levelName"], "Defined");
    assert_eq!(expected["dimensions"][6]["evidenceGap"], true);
    assert_eq!(expected["dimensions"][2]["evidenceGap"], false);

    // The results screen shows that level.
    let shown = find(&div, ".cxs-level").unwrap().text_content().unwrap();
    assert_eq!(shown, "Level 3: Defined");

    // Progress rises with the answers (renders may batch several clicks) and ends at 36 of 36.
    let progress: Vec<serde_json::Value> =
        events.borrow().iter().filter(|(t, _)| t == "cx-scorecard:progress").map(|(_, d)| to_json(d)).collect();
    let answered: Vec<u64> = progress.iter().map(|p| p["answered"].as_u64().unwrap()).collect();
    assert!(answered.windows(2).all(|w| w[0] < w[1]), "{answered:?}");
    assert!(progress.iter().all(|p| p["total"] == 36));
    assert_eq!(answered.last(), Some(&36));

    handle.reset().unwrap();
    until("the intro after reset", || find(&div, ".cxs-intro").is_some()).await;
    assert!(handle.result().is_null(), "reset forgets the result");
    handle.destroy();
    until("the widget to be removed", || div.child_element_count() == 0).await;
    assert!(handle.reset().is_err(), "a destroyed widget says so");
    on_complete.forget();
}

#[wasm_bindgen_test]
async fn events_bubble_and_are_composed() {
    let outer = fresh_div();
    let div = document().create_element("div").unwrap();
    outer.append_child(&div).unwrap();
    let seen: Rc<RefCell<Vec<(bool, bool)>>> = Rc::default();
    let listener = Closure::<dyn Fn(web_sys::Event)>::new({
        let seen = seen.clone();
        move |e: web_sys::Event| seen.borrow_mut().push((e.bubbles(), e.composed()))
    });
    outer.add_event_listener_with_callback("cx-scorecard:ready", listener.as_ref().unchecked_ref()).unwrap();
    let handle = mount(div.into(), JsValue::UNDEFINED).unwrap();
    until("ready to bubble to the parent", || !seen.borrow().is_empty()).await;
    assert_eq!(seen.borrow()[0], (true, true));
    handle.destroy();
    listener.forget();
}

fn mount_error(element: JsValue, options: JsValue) -> String {
    match mount(element, options) {
        Ok(h) => {
            h.destroy();
            panic!("mount accepted bad input")
        }
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::Error>(), "a JS Error");
            String::from(e.unchecked_into::<js_sys::Error>().message())
        }
    }
}

fn opts(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
async fn wrong_option_types_throw_errors_naming_the_field() {
    let div: JsValue = fresh_div().into();
    let cases = [
        (r#"{"onComplete": "done"}"#, "cx-scorecard: options.onComplete: invalid type: a string, expected a function"),
        (r#"{"onProgress": 3}"#, "cx-scorecard: options.onProgress: invalid type: a number, expected a function"),
        (r#"{"locale": 5}"#, "cx-scorecard: options.locale: invalid type: floating point `5.0`, expected a string"),
        (r#"{"locale": "<b>"}"#, "cx-scorecard: options.locale must be a language tag such as \"en\" or \"de-CH\", got \"<b>\""),
        (r#"{"definition": 42}"#, "cx-scorecard: options.definition must be an object or a JSON string, got a number"),
        (r#"{"definition": [1]}"#, "cx-scorecard: options.definition must be an object or a JSON string, got an array"),
        (r#"{"colour": "red"}"#, "cx-scorecard: options.colour: unknown field `colour`, expected one of `definition`, `definitionSrc`, `locale`, `autosave`, `theme`, `leadCapture`, `submitUrl`, `dataLayer`, `targetOrigins`, `storageKey`, `attribution`, `cta`, `resultCode`, `onReady`, `onProgress`, `onComplete`, `onLead`, `onError`"),
        (r#"{"attribution": "everything"}"#, "cx-scorecard: options.attribution must be true, false or \"full\", got \"everything\""),
        (r#"{"resultCode": "yes"}"#, "cx-scorecard: options.resultCode must be true or false, got \"yes\""),
        (r#"{"resultCode": 1}"#, "cx-scorecard: options.resultCode: invalid type: integer `1`, expected true, false or a string"),
        (r#"{"cta": 5}"#, "cx-scorecard: options.cta must be an array or its JSON, got a number"),
        (r#"{"cta": [{"id": "a", "url": "/a"}]}"#, "cx-scorecard: options.cta[0]: missing field `text`"),
        (r#"{"leadCapture": "always"}"#, "cx-scorecard: options.leadCapture must be \"off\", \"before-start\", \"before-results\", \"teaser\" or an object, got \"always\""),
        (r#"{"leadCapture": {"fields": [{"type": "email"}, {"type": "email"}]}}"#, "cx-scorecard: options.leadCapture.fields[1].id: duplicate field id \"email\""),
        (r#"{"submitUrl": 3}"#, "cx-scorecard: options.submitUrl: invalid type: floating point `3.0`, expected a string"),
        (r#"{"submitUrl": "javascript:alert(1)"}"#, "cx-scorecard: options.submitUrl must be an http(s) URL, got \"javascript:alert(1)\""),
        (r#"{"onLead": {}}"#, "cx-scorecard: options.onLead: invalid type: an object, expected a function"),
        (r#"{"theme": {"colour": "red"}}"#, "cx-scorecard: options.theme.colour: unknown field `colour`, expected one of `scheme`, `accent`, `accentText`, `background`, `text`, `font`, `radius`"),
        (r#"{"theme": {"accent": "red; background: url(x)"}}"#, "cx-scorecard: options.theme.accent must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"red; background: url(x)\""),
        (r#"{"targetOrigins": ["*"]}"#, "cx-scorecard: options.targetOrigins must list exact origins such as \"https://partner.example\", got \"*\" (wildcards are not allowed)"),
        (r#"{"autosave": 1}"#, "cx-scorecard: options.autosave: invalid type: integer `1`, expected true, false or a string"),
        (r#"{"definitionSrc": "ftp://x/y.json"}"#, "cx-scorecard: options.definitionSrc must be an http(s) URL, got \"ftp://x/y.json\""),
        (r#"{"definition": {}, "definitionSrc": "/x.json"}"#, "cx-scorecard: options.definition and options.definitionSrc cannot both be given"),
        (r#"{"dataLayer": 5}"#, "cx-scorecard: options.dataLayer: invalid type: integer `5`, expected true, false or a string"),
        (r#"[]"#, "cx-scorecard: options must be an object, got an array"),
        (r#""x""#, "cx-scorecard: options must be an object, got a string"),
    ];
    let wrong: Vec<(&str, String)> = cases
        .iter()
        .filter_map(|(json, message)| {
            Some((*json, mount_error(div.clone(), opts(json)))).filter(|(_, got)| got != message)
        })
        .collect();
    assert_eq!(wrong, [], "each option's error, as (options, the error given)");
    assert_eq!(
        mount_error(JsValue::from_str("#widget"), JsValue::UNDEFINED),
        "cx-scorecard: mount(element, options): element must be a DOM Element, got a string"
    );
    // Not a blank box: the last refusal is shown where the widget would be.
    let el = div.unchecked_ref::<Element>();
    until("the failure shown", || find(el, "[role=alert]").is_some()).await;
    let shown = find(el, "[role=alert]").unwrap().text_content().unwrap();
    assert!(shown.contains("options must be an object, got a string"), "{shown}");
    assert_eq!(el.query_selector_all("[role=alert]").unwrap().length(), 1, "one failure at a time");
}

#[wasm_bindgen_test]
async fn an_invalid_definition_lists_every_error_with_its_path() {
    let mut def: serde_json::Value = serde_json::from_str(cx_scorecard::engine::DEFAULT_DEFINITION_JSON).unwrap();
    def["dimensions"][1]["weight"] = serde_json::json!(0);
    def["dimensions"][2]["statements"][4]["id"] = serde_json::json!("d3.s4");
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"definition".into(), &JsValue::from_str(&def.to_string())).unwrap();
    let div = fresh_div();
    let errors: Rc<RefCell<Vec<serde_json::Value>>> = Rc::default();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new({
        let errors = errors.clone();
        move |e: web_sys::CustomEvent| errors.borrow_mut().push(to_json(&e.detail()))
    });
    div.add_event_listener_with_callback("cx-scorecard:error", listener.as_ref().unchecked_ref()).unwrap();
    listener.forget();
    let message = mount_error(div.clone().into(), options.into());
    assert_eq!(
        message,
        "cx-scorecard: options.definition is not a valid assessment definition (2 errors):\n  \
         - dimensions[1].weight: weight must be greater than 0 and at most 1000000, not 0\n  \
         - dimensions[2].statements[4].id: duplicate id \"d3.s4\" (first used at dimensions[2].statements[3].id)"
    );
    // Not a blank box: the widget lists every problem, and reports it.
    assert_eq!(errors.borrow().len(), 1);
    assert_eq!(errors.borrow()[0]["code"], "definition");
    assert_eq!(errors.borrow()[0]["message"], message);
    until("the failure view", || find(&div, "[role=alert] li").is_some()).await;
    let items: Vec<String> = (0..2)
        .map(|i| div.query_selector_all("[role=alert] li").unwrap().item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(items[0], "dimensions[1].weight: weight must be greater than 0 and at most 1000000, not 0");
    assert!(items[1].starts_with("dimensions[2].statements[4].id: duplicate id"));
    // The element is free for a good mount, which replaces the failure.
    let handle = mount(div.clone().into(), JsValue::UNDEFINED).unwrap();
    until("the intro", || find(&div, ".cxs-intro").is_some()).await;
    assert!(find(&div, "[role=alert]").is_none());
    handle.destroy();
}

#[wasm_bindgen_test]
fn validate_definition_lists_errors_with_paths() {
    use cx_scorecard::embed::validate_definition;
    let ok = validate_definition(JsValue::from_str(cx_scorecard::engine::DEFAULT_DEFINITION_JSON)).unwrap();
    assert_eq!(to_json(&ok), serde_json::json!([]));
    let mut def: serde_json::Value = serde_json::from_str(cx_scorecard::engine::DEFAULT_DEFINITION_JSON).unwrap();
    def["levels"][2]["min"] = serde_json::json!(20);
    let object = js_sys::JSON::parse(&def.to_string()).unwrap();
    assert_eq!(
        to_json(&validate_definition(object).unwrap()),
        serde_json::json!([{"path": "levels[2].min", "message": "thresholds must ascend, but 20 does not exceed 25"}])
    );
    let err = validate_definition(JsValue::from_f64(1.0)).unwrap_err();
    assert_eq!(
        String::from(err.unchecked_into::<js_sys::Error>().message()),
        "cx-scorecard: validateDefinition(definition) must be an object or a JSON string, got a number"
    );
}

/// What `validateDefinition` says of a host's definition object.
fn problems_of(definition: &JsValue) -> serde_json::Value {
    to_json(&cx_scorecard::embed::validate_definition(definition.clone()).unwrap())
}

#[wasm_bindgen_test]
fn host_objects_are_read_by_their_own_properties_only() {
    let valid = || js_sys::JSON::parse(cx_scorecard::engine::DEFAULT_DEFINITION_JSON).unwrap();
    let set = |o: &JsValue, k: &str, v: &JsValue| js_sys::Reflect::set(o, &JsValue::from_str(k), v).unwrap();
    // A misspelt member of a host's object is named, however deep (serde-wasm-bindgen alone would
    // skip it).
    let def = valid();
    set(&def, "colour", &JsValue::from_str("red"));
    let problems = problems_of(&def);
    assert_eq!(problems[0]["path"], "colour");
    assert!(
        problems[0]["message"].as_str().unwrap().starts_with("unknown field `colour`, expected one of `id`"),
        "{problems}"
    );
    let def = valid();
    let dimension =
        js_sys::Reflect::get(&js_sys::Reflect::get(&def, &"dimensions".into()).unwrap(), &2.into()).unwrap();
    set(&dimension, "wieght", &JsValue::from(2));
    assert_eq!(problems_of(&def)[0]["path"], "dimensions[2].wieght");
    // What a page set on Object.prototype is not read, not even for a missing member.
    let proto = js_sys::Reflect::get(&js_sys::Object::new(), &"__proto__".into()).unwrap();
    let def = valid();
    js_sys::Reflect::delete_property(def.unchecked_ref::<js_sys::Object>(), &"rules".into()).unwrap();
    set(
        &proto,
        "rules",
        &js_sys::JSON::parse(
            r#"{"evidenceGapDontKnow": 1, "evidenceGapMaxLevel": 1, "criticalCapMargin": 1, "topLevelGate": null}"#,
        )
        .unwrap(),
    );
    set(&proto, "benchmarks", &js_sys::JSON::parse(r#"[{"text": "injected", "source": "x", "year": 1}]"#).unwrap());
    let with_pollution = problems_of(&def);
    let div: JsValue = fresh_div().into();
    let options = js_sys::Object::new();
    set(&proto, "locale", &JsValue::from_str("<b>"));
    set(&proto, "onComplete", &JsValue::from_str("not a function"));
    let mounted = mount(div.clone(), options.into());
    for key in ["rules", "benchmarks", "locale", "onComplete"] {
        js_sys::Reflect::delete_property(proto.unchecked_ref::<js_sys::Object>(), &key.into()).unwrap();
    }
    assert_eq!(with_pollution, serde_json::json!([{"path": "", "message": "missing field `rules`"}]));
    let handle = mounted.expect("inherited options are not options");
    handle.destroy();
    // An object that contains itself is refused in words, not with a stack overflow.
    let def = valid();
    set(&def, "intro", &def);
    assert_eq!(
        problems_of(&def),
        serde_json::json!([{"path": "", "message": "it is nested too deeply, or contains itself"}])
    );
    // An array with a hole would be read through the prototype chain at that index, and a Map that
    // holds itself would be walked without end: both are refused in words.
    set(&proto, "1", &JsValue::from_str("https://evil.example"));
    let holey = js_sys::Array::new_with_length(2);
    holey.set(0, JsValue::from_str("https://partner.example"));
    let options = js_sys::Object::new();
    set(&options, "targetOrigins", &holey);
    let refused = mount_error(div.clone(), options.into());
    js_sys::Reflect::delete_property(proto.unchecked_ref::<js_sys::Object>(), &"1".into()).unwrap();
    assert_eq!(refused, "cx-scorecard: options cannot be read: it holds an array with holes, which is not JSON data");
    let def = valid();
    let levels = js_sys::Reflect::get(&def, &"levels".into()).unwrap();
    js_sys::Reflect::delete_property(levels.unchecked_ref::<js_sys::Object>(), &1.into()).unwrap();
    assert_eq!(
        problems_of(&def),
        serde_json::json!([{"path": "", "message": "it holds an array with holes, which is not JSON data"}])
    );
    let map = js_sys::Map::new();
    map.set(&"a".into(), &map);
    assert_eq!(
        problems_of(&map.into()),
        serde_json::json!([{"path": "", "message": "it holds a Map, which is not JSON data: give a plain object"}])
    );
    // A JSON string that is not an object is refused as such (serde would fill a struct from an array).
    assert_eq!(
        problems_of(&JsValue::from_str("[]")),
        serde_json::json!([{"path": "", "message": "expected an object, found an array"}])
    );
    // A syntax error says where it is.
    assert_eq!(
        problems_of(&JsValue::from_str("{\"id\": \"cx\",\n  \"version\": }")),
        serde_json::json!([{"path": "", "message": "not JSON: expected value at line 2 column 14"}])
    );
}

#[wasm_bindgen_test]
async fn a_second_mount_on_the_same_element_is_refused_and_two_widgets_stay_independent() {
    let a = fresh_div();
    let b = fresh_div();
    let ha = mount(a.clone().into(), JsValue::UNDEFINED).unwrap();
    let hb = mount(b.clone().into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        mount_error(a.clone().into(), JsValue::UNDEFINED),
        "cx-scorecard: mount(): this element already holds a cx-scorecard widget; destroy() it first"
    );
    until("both intros", || find(&a, ".cxs-intro button").is_some() && find(&b, ".cxs-intro button").is_some()).await;
    find(&a, ".cxs-intro button").unwrap().click();
    until("a's profile", || heading(&a) == "About your organisation").await;
    go_next(&a).await;
    find(&a, "input[value=\"4\"]").unwrap().click();
    until("a's answer", || find(&a, "input[value=\"4\"]:checked").is_some()).await;
    assert!(find(&b, ".cxs-intro").is_some(), "b is still on its intro");
    ha.destroy();
    hb.destroy();
    // Destroyed elements can be mounted again.
    let again = mount(a.into(), JsValue::UNDEFINED).unwrap();
    again.destroy();
}

/// The packs the build makes from `src/locales/` and the default definition's source, registered.
fn register_packs() {
    use cx_scorecard::engine::locales::{pack, STRINGS_SOURCES};
    let def = cx_scorecard::engine::Definition::from_json(cx_scorecard::engine::DEFAULT_DEFINITION_SOURCE).unwrap();
    for (locale, source) in STRINGS_SOURCES {
        let strings = serde_json::from_str(source).unwrap();
        let pack = serde_json::to_string(&pack(&def, locale, &strings)).unwrap();
        cx_scorecard::embed::register_locale(JsValue::from_str(&pack)).unwrap();
    }
}

#[wasm_bindgen_test]
fn every_ui_string_exists_in_every_locale() {
    use cx_scorecard::engine::messages::placeholders;
    use cx_scorecard::ui::strings::{strings, LOCALES};
    let en = strings("en").entries();
    assert!(en.len() > 70);
    // Every key is in every source: none falls back to English unnoticed.
    for (locale, source) in cx_scorecard::engine::locales::STRINGS_SOURCES {
        let ui: serde_json::Value = serde_json::from_str::<serde_json::Value>(source).unwrap()["ui"].clone();
        let keys: Vec<&str> = ui.as_object().unwrap().keys().map(String::as_str).collect();
        let mut en_keys: Vec<&str> = en.iter().map(|(k, _)| *k).collect();
        en_keys.sort_unstable();
        assert_eq!(keys, en_keys, "src/locales/{locale}.json");
    }
    // A pack with one bad part is refused whole, with a clear error.
    let def = cx_scorecard::engine::Definition::from_json(cx_scorecard::engine::DEFAULT_DEFINITION_SOURCE).unwrap();
    let de = serde_json::from_str(cx_scorecard::engine::locales::STRINGS_SOURCES[0].1).unwrap();
    let mut pack: serde_json::Value =
        serde_json::to_value(cx_scorecard::engine::locales::pack(&def, "de", &de)).unwrap();
    pack["ui"]["start"] = serde_json::json!(["not", "text"]);
    let refused = cx_scorecard::embed::register_locale(JsValue::from_str(&pack.to_string())).unwrap_err();
    assert_eq!(
        String::from(js_sys::Error::from(refused).message()),
        "cx-scorecard: registerLocale(pack): ui.start: invalid type: sequence, expected a string"
    );
    let refused = cx_scorecard::embed::register_locale(JsValue::from(5)).unwrap_err();
    assert_eq!(
        String::from(js_sys::Error::from(refused).message()),
        "cx-scorecard: registerLocale(pack): pack must be an object or a JSON string, got a number"
    );
    assert_eq!(strings("de").start, "Start the assessment", "nothing of the refused pack was added");
    assert_eq!(cx_scorecard::ui::strings::messages("de").unassessed, "unassessed");
    register_packs();
    for locale in LOCALES {
        let entries = strings(locale).entries();
        assert_eq!(entries.len(), en.len());
        let mut same_as_english = 0;
        for ((key, text), (en_key, en_text)) in entries.iter().zip(&en) {
            assert_eq!(key, en_key);
            assert!(!text.trim().is_empty(), "{locale}.{key} is empty");
            assert_eq!(placeholders(text), placeholders(en_text), "{locale}.{key}");
            same_as_english += usize::from(text == en_text);
        }
        if locale != "en" {
            // A few words are the same in several languages ("CX", "Name", "optional"); most are not.
            assert!(same_as_english <= 4, "{locale} has {same_as_english} untranslated strings");
        }
    }
    assert_eq!(strings("de-AT").start, "Bewertung starten");
    assert_eq!(strings("pt-BR").start, "Start the assessment");
}

#[wasm_bindgen_test]
async fn silent_misconfigurations_are_clear_errors() {
    let div: JsValue = fresh_div().into();
    let cases = [
        (r#"{"submitUrl": ""}"#, "cx-scorecard: options.submitUrl is empty: give an http(s) URL, or leave the option out"),
        (r#"{"submitUrl": "  "}"#, "cx-scorecard: options.submitUrl is empty: give an http(s) URL, or leave the option out"),
        (r#"{"targetOrigins": ","}"#, "cx-scorecard: options.targetOrigins lists no origin: give the partner page's origin, such as \"https://partner.example\""),
        (r#"{"targetOrigins": ""}"#, "cx-scorecard: options.targetOrigins lists no origin: give the partner page's origin, such as \"https://partner.example\""),
        (r#"{"targetOrigins": []}"#, "cx-scorecard: options.targetOrigins lists no origin: give the partner page's origin, such as \"https://partner.example\""),
        (r#"{"targetOrigins": "https://partner.example/path"}"#, "cx-scorecard: options.targetOrigins must list exact origins such as \"https://partner.example\", got \"https://partner.example/path\""),
        (r#"{"targetOrigins": "https://user@partner.example"}"#, "cx-scorecard: options.targetOrigins must list exact origins such as \"https://partner.example\", got \"https://user@partner.example\""),
        (r#"{"theme": {"background": "url(https://tracker.example/p.png)"}}"#, "cx-scorecard: options.theme.background must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"url(https://tracker.example/p.png)\""),
        (r#"{"theme": {"background": "image-set(\"https://tracker.example/p.png\" 1x)"}}"#, "cx-scorecard: options.theme.background must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"image-set(\\\"https://tracker.example/p.png\\\" 1x)\""),
        (r#"{"theme": {"accent": "var(--x, url(https://tracker.example/p.png))"}}"#, "cx-scorecard: options.theme.accent must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"var(--x, url(https://tracker.example/p.png))\""),
        (r#"{"theme": {"text": "u\\72l(https://tracker.example/p.png)"}}"#, "cx-scorecard: options.theme.text must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"u\\\\72l(https://tracker.example/p.png)\""),
        (r#"{"theme": {"accent": "12px"}}"#, "cx-scorecard: options.theme.accent must be a colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got \"12px\""),
        (r#"{"theme": {"radius": "red"}}"#, "cx-scorecard: options.theme.radius must be a length such as \"8px\", got \"red\""),
        (r#"{"theme": {"font": "url(https://fonts.example/x.woff2)"}}"#, "cx-scorecard: options.theme.font must be font names such as \"Inter, sans-serif\", got \"url(https://fonts.example/x.woff2)\""),
        (r#"{"storageKey": "a b"}"#, "cx-scorecard: options.storageKey must be 1 to 64 letters, digits, \"-\" or \"_\", got \"a b\""),
        (r#"{"storageKey": 7}"#, "cx-scorecard: options.storageKey: invalid type: floating point `7.0`, expected a string"),
    ];
    let errors: Rc<RefCell<Vec<serde_json::Value>>> = Rc::default();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new({
        let errors = errors.clone();
        move |e: web_sys::CustomEvent| errors.borrow_mut().push(to_json(&e.detail()))
    });
    div.unchecked_ref::<Element>()
        .add_event_listener_with_callback("cx-scorecard:error", listener.as_ref().unchecked_ref())
        .unwrap();
    for (i, (json, message)) in cases.iter().enumerate() {
        assert_eq!(mount_error(div.clone(), opts(json)), *message, "options {json}");
        // Reported as `cx-scorecard:error` too, and shown in the element.
        assert_eq!(errors.borrow().len(), i + 1);
        assert_eq!(errors.borrow()[i], serde_json::json!({"code": "options", "message": message}));
    }
    let el = div.unchecked_ref::<Element>();
    until("the failure shown", || find(el, "[role=alert]").is_some()).await;
    assert!(find(el, "[role=alert]").unwrap().text_content().unwrap().contains("options.storageKey: invalid type"));
    listener.forget();

    // Good values of each kind pass, `locale: null` means the default like every other option,
    // and origins are normalised as the browser writes them.
    let ok = opts(
        r##"{"locale": null, "targetOrigins": "HTTP://Partner.Example:80/, https://Bücher.example",
            "theme": {"accent": "#0b57d0", "background": "rgb(255 255 255 / 90%)", "text": "CanvasText",
                      "font": "\"Source Sans 3\", system-ui, sans-serif", "radius": "0.5rem"},
            "storageKey": "team_A-2"}"##,
    );
    let handle = mount(div.clone(), ok).expect("good options are accepted");
    until("the intro", || find(el, ".cxs-intro").is_some()).await;
    assert_eq!(el.unchecked_ref::<HtmlElement>().style().get_property_value("--cx-accent").unwrap(), "#0b57d0");
    handle.destroy();
}

#[wasm_bindgen_test]
fn a_widget_is_refused_an_element_that_cannot_show_it() {
    for (tag, ns) in [("input", None), ("img", None), ("textarea", None), ("svg", Some("http://www.w3.org/2000/svg"))] {
        let el = match ns {
            Some(ns) => document().create_element_ns(Some(ns), tag).unwrap(),
            None => document().create_element(tag).unwrap(),
        };
        document().body().unwrap().append_child(&el).unwrap();
        assert_eq!(
            mount_error(el.clone().into(), JsValue::UNDEFINED),
            format!("cx-scorecard: mount(element, options): element must be an HTML element that can hold the widget, such as a <div>, got <{tag}>")
        );
        assert_eq!(el.child_element_count(), 0);
        el.remove();
    }
}

/// Calls `handle[method](...args)` as a host would.
fn call(handle: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: js_sys::Function = js_sys::Reflect::get(handle, &method.into()).unwrap().dyn_into().unwrap();
    f.apply(handle, &args.iter().collect::<js_sys::Array>())
        .map_err(|e| String::from(e.unchecked_into::<js_sys::Error>().message()))
}

#[wasm_bindgen_test]
async fn handle_methods_after_destroy_or_free_say_the_widget_was_destroyed() {
    let div = fresh_div();
    cx_scorecard::embed::provide_assets(STYLE.into(), None);
    let handle = cx_scorecard::embed::mount(div.clone().into(), None).unwrap();
    until("the intro", || find(&div, ".cxs-intro").is_some()).await;
    assert!(call(&handle, "result", &[]).unwrap().is_null());
    call(&handle, "setLocale", &["en".into()]).unwrap();
    assert_eq!(
        call(&handle, "setLocale", &["bad!".into()]).unwrap_err(),
        "cx-scorecard: setLocale(tag) must be a language tag such as \"en\" or \"de-CH\", got \"bad!\""
    );
    call(&handle, "free", &[]).unwrap();
    until("the widget to be removed", || div.child_element_count() == 0).await;
    for method in ["reset", "setLocale"] {
        assert_eq!(
            call(&handle, method, &["fr".into()]).unwrap_err(),
            format!("cx-scorecard: {method}(): this widget was destroyed")
        );
    }
    assert!(call(&handle, "result", &[]).unwrap().is_null(), "no result once destroyed");
    call(&handle, "destroy", &[]).unwrap();
    call(&handle, "free", &[]).unwrap();

    // destroy() then free(), on another widget, likewise.
    let other = cx_scorecard::embed::mount(div.clone().into(), None).unwrap();
    call(&other, "destroy", &[]).unwrap();
    assert_eq!(call(&other, "reset", &[]).unwrap_err(), "cx-scorecard: reset(): this widget was destroyed");
    call(&other, "free", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn a_widget_mounted_while_detached_is_styled_where_it_is_attached() {
    // A host element in a shadow root that is not yet in the document.
    let outer = document().create_element("div").unwrap();
    let shadow = outer.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let host = document().create_element("div").unwrap();
    let handle = mount(host.clone().into(), JsValue::UNDEFINED).unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let styled = |el: &Element| {
        let button = find(el, ".cxs-intro button")?;
        let style = web_sys::window().unwrap().get_computed_style(&button).ok()??;
        Some(style.get_property_value("border-radius").unwrap())
    };
    until("the intro", || find(&host, ".cxs-intro button").is_some()).await;
    until("styles in the document", || styled(&host).is_some_and(|r| r != "0px")).await;
    // Moved into the shadow root: styled there too.
    document().body().unwrap().append_child(&outer).unwrap();
    shadow.append_child(&host).unwrap();
    until("styles in the shadow root", || styled(&host).is_some_and(|r| r != "0px")).await;
    let sheets = js_sys::Reflect::get(&shadow, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(js_sys::Array::from(&sheets).length(), 1);
    handle.destroy();
    outer.remove();
    host.remove();
}
