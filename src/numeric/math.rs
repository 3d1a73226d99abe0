//! Transcendental functions used by the math core.
//!
//! Every `exp`, `ln`, `sin`, ... in `landscape/`, `optim/`, `analysis/` goes through this module so
//! that the browser (wasm32) and the native CLI evaluate the same `libm` code and a shared link
//! reproduces its author's trajectory bit for bit (docs/architecture.md, "Determinism"). `sqrt` is
//! correctly rounded by IEEE 754 on both targets and is used directly.

#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}
#[inline]
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}
#[inline]
pub fn acos(x: f64) -> f64 {
    libm::acos(x.clamp(-1.0, 1.0))
}
#[inline]
pub fn atan2(y: f64, x: f64) -> f64 {
    libm::atan2(y, x)
}
/// log₁₀ x, the same bits on every target (drawing decides tick labels with it).
#[inline]
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}
#[inline]
pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}
#[inline]
pub fn powi(x: f64, n: i32) -> f64 {
    // Repeated multiplication: identical on every target (std's powi is an LLVM intrinsic).
    let mut r = 1.0;
    let mut b = x;
    let mut e = n.unsigned_abs();
    while e > 0 {
        if e & 1 == 1 {
            r *= b;
        }
        b *= b;
        e >>= 1;
    }
    if n < 0 {
        1.0 / r
    } else {
        r
    }
}
#[inline]
pub fn tan(x: f64) -> f64 {
    libm::tan(x)
}
#[inline]
pub fn tanh(x: f64) -> f64 {
    libm::tanh(x)
}
#[inline]
pub fn sinh(x: f64) -> f64 {
    libm::sinh(x)
}
#[inline]
pub fn cosh(x: f64) -> f64 {
    libm::cosh(x)
}
#[inline]
pub fn cbrt(x: f64) -> f64 {
    libm::cbrt(x)
}

/// Euclidean norm ‖x‖₂.
#[inline]
pub fn norm(x: &[f64]) -> f64 {
    dot(x, x).sqrt()
}

/// xᵀy.
#[inline]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// ‖x − y‖₂.
#[inline]
pub fn dist(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt()
}

/// Logistic sigmoid 1/(1 + e^{−z}), stable for large |z|.
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp(-z))
    } else {
        let e = exp(z);
        e / (1.0 + e)
    }
}

/// Softplus ln(1 + e^z), stable for large |z|.
#[inline]
pub fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + ln_1p(exp(-z))
    } else {
        ln_1p(exp(z))
    }
}

pub const PI: f64 = std::f64::consts::PI;
pub const LN_10: f64 = std::f64::consts::LN_10;
pub const E: f64 = std::f64::consts::E;
