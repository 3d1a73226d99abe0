//! Legends laid out with the backend's own text measurement.
//!
//! plotters' `configure_series_labels` measures its lines through the font directly
//! (`MultiLineText` → `FontDesc::box_size`), which on wasm means a `<span>` with a `style`
//! attribute that a strict Content-Security-Policy blocks (and a panic in a Web Worker, which has no
//! page). This legend measures with [`DrawingArea::estimate_text_size`], i.e. through the backend
//! (the canvas's `measureText` on the page, plotters' estimate in SVG), and draws a box, a swatch
//! per entry (a line, a dashed line, a marker or a block of colour) and its label.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::DrawResult;

/// Where the legend box sits in its area (5 pixels from the edges).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendPosition {
    UpperLeft,
    UpperRight,
    MiddleRight,
    LowerRight,
    LowerLeft,
}

/// What stands before a label.
#[derive(Clone, Copy, Debug)]
pub enum Swatch {
    /// A short line in this style.
    Line(ShapeStyle),
    /// A dashed line (theory, laws).
    Dashed(ShapeStyle),
    /// A filled dot.
    Dot(RGBColor),
    /// An open triangle pointing up (censored: the value is above this).
    Triangle(RGBColor),
    /// A block of colour (a category of a grid, a group of bars).
    Block(RGBColor),
    /// A run's line: its colour and dash pattern (dash, gap in CSS pixels; 0 solid).
    Run(RGBColor, f64, f64),
    /// A filled disc with a dark rim (a minimum), a cross (a saddle), a triangle (a maximum), a
    /// diamond (a degenerate point): the critical points' marks.
    Minimum,
    Saddle,
    Maximum,
    Degenerate,
    /// An open ring (converged), an open square (stalled), a red cross (diverged).
    Ring,
    Square,
    Diverged,
    /// The hatch where f is not defined.
    Outside,
}

/// Colours of a legend box.
#[derive(Clone, Copy, Debug)]
pub struct LegendStyle {
    pub text: RGBColor,
    pub background: RGBAColor,
    pub border: RGBColor,
    pub font_px: f64,
    pub scale: f64,
}

impl LegendStyle {
    /// The legend box of `theme` (its ink, legend background and grid colour), text `font_px`
    /// device pixels high, marks sized for `scale`.
    pub fn of(theme: super::theme::Theme, font_px: f64, scale: f64) -> LegendStyle {
        LegendStyle { text: theme.ink, background: theme.legend, border: theme.grid, font_px, scale }
    }
}

/// A legend: one line sample and label per entry, in a box with `background` and `border`.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, ShapeStyle)],
    position: LegendPosition,
    font_px: f64,
    scale: f64,
    background: ShapeStyle,
    border: ShapeStyle,
) -> DrawResult {
    let swatches: Vec<(String, Swatch)> = entries.iter().map(|(l, s)| (l.clone(), Swatch::Line(*s))).collect();
    let style = LegendStyle {
        text: super::theme::current().ink,
        background: background.color,
        border: RGBColor(border.color.0, border.color.1, border.color.2),
        font_px,
        scale,
    };
    draw(area, &swatches, position, &style)
}

/// The box of a legend: its width and height, and each entry's (top, text height) inside it.
struct Layout {
    w: i32,
    h: i32,
    rows: Vec<(i32, i32)>,
}

fn layout<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[(String, Swatch)], st: &LegendStyle) -> DrawResult<Layout> {
    let style = TextStyle::from(("sans-serif", st.font_px).into_font()).color(&st.text);
    let line_height = 1.25 * st.font_px;
    let mut rows = Vec::with_capacity(entries.len());
    let (mut w, mut h) = (0i32, 0i32);
    for (i, (label, _)) in entries.iter().enumerate() {
        let (tw, th) = area.estimate_text_size(label, &style)?;
        let top = (i as f64 * line_height).round() as i32;
        w = w.max(tw as i32);
        h = h.max(top + th as i32);
        rows.push((top, th as i32));
    }
    let margin = (8.0 * st.scale).round() as i32;
    let sample = (26.0 * st.scale).round() as i32;
    Ok(Layout { w: w + sample + 2 * margin, h: h + 2 * margin, rows })
}

/// The top-left corner of a `bw × bh` box at `position` in an `aw × ah` area.
fn corner(position: LegendPosition, (aw, ah): (u32, u32), (bw, bh): (i32, i32), scale: f64) -> (i32, i32) {
    let gap = (5.0 * scale).round() as i32;
    let x = match position {
        LegendPosition::UpperLeft | LegendPosition::LowerLeft => gap,
        _ => aw as i32 - bw - gap,
    };
    let y = match position {
        LegendPosition::UpperLeft | LegendPosition::UpperRight => gap,
        LegendPosition::MiddleRight => (ah as i32 - bh) / 2,
        LegendPosition::LowerRight | LegendPosition::LowerLeft => ah as i32 - bh - gap,
    };
    (x, y)
}

