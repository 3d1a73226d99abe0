//! Numbers as the scenario format and the readouts write them.

/// Formats a number the shortest way that parses back to the same f64.
pub fn fmt_num(v: f64) -> String {
    if v == 0.0 {
        "0".into()
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
