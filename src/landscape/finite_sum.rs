//! `finite-sum`: a finite sum with anisotropic noise, after Wang, Lin & Abernethy 2020, the setting
//! of correlated negative curvature (Daneshmand et al. 2018 [16]; docs/science.md §2
//! `finite-sum`).
//!
//! f(w) = (1/n)Σ_i(½wᵀHw + b_iᵀw + ‖w‖₁₀¹⁰), H = diag(1, −0.1), b_i ~ N(0, Σ_b) centred,
//! Σ_b = R_ψ diag(0.1, 0.001)R_ψᵀ. Since Σb_i = 0, f = ½wᵀHw + Σ_j w_j¹⁰, but one component's
//! gradient ∇f_i = Hw + b_i + 10w⁹ carries noise whose variance along the negative-curvature
//! direction e₂ is γ(ψ) = 0.1 sin²ψ + 0.001 cos²ψ.

use super::{classify, CriticalPoint, Landscape, LandscapeInfo, ParamSpec, Slice, ViewBox};
use crate::numeric::math;
use crate::numeric::random::Rng;

const PARAMS: &[ParamSpec] = &[
    ParamSpec::real("psi", 45.0, 0.0, 90.0, "angle ψ (degrees) of the noise: γ(ψ) = 0.1 sin²ψ + 0.001 cos²ψ"),
    ParamSpec::int("n", 10.0, 2.0, 1000.0, "number of components").restarts(),
];

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: "finite-sum",
    title: "Finite sum with correlated negative curvature",
    about: "f = (1/n)Σ(½wᵀHw + b_iᵀw + ‖w‖₁₀¹⁰) with H = diag(1, −0.1). The full gradient has a saddle at 0 and \
            the start lies exactly on its stable manifold, so GD never leaves. A single component's gradient \
            is noisy along a direction set by ψ: its variance along the escape direction, γ(ψ), is the \
            'correlated negative curvature' that lets SGD and CNC escape without any isotropic noise \
            (Daneshmand et al. 2018; after Wang, Lin & Abernethy 2020).",
    params: PARAMS,
    curvature: Some("psi"),
    build: |p, seed| {
        Ok(Box::new(FiniteSum::new(p.value(PARAMS, "psi") * math::PI / 180.0, p.value(PARAMS, "n") as usize, seed)))
    },
};

pub struct FiniteSum {
    pub psi: f64,
    /// The centred b_i, two coordinates each.
    pub b: Vec<[f64; 2]>,
}

impl FiniteSum {
    pub fn new(psi: f64, n: usize, seed: u64) -> Self {
        let mut rng = crate::numeric::random::rng(seed ^ crate::numeric::random::salt::FINITE_SUM);
        let (c, s) = (math::cos(psi), math::sin(psi));
        let (s1, s2) = (0.1f64.sqrt(), 0.001f64.sqrt());
        let mut b: Vec<[f64; 2]> = (0..n)
            .map(|_| {
                let z1 = s1 * crate::numeric::random::gaussian(&mut rng);
                let z2 = s2 * crate::numeric::random::gaussian(&mut rng);
                [c * z1 - s * z2, s * z1 + c * z2]
            })
            .collect();
        let m0 = b.iter().map(|v| v[0]).sum::<f64>() / n as f64;
        let m1 = b.iter().map(|v| v[1]).sum::<f64>() / n as f64;
        b.iter_mut().for_each(|v| {
            v[0] -= m0;
            v[1] -= m1;
        });
        FiniteSum { psi, b }
    }
    /// γ(ψ) = 0.1 sin²ψ + 0.001 cos²ψ, the noise variance along the negative curvature.
    pub fn cnc_gamma(&self) -> f64 {
        let (c, s) = (math::cos(self.psi), math::sin(self.psi));
        0.1 * s * s + 0.001 * c * c
    }
}

fn p9(v: f64) -> f64 {
    let v2 = v * v;
    let v4 = v2 * v2;
    v4 * v4 * v
}

impl Landscape for FiniteSum {
    fn depends_on_seed(&self) -> bool {
        true
    }
    fn id(&self) -> &'static str {
        "finite-sum"
    }
    fn dim(&self) -> usize {
        2
    }
    fn value(&self, w: &[f64]) -> f64 {
        0.5 * (w[0] * w[0] - 0.1 * w[1] * w[1]) + p9(w[0]) * w[0] + p9(w[1]) * w[1]
    }
    fn gradient(&self, w: &[f64], g: &mut [f64]) {
        g[0] = w[0] + 10.0 * p9(w[0]);
        g[1] = -0.1 * w[1] + 10.0 * p9(w[1]);
    }
    fn hessian(&self, w: &[f64], h: &mut [f64]) {
        let e = |v: f64| {
            let v2 = v * v;
            let v4 = v2 * v2;
            90.0 * v4 * v4
        };
        h[0] = 1.0 + e(w[0]);
        h[1] = 0.0;
        h[2] = 0.0;
        h[3] = -0.1 + e(w[1]);
    }
    fn critical_points(&self) -> Vec<CriticalPoint> {
        // w₁ = 0 and w₂ = 0 or w₂⁸ = 0.01.
        let y = math::powf(0.01, 0.125);
        vec![classify(self, vec![0.0, 0.0], ""), classify(self, vec![0.0, y], "global"), classify(self, vec![0.0, -y], "global")]
    }
    fn view(&self) -> ViewBox {
        ViewBox::new(-1.0, 1.0, -1.0, 1.0)
    }
    fn start(&self, _rng: &mut Rng) -> Vec<f64> {
        vec![0.8, 0.0]
    }
    fn slice(&self) -> Slice {
        Slice::coordinates(vec![0.0, 0.0], 0, 1, ["w₁", "w₂"])
    }
    fn components(&self) -> usize {
        self.b.len()
    }
    fn component_gradient(&self, i: usize, w: &[f64], g: &mut [f64]) {
        self.gradient(w, g);
        let b = self.b[i % self.b.len()];
        g[0] += b[0];
        g[1] += b[1];
    }
}
