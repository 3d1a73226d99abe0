//! Seeded random draws used by landscapes and optimizers (SCIENCE.md §1).
//!
//! All randomness comes from a [`StdRng`] (ChaCha12) seeded from the scenario, which yields the same
//! stream on wasm32 and x86_64; Gaussians use Box–Muller through `libm`, so a seed means the same
//! trajectory in the browser and in the CLI.

use crate::math;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// The generator for `seed`.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// U(0, 1), never exactly 0.
#[inline]
pub fn uniform_open(rng: &mut StdRng) -> f64 {
    loop {
        let u: f64 = rng.random();
        if u > 0.0 {
            return u;
        }
    }
}

/// One N(0, 1) draw (Box–Muller, one of the pair).
#[inline]
pub fn gaussian(rng: &mut StdRng) -> f64 {
    let u1 = uniform_open(rng);
    let u2: f64 = rng.random();
    (-2.0 * math::ln(u1)).sqrt() * math::cos(2.0 * math::PI * u2)
}

/// A point uniform in the ball of radius `r` in ℝᵈ: r·z/‖z‖·U^{1/d}, z ~ N(0, I) (SCIENCE.md §1).
pub fn ball(rng: &mut StdRng, d: usize, r: f64, out: &mut [f64]) {
    let mut n2 = 0.0;
    for o in out.iter_mut().take(d) {
        *o = gaussian(rng);
        n2 += *o * *o;
    }
    let n = n2.sqrt();
    let scale = if n > 0.0 { r * math::powf(uniform_open(rng), 1.0 / d as f64) / n } else { 0.0 };
    for o in out.iter_mut().take(d) {
        *o *= scale;
    }
}

/// A seed from the operating system (or the browser's crypto), for scenarios that name none.
pub fn fresh_seed() -> u64 {
    let mut b = [0u8; 8];
    match getrandom::fill(&mut b) {
        Ok(()) => u64::from_le_bytes(b) % 1_000_000_000,
        Err(_) => 42,
    }
}
