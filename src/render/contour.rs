//! Contour lines and filled bands of a grid of values by marching squares, for vector figures.
//!
//! Each cell of the grid is classified by which of its four corners lie at or above the level;
//! the level line crosses the cell's edges where linear interpolation between two corners meets
//! the level, so the lines are smooth polylines, not the cell outlines (the ambiguous saddle cells
//! are resolved by the cell's mean). Segments are joined into polylines through the edges they
//! share. [`superlevel_loops`] pads the grid with a ring below every level, so that every line
//! closes along the border: the closed loops of one level, filled with the even-odd rule, are
//! exactly the region where the value is at or above it.

/// A polyline in grid coordinates (x = column, y = row, both fractional), and whether it closes.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub points: Vec<(f64, f64)>,
    pub closed: bool,
}

const NONE: u32 = u32::MAX;

/// The level lines of `values` (`cols × rows`, row-major, row 0 first) at `level`. A corner is
/// "in" when its value is at or above the level; NaN is never in.
pub fn lines(values: &[f64], cols: usize, rows: usize, level: f64) -> Vec<Line> {
    if cols < 2 || rows < 2 || values.len() < cols * rows {
        return Vec::new();
    }
    let at = |r: usize, c: usize| values[r * cols + c];
    let inside = |v: f64| v >= level;
    // Edge ids: horizontal edge (r, c)–(r, c+1) is r·(cols−1) + c; vertical edge (r, c)–(r+1, c)
    // is H + r·cols + c.
    let h_count = rows * (cols - 1);
    let edge_h = |r: usize, c: usize| (r * (cols - 1) + c) as u32;
    let edge_v = |r: usize, c: usize| (h_count + r * cols + c) as u32;
    let point_on = |e: u32| -> (f64, f64) {
        let e = e as usize;
        let ((r0, c0), (r1, c1)) = if e < h_count {
            let (r, c) = (e / (cols - 1), e % (cols - 1));
            ((r, c), (r, c + 1))
        } else {
            let e = e - h_count;
            let (r, c) = (e / cols, e % cols);
            ((r, c), (r + 1, c))
        };
        let (a, b) = (at(r0, c0), at(r1, c1));
        let t = if !a.is_finite() {
            1.0
        } else if !b.is_finite() {
            0.0
        } else if b == a {
            0.5
        } else {
            ((level - a) / (b - a)).clamp(0.0, 1.0)
        };
        (c0 as f64 + t * (c1 as f64 - c0 as f64), r0 as f64 + t * (r1 as f64 - r0 as f64))
    };
    let mut segments: Vec<[u32; 2]> = Vec::new();
    for r in 0..rows - 1 {
        for c in 0..cols - 1 {
            let (tl, tr, br, bl) = (at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c));
            let case = (inside(tl) as u8) << 3 | (inside(tr) as u8) << 2 | (inside(br) as u8) << 1 | inside(bl) as u8;
            let (top, right, bottom, left) = (edge_h(r, c), edge_v(r, c + 1), edge_h(r + 1, c), edge_v(r, c));
            let mut seg = |a: u32, b: u32| segments.push([a, b]);
            match case {
                0 | 15 => {}
                1 | 14 => seg(left, bottom),
                2 | 13 => seg(bottom, right),
                3 | 12 => seg(left, right),
                4 | 11 => seg(top, right),
                6 | 9 => seg(top, bottom),
                7 | 8 => seg(left, top),
                5 | 10 => {
                    // Two opposite corners in: the cell's mean decides whether they connect.
                    let mean = (tl + tr + br + bl) / 4.0;
                    let centre_in = mean.is_finite() && mean >= level;
                    // case 5: tr and bl in; case 10: tl and br in.
                    if (case == 5) == centre_in {
                        seg(left, top);
                        seg(bottom, right);
                    } else {
                        seg(top, right);
                        seg(left, bottom);
                    }
                }
                _ => unreachable!(),
            }
        }
    }
    join(&segments, h_count + rows * cols, &point_on)
}

/// Joins segments (pairs of edge ids) into polylines through their shared edges.
fn join(segments: &[[u32; 2]], edges: usize, point_on: &dyn Fn(u32) -> (f64, f64)) -> Vec<Line> {
    // Each edge is crossed once per level, so it ends at most two segments.
    let mut ends: Vec<[u32; 2]> = vec![[NONE, NONE]; edges];
    for (i, s) in segments.iter().enumerate() {
        for &e in s {
            let slot = &mut ends[e as usize];
            if slot[0] == NONE {
                slot[0] = i as u32;
            } else {
                slot[1] = i as u32;
            }
        }
    }
    let mut used = vec![false; segments.len()];
    let mut out = Vec::new();
    // Open lines start at an edge with one segment (the border); the rest are loops.
    let degree_one: Vec<usize> = (0..segments.len()).filter(|&i| segments[i].iter().any(|&e| ends[e as usize][1] == NONE)).collect();
    let walk = |start: usize, used: &mut Vec<bool>| {
        let s = segments[start];
        // Begin at the end whose edge has no other segment, if any.
        let (mut from, mut to) = if ends[s[0] as usize][1] == NONE { (s[0], s[1]) } else { (s[1], s[0]) };
        let mut points = vec![point_on(from), point_on(to)];
        used[start] = true;
        let first = from;
        let mut closed = false;
        loop {
            let [a, b] = ends[to as usize];
            let next = if a != NONE && !used[a as usize] {
                a
            } else if b != NONE && !used[b as usize] {
                b
            } else {
                break;
            };
            used[next as usize] = true;
            let n = segments[next as usize];
            from = to;
            to = if n[0] == from { n[1] } else { n[0] };
            if to == first {
                closed = true;
                break;
            }
            points.push(point_on(to));
        }
        Line { points, closed }
    };
    for i in degree_one {
        if !used[i] {
            out.push(walk(i, &mut used));
        }
    }
    for i in 0..segments.len() {
        if !used[i] {
            out.push(walk(i, &mut used));
        }
    }
    out
}

