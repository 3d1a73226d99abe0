//! The 3D view: our own orthographic projection with depth-sorted (painter's) quads rasterised into
//! an RGBA buffer for the surface z = f over the slice, trajectories drawn on it, and for
//! 3-parameter landscapes the trajectories in parameter space inside a box (docs/architecture.md, "From a scenario to a picture").

use super::colormap;
use super::raster::Scale;
use super::DrawResult;
use crate::landscape::{CriticalKind, Landscape, Slice, ViewBox};
use crate::run::Race;
use super::legend::{LegendPosition, LegendStyle, Swatch};
use crate::analysis::lab::figure::Scale as AxisScale;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where the eye is: rotation about the vertical axis, tilt, and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub yaw: f64,
    pub pitch: f64,
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Self {
        Camera { yaw: -0.7, pitch: 0.95, zoom: 1.0 }
    }
}

impl Camera {
    /// Rotates by pixel drags.
    pub fn rotate(&mut self, dx: f64, dy: f64) {
        let (lo, hi) = crate::scenario::CAMERA_PITCH;
        self.yaw += dx * 0.01;
        self.pitch = (self.pitch + dy * 0.01).clamp(lo.to_radians(), hi.to_radians());
    }
    pub fn zoom_by(&mut self, factor: f64) {
        let (lo, hi) = crate::scenario::CAMERA_ZOOM;
        self.zoom = (self.zoom * factor).clamp(lo, hi);
    }

    /// The camera a scenario's `camera=yaw,pitch,zoom` (degrees, degrees, factor) describes; the
    /// default when it names none.
    pub fn of_scenario(c: Option<[f64; 3]>) -> Camera {
        c.map_or_else(Camera::default, |c| Camera { yaw: c[0].to_radians(), pitch: c[1].to_radians(), zoom: c[2] })
    }

    /// The scenario's `camera=` for this camera: yaw in (−180, 180] and pitch to 0.1°, zoom to 0.01,
    /// inside the limits a link may set. The page applies what it writes, so a shared link shows
    /// exactly what its author saw.
    pub fn to_scenario(&self) -> [f64; 3] {
        let (p, z) = (crate::scenario::CAMERA_PITCH, crate::scenario::CAMERA_ZOOM);
        let mut yaw = self.yaw.to_degrees() % 360.0;
        if yaw > 180.0 {
            yaw -= 360.0;
        } else if yaw <= -180.0 {
            yaw += 360.0;
        }
        let r = |v: f64, k: f64| (v * k).round() / k;
        [r(yaw, 10.0), r(self.pitch.to_degrees(), 10.0).clamp(p.0, p.1), r(self.zoom, 100.0).clamp(z.0, z.1)]
    }
}

/// Projects normalised coordinates (each in about [−1, 1]) to the screen of a `w × h` canvas.
#[derive(Clone, Copy, Debug)]
pub struct Projection {
    cam: Camera,
    cx: f64,
    cy: f64,
    r: f64,
    /// cos and sin of yaw and pitch.
    cy_: f64,
    sy: f64,
    cp: f64,
    sp: f64,
}

impl Projection {
    pub fn new(cam: Camera, w: u32, h: u32) -> Projection {
        let r = 0.3 * (w.min(h) as f64) * cam.zoom;
        let (sy, cy_) = (crate::numeric::math::sin(cam.yaw), crate::numeric::math::cos(cam.yaw));
        let (sp, cp) = (crate::numeric::math::sin(cam.pitch), crate::numeric::math::cos(cam.pitch));
        Projection { cam, cx: w as f64 / 2.0, cy: h as f64 * 0.54, r, cy_, sy, cp, sp }
    }
    /// Screen position and depth (larger is nearer) of (x, y, z).
    #[inline]
    pub fn project(&self, x: f64, y: f64, z: f64) -> (f64, f64, f64) {
        let xr = x * self.cy_ - y * self.sy;
        let yr = x * self.sy + y * self.cy_;
        // Tilt about the screen's horizontal axis: pitch = 0 looks from the side, π/2 from above.
        let ys = yr * self.sp + z * self.cp;
        let depth = -yr * self.cp + z * self.sp;
        (self.cx + self.r * xr, self.cy - self.r * ys, depth)
    }
    pub fn camera(&self) -> Camera {
        self.cam
    }
}

