//! Seeded random draws used by landscapes and optimizers (docs/architecture.md, "Determinism").
//!
//! All randomness comes from a [`StdRng`] (ChaCha12) seeded from the scenario, which yields the same
//! stream on wasm32 and x86_64; Gaussians use Box–Muller through `libm`, so a seed means the same
//! trajectory in the browser and in the CLI.

use crate::numeric::math;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// Salts XOR-ed into the scenario's seed so that each use of randomness has its own stream: the
/// runs' generator takes the seed itself, everything else one of these.
pub mod salt {
    /// The default start of landscapes that draw it (chain's U[−1, 1]^d).
    pub const START: u64 = 0x57A2_7000;
    /// The offset of `start=saddle+r` on the sphere of radius r.
    pub const START_OFFSET: u64 = 0x57A2_70FF;
    /// relu's finite sample of inputs.
    pub const RELU_SAMPLES: u64 = 0x5EED_DA7A;
    /// finite-sum's offsets b_i.
    pub const FINITE_SUM: u64 = 0xF1_5E_5E;
    /// relu-ss's initial weights W₀.
    pub const RELU_SS_INIT: u64 = 0x55AF_5A11;
    /// The census's Newton starts.
    pub const CENSUS: u64 = 0xCE_5505;
}

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
    /// How many raw draws were taken: 0 means a run used no randomness at all, so every other
    /// seed would give the same run (statistics then run it once).
    draws: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { inner: StdRng::seed_from_u64(seed), spare: None, draws: 0 }
    }
    /// U[0, 1).
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        self.draws += 1;
        self.inner.random()
    }
    /// U(0, 1), never exactly 0.
    #[inline]
    pub fn uniform_open(&mut self) -> f64 {
        loop {
            self.draws += 1;
            let u: f64 = self.inner.random();
            if u > 0.0 {
                return u;
            }
        }
    }
    /// A fair coin.
    #[inline]
    pub fn coin(&mut self) -> bool {
        self.draws += 1;
        self.inner.random()
    }
    /// The number of raw draws taken so far.
    pub fn draws(&self) -> u64 {
        self.draws
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
    /// A point uniform on the sphere of radius `r` in ℝᵈ: r·z/‖z‖, z ~ N(0, I), into `out[..d]`.
    pub fn sphere(&mut self, d: usize, r: f64, out: &mut [f64]) {
        let mut n2 = 0.0;
        for o in out.iter_mut().take(d) {
            *o = self.gaussian();
            n2 += *o * *o;
        }
        let scale = if n2 > 0.0 { r / n2.sqrt() } else { 0.0 };
        for o in out.iter_mut().take(d) {
            *o *= scale;
        }
    }
    /// A point uniform in the ball of radius `r` in ℝᵈ: r·z/‖z‖·U^{1/d}, z ~ N(0, I)
    /// (docs/science.md §1, "Uniform sample in a ball"), written into `out[..d]`.
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
