//! A lab figure's data table: one row per x value, columns named `<optimizer>_<statistic>`, and
//! the claims the figure tests with what was measured. `--json`, `--csv` and the page's table all
//! print this one table.

use crate::numeric::json;

/// Rows of numbers (`None`: not available, e.g. a median that is +∞ or not yet computed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<f64>>>,
}

impl Table {
    pub fn new(columns: &[&str]) -> Table {
        Table { columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }

    /// Adds a row; values that are not finite become `None`.
    pub fn push(&mut self, row: Vec<Option<f64>>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row has one value per column");
        self.rows.push(row.into_iter().map(|v| v.filter(|x| x.is_finite())).collect());
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Vec<Option<f64>> {
        match self.columns.iter().position(|c| c == name) {
            Some(i) => self.rows.iter().map(|r| r[i]).collect(),
            None => Vec::new(),
        }
    }

    /// The rows as JSON objects.
    pub fn rows_json(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|r| {
                let fields: Vec<(&str, String)> =
                    self.columns.iter().zip(r).map(|(c, v)| (c.as_str(), v.map_or("null".into(), json::num))).collect();
                json::object(&fields)
            })
            .collect();
        format!("[{}]", rows.join(","))
    }

    /// CSV with a header line; an empty field where a value is not available.
    pub fn csv(&self) -> String {
        let mut s = self.columns.join(",");
        s.push('\n');
        for r in &self.rows {
            let cells: Vec<String> = r.iter().map(|v| v.map_or(String::new(), |x| format!("{x:?}"))).collect();
            s += &cells.join(",");
            s.push('\n');
        }
        s
    }
}

/// A claim of a paper, what the lab measured, and whether the measurement agrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The claim in words, with its source.
    pub claim: String,
    /// The measurement in words, with its numbers.
    pub measured: String,
    /// `None` while too few runs have reported to say.
    pub holds: Option<bool>,
}

impl Claim {
    pub fn json(&self) -> String {
        json::object(&[
            ("claim", json::string(&self.claim)),
            ("measured", json::string(&self.measured)),
            ("holds", self.holds.map_or("null".into(), |b| b.to_string())),
        ])
    }
}

/// Median and 10 % / 90 % quantiles (nearest rank) of the finite values, if any.
pub fn median_band(v: &[f64]) -> Option<(f64, f64, f64)> {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return None;
    }
    crate::numeric::sort::sort_f64(&mut s);
    let q = |p: f64| s[((p * (s.len() - 1) as f64).round() as usize).min(s.len() - 1)];
    Some((q(0.5), q(0.1), q(0.9)))
}

/// Least-squares slope and intercept of y against x.
pub fn fit_line(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    Some((slope, my - slope * mx))
}

/// The Wilson score interval (95 %) of a share `k / n`.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054;
    let n = n as f64;
    let p = k as f64 / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / denom;
    // At k = 0 (k = n) the bound is exactly 0 (1); the formula leaves a rounding error there.
    let lo = if k == 0 { 0.0 } else { (centre - half).max(0.0) };
    let hi = if k as f64 == n { 1.0 } else { (centre + half).min(1.0) };
    (lo, hi)
}

/// A percentage with its sign, e.g. "+6.0 %".
pub fn percent(ratio: f64) -> String {
    format!("{:+.1} %", 100.0 * ratio)
}
