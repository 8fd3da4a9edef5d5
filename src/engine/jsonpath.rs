//! The JSON path at a position in a JSON text, so parse errors name where they are
//! (`dimensions[2].weight`) without wrapping every deserializer.

enum Frame {
    /// In an object; the key most recently read, if its value is still open.
    Object(Option<String>),
    /// In an array, at this element.
    Array(usize),
}

fn render(stack: &[Frame]) -> String {
    let mut out = String::new();
    for f in stack {
        match f {
            Frame::Object(Some(k)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The path of the innermost value open at `line`:`column` (1-based, as serde_json reports them:
/// the column counts the bytes read on that line).
pub fn path_at(json: &str, line: usize, column: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    let mut chars = json.chars().peekable();
    // Whether the next string in an object is a key.
    let mut expect_key = false;
    while let Some(ch) = chars.next() {
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            c += ch.len_utf8();
        }
        if l > line || (l == line && c > column) {
            break;
        }
        match ch {
            '{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            '[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            '}' | ']' => {
                stack.pop();
                expect_key = false;
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object(k)) => {
                    *k = None;
                    expect_key = true;
                }
                Some(Frame::Array(i)) => *i += 1,
                None => {}
            },
            '"' => {
                let mut s = String::new();
                let mut reached = false;
                while let Some(ch) = chars.next() {
                    c += ch.len_utf8();
                    if l == line && c >= column {
                        reached = true;
                    }
                    match ch {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                c += e.len_utf8();
                                s.push(e);
                            }
                        }
                        '"' => break,
                        _ => s.push(ch),
                    }
                    if reached {
                        break;
                    }
                }
                if expect_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(s);
                    }
                    expect_key = false;
                }
                if reached {
                    break;
                }
            }
            _ => {}
        }
    }
    render(&stack)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn paths_at_positions() {
        let json = "{\"a\": {\"b\": [1, {\"c\": \"x\"}]}, \"d\": 2}";
        let at = |needle: &str| {
            let i = json.find(needle).unwrap() + needle.chars().count();
            path_at(json, 1, i)
        };
        assert_eq!(at("[1"), "a.b[0]");
        assert_eq!(at("\"x\""), "a.b[1].c");
        assert_eq!(at("\"d\": 2"), "d");
        assert_eq!(path_at(json, 1, json.len()), "");
        let wide = "{\"é\": [\"ü\", 5]}";
        assert_eq!(path_at(wide, 1, wide.find('5').unwrap() + 1), "é[1]");
        assert_eq!(path_at("", 1, 1), "");
    }
}
