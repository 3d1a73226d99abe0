//! Numbers as the scenario format and the readouts write them.

/// Formats a number the shortest way that parses back to the same f64 (bit for bit: −0 prints as
/// `-0`, so a shared link keeps the sign of a zero coordinate).
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        if v.is_sign_negative() { "-0" } else { "0" }.into()
    } else if v.is_finite() && (v.abs() < 1e-4 || v.abs() >= 1e15) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A coordinate from a click or a drag, rounded to 7 significant digits and written shortest.
pub fn fmt_rounded(v: f64) -> String {
    format!("{v:.6e}").parse::<f64>().map(fmt_num).unwrap_or_else(|_| fmt_num(v))
}

/// Longest quoted piece of user text in a message, in characters (after escaping).
pub const MAX_QUOTED_CHARS: usize = 60;

/// How one character of user text is shown in a message: control characters (C0, DEL, C1) and
/// bidirectional or invisible format characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069,
/// U+FEFF) as `\n`, `\t`, `\r` or `\u{…}`; everything else as itself.
fn escaped(c: char) -> Option<String> {
    match c {
        '\n' => Some("\\n".into()),
        '\r' => Some("\\r".into()),
        '\t' => Some("\\t".into()),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        | '\u{2028}' | '\u{2029}' => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    }
}

/// User text as a message quotes it: control and bidi characters escaped (see [`escaped`]) and the
/// result clipped to [`MAX_QUOTED_CHARS`] characters, ending in `…` when cut. An escape is never cut
/// in half. Linear in the length of `s` (it stops reading once the clip is reached).
pub fn quote_user_text(s: &str) -> String {
    clip_escaped(s, MAX_QUOTED_CHARS)
}

/// [`quote_user_text`] with a limit of `max` characters (at least 1).
pub fn clip_escaped(s: &str, max: usize) -> String {
    let max = max.max(1);
    let mut out = String::new();
    let mut n = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let unit = escaped(c);
        let w = unit.as_ref().map_or(1, |u| u.chars().count());
        // Room for this unit, and for the ellipsis if anything follows it.
        let room = if chars.peek().is_some() { max - 1 } else { max };
        if n + w > room {
            out.push('…');
            return out;
        }
        match unit {
            Some(u) => out.push_str(&u),
            None => out.push(c),
        }
        n += w;
    }
    out
}

/// Escapes control and bidi characters in a whole message without clipping it (a last guard so
/// that a message is always one line of plain text).
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match escaped(c) {
            Some(u) => out.push_str(&u),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_zero_round_trips() {
        assert_eq!(fmt_num(-0.0), "-0");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(-0.0).parse::<f64>().unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(fmt_rounded(-0.0), "-0");
    }

    #[test]
    fn user_text_is_escaped_and_clipped() {
        assert_eq!(quote_user_text("a\nb\u{1b}[31m\u{202e}c"), "a\\nb\\u{1b}[31m\\u{202e}c");
        let long = "x".repeat(5000);
        let q = quote_user_text(&long);
        assert_eq!(q.chars().count(), MAX_QUOTED_CHARS);
        assert!(q.ends_with('…'));
        assert_eq!(quote_user_text(&"y".repeat(60)), "y".repeat(60));
        // An escape is never cut in half.
        let q = quote_user_text(&format!("{}\u{202e}\u{202e}", "z".repeat(55)));
        assert!(q.ends_with("z…") || q.ends_with("}…"), "{q}");
        assert!(q.chars().count() <= MAX_QUOTED_CHARS);
        assert!(!quote_user_text("\u{85}\u{7f}\u{feff}\u{2066}").chars().any(|c| c.is_control()));
    }
}
