//! The 2D view: axes around the raster, critical points, and every run's trajectory, current point,
//! Hessian eigen-axes and events. Written once against plotters' `DrawingBackend`.

use super::clip::{dashes, polyline, PixelRect};
use super::colormap;
use super::legend::{self, LegendStyle, Swatch};
use super::theme;
use super::viewport::Viewport;
use super::DrawResult;
use crate::optim::event::EventKind;
use crate::landscape::{CriticalKind, CriticalPoint, Slice};
use crate::run::{Race, Run, Status};
use plotters::coord::Shift;
use plotters::prelude::*;

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}


/// Axes, ticks and labels around the viewport (drawn on the background layer).
pub fn draw_axes<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, vp: &Viewport, labels: &[String; 2], scale: f64) -> DrawResult {
    let (w, h) = area.dim_in_pixel();
    let (_, r, t, _) = Viewport::margins(scale);
    let v = vp.view;
    let font = (11.0 * scale) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin_top(t as u32)
        .margin_right(r as u32)
        .x_label_area_size((h as i32 - vp.top - vp.height).max(0) as u32)
        .y_label_area_size(vp.left.max(0) as u32)
        .build_cartesian_2d(v.x0..v.x1, v.y0..v.y1)?;
    let _ = w;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(7)
        .y_labels(7)
        .x_desc(labels[0].as_str())
        .y_desc(labels[1].as_str())
        .label_style(("sans-serif", font).into_font().color(&theme::current().ink))
        .axis_desc_style(("sans-serif", font).into_font().color(&theme::current().ink))
        .axis_style(theme::current().axis)
        .draw()?;
    Ok(())
}

/// A critical point's mark at pixel `at`: ● minimum, ✕ saddle (with its index when given),
/// ▲ maximum, ◇ degenerate; dark outlines around white, readable on any raster.
pub fn draw_mark<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, at: (i32, i32), kind: CriticalKind, index: Option<usize>, scale: f64) -> DrawResult {
    let (x, y) = at;
    let s = (5.0 * scale) as i32;
    let dark = RGBColor(20, 20, 20);
    match kind {
        CriticalKind::Minimum => {
            area.draw(&Circle::new((x, y), s, dark.filled()))?;
            area.draw(&Circle::new((x, y), s - (scale as i32).max(1), WHITE.filled()))?;
        }
        CriticalKind::Saddle => {
            let st = ShapeStyle::from(&dark).stroke_width((3.0 * scale) as u32);
            area.draw(&Cross::new((x, y), s, st))?;
            area.draw(&Cross::new((x, y), s, WHITE.stroke_width((1.5 * scale).max(1.0) as u32)))?;
            if let Some(k) = index {
                // White digits outlined in dark, like the marks: readable on any raster.
                let at = (x + s + 2, y - 2 * s);
                let o = (scale.round() as i32).max(1);
                let font = ("sans-serif", (11.0 * scale) as u32).into_font();
                for (dx, dy) in [(-o, 0), (o, 0), (0, -o), (0, o), (-o, -o), (o, o), (-o, o), (o, -o)] {
                    area.draw(&Text::new(format!("{k}"), (at.0 + dx, at.1 + dy), font.clone().color(&dark)))?;
                }
                area.draw(&Text::new(format!("{k}"), at, font.color(&WHITE)))?;
            }
        }
        CriticalKind::Maximum => {
            area.draw(&TriangleMarker::new((x, y), s + 1, dark.filled()))?;
            area.draw(&TriangleMarker::new((x, y), s - 1, WHITE.filled()))?;
        }
        CriticalKind::Degenerate => {
            let pts = vec![(x, y - s - 1), (x + s + 1, y), (x, y + s + 1), (x - s - 1, y)];
            area.draw(&Polygon::new(pts, dark.filled()))?;
            let pts = vec![(x, y - s + 1), (x + s - 1, y), (x, y + s - 1), (x - s + 1, y)];
            area.draw(&Polygon::new(pts, WHITE.filled()))?;
        }
    }
    Ok(())
}

