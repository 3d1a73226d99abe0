//! Chart axes with chosen ticks: whole decades on log axes, 1–2–5 steps on linear ones, round
//! eigenvalues on the Hessian panel's symmetric-log axis, and labels that never repeat or read
//! like data ("1e-0", "0.09"). One axis type for every chart keeps one copy of plotters' generic
//! chart code in the wasm.

use crate::analysis::lab::figure::Scale;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

/// A linear f64 axis whose ticks are chosen by [`ticks`] (decades on log axes).
#[derive(Clone)]
pub struct Axis {
    range: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Axis {
    pub fn new(lo: f64, hi: f64, s: Scale, whole: bool) -> Axis {
        Axis { range: (lo..hi).into(), ticks: ticks(lo, hi, s, whole) }
    }

    /// An axis over `lo..hi` with exactly these ticks (positions in axis units).
    pub fn with_ticks(lo: f64, hi: f64, ticks: Vec<f64>) -> Axis {
        Axis { range: (lo..hi).into(), ticks: ticks.into_iter().filter(|t| *t >= lo && *t <= hi).collect() }
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;
    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.range.map(value, limit)
    }
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.max_num_points() == 0 {
            return Vec::new();
        }
        self.ticks.clone()
    }
    fn range(&self) -> std::ops::Range<f64> {
        self.range.range()
    }
}

/// Tick positions on an axis over `lo..hi`: 1, 2, 5 × 10ᵏ steps on a linear axis; whole decades
/// (with 2 and 5 between when the range is short) on a log axis (positions are log₁₀ values).
pub fn ticks(lo: f64, hi: f64, s: Scale, whole: bool) -> Vec<f64> {
    let mut out = Vec::new();
    match s {
        Scale::Log => {
            let (a, b) = (lo.floor() as i64, hi.ceil() as i64);
            let short = hi - lo < 2.5;
            for e in a..=b {
                for m in if short { &[1.0, 2.0, 5.0][..] } else { &[1.0][..] } {
                    let v = e as f64 + crate::numeric::math::log10(*m);
                    if v >= lo - 1e-9 && v <= hi + 1e-9 {
                        out.push(v);
                    }
                }
            }
            if out.len() > 8 {
                let k = out.len().div_ceil(7);
                out = out.into_iter().step_by(k).collect();
            }
        }
        Scale::Linear => {
            let raw = (hi - lo) / 5.0;
            if !(raw > 0.0 && raw.is_finite()) {
                return vec![lo];
            }
            let e = crate::numeric::math::powf(10.0, crate::numeric::math::log10(raw).floor());
            let mut step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * e).find(|st| *st >= raw).unwrap_or(10.0 * e);
            if whole {
                step = step.max(1.0).round();
            }
            let mut v = (lo / step).ceil() * step;
            while v <= hi + 1e-9 * step && out.len() < 20 {
                out.push(if v.abs() < 1e-12 * step { 0.0 } else { v });
                v += step;
            }
        }
    }
    out
}


/// A tick label for axis value `v` (a log₁₀ when the scale is logarithmic).
pub fn label(v: f64, s: Scale) -> String {
    let x = match s {
        Scale::Linear => v,
        Scale::Log => crate::numeric::math::powf(10.0, v),
    };
    let a = x.abs();
    let decade = a > 0.0 && (crate::numeric::math::log10(a) - crate::numeric::math::log10(a).round()).abs() < 1e-9;
    if a == 0.0 || a < 1e-12 && s == Scale::Linear {
        "0".into()
    } else if s == Scale::Log && decade && !(1e-3..1e4).contains(&a) {
        // Decades on a log axis as powers: 1000, 10⁴, 10⁵ …; 0.001, 10⁻⁴ …
        let e = crate::numeric::math::log10(a).round() as i64;
        let sup: String = e.to_string().chars().map(|c| match c {
            '-' => '⁻',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
        }).collect();
        format!("{}10{sup}", if x < 0.0 { "-" } else { "" })
    } else if !(1e-3..1e5).contains(&a) {
        let e = crate::numeric::math::log10(a).floor();
        let m = x / crate::numeric::math::powf(10.0, e);
        if (m.abs() - 1.0).abs() < 1e-9 {
            format!("{}1e{e}", if x < 0.0 { "-" } else { "" })
        } else {
            format!("{m:.1}e{e}")
        }
    } else if (x - x.round()).abs() < 1e-9 * a.max(1.0) {
        format!("{}", x.round())
    } else {
        // Three significant digits, trailing zeros dropped.
        let digits = (2.0 - crate::numeric::math::log10(a).floor()).clamp(0.0, 6.0) as usize;
        let t = format!("{x:.digits$}");
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    }
}

