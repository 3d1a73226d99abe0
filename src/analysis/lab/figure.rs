//! What a lab figure shows, as data: panels of points with bands, censored marks and theory lines,
//! grids of outcomes, histograms. `render::lab` draws it on any plotters backend (the page's
//! canvas, the CLI's SVG), so the picture and the numbers come from the same place.

/// A figure: one to four panels side by side (wrapping on narrow canvases).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub panels: Vec<Panel>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    Xy(XyPanel),
    Grid(GridPanel),
    Bars(BarsPanel),
}

/// A scale of an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Base-10 logarithmic (values must be positive).
    Log,
}

/// Points against x: measured series (median with a band), censored marks and theory lines.
#[derive(Clone, Debug, PartialEq)]
pub struct XyPanel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_scale: Scale,
    pub y_scale: Scale,
    pub series: Vec<Series>,
    pub lines: Vec<Line>,
}

/// One measured series; `colour` indexes the run palette.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: usize,
    pub points: Vec<Point>,
    /// Join the points with a line.
    pub joined: bool,
}

/// A measured value, its band (e.g. the 10–90 % quantiles) and whether it is censored: then `y`
/// is the bound it exceeds (drawn as an open triangle pointing up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub lo: Option<f64>,
    pub hi: Option<f64>,
    pub censored: bool,
}

impl Point {
    pub fn at(x: f64, y: f64) -> Point {
        Point { x, y, lo: None, hi: None, censored: false }
    }
}

/// A theory line, drawn dashed in grey.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// Outcomes on a grid of starts: `cells[row * cols + col]` is a category index, rows from the
/// bottom (y0) up.
#[derive(Clone, Debug, PartialEq)]
pub struct GridPanel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub cols: usize,
    pub rows: usize,
    /// `u8::MAX`: not computed yet.
    pub cells: Vec<u8>,
    pub categories: Vec<Category>,
    /// Points to mark (critical points) with their labels.
    pub marks: Vec<(f64, f64, String)>,
}

/// A category of a grid: its name and colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    pub name: String,
    pub rgb: (u8, u8, u8),
}

/// Counts in bins, one series of bars per group (stacked).
#[derive(Clone, Debug, PartialEq)]
pub struct BarsPanel {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Bin edges (len = bins + 1).
    pub edges: Vec<f64>,
    pub x_scale: Scale,
    /// (name, colour, counts per bin).
    pub groups: Vec<(String, usize, Vec<u64>)>,
}
