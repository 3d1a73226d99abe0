//! Draws a lab [`Figure`] on any plotters backend: the page's canvas and the CLI's SVG share it.
//!
//! Log axes are drawn as linear axes of log₁₀ of the data with labels written back as numbers,
//! which keeps one chart type (and one copy of plotters' generic code) for every panel.

use super::colormap;
use super::legend::{LegendPosition, LegendStyle, Swatch};
use super::{DrawError, DrawResult};
use crate::analysis::lab::figure::{BarsPanel, Figure, GridPanel, Panel, Scale, XyPanel};
use plotters::coord::Shift;
use plotters::prelude::*;


pub use super::theme::Theme;

/// Draws `figure` filling `area` (panels side by side, wrapping to two rows when narrow or when
/// there are four).
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, figure: &Figure, scale: f64, theme: Theme) -> DrawResult {
    area.fill(&theme.background)?;
    let n = figure.panels.len();
    if n == 0 {
        return Ok(());
    }
    let (w, h) = area.dim_in_pixel();
    let wide = w as f64 / scale >= 720.0;
    let (rows, cols) = match n {
        1 => (1, 1),
        2 if wide => (1, 2),
        2 => (2, 1),
        3 if wide => (1, 3),
        4 if wide && (w as f64) > 2.6 * h as f64 => (1, 4),
        _ => (n.div_ceil(2), 2),
    };
    let cells = area.split_evenly((rows, cols));
    // Text and marks grow with the panel: 1× at 450 CSS pixels wide, up to 1.3× (a figure on a wide
    // screen), down to 0.85× on a phone.
    let cell_css = w as f64 / scale / cols as f64;
    let scale = scale * (cell_css / 450.0).clamp(0.85, 1.3);
    for (panel, cell) in figure.panels.iter().zip(cells.iter()) {
        match panel {
            Panel::Xy(p) => xy(cell, p, scale, theme)?,
            Panel::Grid(p) => grid(cell, p, scale, theme)?,
            Panel::Bars(p) => bars(cell, p, scale, theme)?,
        }
    }
    Ok(())
}

/// The figure as an SVG document of `width` × `height` pixels.
pub fn svg(figure: &Figure, width: u32, height: u32) -> Result<String, DrawError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(&root, figure, 1.0, Theme::LIGHT)?;
        root.present()?;
    }
    Ok(out)
}

fn to_axis(v: f64, s: Scale) -> f64 {
    match s {
        Scale::Linear => v,
        Scale::Log => crate::numeric::math::log10(v.max(1e-300)),
    }
}

fn extend(lo: f64, hi: f64, log: bool) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        let pad = if log { 0.5 } else { 0.5 * lo.abs().max(1.0) };
        return (lo - pad, hi + pad);
    }
    let pad = 0.06 * (hi - lo);
    (lo - pad, hi + pad)
}

use super::axis::{label, Axis};

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// A titled chart over `x` × `y` with the mesh and labels drawn.
#[allow(clippy::too_many_arguments)]
fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    x_label: &str,
    y_label: &str,
    x: (f64, f64),
    y: (f64, f64),
    scales: (Scale, Scale),
    whole_x: bool,
    scale: f64,
    theme: Theme,
) -> DrawResult<Chart<'a, DB>> {
    let font = |px: f64| ("sans-serif", (px * scale).max(6.0) as u32).into_font().color(&theme.ink);
    let top = caption(area, title, scale, theme)?;
    let mut chart = ChartBuilder::on(area)
        .margin((8.0 * scale) as u32)
        .margin_top(top)
        .x_label_area_size((34.0 * scale) as u32)
        .y_label_area_size((52.0 * scale) as u32)
        .build_cartesian_2d(Axis::new(x.0, x.1, scales.0, whole_x), Axis::new(y.0, y.1, scales.1, false))?;
    let (sx, sy) = scales;
    chart
        .configure_mesh()
        .x_labels(20)
        .y_labels(20)
        .x_desc(x_label)
        .y_desc(y_label)
        .x_label_formatter(&|v| label(*v, sx))
        .y_label_formatter(&|v| label(*v, sy))
        .label_style(font(10.0))
        .axis_desc_style(font(11.0))
        .axis_style(theme.ink)
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid)
        .draw()?;
    Ok(chart)
}

