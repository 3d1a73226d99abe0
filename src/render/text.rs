//! Text measured without a font or a page, and plotters' SVG backend measuring with it.
//!
//! plotters lays out axis labels, captions and our legends by asking the backend how large a text
//! is. Its SVG backend asks the font, which on wasm means a `<span>` with a `style` attribute
//! (blocked by the strict CSP, and a panic in a Web Worker) and natively a crude estimate. An SVG
//! is drawn by whoever opens it, so no measurement is exact: [`text_size`] uses the advance widths
//! of DejaVu Sans (the font the CLI rasterises its PNG posters with, assets/fonts), which makes an
//! SVG figure the same bytes in the browser and natively, and [`MeasuredSvg`] is plotters'
//! `SVGBackend` answering `estimate_text_size` with it.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// Advance widths of DejaVu Sans for ASCII 32…126, in thousandths of an em.
const ASCII: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337,
    838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
    685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The advance of one character in thousandths of an em.
fn advance(c: char) -> u32 {
    let u = c as u32;
    match u {
        32..=126 => ASCII[(u - 32) as usize] as u32,
        // Combining marks take no room.
        0x300..=0x36f => 0,
        // Sub- and superscripts.
        0xb2 | 0xb3 | 0xb9 | 0x2070..=0x209f | 0x1d62..=0x1d6a => 401,
        // Greek.
        0x370..=0x3ff => 620,
        // Operators, arrows, dashes of full width.
        0x2190..=0x22ff | 0x2715 => 838,
        0x2016 => 500,
        0xb7 => 318,
        0x2026 | 0x2014 => 1000,
        0x2013 => 500,
        _ => 640,
    }
}

/// Width and height in pixels of `text` in a sans-serif font of `size` pixels as plotters sizes
/// fonts (its SVG backend writes `font-size` = size / 1.24).
pub fn text_size(text: &str, size: f64) -> (u32, u32) {
    let em = size / 1.24;
    let w: u32 = text.chars().map(advance).sum();
    ((w as f64 * em / 1000.0).ceil() as u32, (1.164 * em).round() as u32)
}

/// The largest font size from `max_px` down to `min_px`, in steps of `step`, at which `text` is at
/// most `room` pixels wide; `None` if it is wider even at `min_px`.
pub fn fitting_px(text: &str, room: f64, max_px: f64, min_px: f64, step: f64) -> Option<f64> {
    let mut px = max_px;
    while px >= min_px - 1e-9 {
        if text_size(text, px).0 as f64 <= room {
            return Some(px);
        }
        px -= step;
    }
    None
}

/// plotters' SVG backend with text measured by [`text_size`] (see the module doc).
pub struct MeasuredSvg<'a> {
    inner: SVGBackend<'a>,
}

impl<'a> MeasuredSvg<'a> {
    /// An SVG document of `size` pixels written into `buf`.
    pub fn with_string(buf: &'a mut String, size: (u32, u32)) -> Self {
        MeasuredSvg { inner: SVGBackend::with_string(buf, size) }
    }
}

type SvgError = <SVGBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for MeasuredSvg<'_> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_text(text, style, pos)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.blit_bitmap(pos, size, src)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<SvgError>> {
        Ok(text_size(text, style.size()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // "mm" is wider than "ii"; an em of 12.4 px is 10 px of font-size.
        assert!(text_size("mm", 12.4).0 > text_size("ii", 12.4).0);
        assert_eq!(text_size("M", 12.4), (9, 12));
        assert_eq!(text_size("", 12.0).0, 0);
        assert!(text_size("λᵢ (symlog)", 11.0).0 > 40);
    }
}