/// Maps slice coordinates and f to the normalised cube.
pub struct Normaliser {
    pub view: ViewBox,
    scale: Scale,
}

impl Normaliser {
    pub fn new(view: ViewBox, scale: Scale) -> Self {
        Normaliser { view, scale }
    }
    #[inline]
    pub fn xyz(&self, s: f64, t: f64, f: f64) -> (f64, f64, f64) {
        let x = 2.0 * (s - self.view.x0) / self.view.width() - 1.0;
        let y = 2.0 * (t - self.view.y0) / self.view.height() - 1.0;
        let z = if f.is_finite() { 1.2 * self.scale.apply(f) - 0.6 } else { -0.6 };
        (x, y, z.clamp(-0.7, 0.7))
    }
}

/// The shaded surface z = f(s, t) over the view: its quads back to front (for vector output) and
/// rasterised into an RGBA buffer (untouched pixels transparent), plus its normaliser.
pub struct Surface {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
    /// Screen corners (in order around the quad) and shaded colour, farthest first.
    pub quads: Vec<([(f64, f64); 4], [u8; 3])>,
    pub normaliser: Normaliser,
}

fn fill_triangle(buf: &mut [u8], w: usize, h: usize, p: [(f64, f64); 3], c: [u8; 3]) {
    let min_y = p.iter().map(|q| q.1).fold(f64::INFINITY, f64::min).max(0.0).floor() as i64;
    let max_y = p.iter().map(|q| q.1).fold(f64::NEG_INFINITY, f64::max).min(h as f64 - 1.0).ceil() as i64;
    for y in min_y..=max_y {
        let yc = y as f64 + 0.5;
        let mut xs = [f64::INFINITY, f64::NEG_INFINITY];
        for k in 0..3 {
            let (a, b) = (p[k], p[(k + 1) % 3]);
            if (a.1 <= yc && b.1 > yc) || (b.1 <= yc && a.1 > yc) {
                let x = a.0 + (yc - a.1) / (b.1 - a.1) * (b.0 - a.0);
                xs[0] = xs[0].min(x);
                xs[1] = xs[1].max(x);
            }
        }
        if xs[0] > xs[1] {
            continue;
        }
        let x0 = (xs[0] - 0.5).max(0.0).floor() as i64;
        let x1 = (xs[1] + 0.5).min(w as f64 - 1.0).floor() as i64;
        for x in x0..=x1 {
            let i = (y as usize * w + x as usize) * 4;
            buf[i] = c[0];
            buf[i + 1] = c[1];
            buf[i + 2] = c[2];
            buf[i + 3] = 255;
        }
    }
}

impl Surface {
    /// Rasterises an `n × n` mesh of the landscape over `view`, depth-sorted, into a `w × h` buffer.
    pub fn compute(l: &dyn Landscape, slice: &Slice, view: ViewBox, n: usize, proj: &Projection, w: usize, h: usize) -> Surface {
        let mut x = vec![0.0; l.dim()];
        let mut f = vec![f64::NAN; (n + 1) * (n + 1)];
        for i in 0..=n {
            for j in 0..=n {
                let s = view.x0 + view.width() * i as f64 / n as f64;
                let t = view.y0 + view.height() * j as f64 / n as f64;
                slice.lift(s, t, &mut x);
                if l.in_domain(&x) {
                    f[i * (n + 1) + j] = l.value(&x);
                }
            }
        }
        let normaliser = Normaliser::new(view, Scale::new(&f));
        Surface::from_values(&f, n, normaliser, proj, w, h)
    }