/// Draws a panel's title centred at its top, in one line when it fits (shrinking the font down to
/// 9 px), else in two lines broken at a space; returns the height it took.
fn caption<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, scale: f64, theme: Theme) -> DrawResult<u32> {
    let (w, _) = area.dim_in_pixel();
    let room = (w as f64 - 28.0 * scale).max(1.0);
    let fitted = super::text::fitting_px(title, room, 12.0 * scale, 9.0 * scale, 0.5 * scale);
    let px = fitted.unwrap_or(9.0 * scale);
    let lines: Vec<String> = if fitted.is_some() {
        vec![title.to_string()]
    } else {
        // Break at the space that best balances the two lines.
        let spaces: Vec<usize> = title.char_indices().filter(|(_, c)| *c == ' ').map(|(i, _)| i).collect();
        let mid = title.len() / 2;
        match spaces.iter().min_by_key(|&&i| i.abs_diff(mid)) {
            Some(&i) => vec![title[..i].to_string(), title[i + 1..].to_string()],
            None => vec![title.to_string()],
        }
    };
    let line_h = 1.3 * px;
    let style = ("sans-serif", px.max(6.0) as u32).into_font().color(&theme.ink).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Top,
    ));
    for (k, l) in lines.iter().enumerate() {
        area.draw(&Text::new(l.clone(), (w as i32 / 2, (6.0 * scale + k as f64 * line_h) as i32), style.clone()))?;
    }
    Ok((10.0 * scale + lines.len() as f64 * line_h) as u32)
}

/// A lab panel's legend box: 10 px text (6 px at least).
fn legend_style(scale: f64, theme: Theme) -> LegendStyle {
    LegendStyle::of(theme, (10.0 * scale).max(6.0), scale)
}

/// Draws the legend of a panel in its plotting area.
fn legend<'a, DB: DrawingBackend + 'a>(chart: &Chart<'a, DB>, entries: &[(String, Swatch)], scale: f64, theme: Theme, pos: LegendPosition) -> DrawResult {
    super::legend::draw(&chart.plotting_area().strip_coord_spec(), entries, pos, &legend_style(scale, theme))
}

/// Draws the legend of a panel in the corner of its plotting area that covers the least of the
/// data: `data` in data coordinates (x0, y0, x1, y1; a point is a rectangle of no size).
fn legend_avoiding<'a, DB: DrawingBackend + 'a>(chart: &Chart<'a, DB>, entries: &[(String, Swatch)], scale: f64, theme: Theme, data: &[(f64, f64, f64, f64)]) -> DrawResult {
    let style = legend_style(scale, theme);
    let plot = chart.plotting_area();
    let base = plot.get_base_pixel();
    let pad = 4.0 * scale;
    let px: Vec<(f64, f64, f64, f64)> = data
        .iter()
        .map(|r| {
            let a = plot.map_coordinate(&(r.0, r.1));
            let b = plot.map_coordinate(&(r.2, r.3));
            let (x0, x1) = ((a.0.min(b.0) - base.0) as f64 - pad, (a.0.max(b.0) - base.0) as f64 + pad);
            let (y0, y1) = ((a.1.min(b.1) - base.1) as f64 - pad, (a.1.max(b.1) - base.1) as f64 + pad);
            (x0, y0, x1, y1)
        })
        .collect();
    super::legend::draw_avoiding(&plot.strip_coord_spec(), entries, &style, &px)
}

/// A colour that stands apart from the background: a category drawn near-black on a dark figure
/// (or near-white on a light one) becomes light grey (dark grey).
fn visible(c: RGBColor, theme: Theme) -> RGBColor {
    let lum = |c: RGBColor| (0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64) / 255.0;
    if (lum(c) - lum(theme.background)).abs() >= 0.15 {
        c
    } else if theme.dark {
        RGBColor(196, 200, 208)
    } else {
        RGBColor(60, 64, 72)
    }
}

fn run_colour(k: usize) -> RGBColor {
    let c = colormap::run(k);
    RGBColor(c.0, c.1, c.2)
}