/// The closed loops bounding the region where `values ≥ level`, the grid padded with a ring
/// below every level so that they close along the border (where they follow the border exactly).
/// Filled together with the even-odd rule they cover exactly that region.
pub fn superlevel_loops(values: &[f64], cols: usize, rows: usize, level: f64) -> Vec<Line> {
    let (pc, pr) = (cols + 2, rows + 2);
    let mut padded = vec![f64::NEG_INFINITY; pc * pr];
    for r in 0..rows {
        padded[(r + 1) * pc + 1..(r + 1) * pc + 1 + cols].copy_from_slice(&values[r * cols..(r + 1) * cols]);
    }
    // NaN (outside a domain) counts as below every level, like the ring.
    for v in padded.iter_mut() {
        if v.is_nan() {
            *v = f64::NEG_INFINITY;
        }
    }
    let mut loops = lines(&padded, pc, pr, level);
    for l in &mut loops {
        for p in &mut l.points {
            *p = ((p.0 - 1.0).clamp(0.0, (cols - 1) as f64), (p.1 - 1.0).clamp(0.0, (rows - 1) as f64));
        }
        l.points.dedup();
    }
    loops
}

/// Douglas–Peucker: the fewest of `points` that keep the polyline within `tolerance` of itself.
pub fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (p, q) = (points[a], points[b]);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt();
        let mut worst = (0.0, a);
        for (i, r) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = if len < 1e-12 {
                ((r.0 - p.0).powi(2) + (r.1 - p.1).powi(2)).sqrt()
            } else {
                ((r.0 - p.0) * dy - (r.1 - p.1) * dx).abs() / len
            };
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > tolerance {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    points.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f = x² + y² on a 41 × 41 grid over [−1, 1]².
    fn bowl() -> (Vec<f64>, usize) {
        let n = 41;
        let mut v = vec![0.0; n * n];
        for r in 0..n {
            for c in 0..n {
                let (x, y) = (-1.0 + 2.0 * c as f64 / 40.0, -1.0 + 2.0 * r as f64 / 40.0);
                v[r * n + c] = x * x + y * y;
            }
        }
        (v, n)
    }

    #[test]
    fn a_circle_is_one_closed_smooth_loop_at_the_right_radius() {
        let (v, n) = bowl();
        let ls = lines(&v, n, n, 0.25);
        assert_eq!(ls.len(), 1);
        assert!(ls[0].closed);
        let pts = &ls[0].points;
        assert!(pts.len() > 40);
        for p in pts {
            let (x, y) = (-1.0 + 2.0 * p.0 / 40.0, -1.0 + 2.0 * p.1 / 40.0);
            assert!(((x * x + y * y).sqrt() - 0.5).abs() < 0.01, "{p:?}");
        }
        // Smooth: most segments are neither horizontal nor vertical.
        let diagonal = pts.windows(2).filter(|w| (w[0].0 - w[1].0).abs() > 1e-9 && (w[0].1 - w[1].1).abs() > 1e-9).count();
        assert!(diagonal * 2 > pts.len(), "{diagonal} of {}", pts.len());
    }

    #[test]
    fn lines_through_the_border_are_open_and_loops_close_along_it() {
        let (v, n) = bowl();
        // r = 1.2 leaves the square: four arcs across the corners.
        let ls = lines(&v, n, n, 1.44);
        assert_eq!(ls.len(), 4);
        assert!(ls.iter().all(|l| !l.closed));
        // Superlevel set of r ≥ 1.2: four corner regions, each a closed loop.
        let loops = superlevel_loops(&v, n, n, 1.44);
        assert_eq!(loops.len(), 4);
        assert!(loops.iter().all(|l| l.closed));
        // Superlevel set of r ≥ 0.5: the square with a hole: two loops.
        let loops = superlevel_loops(&v, n, n, 0.25);
        assert_eq!(loops.len(), 2);
        // Everything is at or above −1: one loop, the border.
        let loops = superlevel_loops(&v, n, n, -1.0);
        assert_eq!(loops.len(), 1);
        assert!(loops[0].points.iter().all(|p| p.0 == 0.0 || p.1 == 0.0 || p.0 == 40.0 || p.1 == 40.0));
    }

    #[test]
    fn simplify_keeps_ends_and_shape() {
        let pts: Vec<(f64, f64)> = (0..100).map(|i| (i as f64, 0.001 * (i as f64).sin())).collect();
        let s = simplify(&pts, 0.1);
        assert_eq!(s.len(), 2);
        let (v, n) = bowl();
        let l = &lines(&v, n, n, 0.25)[0];
        let s = simplify(&l.points, 0.05);
        assert!(s.len() < l.points.len() && s.len() > 8);
    }
}
