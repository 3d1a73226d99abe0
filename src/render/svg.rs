//! The figure as a true vector SVG: the same drawing as the page (through [`draw_figure`]) with the
//! dense layer written as vectors. The landscape's heat map is a coarse set of filled bands (one
//! even-odd path per level of marching squares on the raster's grid, stacked low to high) under
//! smooth contour polylines (one path for all levels); the 3D surface is its depth-sorted quads.
//! Text stays `<text>`. The same function serves the page's export and the CLI's `figure`, and
//! gives the same bytes on both.

use super::colormap;
use super::contour::{lines, simplify, superlevel_loops, Line};
use super::figure::{caption, draw_figure, Rect};
use super::plan::{Backdrop, ViewPlan, CONTOURS};
use super::raster::{Raster, Scale};
use super::text::MeasuredSvg;
use super::view3d::Surface;
use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::fmt::Write;

/// Filled bands of the heat map (the contour lines are every other band boundary).
pub const BANDS: usize = 2 * CONTOURS;
/// Quads per side of the 3D surface in an SVG.
pub const SVG_MESH: usize = 28;
/// How far a simplified line may stray from the marching-squares line, in pixels.
const TOLERANCE: f64 = 0.3;

/// `v` with one decimal, written with integer formatting only (the .wasm then needs no
/// fixed-precision float formatting): 12.34 → "12.3", −0.04 → "0", 3.0 → "3".
struct D1(f64);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let t = (self.0 * 10.0).round() as i64;
        let (sign, a) = if t < 0 { ("-", -t) } else { ("", t) };
        match a % 10 {
            0 => write!(f, "{sign}{}", a / 10),
            d => write!(f, "{sign}{}.{d}", a / 10),
        }
    }
}

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Appends `M x y L … [Z]` for `line` mapped by `to_px`, simplified.
fn push_path(d: &mut String, line: &Line, to_px: &dyn Fn((f64, f64)) -> (f64, f64)) {
    let pts: Vec<(f64, f64)> = line.points.iter().map(|p| to_px(*p)).collect();
    let pts = simplify(&pts, TOLERANCE);
    if pts.len() < 2 {
        return;
    }
    for (i, p) in pts.iter().enumerate() {
        let _ = write!(d, "{}{} {}", if i == 0 { 'M' } else { 'L' }, D1(p.0), D1(p.1));
    }
    if line.closed {
        d.push('Z');
    }
}

