//! A few helpers to write JSON by hand (the CLI's `--json` and the page's `state()`).
//!
//! Numbers use Rust's shortest round-trip formatting, so a value parsed back in JavaScript is the
//! same f64 bit for bit; non-finite numbers become `null`.

/// A JSON number, or `null` when not finite.
pub fn num(v: f64) -> String {
    if v.is_finite() {
        let s = format!("{v:?}");
        // Debug prints "1e-12" and "0.5"; both are valid JSON. "inf"/"NaN" cannot reach here.
        s
    } else {
        "null".into()
    }
}

/// A JSON array of numbers.
pub fn nums(v: &[f64]) -> String {
    let mut s = String::with_capacity(v.len() * 12 + 2);
    s.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&num(*x));
    }
    s.push(']');
    s
}

/// A JSON string literal.
pub fn string(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A JSON object from already-encoded values.
pub fn object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{}", string(k), v)).collect();
    format!("{{{}}}", body.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn numbers_round_trip() {
        for v in [0.1, 1e-12, -3.5e300, 2.0f64.sqrt(), 5e-324] {
            assert_eq!(num(v).parse::<f64>().unwrap(), v);
        }
        assert_eq!(num(f64::NAN), "null");
        assert_eq!(string("a\"b\\\n"), "\"a\\\"b\\\\\\n\"");
    }
}
