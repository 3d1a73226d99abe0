//! The landscape as an RGBA raster with contour lines, computed once per knob or view change.
//!
//! f is evaluated on a coarse grid through the slice (cheap landscapes finely, the ReLU nets
//! coarsely), bilinearly interpolated to every pixel, mapped through a log-like transform so the
//! structure near minima stays visible, and darkened where it crosses one of the contour levels.

use super::colormap;
use crate::landscape::{Landscape, Slice, ViewBox};

/// f over a view, with its colours.
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// RGBA, row-major from the top-left pixel.
    pub rgba: Vec<u8>,
    /// The lowest and highest finite f on the grid.
    pub f_lo: f64,
    pub f_hi: f64,
    /// The coarse grid of f (row 0 at the top), `grid × grid`.
    pub grid: usize,
    pub values: Vec<f64>,
    pub view: ViewBox,
}

/// Grid points per side for a raster computed where the reader waits (the page's main thread):
/// 200 for closed forms, fewer as an evaluation costs more (about 2e5 closed-form evaluations'
/// worth in all, some 15 ms on `relu`), never below 6. A costly landscape's finer grid comes from
/// the worker pool ([`fine_grid_size`]).
pub fn grid_size(l: &dyn Landscape) -> usize {
    grid_for_budget(l, 2e5, 6)
}

/// Grid points per side of the finer raster a worker computes for a costly landscape (100 times
/// the budget), and of figures made offline; never below 24.
pub fn fine_grid_size(l: &dyn Landscape) -> usize {
    grid_for_budget(l, 8e7, 24)
}

fn grid_for_budget(l: &dyn Landscape, budget: f64, floor: usize) -> usize {
    let by_cost = (budget / (l.cost() * l.dim().max(2) as f64 / 2.0)).sqrt();
    (by_cost as usize).clamp(floor, 200)
}

/// The transform of f to [0, 1] that spreads the low values: ln(1 + (f − lo)/s)/ln(1 + (hi − lo)/s)
/// with s the median excess.
pub struct Scale {
    lo: f64,
    s: f64,
    norm: f64,
}

impl Scale {
    pub fn new(values: &[f64]) -> Scale {
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.is_empty() {
            return Scale { lo: 0.0, s: 1.0, norm: 1.0 };
        }
        crate::numeric::sort::sort_f64(&mut finite);
        let lo = finite[0];
        let hi = finite[finite.len() - 1];
        let med = finite[finite.len() / 3] - lo;
        let s = med.max((hi - lo) * 1e-6).max(1e-300);
        let norm = crate::numeric::math::ln_1p((hi - lo) / s).max(1e-300);
        Scale { lo, s, norm }
    }
    #[inline]
    pub fn apply(&self, f: f64) -> f64 {
        crate::numeric::math::ln_1p(((f - self.lo) / self.s).max(0.0)) / self.norm
    }
}

impl Raster {
    /// Evaluates `l` on the plane `slice` over `view` (slice coordinates) on its main-thread grid
    /// and colours a `width × height` raster.
    pub fn compute(l: &dyn Landscape, slice: &Slice, view: ViewBox, width: usize, height: usize, contours: usize) -> Raster {
        let n = grid_size(l);
        Raster::from_values(grid_values(l, slice, view, n), n, view, width, height, contours)
    }

    /// Colours a `width × height` raster from f on an `n × n` grid (row 0 at the top).
    pub fn from_values(values: Vec<f64>, n: usize, view: ViewBox, width: usize, height: usize, contours: usize) -> Raster {
        let mut raster = Raster { width, height, rgba: vec![0; width * height * 4], f_lo: 0.0, f_hi: 0.0, grid: n, values, view };
        raster.colour(contours);
        raster
    }
}

/// f on an `n × n` grid over `view` through `slice`, row 0 at the top (NaN outside the domain).
pub fn grid_values(l: &dyn Landscape, slice: &Slice, view: ViewBox, n: usize) -> Vec<f64> {
    {
        let n = n.max(2);
        let d = l.dim();
        let mut x = vec![0.0; d];
        let mut values = vec![f64::NAN; n * n];
        for r in 0..n {
            let t = view.y1 - (r as f64 / (n - 1) as f64) * view.height();
            for c in 0..n {
                let s = view.x0 + (c as f64 / (n - 1) as f64) * view.width();
                slice.lift(s, t, &mut x);
                if l.in_domain(&x) {
                    let f = l.value(&x);
                    if f.is_finite() {
                        values[r * n + c] = f;
                    }
                }
            }
        }
        values
    }
}

impl Raster {

    fn colour(&mut self, contours: usize) {
        let scale = Scale::new(&self.values);
        let finite = self.values.iter().copied().filter(|v| v.is_finite());
        self.f_lo = finite.clone().fold(f64::INFINITY, f64::min);
        self.f_hi = finite.fold(f64::NEG_INFINITY, f64::max);
        let (w, h, n) = (self.width, self.height, self.grid);
        // Transform the grid once (n² logarithms, not one per pixel), then interpolate.
        let grid_t: Vec<f64> = self.values.iter().map(|&f| if f.is_finite() { scale.apply(f) } else { f64::NAN }).collect();
        let levels = contours.max(1) as f64;
        // Per pixel: the transformed value's band (for contours) and its colour.
        let mut band = vec![i32::MIN; w * h];
        let sx = (n - 1) as f64 / w as f64;
        let sy = (n - 1) as f64 / h as f64;
        for py in 0..h {
            let gy = (py as f64 + 0.5) * sy;
            let y0 = (gy as usize).min(n - 2);
            let fy = gy - y0 as f64;
            for px in 0..w {
                let gx = (px as f64 + 0.5) * sx;
                let x0 = (gx as usize).min(n - 2);
                let fx = gx - x0 as f64;
                let r0 = y0 * n + x0;
                let r1 = r0 + n;
                let a = grid_t[r0] + (grid_t[r0 + 1] - grid_t[r0]) * fx;
                let b = grid_t[r1] + (grid_t[r1 + 1] - grid_t[r1]) * fx;
                let t = a + (b - a) * fy;
                let i = py * w + px;
                let c = if t.is_finite() {
                    band[i] = (t * levels) as i32;
                    colormap::landscape(t)
                } else {
                    colormap::outside(px, py)
                };
                self.rgba[i * 4] = c[0];
                self.rgba[i * 4 + 1] = c[1];
                self.rgba[i * 4 + 2] = c[2];
                self.rgba[i * 4 + 3] = 255;
            }
        }
        if contours == 0 {
            return;
        }
        // Darken where the band changes to the right or below: the contour lines.
        for py in 0..h {
            for px in 0..w {
                let i = py * w + px;
                let b = band[i];
                if b == i32::MIN {
                    continue;
                }
                let right = px + 1 < w && band[i + 1] != i32::MIN && band[i + 1] != b;
                let down = py + 1 < h && band[i + w] != i32::MIN && band[i + w] != b;
                if right || down {
                    for k in 0..3 {
                        self.rgba[i * 4 + k] = (self.rgba[i * 4 + k] as u16 * 5 / 8) as u8;
                    }
                }
            }
        }
    }
}
