//! Polylines clipped to a rectangle and cut into dashes, in pixels: a trajectory never draws over
//! the axes, and each run has its own dash pattern.

/// A rectangle in pixels: `[x0, x1] × [y0, y1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PixelRect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl PixelRect {
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
}

/// The part of segment a–b inside `r` (Liang–Barsky), if any.
pub fn segment(a: (f64, f64), b: (f64, f64), r: &PixelRect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - r.x0), (dx, r.x1 - a.0), (-dy, a.1 - r.y0), (dy, r.y1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some(((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy)))
}

/// The pieces of a polyline inside `r`, each a polyline of its own.
pub fn polyline(pts: &[(f64, f64)], r: &PixelRect) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    if pts.len() == 1 && r.contains(pts[0]) {
        return vec![pts.to_vec()];
    }
    for w in pts.windows(2) {
        match segment(w[0], w[1], r) {
            Some((a, b)) => {
                if cur.last() != Some(&a) {
                    if cur.len() >= 2 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                    cur.push(a);
                }
                cur.push(b);
                if b != w[1] {
                    out.push(std::mem::take(&mut cur));
                }
            }
            None => {
                if cur.len() >= 2 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() >= 2 {
        out.push(cur);
    }
    out
}

/// A polyline cut into dashes of `dash` pixels separated by gaps of `gap` (solid when either is 0);
/// the pattern continues across vertices.
pub fn dashes(pts: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    if dash <= 0.0 || gap <= 0.0 || pts.len() < 2 {
        return vec![pts.to_vec()];
    }
    let mut out = Vec::new();
    let mut cur = vec![pts[0]];
    let mut on = true;
    let mut left = dash;
    for w in pts.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        while len > 0.0 {
            let step = left.min(len);
            let t = step / len;
            let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if on {
                cur.push(p);
            }
            len -= step;
            left -= step;
            a = p;
            if left <= 1e-9 {
                if on {
                    out.push(std::mem::take(&mut cur));
                } else {
                    cur = vec![p];
                }
                on = !on;
                left = if on { dash } else { gap };
            }
        }
    }
    if on && cur.len() >= 2 {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polyline_leaving_and_reentering_the_rectangle_splits_into_pieces_inside() {
        let r = PixelRect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        let pieces = polyline(&[(1.0, 1.0), (5.0, 5.0), (20.0, 5.0), (20.0, 8.0), (5.0, 8.0)], &r);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        for p in pieces.iter().flatten() {
            assert!(r.contains(*p), "{p:?}");
        }
        assert_eq!(pieces[0].last(), Some(&(10.0, 5.0)));
        assert_eq!(pieces[1][0], (10.0, 8.0));
        assert!(polyline(&[(-5.0, -5.0), (-1.0, 20.0)], &r).is_empty());
    }

    #[test]
    fn dashes_alternate_with_gaps_along_the_whole_length() {
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)], 4.0, 2.0);
        let total: f64 = d.iter().map(|p| p.windows(2).map(|w| (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs()).sum::<f64>()).sum();
        // 20 px of path: dash 4, gap 2, … → 4 + 4 + 4 + 2 (the last dash cut short) = 14 px drawn.
        assert!((total - 14.0).abs() < 1e-9, "{total} {d:?}");
        assert_eq!(dashes(&[(0.0, 0.0), (1.0, 0.0)], 0.0, 0.0).len(), 1);
    }
}