    fn from_values(f: &[f64], n: usize, normaliser: Normaliser, proj: &Projection, w: usize, h: usize) -> Surface {
        let view = normaliser.view;
        let mut pts = Vec::with_capacity((n + 1) * (n + 1));
        for i in 0..=n {
            for j in 0..=n {
                let s = view.x0 + view.width() * i as f64 / n as f64;
                let t = view.y0 + view.height() * j as f64 / n as f64;
                let (x, y, z) = normaliser.xyz(s, t, f[i * (n + 1) + j]);
                pts.push(((x, y, z), proj.project(x, y, z)));
            }
        }
        let mut quads: Vec<(f64, usize, usize)> = Vec::with_capacity(n * n);
        for i in 0..n {
            for j in 0..n {
                let k = |a: usize, b: usize| (i + a) * (n + 1) + j + b;
                let depth = (pts[k(0, 0)].1 .2 + pts[k(1, 0)].1 .2 + pts[k(0, 1)].1 .2 + pts[k(1, 1)].1 .2) / 4.0;
                quads.push((depth, i, j));
            }
        }
        crate::numeric::sort::sort_by_key(&mut quads, |q| q.0);
        let mut rgba = vec![0u8; w * h * 4];
        let mut out = Vec::with_capacity(quads.len());
        let light = {
            let (a, b, c) = (0.4f64, -0.5f64, 0.77f64);
            let m = (a * a + b * b + c * c).sqrt();
            (a / m, b / m, c / m)
        };
        for (_, i, j) in quads {
            let k = |a: usize, b: usize| (i + a) * (n + 1) + j + b;
            let (p00, p10, p01, p11) = (pts[k(0, 0)], pts[k(1, 0)], pts[k(0, 1)], pts[k(1, 1)]);
            let finite = [k(0, 0), k(1, 0), k(0, 1), k(1, 1)].iter().all(|&q| f[q].is_finite());
            // Normal from the diagonals, Lambert shading.
            let (u, v) = (sub(p11.0, p00.0), sub(p01.0, p10.0));
            let nrm = cross(u, v);
            let nl = (nrm.0 * nrm.0 + nrm.1 * nrm.1 + nrm.2 * nrm.2).sqrt().max(1e-12);
            let lam = ((nrm.0 * light.0 + nrm.1 * light.1 + nrm.2 * light.2) / nl).abs();
            let zt = (p00.0 .2 + p10.0 .2 + p01.0 .2 + p11.0 .2) / 4.0;
            let base = if finite { colormap::landscape((zt + 0.6) / 1.2) } else { colormap::OUTSIDE };
            let shade = 0.45 + 0.55 * lam;
            let c = [(base[0] as f64 * shade) as u8, (base[1] as f64 * shade) as u8, (base[2] as f64 * shade) as u8];
            let s = |p: ((f64, f64, f64), (f64, f64, f64))| (p.1 .0, p.1 .1);
            fill_triangle(&mut rgba, w, h, [s(p00), s(p10), s(p11)], c);
            fill_triangle(&mut rgba, w, h, [s(p00), s(p11), s(p01)], c);
            out.push(([s(p00), s(p10), s(p11), s(p01)], c));
        }
        Surface { width: w, height: h, rgba, quads: out, normaliser }
    }
}

