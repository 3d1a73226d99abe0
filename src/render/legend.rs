//! Series legends laid out with the backend's own text measurement.
//!
//! plotters' `configure_series_labels` measures its lines through the font directly
//! (`MultiLineText` → `FontDesc::box_size`), which on wasm means a `<span>` with a `style`
//! attribute that a strict Content-Security-Policy blocks. This legend measures with
//! [`DrawingArea::estimate_text_size`], i.e. through the backend (the canvas's `measureText` on the
//! page, plotters' estimate in SVG), and otherwise draws what plotters drew: a box, a sample of each
//! series' line and its label.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::DrawResult;

/// Where the legend box sits in its area (5 pixels from the edges, as plotters placed it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendPosition {
    UpperRight,
    MiddleRight,
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
    if entries.is_empty() {
        return Ok(());
    }
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("{e:?}");
    let style = TextStyle::from(("sans-serif", font_px).into_font()).color(&BLACK);
    let line_height = 1.25 * font_px;
    let mut sizes = Vec::with_capacity(entries.len());
    let (mut w, mut h) = (0i32, 0i32);
    for (i, (label, _)) in entries.iter().enumerate() {
        let (tw, th) = area.estimate_text_size(label, &style).map_err(err)?;
        let top = (i as f64 * line_height).round() as i32;
        w = w.max(tw as i32);
        h = h.max(top + th as i32);
        sizes.push((top, th as i32));
    }
    let margin = (10.0 * scale).round() as i32;
    let sample = (30.0 * scale).round() as i32;
    let (bw, bh) = (w + sample + 2 * margin, h + 2 * margin);
    let (aw, ah) = area.dim_in_pixel();
    let x = aw as i32 - bw - 5;
    let y = match position {
        LegendPosition::UpperRight => 5,
        LegendPosition::MiddleRight => (ah as i32 - bh) / 2,
    };
    area.draw(&Rectangle::new([(x, y), (x + bw, y + bh)], background.filled())).map_err(err)?;
    area.draw(&Rectangle::new([(x, y), (x + bw, y + bh)], border)).map_err(err)?;
    for ((label, line), (top, th)) in entries.iter().zip(sizes) {
        let ty = y + margin + top;
        area.draw(&Text::new(label.clone(), (x + margin + sample, ty), style.clone())).map_err(err)?;
        let mid = ty + th / 2;
        let len = (14.0 * scale).round() as i32;
        area.draw(&PathElement::new(vec![(x + margin, mid), (x + margin + len, mid)], *line)).map_err(err)?;
    }
    Ok(())
}