/// Marks every listed critical point inside the view: ● minimum, ✕ saddle (with its index),
/// ▲ maximum, ◇ degenerate.
pub fn draw_critical<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    vp: &Viewport,
    slice: &Slice,
    critical: &[CriticalPoint],
    scale: f64,
) -> DrawResult {
    for c in critical.iter().take(200) {
        let p = slice.project(&c.point);
        // Only points (nearly) on the slice plane are drawn.
        let mut lifted = vec![0.0; c.point.len()];
        slice.lift(p[0], p[1], &mut lifted);
        if crate::numeric::math::dist(&lifted, &c.point) > 1e-6 * (1.0 + crate::numeric::math::norm(&c.point)) || !vp.view.contains(p) {
            continue;
        }
        let (x, y) = vp.to_pixel(p[0], p[1]);
        draw_mark(area, (x, y), c.kind, (c.kind == CriticalKind::Saddle).then_some(c.index), scale)?;
    }
    Ok(())
}

/// Cells per side of the grid that finds where f is undefined, for the legend (every frame) and
/// for placing the in-region label (with the background).
const LEGEND_GRID: usize = 16;
const LABEL_GRID: usize = 48;

/// Which cells of an `n × n` grid over the viewport (row 0 at the top) have their centre outside
/// the landscape's domain; all false, without evaluating, for a landscape defined everywhere.
fn outside_cells(l: &dyn crate::landscape::Landscape, slice: &Slice, vp: &Viewport, n: usize) -> Vec<bool> {
    let mut out = vec![false; n * n];
    if !(l.has_domain_or_symmetry() || l.domain_is_where_finite()) {
        return out;
    }
    let v = vp.view;
    let mut x = vec![0.0; l.dim()];
    for r in 0..n {
        let t = v.y1 - (r as f64 + 0.5) / n as f64 * v.height();
        for c in 0..n {
            let s = v.x0 + (c as f64 + 0.5) / n as f64 * v.width();
            slice.lift(s, t, &mut x);
            out[r * n + c] = !l.in_domain(&x) || (l.domain_is_where_finite() && !l.value(&x).is_finite());
        }
    }
    out
}

/// The largest axis-aligned rectangle of true cells in an `n × n` mask, as (row0, col0, rows,
/// cols), by the histogram method (one pass per row with a stack).
fn largest_rectangle(mask: &[bool], n: usize) -> Option<(usize, usize, usize, usize)> {
    let mut heights = vec![0usize; n];
    let mut best: Option<(usize, usize, usize, usize)> = None;
    let mut best_area = 0;
    for r in 0..n {
        for c in 0..n {
            heights[c] = if mask[r * n + c] { heights[c] + 1 } else { 0 };
        }
        let mut stack: Vec<usize> = Vec::new();
        for c in 0..=n {
            let h = if c < n { heights[c] } else { 0 };
            while let Some(&top) = stack.last() {
                if heights[top] < h {
                    break;
                }
                stack.pop();
                let height = heights[top];
                let left = stack.last().map_or(0, |&l| l + 1);
                let area = height * (c - left);
                if height > 0 && area > best_area {
                    best_area = area;
                    best = Some((r + 1 - height, left, height, c - left));
                }
            }
            stack.push(c);
        }
    }
    best
}

/// Names the largest undefined region in place ("f is not defined here"), when its text fits.
pub fn draw_outside_label<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, vp: &Viewport, slice: &Slice, l: &dyn crate::landscape::Landscape, scale: f64) -> DrawResult {
    let n = LABEL_GRID;
    let mask = outside_cells(l, slice, vp, n);
    let Some((r0, c0, rows, cols)) = largest_rectangle(&mask, n) else { return Ok(()) };
    let (cw, ch) = (vp.width as f64 / n as f64, vp.height as f64 / n as f64);
    let (w, h) = (cols as f64 * cw, rows as f64 * ch);
    let text = "f is not defined here";
    let px = 12.0 * scale;
    let (tw, th) = super::text::text_size(text, px);
    let pad = 6.0 * scale;
    if (tw as f64 + 4.0 * pad) > w || (th as f64 + 4.0 * pad) > h {
        return Ok(());
    }
    let (cx, cy) = (vp.left as f64 + (c0 as f64 + cols as f64 / 2.0) * cw, vp.top as f64 + (r0 as f64 + rows as f64 / 2.0) * ch);
    let (hw, hh) = (tw as f64 / 2.0 + pad, th as f64 / 2.0 + pad / 2.0);
    let o = colormap::OUTSIDE;
    area.draw(&Rectangle::new([((cx - hw) as i32, (cy - hh) as i32), ((cx + hw) as i32, (cy + hh) as i32)], RGBColor(o[0], o[1], o[2]).filled()))?;
    let style = ("sans-serif", px as u32).into_font().color(&RGBColor(60, 60, 60)).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    ));
    area.draw(&Text::new(text.to_string(), (cx as i32, cy as i32), style))?;
    Ok(())
}

