//! `saddle3`: saddles of any index in d dimensions (docs/science.md §2 `saddle3`, derived).
//!
//! f = (a/2)Σ_{j<d−k} x_j² + Σ_{j≥d−k}[−(b/2)x_j² + (c/4)x_j⁴] with index k at the origin.
//! d = 3, k = 1 and k = 2 are the 3D forms of that section; k = d is the census variant
//! Σ_j[−(b/2)y_j² + (c/4)y_j⁴], whose critical point with m zero coordinates has index m and
//! f = −(d−m)b²/(4c), so index/d = 1 − f/f_min exactly.

use super::{CriticalPoint, Landscape, LandscapeInfo, ParamError, ParamSpec, Slice, ViewBox};
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("b", 1.0, 0.0, 10.0, "curvature: |λ_min| = b at the origin"),
    ParamSpec::real("a", 1.0, 0.0, 10.0, "curvature of the stable directions"),
    ParamSpec::real("c", 1.0, 0.01, 10.0, "quartic confinement of the unstable directions"),
    ParamSpec::int("index", 1.0, 1.0, 1024.0, "index k of the origin (number of unstable directions, ≤ d)").restarts(),
    ParamSpec::int("d", 3.0, 2.0, 1024.0, "dimension").restarts(),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "saddle3",
    title: "Saddle of index k in d dimensions",
    about: "f = (a/2)Σ x_j² over d − k stable coordinates plus Σ[−(b/2)y_j² + (c/4)y_j⁴] over k unstable ones. \
            The origin has index k; with k = d every critical point's index is a linear function of its loss, \
            index/d = 1 − f/f_min: the toy version of the index-against-loss law of Dauphin et al. 2014 and \
            Pennington & Bahri 2017.",
    params: PARAMS,
    curvature: Some("b"),
    build: |p, _| {
        let d = p.value(PARAMS, "d") as usize;
        let k = p.value(PARAMS, "index") as usize;
        if k > d {
            return Err(ParamError::new("index", format!("must be at most d = {d}")));
        }
        Ok(Box::new(Saddle3 { a: p.value(PARAMS, "a"), b: p.value(PARAMS, "b"), c: p.value(PARAMS, "c"), d, k }))
    },
};

#[derive(Clone, Debug)]
pub struct Saddle3 {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: usize,
    /// Index of the origin: the last k coordinates are unstable.
    pub k: usize,
}

impl Saddle3 {
    fn stable(&self, j: usize) -> bool {
        j < self.d - self.k
    }

    /// A critical point typed from its closed-form spectrum (a on a stable coordinate, −b at an
    /// unstable zero, 2b at ±√(b/c)): no d×d Hessian, so d = 1024 with 3⁶ points stays cheap.
    fn closed_form(&self, x: Vec<f64>, note: &'static str) -> CriticalPoint {
        let mut eig: Vec<f64> = (0..self.d)
            .map(|j| if self.stable(j) { self.a } else { -self.b + 3.0 * self.c * x[j] * x[j] })
            .collect();
        crate::numeric::sort::sort_f64(&mut eig);
        let (index, degenerate) = crate::numeric::eigen::index_and_degenerate(&eig);
        let kind = if degenerate > 0 {
            super::CriticalKind::Degenerate
        } else if index == 0 {
            super::CriticalKind::Minimum
        } else if index == self.d {
            super::CriticalKind::Maximum
        } else {
            super::CriticalKind::Saddle
        };
        CriticalPoint { f: self.value(&x), point: x, kind, index, eigenvalues: eig, note }
    }
}

impl Landscape for Saddle3 {
    fn saddle_point(&self) -> Option<Vec<f64>> {
        // The origin: index k (degenerate when b = 0).
        Some(vec![0.0; self.d])
    }
    fn id(&self) -> &'static str {
        "saddle3"
    }
    fn dim(&self) -> usize {
        self.d
    }
    fn value(&self, x: &[f64]) -> f64 {
        let mut f = 0.0;
        for (j, &v) in x.iter().enumerate() {
            let v2 = v * v;
            f += if self.stable(j) { 0.5 * self.a * v2 } else { -0.5 * self.b * v2 + 0.25 * self.c * v2 * v2 };
        }
        f
    }
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        for (j, &v) in x.iter().enumerate() {
            g[j] = if self.stable(j) { self.a * v } else { -self.b * v + self.c * v * v * v };
        }
    }
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        h.iter_mut().for_each(|e| *e = 0.0);
        for (j, &v) in x.iter().enumerate() {
            h[j * self.d + j] = if self.stable(j) { self.a } else { -self.b + 3.0 * self.c * v * v };
        }
    }
    fn evaluate_diagonal(&self, x: &[f64], g: &mut [f64], diag: &mut [f64]) -> Option<f64> {
        self.gradient(x, g);
        for (j, &v) in x.iter().enumerate() {
            diag[j] = if self.stable(j) { self.a } else { -self.b + 3.0 * self.c * v * v };
        }
        Some(self.value(x))
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let y = if self.b > 0.0 { (self.b / self.c).sqrt() } else { 0.0 };
        let first = self.d - self.k;
        let mut out = Vec::new();
        if y == 0.0 {
            // b = 0: the origin is the only critical point (degenerate along the unstable coordinates).
            out.push(self.closed_form(vec![0.0; self.d], ""));
        } else if self.k <= 6 {
            // Every unstable coordinate in {0, +y, −y}: 3^k points.
            for code in 0..3usize.pow(self.k as u32) {
                let mut x = vec![0.0; self.d];
                let mut c = code;
                for v in &mut x[first..] {
                    *v = [0.0, y, -y][c % 3];
                    c /= 3;
                }
                out.push(self.closed_form(x, ""));
            }
        } else {
            // One representative for each number m of zero coordinates.
            for m in 0..=self.k {
                let mut x = vec![0.0; self.d];
                for v in &mut x[first..self.d - m] {
                    *v = y;
                }
                out.push(self.closed_form(x, "one of many with this index"));
            }
        }
        out
    }
    fn evaluate_cost(&self) -> f64 {
        // f, ∇f and the Hessian's diagonal (evaluate_diagonal): O(d), and a sort for the spectrum.
        let d = self.d as f64;
        crate::landscape::FLOPS_PER_TERM * 3.0 * d + d * d.log2()
    }
    fn critical_points_cost(&self) -> f64 {
        // Closed-form spectra (a sort of d values each): 3^k points up to k = 6, else k + 1.
        let d = self.d as f64;
        let points = if self.k <= 6 { 3f64.powi(self.k as i32) } else { (self.k + 1) as f64 };
        points * d * (4.0 + d.log2())
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        (0..self.d).map(|j| if self.stable(j) { 1.0 } else { 1e-3 }).collect()
    }
    fn census_line(&self) -> Option<f64> {
        // With every coordinate unstable (k = d), index/d = 1 − f/f_min exactly (docs/science.md §2).
        if self.k == self.d {
            self.f_min()
        } else {
            None
        }
    }
    fn coordinate_name(&self, k: usize) -> String {
        match (self.d, k) {
            (3, 0) => "x".into(),
            (3, 1) => "y".into(),
            (3, 2) => "z".into(),
            _ => super::subscripted("x", k + 1),
        }
    }
    fn slice(&self) -> Slice {
        // The first coordinate (stable unless k = d) against the last (always unstable).
        let labels = if self.d == 3 { ["x", "z"] } else { ["x₁", "x_d"] };
        Slice::coordinates(vec![0.0; self.d], 0, self.d - 1, labels)
    }
}
