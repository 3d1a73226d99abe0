//! Per-step records of a run, columnar and bounded: when full, every other old record is dropped
//! and the stride doubles, so memory stays fixed however long the animation runs.

/// Columns of recorded steps (step t, point, f, ‖∇f‖, spectrum, index).
#[derive(Clone, Debug)]
pub struct Records {
    d: usize,
    /// Eigenvectors are kept for d ≤ 3.
    keep_vecs: bool,
    cap: usize,
    /// Only steps divisible by `stride` are kept.
    stride: u64,
    steps: Vec<u64>,
    points: Vec<f64>,
    loss: Vec<f64>,
    grad_norm: Vec<f64>,
    eigenvalues: Vec<f64>,
    eigenvectors: Vec<f64>,
    index: Vec<u32>,
    degenerate: Vec<u32>,
}

impl Records {
    /// Room for about `cap` records of dimension `d` (at least 256).
    pub fn new(d: usize, cap: usize) -> Self {
        let keep_vecs = d <= 3;
        let cap = cap.max(256) & !1;
        Records {
            d,
            keep_vecs,
            cap,
            stride: 1,
            steps: Vec::with_capacity(cap),
            points: Vec::with_capacity(cap * d),
            loss: Vec::with_capacity(cap),
            grad_norm: Vec::with_capacity(cap),
            eigenvalues: Vec::with_capacity(cap * d),
            eigenvectors: if keep_vecs { Vec::with_capacity(cap * d * d) } else { Vec::new() },
            index: Vec::with_capacity(cap),
            degenerate: Vec::with_capacity(cap),
        }
    }

    /// A default capacity: 16 384 records in 2D, fewer in high dimension (about 4 MB a run).
    pub fn default_capacity(d: usize) -> usize {
        (1usize << 19) / (d * d + 2 * d + 4).max(32)
    }

    /// Records step `t` unless the stride skips it. `force` keeps it regardless (the last step).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn push(&mut self, t: u64, x: &[f64], f: f64, gn: f64, vals: &[f64], vecs: &[f64], index: usize, degenerate: usize) {
        // The stride is a power of two: a mask, not a 64-bit division, on the hot path.
        if t & (self.stride - 1) != 0 {
            return;
        }
        if self.steps.len() == self.cap {
            self.decimate();
            if t & (self.stride - 1) != 0 {
                return;
            }
        }
        self.steps.push(t);
        self.points.extend_from_slice(x);
        self.loss.push(f);
        self.grad_norm.push(gn);
        self.eigenvalues.extend_from_slice(vals);
        if self.keep_vecs {
            self.eigenvectors.extend_from_slice(&vecs[..self.d * self.d]);
        }
        self.index.push(index as u32);
        self.degenerate.push(degenerate as u32);
    }

    /// Keeps the records whose step is divisible by twice the stride.
    fn decimate(&mut self) {
        let s2 = self.stride * 2;
        let d = self.d;
        let dd = d * d;
        let mut w = 0;
        for r in 0..self.steps.len() {
            if self.steps[r] & (s2 - 1) == 0 {
                self.steps[w] = self.steps[r];
                self.points.copy_within(r * d..(r + 1) * d, w * d);
                self.loss[w] = self.loss[r];
                self.grad_norm[w] = self.grad_norm[r];
                self.eigenvalues.copy_within(r * d..(r + 1) * d, w * d);
                if self.keep_vecs {
                    self.eigenvectors.copy_within(r * dd..(r + 1) * dd, w * dd);
                }
                self.index[w] = self.index[r];
                self.degenerate[w] = self.degenerate[r];
                w += 1;
            }
        }
        self.steps.truncate(w);
        self.points.truncate(w * d);
        self.loss.truncate(w);
        self.grad_norm.truncate(w);
        self.eigenvalues.truncate(w * d);
        if self.keep_vecs {
            self.eigenvectors.truncate(w * dd);
        }
        self.index.truncate(w);
        self.degenerate.truncate(w);
        self.stride = s2;
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
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
    pub fn step(&self, i: usize) -> u64 {
        self.steps[i]
    }
    pub fn point(&self, i: usize) -> &[f64] {
        &self.points[i * self.d..(i + 1) * self.d]
    }
    pub fn loss(&self, i: usize) -> f64 {
        self.loss[i]
    }
    pub fn grad_norm(&self, i: usize) -> f64 {
        self.grad_norm[i]
    }
    pub fn eigenvalues(&self, i: usize) -> &[f64] {
        &self.eigenvalues[i * self.d..(i + 1) * self.d]
    }
    /// Eigenvectors as columns (d ≤ 3 only; empty otherwise).
    pub fn eigenvectors(&self, i: usize) -> &[f64] {
        if self.keep_vecs {
            &self.eigenvectors[i * self.d * self.d..(i + 1) * self.d * self.d]
        } else {
            &[]
        }
    }
    pub fn index(&self, i: usize) -> usize {
        self.index[i] as usize
    }
    pub fn degenerate(&self, i: usize) -> usize {
        self.degenerate[i] as usize
    }
    /// Bytes held by the columns.
    pub fn bytes(&self) -> usize {
        8 * (self.steps.capacity() + self.points.capacity() + self.loss.capacity() + self.grad_norm.capacity())
            + 8 * (self.eigenvalues.capacity() + self.eigenvectors.capacity())
            + 4 * (self.index.capacity() + self.degenerate.capacity())
    }
}