/// An arrow from `a` to `b` in pixels.
fn arrow<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, a: (i32, i32), b: (i32, i32), style: ShapeStyle, head: f64) -> DrawResult {
    area.draw(&PathElement::new(vec![a, b], style))?;
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let h = head.min(len * 0.6);
    for sgn in [-1.0, 1.0] {
        let px = b.0 as f64 - h * (ux * 0.866 - sgn * uy * 0.5);
        let py = b.1 as f64 - h * (uy * 0.866 + sgn * ux * 0.5);
        area.draw(&PathElement::new(vec![b, (px as i32, py as i32)], style))?;
    }
    Ok(())
}

/// What to show on top of the trajectories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overlay {
    pub eigen_axes: bool,
    pub events: bool,
    pub legend: bool,
}

impl Default for Overlay {
    fn default() -> Self {
        Overlay { eigen_axes: true, events: true, legend: true }
    }
}

/// The plot rectangle of `vp` for clipping.
fn plot_rect(vp: &Viewport) -> PixelRect {
    PixelRect { x0: vp.left as f64, y0: vp.top as f64, x1: (vp.left + vp.width) as f64, y1: (vp.top + vp.height) as f64 }
}

/// Draws a polyline clipped to the plot rectangle, dashed as `dash` says (CSS pixels, 0 solid).
fn draw_clipped<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, r: &PixelRect, pts: &[(f64, f64)], style: ShapeStyle, dash: (f64, f64), scale: f64) -> DrawResult {
    for piece in polyline(pts, r) {
        for d in dashes(&piece, dash.0 * scale, dash.1 * scale) {
            let p: Vec<(i32, i32)> = d.iter().map(|q| (q.0.round() as i32, q.1.round() as i32)).collect();
            if p.len() >= 2 {
                area.draw(&PathElement::new(p, style))?;
            }
        }
    }
    Ok(())
}

/// Trajectories, current points, eigen-axes, events and the legend (the per-frame layer). Every
/// line is clipped to the plot rectangle: a diverging run never draws over the axes.
pub fn draw_runs<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, vp: &Viewport, slice: &Slice, race: &Race, scale: f64, o: Overlay) -> DrawResult {
    for (k, run) in race.runs.iter().enumerate() {
        draw_trajectory(area, vp, slice, run, k, scale)?;
    }
    for (k, run) in race.runs.iter().enumerate() {
        if o.events {
            draw_events(area, vp, slice, run, colormap::run(k), scale)?;
        }
        draw_current(area, vp, slice, run, colormap::run(k), scale, o.eigen_axes)?;
    }
    if o.legend {
        draw_legend(area, vp, slice, race, scale)?;
    }
    Ok(())
}

/// The recorded path of one run, thinned to one vertex per pixel.
pub fn trajectory_pixels(vp: &Viewport, slice: &Slice, run: &Run) -> Vec<(i32, i32)> {
    let rec = run.records();
    let mut pts: Vec<(i32, i32)> = Vec::with_capacity(rec.len().min(8192) + 1);
    for i in 0..rec.len() {
        let p = slice.project(rec.point(i));
        let q = vp.to_pixel(p[0], p[1]);
        if pts.last() != Some(&q) {
            pts.push(q);
        }
    }
    let p = slice.project(run.x());
    let q = vp.to_pixel(p[0], p[1]);
    if pts.last() != Some(&q) {
        pts.push(q);
    }
    pts
}

fn draw_trajectory<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, vp: &Viewport, slice: &Slice, run: &Run, k: usize, scale: f64) -> DrawResult {
    let pts: Vec<(f64, f64)> = trajectory_pixels(vp, slice, run).iter().map(|p| (p.0 as f64, p.1 as f64)).collect();
    if pts.len() >= 2 {
        let r = plot_rect(vp);
        let halo = theme::current().halo.stroke_width((4.0 * scale) as u32);
        draw_clipped(area, &r, &pts, halo, (0.0, 0.0), scale)?;
        draw_clipped(area, &r, &pts, rgb(colormap::run(k)).stroke_width((2.0 * scale).max(1.0) as u32), colormap::DASHES[k % colormap::DASHES.len()], scale)?;
    }
    Ok(())
}