fn sub(a: (f64, f64, f64), b: (f64, f64, f64)) -> (f64, f64, f64) {
    (a.0 - b.0, a.1 - b.1, a.2 - b.2)
}
fn cross(a: (f64, f64, f64), b: (f64, f64, f64)) -> (f64, f64, f64) {
    (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
}


fn px(p: (f64, f64, f64)) -> (i32, i32) {
    (p.0.clamp(-1e6, 1e6) as i32, p.1.clamp(-1e6, 1e6) as i32)
}

/// The box edges and axis labels around the surface.
pub fn draw_frame<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, proj: &Projection, labels: [&str; 3], scale: f64) -> DrawResult {
    let st = super::theme::current().axis.stroke_width((1.0 * scale).max(1.0) as u32);
    // The twelve edges of the box [−1, 1] × [−1, 1] × [−0.7, 0.7].
    let mut edges = Vec::with_capacity(12);
    for a in [-1.0, 1.0] {
        for b in [-1.0, 1.0] {
            edges.push(((-1.0, a, 0.7 * b), (1.0, a, 0.7 * b)));
            edges.push(((a, -1.0, 0.7 * b), (a, 1.0, 0.7 * b)));
            edges.push(((a, b, -0.7), (a, b, 0.7)));
        }
    }
    for (a, b) in edges {
        area.draw(&PathElement::new(vec![px(proj.project(a.0, a.1, a.2)), px(proj.project(b.0, b.1, b.2))], st))?;
    }
    // Each axis is named beside its front edge: for x and y the bottom edge lowest on the screen,
    // for the vertical axis the leftmost edge; pushed outwards from the box's centre and kept
    // inside the canvas.
    let (w, h) = area.dim_in_pixel();
    let centre = proj.project(0.0, 0.0, 0.0);
    let ends = |axis: usize, a: f64, b: f64| -> ((f64, f64, f64), (f64, f64, f64)) {
        match axis {
            0 => ((-1.0, a, b), (1.0, a, b)),
            1 => ((a, -1.0, b), (a, 1.0, b)),
            _ => ((a, b, -0.7), (a, b, 0.7)),
        }
    };
    let font = ("sans-serif", (12.0 * scale) as u32).into_font().color(&super::theme::current().ink);
    let style = font.pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    ));
    for (axis, label) in labels.iter().enumerate() {
        let candidates: Vec<(f64, f64)> = if axis < 2 { vec![(-1.0, -0.7), (1.0, -0.7)] } else { vec![(-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0)] };
        let mid = |&(a, b): &(f64, f64)| {
            let (p, q) = ends(axis, a, b);
            let (p, q) = (proj.project(p.0, p.1, p.2), proj.project(q.0, q.1, q.2));
            ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0)
        };
        let pick = candidates.iter().map(mid).max_by(|m, n| {
            let key = |m: &(f64, f64)| if axis < 2 { m.1 } else { -m.0 };
            key(m).total_cmp(&key(n))
        });
        let Some((mx, my)) = pick else { continue };
        let (dx, dy) = (mx - centre.0, my - centre.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let push = 18.0 * scale;
        let margin = super::text::text_size(label, 12.0 * scale).0 as f64 / 2.0 + 4.0 * scale;
        let x = (mx + dx / len * push).clamp(margin, (w as f64 - margin).max(margin));
        let y = (my + dy / len * push).clamp(8.0 * scale, (h as f64 - 8.0 * scale).max(8.0 * scale));
        area.draw(&Text::new(label.to_string(), (x as i32, y as i32), style.clone()))?;
    }
    Ok(())
}