/// The heat map of `r` as bands and contour lines inside the plot rectangle at (x0, y0).
fn bands(out: &mut String, x0: f64, y0: f64, r: &Raster) {
    let n = r.grid;
    if n < 2 || r.values.len() != n * n {
        return;
    }
    let scale = Scale::new(&r.values);
    let t: Vec<f64> = r.values.iter().map(|&f| if f.is_finite() { scale.apply(f) } else { f64::NAN }).collect();
    let (sx, sy) = (r.width as f64 / (n - 1) as f64, r.height as f64 / (n - 1) as f64);
    let to_px = move |p: (f64, f64)| (x0 + p.0 * sx, y0 + p.1 * sy);
    let band_colour = |k: usize| colormap::landscape((k as f64 + 0.5) / BANDS as f64);
    let outside = t.iter().any(|v| v.is_nan());
    let base = if outside {
        // The page's hatch (see `colormap::outside`): stripes along x + y = const.
        let (p, sw) = (colormap::HATCH_PERIOD, colormap::HATCH_WIDTH);
        let _ = write!(
            out,
            r#"<defs><pattern id="outside" width="{p}" height="{p}" patternUnits="userSpaceOnUse"><rect width="{p}" height="{p}" fill="{}"/><path d="M0 {sw}L{sw} 0M{} {p}L{p} {}" stroke="{}" stroke-width="{}"/></pattern></defs>"#,
            hex(colormap::OUTSIDE),
            p - sw,
            p - sw,
            hex(colormap::OUTSIDE_STRIPE),
            D1(sw as f64 * std::f64::consts::FRAC_1_SQRT_2 * 1.6),
        );
        "url(#outside)".to_string()
    } else {
        hex(band_colour(0))
    };
    let _ = write!(out, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#, D1(x0), D1(y0), r.width, r.height, base);
    let levels = (if outside { 0 } else { 1 })..BANDS;
    for k in levels {
        // The finite domain first (level −1 < every t), then each band's lower boundary.
        let level = if k == 0 { -1.0 } else { k as f64 / BANDS as f64 };
        let mut d = String::new();
        for l in superlevel_loops(&t, n, n, level) {
            push_path(&mut d, &l, &to_px);
        }
        if !d.is_empty() {
            let _ = write!(out, r#"<path d="{d}" fill="{}" fill-rule="evenodd"/>"#, hex(band_colour(k)));
        }
    }
    let mut d = String::new();
    for k in 1..CONTOURS {
        for l in lines(&t, n, n, k as f64 / CONTOURS as f64) {
            push_path(&mut d, &l, &to_px);
        }
    }
    if !d.is_empty() {
        // The page darkens contour pixels to 5/8 of their colour: black at 3/8 opacity.
        let _ = write!(out, r##"<path d="{d}" fill="none" stroke="#000000" stroke-opacity="0.375" stroke-width="1" stroke-linejoin="round"/>"##);
    }
}

/// The shaded surface as its quads, farthest first, at (x0, y0).
fn surface(out: &mut String, x0: f64, y0: f64, s: &Surface) {
    for (q, c) in &s.quads {
        let c = hex(*c);
        let p = |k: usize| (D1(x0 + q[k].0), D1(y0 + q[k].1));
        let (a, b, cc, d) = (p(0), p(1), p(2), p(3));
        let _ = write!(out, r#"<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="{c}" stroke="{c}" stroke-width="0.5"/>"#, a.0, a.1, b.0, b.1, cc.0, cc.1, d.0, d.1);
    }
}

/// The dense layer of `backdrop` in the view rectangle `at`, as SVG elements.
pub fn dense(plan: &ViewPlan, at: Rect, backdrop: &Backdrop, scale: f64) -> String {
    let mut out = String::new();
    match backdrop {
        Backdrop::Raster(r) => {
            let vp = plan.viewport(at.width, at.height, scale);
            bands(&mut out, (at.left + vp.left) as f64, (at.top + vp.top) as f64, r);
        }
        Backdrop::Surface(s) => surface(&mut out, at.left as f64, at.top as f64, s),
        Backdrop::None => {}
    }
    out
}

/// The figure of `race` as `plan` shows it, `width × height` pixels, as an SVG document.
pub fn figure(race: &Race, plan: &ViewPlan, width: u32, height: u32) -> Result<String, String> {
    figure_on_grid(race, plan, width, height, None)
}

/// [`figure`] with the landscape's values on an n × n grid already computed (a worker's), if any;
/// else computed on the fine grid.
pub fn figure_on_grid(race: &Race, plan: &ViewPlan, width: u32, height: u32, grid: Option<(usize, Vec<f64>)>) -> Result<String, String> {
    let mut body = String::new();
    let under = {
        let root = MeasuredSvg::with_string(&mut body, (width, height)).into_drawing_area();
        let under = draw(&root, race, plan, grid)?;
        root.present().map_err(|e| format!("drawing failed: {e:?}"))?;
        under
    };
    splice(&body, &under)
}

/// Draws the figure on `root` (an SVG backend) but for its dense layer, which it returns as SVG
/// elements to [`splice`] under the rest.
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, race: &Race, plan: &ViewPlan, grid: Option<(usize, Vec<f64>)>) -> Result<String, String> {
    let (width, height) = root.dim_in_pixel();
    let lay = super::figure::layout(plan, width, height, 1.0);
    let l = race.landscape().as_ref();
    let backdrop = plan.backdrop(l, lay.view.width, lay.view.height, 1.0, grid, super::raster::fine_grid_size(l), SVG_MESH);
    let mut under = String::new();
    let mut put = |at: Rect, b: &Backdrop| {
        under = dense(plan, at, b, 1.0);
        Ok(())
    };
    draw_figure(root, plan, race, &backdrop, 1.0, &caption(race), &mut put)?;
    Ok(under)
}

/// The SVG document `body` with `under` (and a white page) beneath everything it draws.
pub fn splice(body: &str, under: &str) -> Result<String, String> {
    let open = body.find("<svg").and_then(|i| body[i..].find('>').map(|j| i + j + 1)).ok_or("drawing failed: no <svg> element")?;
    let mut out = String::with_capacity(body.len() + under.len() + 100);
    out.push_str(&body[..open]);
    out.push_str("\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    out.push_str(under);
    out.push_str(&body[open..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::D1;

    #[test]
    fn one_decimal() {
        for (v, s) in [(12.34, "12.3"), (-0.04, "0"), (3.0, "3"), (-2.25, "-2.3"), (0.96, "1"), (-7.5, "-7.5")] {
            assert_eq!(D1(v).to_string(), s, "{v}");
        }
    }
}