fn xy<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &XyPanel, scale: f64, theme: Theme) -> DrawResult {
    let (sx, sy) = (p.x_scale, p.y_scale);
    let mut xs: Vec<f64> = Vec::new();
    let mut ys: Vec<f64> = Vec::new();
    for s in &p.series {
        for q in &s.points {
            xs.push(to_axis(q.x, sx));
            ys.push(to_axis(q.y, sy));
            ys.extend(q.lo.iter().chain(q.hi.iter()).map(|v| to_axis(*v, sy)));
        }
    }
    for l in &p.lines {
        for (x, y) in &l.points {
            xs.push(to_axis(*x, sx));
            ys.push(to_axis(*y, sy));
        }
    }
    let fin = |v: &Vec<f64>| v.iter().copied().filter(|x| x.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let x = extend(fin(&xs).0, fin(&xs).1, sx == Scale::Log);
    let mut y = extend(fin(&ys).0, fin(&ys).1, sy == Scale::Log);
    if sy == Scale::Linear && y.0 > 0.0 && y.0 < 0.35 * y.1 {
        // Linear counts and times read best from zero.
        y.0 = 0.0;
    }
    let whole = sx == Scale::Linear && p.series.iter().flat_map(|s| &s.points).all(|q| q.x.fract() == 0.0);
    let mut chart = frame(area, &p.title, &p.x_label, &p.y_label, x, y, (sx, sy), whole, scale, theme)?;
    let r = (3.5 * scale).max(2.0) as i32;
    let mut entries: Vec<(String, Swatch)> = Vec::new();
    for l in &p.lines {
        let pts: Vec<(f64, f64)> = l.points.iter().map(|(a, b)| (to_axis(*a, sx), to_axis(*b, sy))).filter(|q| q.1 >= y.0 && q.1 <= y.1).collect();
        let dashes = dashed(&pts, (x.1 - x.0) / 60.0);
        let style = theme.theory.stroke_width((1.5 * scale).max(1.0) as u32);
        for d in dashes {
            chart.draw_series(std::iter::once(PathElement::new(d, style)))?;
        }
        entries.push((l.name.clone(), Swatch::Dashed(style)));
    }
    for s in &p.series {
        let c = run_colour(s.colour);
        let pts: Vec<(f64, f64)> = s.points.iter().filter(|q| !q.censored).map(|q| (to_axis(q.x, sx), to_axis(q.y, sy))).collect();
        // The band (10–90 %) as one polygon.
        let band: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|q| !q.censored && q.lo.is_some() && q.hi.is_some())
            .map(|q| (to_axis(q.x, sx), to_axis(q.hi.unwrap_or(q.y), sy)))
            .chain(s.points.iter().rev().filter(|q| !q.censored && q.lo.is_some() && q.hi.is_some()).map(|q| (to_axis(q.x, sx), to_axis(q.lo.unwrap_or(q.y), sy))))
            .collect();
        if band.len() >= 4 && s.joined {
            chart.draw_series(std::iter::once(Polygon::new(band, c.mix(0.18).filled())))?;
        } else {
            // Error bars where a band would not read (single points, unjoined series).
            for q in s.points.iter().filter(|q| !q.censored) {
                if let (Some(lo), Some(hi)) = (q.lo, q.hi) {
                    let xq = to_axis(q.x, sx);
                    chart.draw_series(std::iter::once(PathElement::new(vec![(xq, to_axis(lo, sy)), (xq, to_axis(hi, sy))], c.stroke_width((1.5 * scale) as u32))))?;
                }
            }
        }
        if s.joined && pts.len() >= 2 {
            chart.draw_series(std::iter::once(PathElement::new(pts.clone(), c.stroke_width((2.0 * scale).max(1.0) as u32))))?;
        }
        chart.draw_series(pts.iter().map(|q| Circle::new(*q, r, c.filled())))?;
        entries.push((s.name.clone(), Swatch::Dot(c)));
        let tri = (5.0 * scale).max(3.0) as i32;
        for q in s.points.iter().filter(|q| q.censored) {
            let at = (to_axis(q.x, sx), to_axis(q.y, sy).min(y.1));
            chart
                .draw_series(std::iter::once(EmptyElement::at(at) + TriangleMarker::new((0, 0), tri, c.stroke_width((1.5 * scale) as u32))))?;
        }
        if s.points.iter().any(|q| q.censored) {
            entries.push((format!("{}: never arrived (censored)", s.name), Swatch::Triangle(c)));
        }
    }
    // What the legend should not cover: every point and every line, sampled.
    let mut data: Vec<(f64, f64, f64, f64)> = Vec::new();
    for s in &p.series {
        let pts: Vec<(f64, f64)> = s.points.iter().map(|q| (to_axis(q.x, sx), to_axis(q.y, sy).min(y.1))).collect();
        data.extend(pts.iter().map(|q| (q.0, q.1, q.0, q.1)));
        for q in s.points.iter().filter(|q| !q.censored) {
            if let (Some(lo), Some(hi)) = (q.lo, q.hi) {
                let xq = to_axis(q.x, sx);
                data.push((xq, to_axis(lo, sy), xq, to_axis(hi, sy)));
            }
        }
        if s.joined {
            data.extend(sample_segments(&pts, 8));
        }
    }
    for l in &p.lines {
        let pts: Vec<(f64, f64)> = l.points.iter().map(|(a, b)| (to_axis(*a, sx), to_axis(*b, sy))).filter(|q| q.1 >= y.0 && q.1 <= y.1).collect();
        data.extend(pts.iter().map(|q| (q.0, q.1, q.0, q.1)));
        data.extend(sample_segments(&pts, 8));
    }
    legend_avoiding(&chart, &entries, scale, theme, &data)
}

/// Points along each segment of a polyline (`n` per segment), as rectangles of no size.
fn sample_segments(pts: &[(f64, f64)], n: usize) -> Vec<(f64, f64, f64, f64)> {
    let mut out = Vec::new();
    for w in pts.windows(2) {
        for k in 1..n {
            let t = k as f64 / n as f64;
            let (x, y) = (w[0].0 + t * (w[1].0 - w[0].0), w[0].1 + t * (w[1].1 - w[0].1));
            out.push((x, y, x, y));
        }
    }
    out
}

