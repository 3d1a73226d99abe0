//! `relu`: a two-parameter ReLU toy with a spurious minimum (docs/science.md §2 `relu`; derived).
//!
//! Input x ~ N(0, 1), teacher y = |x| = [x]₊ + [−x]₊, student ŷ = σ_β(w₁x) + σ_β(w₂x) with the
//! softplus σ_β(z) = ln(1 + e^{βz})/β, loss L(w) = ½E[(ŷ − y)²] + (λ/2)‖w‖².
//! ∂L/∂w_i = E[(ŷ − y)σ′(w_i x)x] + λw_i;
//! ∂²L/∂w_i∂w_j = E[σ′(w_i x)σ′(w_j x)x²] + δ_ij(E[(ŷ − y)σ″(w_i x)x²] + λ),
//! with σ′(z) = s(βz) the logistic function and σ″(z) = βs(1 − s).
//! The expectation integrates each half-line x ≥ 0 and x ≤ 0 separately (the teacher has a kink at
//! 0), by composite Gauss–Legendre with panels graded towards 0 down to the width 1/β of the units'
//! bend ([`half_line_rule`]; accurate to 1e-9, measured 3e-11 against adaptive quadrature over the
//! view box in `tests/relu.rs`); or it averages over a seeded sample of N points.
//! λ = 0.01: at β = 4, ±(0.42397, 0.42397) is an index-1 saddle (f = 0.23508); at β = 20 it is a
//! spurious local minimum (f = 0.25224) fenced in by index-1 saddles at ±(0.2330, 0.7501).

use super::critical::{grid_starts, newton_search};
use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, Slice, ViewBox};
use crate::numeric::quadrature::half_line_rule;
use crate::numeric::math;
use crate::numeric::random::Rng;
use std::sync::OnceLock;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("beta", 4.0, 0.5, 200.0, "sharpness β of the softplus (β → ∞: ReLU)"),
    ParamSpec::real("lambda", 0.01, 0.0, 1.0, "weight decay λ"),
    ParamSpec::int("samples", 0.0, 0.0, 20000.0, "0: exact expectation; N > 0: a seeded sample of N inputs").restarts(),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "relu",
    title: "ReLU toy: saddle or spurious minimum",
    about: "Two softplus units learn y = |x| from x ~ N(0, 1). The good solutions split the work, w = ±(1, −1); \
            with both weights on one side the net must compromise. For a smooth net (β = 4) that compromise, \
            ±(0.42, 0.42), is a saddle that GD slides off. Sharpen the units (β = 20) and it becomes a \
            spurious local minimum that traps GD, as Safran & Shamir 2018 and Yun, Sra & Jadbabaie 2018 show \
            for real ReLU nets. With samples = N the loss is an average over N seeded inputs, so SGD has real \
            minibatches and the empirical loss differs from the true one by about N^{−1/2}.",
    params: PARAMS,
    curvature: Some("beta"),
    build: |p, seed| {
        let n = p.value(PARAMS, "samples") as usize;
        Ok(Box::new(Relu::new(p.value(PARAMS, "beta"), p.value(PARAMS, "lambda"), n, seed)))
    },
};

pub struct Relu {
    pub beta: f64,
    pub lambda: f64,
    /// Inputs x_k and weights w_k of the expectation (quadrature or sample).
    xs: Vec<f64>,
    ws: Vec<f64>,
    /// Whether the inputs are a finite sample (a finite-sum landscape).
    sampled: bool,
    critical: OnceLock<Vec<CriticalPoint>>,
}

impl Relu {
    pub fn new(beta: f64, lambda: f64, samples: usize, seed: u64) -> Self {
        let (xs, ws) = if samples == 0 {
            // σ_β(w x) bends within about 1/(β|w|) of x = 0.
            let q = half_line_rule(1.0 / beta);
            (q.nodes, q.weights)
        } else {
            let mut rng = crate::numeric::random::rng(seed ^ crate::numeric::random::salt::RELU_SAMPLES);
            let xs: Vec<f64> = (0..samples).map(|_| crate::numeric::random::gaussian(&mut rng)).collect();
            (xs, vec![1.0 / samples as f64; samples])
        };
        Relu { beta, lambda, xs, ws, sampled: samples > 0, critical: OnceLock::new() }
    }

