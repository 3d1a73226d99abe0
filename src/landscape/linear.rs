//! Deep linear networks: `linear2` and `linear3` (Kawaguchi 2016 [2]; Laurent & von Brecht 2018
//! [10]; docs/science.md §2 `linear2`, `linear3`). Their saddles are real but every local minimum
//! is global.

use super::{classify, CriticalKind, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, Slice, ViewBox};
use crate::numeric::random::Rng;

const PARAMS2: &[ParamSpec] = &[
    ParamSpec::real("lambda", 0.0, 0.0, 5.0, "weight decay λ: the origin's eigenvalues are λ ± 2y"),
    ParamSpec::real("y", 1.0, -3.0, 3.0, "target y of the product w₁w₂"),
];

pub const INFO2: LandscapeInfo = LandscapeInfo {
    id: "linear2",
    title: "Two-layer linear net",
    about: "f = (y − w₁w₂)² + (λ/2)(w₁² + w₂²): a one-unit deep linear network. The origin is a strict saddle \
            (eigenvalues λ ± 2y) while λ < 2|y|; with λ = 0 the minima fill the hyperbola w₁w₂ = y and all of \
            them are global (Kawaguchi 2016; Laurent & von Brecht 2018). Saddles, yes; bad minima, no.",
    params: PARAMS2,
    curvature: Some("lambda"),
    build: |p, _| Ok(Box::new(Linear2 { y: p.value(PARAMS2, "y"), lambda: p.value(PARAMS2, "lambda") })),
};

#[derive(Clone, Debug)]
pub struct Linear2 {
    pub y: f64,
    pub lambda: f64,
}

impl Landscape for Linear2 {
    fn id(&self) -> &'static str {
        "linear2"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, w: &[f64]) -> f64 {
        let r = self.y - w[0] * w[1];
        r * r + 0.5 * self.lambda * (w[0] * w[0] + w[1] * w[1])
    }
    fn gradient(&self, w: &[f64], g: &mut [f64]) {
        let r = self.y - w[0] * w[1];
        g[0] = -2.0 * r * w[1] + self.lambda * w[0];
        g[1] = -2.0 * r * w[0] + self.lambda * w[1];
    }
    fn hessian(&self, w: &[f64], h: &mut [f64]) {
        h[0] = 2.0 * w[1] * w[1] + self.lambda;
        h[1] = -2.0 * self.y + 4.0 * w[0] * w[1];
        h[2] = h[1];
        h[3] = 2.0 * w[0] * w[0] + self.lambda;
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let mut v = vec![classify(self, vec![0.0, 0.0], "")];
        // w₁ = ±w₂ = w with w² = |y| − λ/2 (sign of the pair follows the sign of y).
        let w2 = self.y.abs() - 0.5 * self.lambda;
        if w2 > 0.0 {
            let w = w2.sqrt();
            let s = if self.y >= 0.0 { 1.0 } else { -1.0 };
            let note = if self.lambda == 0.0 { "global; one of a hyperbola of minima" } else { "global" };
            for p in [vec![w, s * w], vec![-w, -s * w]] {
                let c = classify(self, p, note);
                v.push(if self.lambda == 0.0 { c.with_kind(CriticalKind::Minimum) } else { c });
            }
        }
        v
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.6, -0.55]
    }
    fn coordinate_name(&self, k: usize) -> String {
        super::subscripted("w", k + 1)
    }
    fn slice(&self) -> Slice {
        Slice::coordinates(vec![0.0, 0.0], 0, 1, ["w₁", "w₂"])
    }
}

const PARAMS3: &[ParamSpec] = &[ParamSpec::real("y", 1.0, -3.0, 3.0, "target y of the product w₁w₂w₃")];

pub const INFO3: LandscapeInfo = LandscapeInfo {
    id: "linear3",
    title: "Three-layer linear net",
    about: "f = (y − w₁w₂w₃)². The origin is a 'bad' saddle: its Hessian is zero, so no eigenvalue reveals the \
            way down (Kawaguchi 2016), and the axes hold saddles with eigenvalues (±2ay, 0). Still, every local \
            minimum is global.",
    params: PARAMS3,
    curvature: Some("y"),
    build: |p, _| Ok(Box::new(Linear3 { y: p.value(PARAMS3, "y") })),
};

#[derive(Clone, Debug)]
pub struct Linear3 {
    pub y: f64,
}

impl Landscape for Linear3 {
    fn id(&self) -> &'static str {
        "linear3"
    }
    fn dim(&self) -> usize {
        3
    }
    fn value(&self, w: &[f64]) -> f64 {
        let r = self.y - w[0] * w[1] * w[2];
        r * r
    }
    fn gradient(&self, w: &[f64], g: &mut [f64]) {
        // ∂_i f = −2r p_i, p_i = Π_{k≠i} w_k.
        let r = self.y - w[0] * w[1] * w[2];
        g[0] = -2.0 * r * w[1] * w[2];
        g[1] = -2.0 * r * w[0] * w[2];
        g[2] = -2.0 * r * w[0] * w[1];
    }
    fn hessian(&self, w: &[f64], h: &mut [f64]) {
        // H_ij = 2p_i p_j − 2r p_ij, p_ii = 0, p_ij = w_k.
        let r = self.y - w[0] * w[1] * w[2];
        let p = [w[1] * w[2], w[0] * w[2], w[0] * w[1]];
        for i in 0..3 {
            for j in 0..3 {
                let pij = if i == j { 0.0 } else { w[3 - i - j] };
                h[i * 3 + j] = 2.0 * p[i] * p[j] - 2.0 * r * pij;
            }
        }
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        let mut v = vec![classify(self, vec![0.0; 3], "zero Hessian")];
        for (k, a) in [(2usize, 1.0), (2, -1.0), (0, 1.0), (1, 1.0)] {
            let mut p = vec![0.0; 3];
            p[k] = a;
            v.push(classify(self, p, "on an axis of saddles"));
        }
        let c = crate::numeric::math::cbrt(self.y);
        if c != 0.0 {
            v.push(classify(self, vec![c, c, c], "global; one of a surface of minima").with_kind(CriticalKind::Minimum));
        }
        v
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-2.0, 2.0, -2.0, 2.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.3, -0.25, 0.2]
    }
    fn coordinate_name(&self, k: usize) -> String {
        super::subscripted("w", k + 1)
    }
    fn slice(&self) -> Slice {
        // The plane through the origin spanned by w₁ and the diagonal direction of w₂ = w₃.
        let h = std::f64::consts::FRAC_1_SQRT_2;
        Slice { origin: vec![0.0; 3], u: vec![1.0, 0.0, 0.0], v: vec![0.0, h, h], labels: ["w₁".into(), "(w₂+w₃)/√2".into()], folded: false }
    }
}