/// Trajectories and current points on the surface.
pub fn draw_surface_runs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    proj: &Projection,
    norm: &Normaliser,
    slice: &Slice,
    race: &Race,
    scale: f64,
) -> DrawResult {
    // Critical points on the slice plane and inside the view, on the surface.
    let mut kinds: Vec<CriticalKind> = Vec::new();
    let v = norm.view;
    for c in race.critical_points().iter().take(200) {
        let p = slice.project(&c.point);
        if slice.distance_to(&c.point) > 1e-6 * (1.0 + crate::numeric::math::norm(&c.point)) || !v.contains(p) {
            continue;
        }
        let (x, y, z) = norm.xyz(p[0], p[1], c.f);
        super::view2d::draw_mark(area, px(proj.project(x, y, z + 0.01)), c.kind, (c.kind == CriticalKind::Saddle).then_some(c.index), scale)?;
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
    }
    let halo = super::theme::current().halo;
    for (k, run) in race.runs.iter().enumerate() {
        let c = colormap::run(k);
        let col = RGBColor(c.0, c.1, c.2);
        let rec = run.records();
        let stride = (rec.len() / 2000).max(1);
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(rec.len() / stride + 2);
        for i in (0..rec.len()).step_by(stride).chain(std::iter::once(rec.len().saturating_sub(1))) {
            if i >= rec.len() {
                continue;
            }
            let p = slice.project(rec.point(i));
            let (x, y, z) = norm.xyz(p[0], p[1], rec.loss(i));
            let q = proj.project(x, y, z + 0.01);
            pts.push((q.0, q.1));
        }
        let p = slice.project(run.x());
        let (x, y, z) = norm.xyz(p[0], p[1], run.analysis().f);
        let q = proj.project(x, y, z + 0.01);
        pts.push((q.0, q.1));
        let cur = px(q);
        let whole: Vec<(i32, i32)> = pts.iter().map(|p| (p.0.round() as i32, p.1.round() as i32)).collect();
        area.draw(&PathElement::new(whole, halo.stroke_width((4.0 * scale) as u32)))?;
        draw_dashed(area, &pts, k, col, scale)?;
        let r = (5.0 * scale) as i32;
        area.draw(&Circle::new(cur, r + 1, RGBColor(15, 15, 15).filled()))?;
        area.draw(&Circle::new(cur, r, col.filled()))?;
    }
    draw_legend(area, race, &kinds, scale)
}

/// A run's path in its colour and dash pattern (as in the 2D view and the legend).
fn draw_dashed<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, pts: &[(f64, f64)], k: usize, col: RGBColor, scale: f64) -> DrawResult {
    let (dash, gap) = colormap::DASHES[k % colormap::DASHES.len()];
    let pieces = if dash > 0.0 { super::clip::dashes(pts, dash * scale, gap * scale) } else { vec![pts.to_vec()] };
    for piece in pieces {
        let piece: Vec<(i32, i32)> = piece.iter().map(|p| (p.0.round() as i32, p.1.round() as i32)).collect();
        area.draw(&PathElement::new(piece, col.stroke_width((2.0 * scale) as u32)))?;
    }
    Ok(())
}

/// The 3D views' legend: each run (colour and dash), then the critical points' marks shown.
fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, kinds: &[CriticalKind], scale: f64) -> DrawResult {
    let theme = super::theme::current();
    let mut entries: Vec<(String, Swatch)> = Vec::new();
    for (k, run) in race.runs.iter().enumerate() {
        let c = colormap::run(k);
        let (dash, gap) = colormap::DASHES[k % colormap::DASHES.len()];
        entries.push((run.id().to_string(), Swatch::Run(RGBColor(c.0, c.1, c.2), dash, gap)));
    }
    for (kind, swatch, text) in [
        (CriticalKind::Minimum, Swatch::Minimum, "minimum"),
        (CriticalKind::Saddle, Swatch::Saddle, "saddle (its index)"),
        (CriticalKind::Maximum, Swatch::Maximum, "maximum"),
        (CriticalKind::Degenerate, Swatch::Degenerate, "degenerate critical point"),
    ] {
        if kinds.contains(&kind) {
            entries.push((text.to_string(), swatch));
        }
    }
    let style = LegendStyle::of(theme, 11.0 * scale, scale);
    super::legend::draw(area, &entries, LegendPosition::UpperLeft, &style)
}

