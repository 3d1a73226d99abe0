//! Per-step records of a run, columnar and bounded: when full, every other old record is dropped
//! and the stride doubles, so memory stays fixed however long the animation runs.

/// Recorded steps (step t, f, ‖∇f‖, index, degenerate count, point, spectrum and, for d ≤ 3,
/// eigenvectors), one fixed-width row of f64 per step in a single buffer.
#[derive(Clone, Debug)]
pub struct Records {
    d: usize,
    /// Eigenvectors are kept for d ≤ 3.
    keep_vecs: bool,
    cap: usize,
    /// Only steps divisible by `stride` (a power of two) are kept.
    stride: u64,
    /// Values per row: 5 + 2d (+ d² with eigenvectors).
    width: usize,
    rows: Vec<f64>,
    /// Number of rows (kept so the hot path never divides by `width`).
    count: usize,
}

const T: usize = 0;
const F: usize = 1;
const GN: usize = 2;
const INDEX: usize = 3;
const DEGENERATE: usize = 4;
const X: usize = 5;

impl Records {
    /// Room for about `cap` records of dimension `d` (at least 256).
    pub fn new(d: usize, cap: usize) -> Self {
        let keep_vecs = d <= 3;
        let cap = cap.max(256) & !1;
        let width = X + 2 * d + if keep_vecs { d * d } else { 0 };
        // Room for every row is reserved up front and filled as records come (zeroing it at once
        // would touch every page: 4 MB a run at d = 1024, which in wasm is real work); `count`
        // says how many rows hold records.
        Records { d, keep_vecs, cap, stride: 1, width, rows: Vec::with_capacity(cap * width), count: 0 }
    }

    /// No room at all: for runs that record nothing (statistics).
    pub fn empty(d: usize) -> Self {
        Records { d, keep_vecs: d <= 3, cap: 0, stride: 1, width: X + 2 * d, rows: Vec::new(), count: 0 }
    }

    /// A default capacity: about 20 000 records in 2D (2 MB a run), fewer in high dimension.
    pub fn default_capacity(d: usize) -> usize {
        (1usize << 18) / (X + 2 * d + if d <= 3 { d * d } else { 0 })
    }

    /// Records step `t` unless the stride skips it.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub fn push(&mut self, t: u64, x: &[f64], f: f64, gn: f64, vals: &[f64], vecs: &[f64], index: usize, degenerate: usize) {
        // The stride is a power of two: a mask, not a 64-bit division, on the hot path.
        if t & (self.stride - 1) != 0 {
            return;
        }
        if self.count == self.cap {
            self.decimate();
            if t & (self.stride - 1) != 0 {
                return;
            }
        }
        let d = self.d;
        let start = self.count * self.width;
        if self.rows.len() < start + self.width {
            // Grow the filled part by doubling, within the reserved capacity (no reallocation).
            let want = (start + self.width).max(2 * self.rows.len()).min(self.cap * self.width);
            self.rows.resize(want, 0.0);
        }
        let row = &mut self.rows[start..start + self.width];
        row[T] = t as f64;
        row[F] = f;
        row[GN] = gn;
        row[INDEX] = index as f64;
        row[DEGENERATE] = degenerate as f64;
        if d == 2 {
            // The common case, written out.
            if let ([x0, x1, l0, l1, v0, v1, v2, v3], [a, b], [la, lb], [va, vb, vc, vd]) = (&mut row[X..], x, vals, &vecs[..4]) {
                (*x0, *x1, *l0, *l1) = (*a, *b, *la, *lb);
                (*v0, *v1, *v2, *v3) = (*va, *vb, *vc, *vd);
            }
        } else {
            row[X..X + d].copy_from_slice(&x[..d]);
            row[X + d..X + 2 * d].copy_from_slice(&vals[..d]);
            if self.keep_vecs {
                row[X + 2 * d..].copy_from_slice(&vecs[..d * d]);
            }
        }
        self.count += 1;
    }

    /// Keeps the records whose step is divisible by twice the stride.
    fn decimate(&mut self) {
        let s2 = self.stride * 2;
        let w = self.width;
        let mut kept = 0;
        for r in 0..self.count {
            if (self.rows[r * w + T] as u64) & (s2 - 1) == 0 {
                self.rows.copy_within(r * w..(r + 1) * w, kept * w);
                kept += 1;
            }
        }
        self.count = kept;
        self.stride = s2;
    }

    #[inline]
    fn row(&self, i: usize) -> &[f64] {
        &self.rows[i * self.width..(i + 1) * self.width]
    }

    pub fn len(&self) -> usize {
        self.count
    }
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    pub fn dim(&self) -> usize {
        self.d
    }
    pub fn stride(&self) -> u64 {
        self.stride
    }
    pub fn capacity(&self) -> usize {
        self.cap
    }
    /// The step of record i (steps up to 2⁵³ are exact in the f64 row).
    pub fn step(&self, i: usize) -> u64 {
        self.row(i)[T] as u64
    }
    pub fn point(&self, i: usize) -> &[f64] {
        &self.row(i)[X..X + self.d]
    }
    pub fn loss(&self, i: usize) -> f64 {
        self.row(i)[F]
    }
    pub fn grad_norm(&self, i: usize) -> f64 {
        self.row(i)[GN]
    }
    pub fn eigenvalues(&self, i: usize) -> &[f64] {
        &self.row(i)[X + self.d..X + 2 * self.d]
    }
    /// Eigenvectors as columns (d ≤ 3 only; empty otherwise).
    pub fn eigenvectors(&self, i: usize) -> &[f64] {
        if self.keep_vecs {
            &self.row(i)[X + 2 * self.d..]
        } else {
            &[]
        }
    }
    pub fn index(&self, i: usize) -> usize {
        self.row(i)[INDEX] as usize
    }
    pub fn degenerate(&self, i: usize) -> usize {
        self.row(i)[DEGENERATE] as usize
    }
    /// The last record at or before step `t` (records are in step order), if any.
    pub fn at_or_before(&self, t: u64) -> Option<usize> {
        if self.count == 0 || self.step(0) > t {
            return None;
        }
        let (mut lo, mut hi) = (0, self.count);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.step(mid) <= t {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
    }

    /// Bytes held by the records.
    pub fn bytes(&self) -> usize {
        8 * self.rows.capacity()
    }
}