/// A legend in whichever corner of `area` covers the least of `data` (pixel rectangles
/// x0, y0, x1, y1 in the area: the points, bars and line samples of the plot), preferring the
/// upper left on a tie.
pub fn draw_avoiding<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[(String, Swatch)], st: &LegendStyle, data: &[(f64, f64, f64, f64)]) -> DrawResult {
    if entries.is_empty() {
        return Ok(());
    }
    let lay = layout(area, entries, st)?;
    let dim = area.dim_in_pixel();
    let covered = |p: LegendPosition| -> f64 {
        let (x, y) = corner(p, dim, (lay.w, lay.h), st.scale);
        let (x1, y1) = ((x + lay.w) as f64, (y + lay.h) as f64);
        data.iter().map(|r| ((r.2.min(x1) - r.0.max(x as f64)).max(0.0)) * ((r.3.min(y1) - r.1.max(y as f64)).max(0.0))).sum()
    };
    let mut best = LegendPosition::UpperLeft;
    let mut least = covered(best);
    for p in [LegendPosition::UpperRight, LegendPosition::LowerRight, LegendPosition::LowerLeft] {
        let c = covered(p);
        if c < least {
            best = p;
            least = c;
        }
    }
    draw(area, entries, best, st)
}

/// A legend of `entries` at `position` in `area`.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, entries: &[(String, Swatch)], position: LegendPosition, st: &LegendStyle) -> DrawResult {
    if entries.is_empty() {
        return Ok(());
    }
    let style = TextStyle::from(("sans-serif", st.font_px).into_font()).color(&st.text);
    let lay = layout(area, entries, st)?;
    let sizes = lay.rows.clone();
    let (bw, bh) = (lay.w, lay.h);
    let scale = st.scale;
    let margin = (8.0 * scale).round() as i32;
    let sample = (26.0 * scale).round() as i32;
    let (x, y) = corner(position, area.dim_in_pixel(), (bw, bh), scale);
    area.draw(&Rectangle::new([(x, y), (x + bw, y + bh)], st.background.filled()))?;
    area.draw(&Rectangle::new([(x, y), (x + bw, y + bh)], st.border.stroke_width(1)))?;
    for ((label, swatch), (top, th)) in entries.iter().zip(sizes) {
        let ty = y + margin + top;
        area.draw(&Text::new(label.clone(), (x + margin + sample, ty), style.clone()))?;
        let mid = ty + th / 2;
        let (x0, len) = (x + margin, (18.0 * scale).round() as i32);
        let r = (3.5 * scale).max(2.0) as i32;
        match swatch {
            Swatch::Line(line) => area.draw(&PathElement::new(vec![(x0, mid), (x0 + len, mid)], *line))?,
            Swatch::Dashed(line) => {
                let d = len / 4;
                area.draw(&PathElement::new(vec![(x0, mid), (x0 + d, mid)], *line))?;
                area.draw(&PathElement::new(vec![(x0 + 2 * d, mid), (x0 + 3 * d, mid)], *line))?;
            }
            Swatch::Dot(c) => area.draw(&Circle::new((x0 + len / 2, mid), r, c.filled()))?,
            Swatch::Triangle(c) => {
                area.draw(&TriangleMarker::new((x0 + len / 2, mid), r + 1, c.stroke_width((1.5 * scale).max(1.0) as u32)))?
            }
            Swatch::Block(c) => {
                let s = (5.0 * scale).round() as i32;
                area.draw(&Rectangle::new([(x0 + len / 2 - s, mid - s), (x0 + len / 2 + s, mid + s)], c.filled()))?
            }
            Swatch::Outside => {
                let s = (6.0 * scale).round() as i32;
                let (cx, o, k) = (x0 + len / 2, super::colormap::OUTSIDE, super::colormap::OUTSIDE_STRIPE);
                area.draw(&Rectangle::new([(cx - s, mid - s), (cx + s, mid + s)], RGBColor(o[0], o[1], o[2]).filled()))?;
                let stripe = RGBColor(k[0], k[1], k[2]).stroke_width((1.5 * scale).max(1.0) as u32);
                for j in [-s, 0, s] {
                    // Diagonals x + y = const clipped to the square.
                    let (a, b) = if j <= 0 { ((cx - s, mid + j + s), (cx + j + s, mid - s)) } else { ((cx - s + j, mid + s), (cx + s, mid - s + j)) };
                    area.draw(&PathElement::new(vec![a, b], stripe))?;
                }
            }
            Swatch::Run(c, dash, gap) => {
                let pts = [(x0 as f64, mid as f64), ((x0 + len) as f64, mid as f64)];
                for piece in super::clip::dashes(&pts, dash * scale, gap * scale) {
                    let p: Vec<(i32, i32)> = piece.iter().map(|q| (q.0.round() as i32, q.1.round() as i32)).collect();
                    area.draw(&PathElement::new(p, c.stroke_width((2.5 * scale).max(1.0) as u32)))?;
                }
            }
            Swatch::Minimum | Swatch::Saddle | Swatch::Maximum | Swatch::Degenerate => {
                let kind = match swatch {
                    Swatch::Minimum => crate::landscape::CriticalKind::Minimum,
                    Swatch::Saddle => crate::landscape::CriticalKind::Saddle,
                    Swatch::Maximum => crate::landscape::CriticalKind::Maximum,
                    _ => crate::landscape::CriticalKind::Degenerate,
                };
                super::view2d::draw_mark(area, (x0 + len / 2, mid), kind, None, scale)?;
            }
            Swatch::Ring => area.draw(&Circle::new((x0 + len / 2, mid), r + 2, st.text.stroke_width((1.5 * scale).max(1.0) as u32)))?,
            Swatch::Square => {
                let q = r + 1;
                area.draw(&Rectangle::new([(x0 + len / 2 - q, mid - q), (x0 + len / 2 + q, mid + q)], st.text.stroke_width((1.5 * scale).max(1.0) as u32)))?
            }
            Swatch::Diverged => area.draw(&Cross::new((x0 + len / 2, mid), r + 1, RGBColor(220, 30, 30).stroke_width((2.0 * scale) as u32)))?,
        }
    }
    Ok(())
}