/// Splits a polyline into dashes about `len` long (in data units along x).
fn dashed(pts: &[(f64, f64)], len: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let dx = b.0 - a.0;
        let n = ((dx.abs() / len.max(1e-12)).ceil() as usize).clamp(1, 400);
        for k in (0..n).step_by(2) {
            let t0 = k as f64 / n as f64;
            let t1 = ((k + 1) as f64 / n as f64).min(1.0);
            out.push(vec![(a.0 + t0 * dx, a.1 + t0 * (b.1 - a.1)), (a.0 + t1 * dx, a.1 + t1 * (b.1 - a.1))]);
        }
    }
    out
}

fn grid<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &GridPanel, scale: f64, theme: Theme) -> DrawResult {
    let mut chart = frame(area, &p.title, &p.x_label, &p.y_label, p.x_range, p.y_range, (Scale::Linear, Scale::Linear), false, scale, theme)?;
    let (cw, ch) = ((p.x_range.1 - p.x_range.0) / (p.cols - 1).max(1) as f64, (p.y_range.1 - p.y_range.0) / (p.rows - 1).max(1) as f64);
    // One rectangle per run of equal cells in a row (few elements in an SVG).
    for r in 0..p.rows {
        let y = p.y_range.0 + r as f64 * ch;
        let mut c = 0;
        while c < p.cols {
            let v = p.cells[r * p.cols + c];
            let mut e = c + 1;
            while e < p.cols && p.cells[r * p.cols + e] == v {
                e += 1;
            }
            if let Some(cat) = p.categories.get(v as usize) {
                let x0 = p.x_range.0 + (c as f64 - 0.5) * cw;
                let x1 = p.x_range.0 + (e as f64 - 0.5) * cw;
                let col = visible(RGBColor(cat.rgb.0, cat.rgb.1, cat.rgb.2), theme);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(x0.max(p.x_range.0), (y - 0.5 * ch).max(p.y_range.0)), (x1.min(p.x_range.1), (y + 0.5 * ch).min(p.y_range.1))],
                        col.filled(),
                    )))?;
            }
            c = e;
        }
    }
    let entries: Vec<(String, Swatch)> = p
        .categories
        .iter()
        .enumerate()
        .filter(|(k, _)| p.cells.contains(&(*k as u8)))
        .map(|(_, cat)| (cat.name.clone(), Swatch::Block(visible(RGBColor(cat.rgb.0, cat.rgb.1, cat.rgb.2), theme))))
        .collect();
    let r = (4.0 * scale).max(2.0) as i32;
    chart
        .draw_series(p.marks.iter().map(|(x, y, _)| Circle::new((*x, *y), r, WHITE.stroke_width((1.5 * scale) as u32))))?;
    legend(&chart, &entries, scale, theme, LegendPosition::LowerRight)
}

fn bars<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, p: &BarsPanel, scale: f64, theme: Theme) -> DrawResult {
    let xs: Vec<f64> = p.edges.iter().map(|e| to_axis(*e, p.x_scale)).collect();
    let bins = xs.len().saturating_sub(1);
    let totals: Vec<u64> = (0..bins).map(|b| p.groups.iter().map(|g| g.2.get(b).copied().unwrap_or(0)).sum()).collect();
    let top = totals.iter().copied().max().unwrap_or(1).max(1) as f64;
    let x = (xs.first().copied().unwrap_or(0.0), xs.last().copied().unwrap_or(1.0));
    let mut chart = frame(area, &p.title, &p.x_label, &p.y_label, x, (0.0, top * 1.08), (p.x_scale, Scale::Linear), false, scale, theme)?;
    let mut base = vec![0u64; bins];
    let mut entries: Vec<(String, Swatch)> = Vec::new();
    for (name, colour, counts) in &p.groups {
        let c = run_colour(*colour);
        let rects: Vec<Rectangle<(f64, f64)>> = (0..bins)
            .filter(|&b| counts.get(b).copied().unwrap_or(0) > 0)
            .map(|b| {
                let (y0, y1) = (base[b] as f64, (base[b] + counts[b]) as f64);
                Rectangle::new([(xs[b], y0), (xs[b + 1], y1)], c.filled())
            })
            .collect();
        for b in 0..bins {
            base[b] += counts.get(b).copied().unwrap_or(0);
        }
        chart.draw_series(rects)?;
        entries.push((name.clone(), Swatch::Block(c)));
    }
    let data: Vec<(f64, f64, f64, f64)> = (0..bins).filter(|&b| base[b] > 0).map(|b| (xs[b], 0.0, xs[b + 1], base[b] as f64)).collect();
    legend_avoiding(&chart, &entries, scale, theme, &data)
}