/// 3-parameter landscapes: the box of the first three coordinates with critical points and paths.
pub fn draw_parameter_box<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, proj: &Projection, race: &Race, scale: f64) -> DrawResult {
    let theme = super::theme::current();
    area.fill(&theme.background)?;
    let l = race.landscape();
    let v = race.scenario().view_box.unwrap_or_else(|| l.view());
    let lo = v.x0.min(v.y0);
    let hi = v.x1.max(v.y1);
    let folded = l.slice().folded;
    let n = |a: f64| 2.0 * ((if folded { a.abs() } else { a }) - lo) / (hi - lo) - 1.0;
    let p3f = |x: &[f64]| {
        let z = if x.len() > 2 { x[2] } else { 0.0 };
        let (a, b, _) = proj.project(n(x[0]), n(x[1]), 0.7 * n(z));
        (a, b)
    };
    let p3 = |x: &[f64]| {
        let (a, b) = p3f(x);
        (a.round() as i32, b.round() as i32)
    };
    let names: Vec<String> = (0..3).map(|k| l.coordinate_name(k)).collect();
    draw_frame(area, proj, [names[0].as_str(), names[1].as_str(), names[2].as_str()], scale)?;
    // Critical points with the 2D view's marks (saddles with their index), then the runs in their
    // colours and dashes.
    let mut kinds: Vec<CriticalKind> = Vec::new();
    for c in race.critical_points().iter().take(200) {
        super::view2d::draw_mark(area, p3(&c.point), c.kind, (c.kind == CriticalKind::Saddle).then_some(c.index), scale)?;
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
    }
    for (k, run) in race.runs.iter().enumerate() {
        let c = colormap::run(k);
        let col = RGBColor(c.0, c.1, c.2);
        let rec = run.records();
        let mut pts: Vec<(f64, f64)> = (0..rec.len()).map(|i| p3f(rec.point(i))).collect();
        pts.push(p3f(run.x()));
        draw_dashed(area, &pts, k, col, scale)?;
        area.draw(&Circle::new(p3(run.x()), (5.0 * scale) as i32, col.filled()))?;
    }
    draw_legend(area, race, &kinds, scale)?;
    // What the box spans, under it.
    let (_, h) = area.dim_in_pixel();
    let note = format!("each axis spans {} … {}{}", short(lo), short(hi), if folded { " (runs folded by sign: f depends on |x|)" } else { "" });
    let font = ("sans-serif", (11.0 * scale) as u32).into_font().color(&theme.muted);
    area.draw(&Text::new(note, ((8.0 * scale) as i32, h as i32 - (16.0 * scale) as i32), font))?;
    Ok(())
}