fn draw_current<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    vp: &Viewport,
    slice: &Slice,
    run: &Run,
    c: (u8, u8, u8),
    scale: f64,
    eigen_axes: bool,
) -> DrawResult {
    let x = run.x();
    let p = slice.project(x);
    let (px, py) = vp.to_pixel(p[0], p[1]);
    if !vp.contains_pixel(px as f64, py as f64) {
        // Off the view: an arrow at the edge, pointing at where the run is.
        let r = plot_rect(vp);
        let c0 = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
        if let Some((_, b)) = crate::render::clip::segment(c0, (px as f64, py as f64), &PixelRect { x0: r.x0 + 8.0 * scale, y0: r.y0 + 8.0 * scale, x1: r.x1 - 8.0 * scale, y1: r.y1 - 8.0 * scale }) {
            let (dx, dy) = (b.0 - c0.0, b.1 - c0.1);
            let n = (dx * dx + dy * dy).sqrt().max(1e-9);
            let tail = (b.0 - dx / n * 16.0 * scale, b.1 - dy / n * 16.0 * scale);
            let st = rgb(c).stroke_width((3.0 * scale) as u32);
            arrow(area, (tail.0 as i32, tail.1 as i32), (b.0 as i32, b.1 as i32), st, 7.0 * scale)?;
        }
        return Ok(());
    }
    let a = run.analysis();
    let d = x.len();
    if eigen_axes && d <= 3 {
        let max = a.eigenvalues.iter().fold(1e-300f64, |m, l| m.max(l.abs()));
        let len = 30.0 * scale;
        for k in 0..d {
            let l = a.eigenvalues[k];
            let v: Vec<f64> = (0..d).map(|r| a.eigenvectors[r * d + k]).collect();
            // Direction of v in the slice plane.
            let (du, dv) = (crate::numeric::math::dot(&v, &slice.u), crate::numeric::math::dot(&v, &slice.v));
            // The direction in pixels (y grows downwards), normalised to the axis length.
            let sy = vp.height as f64 / vp.view.height();
            let (qx, qy) = (du * vp.scale_x(), -dv * sy);
            let n = (qx * qx + qy * qy).sqrt();
            if n < 1e-9 || (du * du + dv * dv).sqrt() < 1e-6 {
                continue;
            }
            let r = len * (0.15 + 0.85 * l.abs() / max);
            let (ex, ey) = (qx / n * r, qy / n * r);
            let col = if l < 0.0 { colormap::NEGATIVE } else { colormap::POSITIVE };
            let st = rgb(col).stroke_width((2.5 * scale) as u32);
            let r = plot_rect(vp);
            draw_clipped(area, &r, &[(px as f64 - ex, py as f64 - ey), (px as f64 + ex, py as f64 + ey)], st, (0.0, 0.0), scale)?;
        }
    }
    let r = (5.0 * scale) as i32;
    area.draw(&Circle::new((px, py), r + (scale as i32).max(1), RGBColor(15, 15, 15).filled()))?;
    area.draw(&Circle::new((px, py), r, rgb(c).filled()))?;
    match run.status() {
        Status::Diverged | Status::LeftDomain => {
            let st = RGBColor(220, 30, 30).stroke_width((3.0 * scale) as u32);
            area.draw(&Cross::new((px, py), 3 * r, st))?;
        }
        Status::Stalled => {
            let s = 2 * r;
            area.draw(&Rectangle::new([(px - s, py - s), (px + s, py + s)], theme::current().mark.stroke_width((2.0 * scale) as u32)))?;
        }
        Status::Converged => {
            area.draw(&Circle::new((px, py), 2 * r, theme::current().mark.stroke_width((2.0 * scale) as u32)))?;
        }
        Status::Running => {}
    }
    Ok(())
}

