//! The mapping between slice coordinates and pixels of a plot rectangle.

use crate::landscape::ViewBox;

/// A plot rectangle in pixels showing the data box `view` (y grows upwards on screen).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub left: i32,
    pub top: i32,
    pub width: i32,
    pub height: i32,
    pub view: ViewBox,
}

impl Viewport {
    /// The plot rectangle of a `w × h` canvas with room for axis labels, `scale` = device pixel ratio.
    pub fn for_canvas(w: u32, h: u32, view: ViewBox, scale: f64) -> Viewport {
        let (l, r, t, b) = Viewport::margins(scale);
        Viewport { left: l, top: t, width: (w as i32 - l - r).max(8), height: (h as i32 - t - b).max(8), view }
    }

    /// Left, right, top and bottom margins in pixels.
    pub fn margins(scale: f64) -> (i32, i32, i32, i32) {
        ((46.0 * scale) as i32, (12.0 * scale) as i32, (10.0 * scale) as i32, (34.0 * scale) as i32)
    }

    /// Pixel of the data point (s, t).
    #[inline]
    pub fn to_pixel(&self, s: f64, t: f64) -> (i32, i32) {
        let v = &self.view;
        let px = self.left as f64 + (s - v.x0) / v.width() * self.width as f64;
        let py = self.top as f64 + (v.y1 - t) / v.height() * self.height as f64;
        (px.clamp(-1e6, 1e6).round() as i32, py.clamp(-1e6, 1e6).round() as i32)
    }

    /// Data point at pixel (px, py) (pixel centres).
    pub fn to_data(&self, px: f64, py: f64) -> (f64, f64) {
        let v = &self.view;
        (v.x0 + (px - self.left as f64) / self.width as f64 * v.width(), v.y1 - (py - self.top as f64) / self.height as f64 * v.height())
    }

    /// Pixels per data unit along x.
    pub fn scale_x(&self) -> f64 {
        self.width as f64 / self.view.width()
    }

    pub fn contains_pixel(&self, px: f64, py: f64) -> bool {
        px >= self.left as f64 && px < (self.left + self.width) as f64 && py >= self.top as f64 && py < (self.top + self.height) as f64
    }
}