/// A number for a note: at most three decimals, trailing zeros dropped.
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// `chain` with d > 3: log₁₀|x_j| of the first run per coordinate against step, and a saddle-progress
/// strip per run (one coloured segment per saddle region visited).
pub fn draw_coordinates<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, race: &Race, scale: f64) -> DrawResult {
    let theme = super::theme::current();
    area.fill(&theme.background)?;
    let (strip, main) = area.split_vertically((race.runs.len() as f64 * 16.0 * scale + 30.0 * scale) as u32);
    let tmax = race.runs.iter().map(|r| r.t()).max().unwrap_or(0).max(10) as f64;
    // Saddle-progress strip.
    let font = ("sans-serif", (11.0 * scale) as u32).into_font().color(&theme.ink);
    strip.draw(&Text::new("saddle progress (one segment per saddle region)", ((8.0 * scale) as i32, (4.0 * scale) as i32), font.clone()))?;
    let (w, _) = strip.dim_in_pixel();
    let x0 = (70.0 * scale) as i32;
    let xw = w as i32 - x0 - (10.0 * scale) as i32;
    let tx = |t: f64| x0 + (t / tmax * xw as f64) as i32;
    for (k, run) in race.runs.iter().enumerate() {
        let y = (22.0 * scale + k as f64 * 16.0 * scale) as i32;
        let hgt = (12.0 * scale) as i32;
        strip.draw(&Text::new(run.id().to_string(), ((8.0 * scale) as i32, y), font.clone()))?;
        let mut segs: Vec<(u64, usize)> = Vec::new();
        for e in run.events() {
            if let crate::optim::event::EventKind::EnteredSaddleRegion { saddle } = e.kind {
                segs.push((e.step, saddle));
            }
        }
        for (i, (t0, sdl)) in segs.iter().enumerate() {
            let t1 = segs.get(i + 1).map_or(run.t(), |s| s.0);
            let c = colormap::run(*sdl + 2);
            strip.draw(&Rectangle::new([(tx(*t0 as f64), y), (tx(t1 as f64).max(tx(*t0 as f64) + 1), y + hgt)], RGBColor(c.0, c.1, c.2).filled()))?;
            strip.draw(&Text::new(format!("{}", sdl + 1), (tx(*t0 as f64) + 2, y), font.clone().color(&RGBColor(10, 10, 10))))?;
        }
    }
    // log|x_j| of the first run.
    let Some(run) = race.runs.first() else { return Ok(()) };
    let rec = run.records();
    let d = rec.dim();
    // The y range: from the smallest log₁₀|x_j| seen (−330, the underflow floor, once one is 0) to
    // a little above the largest, in whole units.
    let (mut y_lo, mut y_hi) = (-1.0f64, 0.0f64);
    for i in 0..rec.len() {
        for v in rec.point(i) {
            let l = if *v != 0.0 { crate::numeric::math::log10(v.abs()) } else { -330.0 };
            y_lo = y_lo.min(l);
            y_hi = y_hi.max(l);
        }
    }
    let (y_lo, y_hi) = (y_lo.floor() - 0.5, y_hi.ceil() + 0.5);
    let mut chart = ChartBuilder::on(&main)
        .margin((6.0 * scale) as u32)
        .x_label_area_size((34.0 * scale) as u32)
        .y_label_area_size((40.0 * scale) as u32)
        .caption(format!("log₁₀|x_j| of {} per coordinate (−330 when a coordinate underflows to 0)", run.id()), ("sans-serif", (11.0 * scale) as u32).into_font().color(&theme.muted))
        .build_cartesian_2d(
            super::axis::Axis::with_ticks(0.0, tmax, super::axis::ticks(0.0, tmax, AxisScale::Linear, true)),
            super::axis::Axis::with_ticks(y_lo, y_hi, super::axis::ticks(y_lo, y_hi, AxisScale::Linear, true)),
        )?;
    chart
        .configure_mesh()
        .x_labels(20)
        .y_labels(20)
        .x_label_formatter(&|x| super::axis::label(*x, AxisScale::Linear))
        .y_label_formatter(&|y| super::axis::label(*y, AxisScale::Linear))
        .x_desc("step")
        .label_style(("sans-serif", (10.0 * scale) as u32).into_font().color(&theme.ink))
        .axis_desc_style(("sans-serif", (10.0 * scale) as u32).into_font().color(&theme.ink))
        .axis_style(theme.axis)
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .draw()?;
    let stride = (rec.len() / 1500).max(1);
    let mut legend: Vec<(String, ShapeStyle)> = Vec::with_capacity(d);
    for j in 0..d {
        let c = colormap::run(j);
        let pts: Vec<(f64, f64)> = (0..rec.len())
            .step_by(stride)
            .map(|i| {
                let v = rec.point(i)[j].abs();
                (rec.step(i) as f64, if v > 0.0 { crate::numeric::math::log10(v) } else { -330.0 })
            })
            .collect();
        chart.draw_series(std::iter::once(PathElement::new(pts, RGBColor(c.0, c.1, c.2).stroke_width((2.0 * scale) as u32))))?;
        legend.push((format!("x{}", j + 1), RGBColor(c.0, c.1, c.2).into()));
    }
    // plotters' default legend font (12 px sans-serif), measured through the backend.
    super::legend::draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        &legend,
        super::legend::LegendPosition::MiddleRight,
        12.0,
        1.0,
        super::theme::current().legend.into(),
        super::theme::current().grid.into(),
    )
}