    #[inline]
    fn sp(&self, z: f64) -> f64 {
        math::softplus(self.beta * z) / self.beta
    }

    /// Residual ŷ − y and σ′, σ″ of both units at input x.
    #[inline]
    fn point(&self, w: &[f64], x: f64) -> (f64, [f64; 2], [f64; 2]) {
        let r = self.sp(w[0] * x) + self.sp(w[1] * x) - x.abs();
        let s0 = math::sigmoid(self.beta * w[0] * x);
        let s1 = math::sigmoid(self.beta * w[1] * x);
        (r, [s0, s1], [self.beta * s0 * (1.0 - s0), self.beta * s1 * (1.0 - s1)])
    }

    fn sample_gradient(&self, w: &[f64], x: f64, g: &mut [f64]) {
        let (r, s1, _) = self.point(w, x);
        g[0] = r * s1[0] * x + self.lambda * w[0];
        g[1] = r * s1[1] * x + self.lambda * w[1];
    }
}

impl Landscape for Relu {
    fn depends_on_seed(&self) -> bool {
        self.sampled
    }
    fn id(&self) -> &'static str {
        "relu"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, w: &[f64]) -> f64 {
        let mut e = 0.0;
        for (x, wt) in self.xs.iter().zip(&self.ws) {
            let r = self.sp(w[0] * x) + self.sp(w[1] * x) - x.abs();
            e += wt * r * r;
        }
        0.5 * e + 0.5 * self.lambda * (w[0] * w[0] + w[1] * w[1])
    }
    fn gradient(&self, w: &[f64], g: &mut [f64]) {
        let (mut g0, mut g1) = (0.0, 0.0);
        for (x, wt) in self.xs.iter().zip(&self.ws) {
            let (r, s1, _) = self.point(w, *x);
            g0 += wt * r * s1[0] * x;
            g1 += wt * r * s1[1] * x;
        }
        g[0] = g0 + self.lambda * w[0];
        g[1] = g1 + self.lambda * w[1];
    }
    fn hessian(&self, w: &[f64], h: &mut [f64]) {
        let (mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0);
        for (x, wt) in self.xs.iter().zip(&self.ws) {
            let (r, s1, s2) = self.point(w, *x);
            let x2 = x * x;
            h00 += wt * (s1[0] * s1[0] + r * s2[0]) * x2;
            h01 += wt * s1[0] * s1[1] * x2;
            h11 += wt * (s1[1] * s1[1] + r * s2[1]) * x2;
        }
        h[0] = h00 + self.lambda;
        h[1] = h01;
        h[2] = h01;
        h[3] = h11 + self.lambda;
    }
    fn cost(&self) -> f64 {
        self.xs.len() as f64
    }
    fn critical_points_cost(&self) -> f64 {
        // Newton's method (at most 60 iterations) from each start of the grid, then classification.
        let n = if self.xs.len() <= 400 { 7.0 } else { 5.0 };
        n * n * 61.0 * self.evaluate_cost()
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        self.critical
            .get_or_init(|| {
                // A 7×7 grid of Newton starts for the quadrature; fewer for large samples.
                let n = if self.xs.len() <= 400 { 7 } else { 5 };
                let found = newton_search(self, &grid_starts(self.view(), n));
                let f_min = found.iter().map(|p| self.value(p)).fold(f64::INFINITY, f64::min);
                found
                    .into_iter()
                    .map(|p| {
                        let c = classify(self, p, "");
                        let note = if c.kind == super::CriticalKind::Minimum {
                            if c.f <= f_min + 1e-9 {
                                "global"
                            } else {
                                "spurious"
                            }
                        } else {
                            ""
                        };
                        CriticalPoint { note, ..c }
                    })
                    .collect()
            })
            .clone()
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-1.5, 1.5, -1.5, 1.5)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.8, 0.65]
    }
    fn default_lr(&self) -> Option<f64> {
        Some(0.5)
    }
    fn slice(&self) -> Slice {
        Slice::coordinates(vec![0.0, 0.0], 0, 1, ["w₁", "w₂"])
    }
    fn components(&self) -> usize {
        if self.sampled {
            self.xs.len()
        } else {
            0
        }
    }
    fn component_gradient(&self, i: usize, w: &[f64], g: &mut [f64]) {
        self.sample_gradient(w, self.xs[i % self.xs.len()], g)
    }
}
