//! The elementary functions an expression may call, each with its value and its first and second
//! derivatives. Every transcendental goes through `numeric::math` (libm), so wasm and native give
//! the same bits; `sqrt` is correctly rounded by IEEE 754 on both.

use crate::numeric::math;

/// A function of one argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fn1 {
    Sqrt,
    Exp,
    Ln,
    Sin,
    Cos,
    Tan,
    Tanh,
    Sinh,
    Cosh,
    Abs,
    Softplus,
    Relu,
}

/// Names of the one-argument functions (`log` is `ln`), and of the two-argument ones.
pub const NAMES1: &[(&str, Fn1)] = &[
    ("sqrt", Fn1::Sqrt),
    ("exp", Fn1::Exp),
    ("ln", Fn1::Ln),
    ("log", Fn1::Ln),
    ("sin", Fn1::Sin),
    ("cos", Fn1::Cos),
    ("tan", Fn1::Tan),
    ("tanh", Fn1::Tanh),
    ("sinh", Fn1::Sinh),
    ("cosh", Fn1::Cosh),
    ("abs", Fn1::Abs),
    ("softplus", Fn1::Softplus),
    ("relu", Fn1::Relu),
];
pub const NAMES2: &[&str] = &["min", "max"];

impl Fn1 {
    pub fn lookup(name: &str) -> Option<Fn1> {
        NAMES1.iter().find(|(n, _)| *n == name).map(|e| e.1)
    }

    /// Whether the function has a kink (a point where it is not twice differentiable).
    pub fn has_kink(self) -> bool {
        matches!(self, Fn1::Abs | Fn1::Relu)
    }

    /// φ(a).
    #[inline]
    pub fn value(self, a: f64) -> f64 {
        match self {
            Fn1::Sqrt => a.sqrt(),
            Fn1::Exp => math::exp(a),
            Fn1::Ln => math::ln(a),
            Fn1::Sin => math::sin(a),
            Fn1::Cos => math::cos(a),
            Fn1::Tan => math::tan(a),
            Fn1::Tanh => math::tanh(a),
            Fn1::Sinh => math::sinh(a),
            Fn1::Cosh => math::cosh(a),
            Fn1::Abs => a.abs(),
            Fn1::Softplus => math::softplus(a),
            Fn1::Relu => relu(a),
        }
    }

    /// (φ(a), φ′(a), φ″(a)); the value is bit for bit [`Fn1::value`]. At a kink (abs and relu at 0)
    /// the derivatives are those of the right-hand piece for relu's φ″ and 0 for the slopes.
    #[inline]
    pub fn derivatives(self, a: f64) -> (f64, f64, f64) {
        let v = self.value(a);
        match self {
            Fn1::Sqrt => {
                let d1 = 0.5 / v;
                (v, d1, -0.5 * d1 / a)
            }
            Fn1::Exp => (v, v, v),
            Fn1::Ln => {
                let r = 1.0 / a;
                (v, r, -r * r)
            }
            Fn1::Sin => (v, math::cos(a), -v),
            Fn1::Cos => (v, -math::sin(a), -v),
            Fn1::Tan => {
                let d1 = 1.0 + v * v;
                (v, d1, 2.0 * v * d1)
            }
            Fn1::Tanh => {
                let d1 = 1.0 - v * v;
                (v, d1, -2.0 * v * d1)
            }
            Fn1::Sinh => (v, math::cosh(a), v),
            Fn1::Cosh => (v, math::sinh(a), v),
            Fn1::Abs => (v, if a > 0.0 { 1.0 } else if a < 0.0 { -1.0 } else { a * 0.0 }, a * 0.0),
            Fn1::Softplus => {
                let s = math::sigmoid(a);
                (v, s, s * (1.0 - s))
            }
            Fn1::Relu => (v, if a > 0.0 { 1.0 } else { a * 0.0 }, a * 0.0),
        }
    }
}

/// max(a, 0); NaN stays NaN (a point outside the domain of `a` stays outside).
#[inline]
pub fn relu(a: f64) -> f64 {
    if a > 0.0 {
        a
    } else if a <= 0.0 {
        0.0
    } else {
        a
    }
}

/// The smaller of a and b (a on a tie); NaN if either is NaN.
#[inline]
pub fn min(a: f64, b: f64) -> f64 {
    if a <= b {
        a
    } else if a > b {
        b
    } else {
        f64::NAN
    }
}

/// The larger of a and b (a on a tie); NaN if either is NaN.
#[inline]
pub fn max(a: f64, b: f64) -> f64 {
    if a >= b {
        a
    } else if a < b {
        b
    } else {
        f64::NAN
    }
}