fn draw_events<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    vp: &Viewport,
    slice: &Slice,
    run: &Run,
    c: (u8, u8, u8),
    scale: f64,
) -> DrawResult {
    let evs = run.events();
    let from = evs.len().saturating_sub(200);
    let px = |x: &[f64]| {
        let p = slice.project(x);
        vp.to_pixel(p[0], p[1])
    };
    let head = 7.0 * scale;
    let inside = |p: (i32, i32)| vp.contains_pixel(p.0 as f64, p.1 as f64);
    for e in &evs[from..] {
        match &e.kind {
            EventKind::Perturbation { center, xi, radius } => {
                let a = px(center);
                if !inside(a) {
                    continue;
                }
                let to: Vec<f64> = center.iter().zip(xi).map(|(c, x)| c + x).collect();
                let rr = (radius * vp.scale_x()).max(2.0 * scale);
                area.draw(&Circle::new(a, rr as i32, WHITE.mix(0.9).stroke_width((1.5 * scale).max(1.0) as u32)))?;
                arrow(area, a, px(&to), rgb(c).stroke_width((1.5 * scale).max(1.0) as u32), head * 0.7)?;
            }
            EventKind::CncStep { from, to, .. } | EventKind::NegativeCurvatureStep { from, to, .. } if inside(px(from)) && inside(px(to)) => {
                arrow(area, px(from), px(to), WHITE.stroke_width((2.0 * scale) as u32), head)?;
                arrow(area, px(from), px(to), rgb(c).stroke_width((1.0 * scale).max(1.0) as u32), head)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The legend of the view: each run (its colour and dash, and how it stands), then the marks
/// the view shows (critical points by kind, the rings and squares of stopped runs, the grey of
/// points outside the domain).
fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, vp: &Viewport, slice: &Slice, race: &Race, scale: f64) -> DrawResult {
    let mut entries: Vec<(String, Swatch)> = Vec::new();
    for (k, run) in race.runs.iter().enumerate() {
        let status = match run.status() {
            Status::Running => String::new(),
            s => format!(" · {}", s.name()),
        };
        let c = colormap::run(k);
        let (dash, gap) = colormap::DASHES[k % colormap::DASHES.len()];
        entries.push((format!("{}{}", run.id(), status), Swatch::Run(rgb(c), dash, gap)));
    }
    // The marks on the view, in the order of their meaning.
    let shown = |kind: CriticalKind| {
        race.critical_points().iter().take(200).any(|c| {
            let p = slice.project(&c.point);
            let mut lifted = vec![0.0; c.point.len()];
            slice.lift(p[0], p[1], &mut lifted);
            c.kind == kind && vp.view.contains(p) && crate::numeric::math::dist(&lifted, &c.point) <= 1e-6 * (1.0 + crate::numeric::math::norm(&c.point))
        })
    };
    for (kind, swatch, text) in [
        (CriticalKind::Minimum, Swatch::Minimum, "minimum"),
        (CriticalKind::Saddle, Swatch::Saddle, "saddle (its index)"),
        (CriticalKind::Maximum, Swatch::Maximum, "maximum"),
        (CriticalKind::Degenerate, Swatch::Degenerate, "degenerate critical point"),
    ] {
        if shown(kind) {
            entries.push((text.to_string(), swatch));
        }
    }
    let has = |s: Status| race.runs.iter().any(|r| r.status() == s);
    if has(Status::Converged) {
        entries.push(("run converged".into(), Swatch::Ring));
    }
    if has(Status::Stalled) {
        entries.push(("run stalled".into(), Swatch::Square));
    }
    if has(Status::Diverged) || has(Status::LeftDomain) {
        entries.push(("run diverged / left the domain".into(), Swatch::Diverged));
    }
    if outside_cells(race.landscape().as_ref(), slice, vp, LEGEND_GRID).iter().any(|&o| o) {
        entries.push(("hatched: f is not defined".into(), Swatch::Outside));
    }
    let style = LegendStyle::of(theme::current(), 11.0 * scale, scale);
    // The legend goes in the corner of the plot that hides the fewest critical points (a corner
    // chosen from fixed marks only, so it does not jump about as the runs move).
    let (w, h) = area.dim_in_pixel();
    let bottom = (h as i32 - vp.top - vp.height).max(0) as u32;
    let right = (w as i32 - vp.left - vp.width).max(0) as u32;
    let sub = area.margin(vp.top.max(0) as u32, bottom, vp.left.max(0) as u32, right);
    let pad = 9.0 * scale;
    let marks: Vec<(f64, f64, f64, f64)> = race
        .critical_points()
        .iter()
        .take(200)
        .filter_map(|c| {
            let p = slice.project(&c.point);
            if !vp.view.contains(p) || slice.distance_to(&c.point) > 1e-6 * (1.0 + crate::numeric::math::norm(&c.point)) {
                return None;
            }
            let (x, y) = vp.to_pixel(p[0], p[1]);
            let (x, y) = ((x - vp.left) as f64, (y - vp.top) as f64);
            Some((x - pad, y - pad, x + pad, y + pad))
        })
        .collect();
    legend::draw_avoiding(&sub, &entries, &style, &marks)
}
