//! `saddle`: f = (a/2)x² − (b/2)y² + (c/4)y⁴, evaluated at R_θᵀx (derived;
//! docs/science.md §2 `saddle`).
//!
//! ∇f = (ax, −by + cy³); ∇²f = diag(a, −b + 3cy²). The saddle (0,0) has eigenvalues (a, −b), so
//! the curvature knob b is |λ_min| there; the minima (0, ±√(b/c)) have (a, 2b) and f = −b²/(4c).
//! With c = 0 it is a pure quadratic saddle with no minimum, of the kind Dauphin et al. 2014 [12]
//! use as an illustration.

use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, ViewBox};
use crate::numeric::math;
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("b", 1.0, 0.0, 10.0, "curvature: |λ_min| = b at the saddle"),
    ParamSpec::real("a", 1.0, 0.0, 10.0, "curvature along the stable direction x"),
    ParamSpec::real("c", 1.0, 0.0, 10.0, "quartic confinement along y (0: no minimum, runs diverge)"),
    ParamSpec::real("theta", 0.0, -180.0, 180.0, "rotation of the landscape in degrees"),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "saddle",
    title: "Strict saddle",
    about: "f = (a/2)x² − (b/2)y² + (c/4)y⁴. A saddle at the origin with eigenvalues (a, −b) and two minima at \
            (0, ±√(b/c)). Plain GD escapes only as fast as its y-component grows, by (1 + η b) per step: a start \
            near the stable manifold y = 0 or a flat saddle (small b) makes it crawl. Rotating by θ shows that \
            Adam and RMSProp, unlike GD, depend on the coordinate system. With c = 0 there is no minimum \
            (Dauphin et al. 2014).",
    params: PARAMS,
    curvature: Some("b"),
    build: |p, _| {
        let theta = p.value(PARAMS, "theta") * math::PI / 180.0;
        Ok(Box::new(Saddle::new(p.value(PARAMS, "a"), p.value(PARAMS, "b"), p.value(PARAMS, "c"), theta)))
    },
};

/// The strict saddle of docs/science.md §2 `saddle`.
#[derive(Clone, Debug)]
pub struct Saddle {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    cos: f64,
    sin: f64,
}

impl Saddle {
    pub fn new(a: f64, b: f64, c: f64, theta: f64) -> Self {
        let (sin, cos) = if theta == 0.0 { (0.0, 1.0) } else { (math::sin(theta), math::cos(theta)) };
        Saddle { a, b, c, cos, sin }
    }
    /// R_θᵀx.
    #[inline]
    fn unrotate(&self, x: &[f64]) -> (f64, f64) {
        (self.cos * x[0] + self.sin * x[1], -self.sin * x[0] + self.cos * x[1])
    }
    /// R_θ p.
    fn rotate(&self, p: [f64; 2]) -> Vec<f64> {
        vec![self.cos * p[0] - self.sin * p[1], self.sin * p[0] + self.cos * p[1]]
    }
}

impl Landscape for Saddle {
    fn id(&self) -> &'static str {
        "saddle"
    }
    fn dim(&self) -> usize {
        2
    }
    #[inline]
    fn value(&self, x: &[f64]) -> f64 {
        let (u, v) = self.unrotate(x);
        let v2 = v * v;
        0.5 * self.a * u * u - 0.5 * self.b * v2 + 0.25 * self.c * v2 * v2
    }
    #[inline]
    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        if self.sin == 0.0 {
            // θ = 0 (cos = 1 exactly): the same numbers as the rotated formula, fewer operations.
            let v = x[1];
            g[0] = self.a * x[0];
            g[1] = -self.b * v + self.c * v * v * v;
            return;
        }
        let (u, v) = self.unrotate(x);
        let gu = self.a * u;
        let gv = -self.b * v + self.c * v * v * v;
        g[0] = self.cos * gu - self.sin * gv;
        g[1] = self.sin * gu + self.cos * gv;
    }
    #[inline]
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        if self.sin == 0.0 {
            h[0] = self.a;
            h[1] = 0.0;
            h[2] = 0.0;
            h[3] = -self.b + 3.0 * self.c * x[1] * x[1];
            return;
        }
        let (_, v) = self.unrotate(x);
        let huu = self.a;
        let hvv = -self.b + 3.0 * self.c * v * v;
        let (c, s) = (self.cos, self.sin);
        // R diag(huu, hvv) Rᵀ.
        h[0] = c * c * huu + s * s * hvv;
        h[1] = c * s * (huu - hvv);
        h[2] = h[1];
        h[3] = s * s * huu + c * c * hvv;
    }
    #[inline]
    fn evaluate(&self, x: &[f64], g: &mut [f64], h: &mut [f64]) -> f64 {
        if self.sin != 0.0 {
            self.gradient(x, g);
            self.hessian(x, h);
            return self.value(x);
        }
        // θ = 0: the same numbers as value, gradient and hessian, sharing y².
        let (u, v) = (x[0], x[1]);
        let v2 = v * v;
        g[0] = self.a * u;
        g[1] = -self.b * v + self.c * v * v * v;
        h[0] = self.a;
        h[1] = 0.0;
        h[2] = 0.0;
        h[3] = -self.b + 3.0 * self.c * v * v;
        0.5 * self.a * u * u - 0.5 * self.b * v2 + 0.25 * self.c * v2 * v2
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let mut v = vec![classify(self, self.rotate([0.0, 0.0]), "")];
        if self.c > 0.0 && self.b > 0.0 {
            let y = (self.b / self.c).sqrt();
            v.push(classify(self, self.rotate([0.0, y]), "global"));
            v.push(classify(self, self.rotate([0.0, -y]), "global"));
        }
        v
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        self.rotate([1.0, 1e-12])
    }
}

