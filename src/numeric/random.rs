//! Seeded random draws used by landscapes and optimizers (SCIENCE.md §1).
//!
//! All randomness comes from a [`StdRng`] (ChaCha12) seeded from the scenario, which yields the same
//! stream on wasm32 and x86_64; Gaussians use Box–Muller through `libm`, so a seed means the same
//! trajectory in the browser and in the CLI.

use crate::numeric::math;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// A plain seeded generator (for data: samples, starts in tests).
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// The run's generator: ChaCha12 from the seed; normals come in pairs from Marsaglia's polar
/// method (one logarithm, no sine or cosine) and the second is kept for the next draw. Same
/// stream on every target.
#[derive(Debug)]
pub struct Rng {
    inner: StdRng,
    spare: Option<f64>,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { inner: StdRng::seed_from_u64(seed), spare: None }
    }
    /// U[0, 1).
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        self.inner.random()
    }
    /// U(0, 1), never exactly 0.
    #[inline]
    pub fn uniform_open(&mut self) -> f64 {
        loop {
            let u: f64 = self.inner.random();
            if u > 0.0 {
                return u;
            }
        }
    }
    /// A fair coin.
    #[inline]
    pub fn coin(&mut self) -> bool {
        self.inner.random()
    }
    /// One N(0, 1) draw (Marsaglia's polar method, both of the pair used in turn).
    #[inline]
    pub fn gaussian(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let k = (-2.0 * math::ln(s) / s).sqrt();
                self.spare = Some(v * k);
                return u * k;
            }
        }
    }
    /// A point uniform in the ball of radius `r` in ℝᵈ: r·z/‖z‖·U^{1/d}, z ~ N(0, I)
    /// (SCIENCE.md §1), written into `out[..d]`.
    pub fn ball(&mut self, d: usize, r: f64, out: &mut [f64]) {
        let mut n2 = 0.0;
        for o in out.iter_mut().take(d) {
            *o = self.gaussian();
            n2 += *o * *o;
        }
        let n = n2.sqrt();
        let scale = if n > 0.0 { r * math::powf(self.uniform_open(), 1.0 / d as f64) / n } else { 0.0 };
        for o in out.iter_mut().take(d) {
            *o *= scale;
        }
    }
}

/// One N(0, 1) draw from a plain generator (landscape data).
pub fn gaussian(rng: &mut StdRng) -> f64 {
    let mut u1: f64 = rng.random();
    while u1 <= 0.0 {
        u1 = rng.random();
    }
    let u2: f64 = rng.random();
    (-2.0 * math::ln(u1)).sqrt() * math::cos(2.0 * math::PI * u2)
}

/// A seed from the operating system (or the browser's crypto), for scenarios that name none.
pub fn fresh_seed() -> u64 {
    let mut b = [0u8; 8];
    match getrandom::fill(&mut b) {
        Ok(()) => u64::from_le_bytes(b) % 1_000_000_000,
        Err(_) => 42,
    }
}
