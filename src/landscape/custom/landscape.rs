//! The [`Landscape`] of a typed function: exact f, ∇f and ∇²f from one jet evaluation of its tape;
//! the domain is where all three are finite.

use super::search::{self, Auto};
use super::tape::Tape;
use crate::landscape::{CriticalPoint, Landscape, Slice, ViewBox};
use crate::numeric::random::Rng;
use std::sync::OnceLock;

/// A function typed by the user (`landscape=custom&f=…`).
pub struct Custom {
    text: String,
    tape: Tape,
    kinks: bool,
    /// Critical points, view, start and step size: searched on first use (a scenario that is only
    /// being checked never pays for the search).
    auto: OnceLock<Auto>,
}

impl Custom {
    /// The landscape of a compiled expression; `text` is what the user typed.
    pub fn new(text: &str, tape: Tape) -> Custom {
        let kinks = tape.has_kinks();
        Custom { text: text.to_string(), tape, kinks, auto: OnceLock::new() }
    }

    /// The expression as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    fn auto(&self) -> &Auto {
        self.auto.get_or_init(|| search::choose(self))
    }

    /// The smallest distance of an argument of abs, relu, min or max to its kink at x.
    pub fn kink_margin(&self, x: &[f64]) -> f64 {
        if self.kinks {
            self.tape.kink_margin(x)
        } else {
            f64::INFINITY
        }
    }
}

impl Landscape for Custom {
    fn id(&self) -> &'static str {
        super::ID
    }
    fn dim(&self) -> usize {
        self.tape.dim()
    }
    #[inline]
    fn value(&self, x: &[f64]) -> f64 {
        self.tape.value(x)
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        let mut h = [0.0; 9];
        let d = self.dim();
        self.evaluate(x, g, &mut h[..d * d]);
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let mut g = [0.0; 3];
        let d = self.dim();
        self.evaluate(x, &mut g[..d], h);
    }
    #[inline]
    fn evaluate(&self, x: &[f64], g: &mut [f64], h: &mut [f64]) -> f64 {
        if self.tape.dim() == 2 {
            let j = self.tape.jet::<2, 3>(x);
            j.write(g, h);
            j.v
        } else {
            let j = self.tape.jet::<3, 6>(x);
            j.write(g, h);
            j.v
        }
    }
    /// Where f, ∇f and ∇²f are all finite.
    fn in_domain(&self, x: &[f64]) -> bool {
        if x.len() != self.dim() {
            return false;
        }
        if self.tape.dim() == 2 {
            self.tape.jet::<2, 3>(x).is_finite()
        } else {
            self.tape.jet::<3, 6>(x).is_finite()
        }
    }
    fn has_domain_or_symmetry(&self) -> bool {
        true
    }
    fn domain_is_where_finite(&self) -> bool {
        true
    }
    /// A jet evaluation costs about a closed form per sixteen instructions.
    fn cost(&self) -> f64 {
        1.0 + self.tape.len() as f64 / 16.0
    }
    fn smooth_at(&self, x: &[f64]) -> bool {
        self.kink_margin(x) > 1e-9
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        self.auto().critical.clone()
    }
    fn view(&self) -> ViewBox {
        self.auto().view
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        self.auto().start.clone()
    }
    fn default_lr(&self) -> Option<f64> {
        Some(self.auto().lr)
    }
    fn coordinate_name(&self, k: usize) -> String {
        ["x", "y", "z"].get(k).map_or_else(|| crate::landscape::subscripted("x", k + 1), |n| n.to_string())
    }
    fn slice(&self) -> Slice {
        Slice::coordinates(self.auto().origin.clone(), 0, 1, ["x", "y"])
    }
}
