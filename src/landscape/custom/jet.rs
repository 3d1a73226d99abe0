//! Second-order forward-mode automatic differentiation: hyper-dual numbers ("jets") that carry a
//! value, its gradient and its Hessian through every operation, for d ≤ 3 variables.
//!
//! A jet of f at x is (f(x), ∇f(x), ∇²f(x)), the Hessian stored as its upper triangle (H = d(d+1)/2
//! entries, row by row). Sums, products and quotients follow the product rule to second order;
//! a function φ of one argument maps a jet a to (φ(a), φ′(a)∇a, φ′(a)∇²a + φ″(a)∇a∇aᵀ) (Griewank and
//! Walther 2008, *Evaluating Derivatives*, ch. 13). Values are computed exactly as the scalar
//! evaluation computes them, so f from a jet equals f from [`super::tape::Tape::value`] bit for bit.

/// (value, gradient, upper-triangular Hessian) of an expression at a point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Jet<const D: usize, const H: usize> {
    pub v: f64,
    pub g: [f64; D],
    pub h: [f64; H],
}

/// The (row, column) of each upper-triangular entry, row by row.
const fn pairs<const H: usize>() -> [(usize, usize); H] {
    let d = if H == 1 { 1 } else if H == 3 { 2 } else { 3 };
    let mut out = [(0, 0); H];
    let mut k = 0;
    let mut i = 0;
    while i < d {
        let mut j = i;
        while j < d {
            if k < H {
                out[k] = (i, j);
            }
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

impl<const D: usize, const H: usize> Jet<D, H> {
    const PAIRS: [(usize, usize); H] = pairs::<H>();
    pub const ZERO: Self = Jet { v: 0.0, g: [0.0; D], h: [0.0; H] };

    /// The constant c.
    #[inline(always)]
    pub fn constant(c: f64) -> Self {
        Jet { v: c, ..Self::ZERO }
    }

    /// The coordinate x_i with value `x`.
    #[inline(always)]
    pub fn variable(i: usize, x: f64) -> Self {
        let mut j = Self::constant(x);
        j.g[i] = 1.0;
        j
    }

    #[inline(always)]
    pub fn add(a: &Self, b: &Self) -> Self {
        let mut r = Self::constant(a.v + b.v);
        for i in 0..D {
            r.g[i] = a.g[i] + b.g[i];
        }
        for k in 0..H {
            r.h[k] = a.h[k] + b.h[k];
        }
        r
    }

    #[inline(always)]
    pub fn sub(a: &Self, b: &Self) -> Self {
        let mut r = Self::constant(a.v - b.v);
        for i in 0..D {
            r.g[i] = a.g[i] - b.g[i];
        }
        for k in 0..H {
            r.h[k] = a.h[k] - b.h[k];
        }
        r
    }

    /// a + c.
    #[inline(always)]
    pub fn add_const(a: &Self, c: f64) -> Self {
        Jet { v: a.v + c, ..*a }
    }

    /// c − a.
    #[inline(always)]
    pub fn const_sub(c: f64, a: &Self) -> Self {
        let mut r = Self::constant(c - a.v);
        for i in 0..D {
            r.g[i] = -a.g[i];
        }
        for k in 0..H {
            r.h[k] = -a.h[k];
        }
        r
    }

    /// −a.
    #[inline(always)]
    pub fn neg(a: &Self) -> Self {
        let mut r = Self::constant(-a.v);
        for i in 0..D {
            r.g[i] = -a.g[i];
        }
        for k in 0..H {
            r.h[k] = -a.h[k];
        }
        r
    }

    /// c·a.
    #[inline(always)]
    pub fn scale(a: &Self, c: f64) -> Self {
        let mut r = Self::constant(c * a.v);
        for i in 0..D {
            r.g[i] = c * a.g[i];
        }
        for k in 0..H {
            r.h[k] = c * a.h[k];
        }
        r
    }

    /// a / c.
    #[inline(always)]
    pub fn div_const(a: &Self, c: f64) -> Self {
        let mut r = Self::constant(a.v / c);
        for i in 0..D {
            r.g[i] = a.g[i] / c;
        }
        for k in 0..H {
            r.h[k] = a.h[k] / c;
        }
        r
    }

    /// a·b: ∇(ab) = a∇b + b∇a, ∇²(ab) = a∇²b + b∇²a + ∇a∇bᵀ + ∇b∇aᵀ.
    #[inline(always)]
    pub fn mul(a: &Self, b: &Self) -> Self {
        let mut r = Self::constant(a.v * b.v);
        for i in 0..D {
            r.g[i] = a.v * b.g[i] + b.v * a.g[i];
        }
        for k in 0..H {
            let (i, j) = Self::PAIRS[k];
            r.h[k] = a.v * b.h[k] + b.v * a.h[k] + (a.g[i] * b.g[j] + a.g[j] * b.g[i]);
        }
        r
    }

    /// a / b: with q = a/b, ∇q = (∇a − q∇b)/b and ∇²q = (∇²a − q∇²b − ∇q∇bᵀ − ∇b∇qᵀ)/b.
    #[inline(always)]
    pub fn div(a: &Self, b: &Self) -> Self {
        let q = a.v / b.v;
        let mut r = Self::constant(q);
        for i in 0..D {
            r.g[i] = (a.g[i] - q * b.g[i]) / b.v;
        }
        for k in 0..H {
            let (i, j) = Self::PAIRS[k];
            r.h[k] = (a.h[k] - q * b.h[k] - (r.g[i] * b.g[j] + b.g[i] * r.g[j])) / b.v;
        }
        r
    }

    /// φ(a) from φ(a.v) = `v`, φ′ = `d1`, φ″ = `d2`: ∇φ = φ′∇a, ∇²φ = φ′∇²a + φ″∇a∇aᵀ.
    #[inline(always)]
    pub fn chain(a: &Self, v: f64, d1: f64, d2: f64) -> Self {
        let mut r = Self::constant(v);
        for i in 0..D {
            r.g[i] = d1 * a.g[i];
        }
        for k in 0..H {
            let (i, j) = Self::PAIRS[k];
            r.h[k] = d1 * a.h[k] + d2 * (a.g[i] * a.g[j]);
        }
        r
    }

    /// Whether the value, gradient and Hessian are all finite.
    #[inline(always)]
    pub fn is_finite(&self) -> bool {
        let mut s = self.v;
        for i in 0..D {
            s += self.g[i] * 0.0;
        }
        for k in 0..H {
            s += self.h[k] * 0.0;
        }
        s.is_finite()
    }

    /// Writes ∇f into `g` and the full, symmetric ∇²f (row-major) into `hess`.
    #[inline(always)]
    pub fn write(&self, g: &mut [f64], hess: &mut [f64]) {
        g[..D].copy_from_slice(&self.g);
        for k in 0..H {
            let (i, j) = Self::PAIRS[k];
            hess[i * D + j] = self.h[k];
            hess[j * D + i] = self.h[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn product_rule_on_xy_squared() {
        // f = x·y² at (2, 3): f = 18, ∇f = (9, 12), ∇²f = [[0, 6], [6, 4]].
        let x = Jet::<2, 3>::variable(0, 2.0);
        let y = Jet::<2, 3>::variable(1, 3.0);
        let f = Jet::mul(&x, &Jet::mul(&y, &y));
        assert_eq!((f.v, f.g, f.h), (18.0, [9.0, 12.0], [0.0, 6.0, 4.0]));
        let q = Jet::div(&f, &x);
        assert_eq!((q.v, q.g, q.h), (9.0, [0.0, 6.0], [0.0, 0.0, 2.0]));
    }
}
