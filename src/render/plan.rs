//! The view plan: what a picture of a race shows (the plane it slices through, 2D or which 3D
//! view, the panels, the legend), decided once here for the page, the element, the exports and
//! the CLI's `figure`, which then draw the same thing.

use super::raster::{fine_grid_size, grid_values, Raster};
use super::view2d::Overlay;
use super::view3d::{Camera, Projection, Surface};
use super::viewport::Viewport;
use crate::landscape::{Landscape, Slice, SlicePolicy, View3d, ViewBox};
use crate::run::Race;
use crate::scenario::ViewMode;

/// What the main view draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// The landscape over a plane (raster, contours, axes), the runs projected on it.
    Plane,
    /// The shaded surface z = f over the plane, the runs on it.
    Surface,
    /// The first three coordinates in a box (d = 3).
    ParameterBox,
    /// log|x_j| of every coordinate against the step (high-dimensional `chain`).
    Coordinates,
}

/// A panel beside the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    Hessian,
    Loss,
}

/// Contour levels of the landscape raster (the page's and every figure's).
pub const CONTOURS: usize = 14;
/// Quads per side of the 3D surface drawn on a canvas.
pub const SURFACE_MESH: usize = 60;

/// What a picture of a race shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewPlan {
    pub kind: ViewKind,
    /// The plane the 2D view and the surface are drawn over.
    pub slice: Slice,
    /// The data window over the plane (slice coordinates).
    pub view: ViewBox,
    pub camera: Camera,
    /// The panels, top to bottom (none when the scenario hides them).
    pub panels: Vec<PanelKind>,
    /// Trajectory overlays: eigen-axes, events, the legend of runs.
    pub overlay: Overlay,
}

impl ViewPlan {
    /// The plan for `race` drawn through `slice` (see [`next_slice`]) with `camera`.
    pub fn new(race: &Race, slice: Slice, camera: Camera) -> ViewPlan {
        let s = race.scenario();
        let kind = match s.view.unwrap_or(ViewMode::TwoD) {
            ViewMode::TwoD => ViewKind::Plane,
            ViewMode::ThreeD => match race.landscape().view3d() {
                View3d::Surface => ViewKind::Surface,
                View3d::ParameterBox => ViewKind::ParameterBox,
                View3d::Coordinates => ViewKind::Coordinates,
            },
        };
        let panels = if s.hide.iter().any(|h| h == "panels") { Vec::new() } else { vec![PanelKind::Hessian, PanelKind::Loss] };
        ViewPlan { kind, slice, view: view_box(race), camera, panels, overlay: Overlay::default() }
    }

    /// The plan of a finished picture of `race` (a figure, an export): the plane the page shows
    /// for the race as it stands (see [`next_slice`]).
    pub fn of(race: &Race, camera: Camera) -> ViewPlan {
        let own = race.landscape().slice();
        let slice = next_slice(race, &own, true).unwrap_or(own);
        ViewPlan::new(race, slice, camera)
    }

    /// The plot rectangle of the 2D view in a `w × h` area.
    pub fn viewport(&self, w: u32, h: u32, scale: f64) -> Viewport {
        Viewport::for_canvas(w, h, self.view, scale)
    }

    /// The 3D projection in a `w × h` area.
    pub fn projection(&self, w: u32, h: u32) -> Projection {
        Projection::new(self.camera, w, h)
    }

    /// The dense layer of a `w × h` view area: the landscape raster over the viewport (from
    /// `grid`, f on an n × n grid a worker computed, when given; else computed here on a grid of
    /// `n` points a side) or the surface with `mesh` quads a side.
    #[allow(clippy::too_many_arguments)]
    pub fn backdrop(&self, l: &dyn Landscape, w: u32, h: u32, scale: f64, grid: Option<(usize, Vec<f64>)>, n: usize, mesh: usize) -> Backdrop {
        match self.kind {
            ViewKind::Plane => {
                let vp = self.viewport(w, h, scale);
                // Never more than MAX_RASTER_SIDE a side (a runaway canvas must not exhaust memory).
                let (rw, rh) = (vp.width.clamp(1, MAX_RASTER_SIDE) as usize, vp.height.clamp(1, MAX_RASTER_SIDE) as usize);
                let (n, values) = grid.unwrap_or_else(|| (n, grid_values(l, &self.slice, self.view, n)));
                Backdrop::Raster(Raster::from_values(values, n, self.view, rw, rh, CONTOURS))
            }
            ViewKind::Surface => {
                let proj = self.projection(w, h);
                Backdrop::Surface(Surface::compute(l, &self.slice, self.view, mesh, &proj, w.min(MAX_RASTER_SIDE as u32) as usize, h.min(MAX_RASTER_SIDE as u32) as usize))
            }
            ViewKind::ParameterBox | ViewKind::Coordinates => Backdrop::None,
        }
    }

    /// The dense layer of a figure made offline: the raster on the fine grid, the surface with
    /// `mesh` quads a side.
    pub fn figure_backdrop(&self, l: &dyn Landscape, w: u32, h: u32, scale: f64, mesh: usize) -> Backdrop {
        self.backdrop(l, w, h, scale, None, fine_grid_size(l), mesh)
    }
}

/// The largest side of a raster or surface buffer, in pixels.
pub const MAX_RASTER_SIDE: i32 = 8192;

/// The dense layer under a view's lines and labels.
pub enum Backdrop {
    Raster(Raster),
    Surface(Surface),
    None,
}

/// The data window: the scenario's `box=`, else the landscape's own.
pub fn view_box(race: &Race) -> ViewBox {
    race.scenario().view_box.unwrap_or_else(|| race.landscape().view())
}

/// The plane to draw through next, or `None` when `current` stays. With `plane=i,j` it is the
/// (x_i, x_j) plane through the first run's current point, moved when that point leaves it by
/// more than 1% of the view; for a landscape whose plane follows its first run (`relu-ss`), once
/// that run has stopped, the plane through the slice's origin (W*), the start and the run's final
/// point; otherwise the landscape's own slice. `reset`: the race or the scenario just changed.
pub fn next_slice(race: &Race, current: &Slice, reset: bool) -> Option<Slice> {
    let l = race.landscape();
    let follows_run = l.slice_policy() == SlicePolicy::ThroughRunEnd;
    if !reset && race.scenario().plane.is_none() && !follows_run {
        return None;
    }
    let point = race.runs.first().map(|r| r.x().to_vec()).unwrap_or_else(|| race.start().to_vec());
    let next = if let Some((i, j)) = race.scenario().plane {
        let stays = !reset && current.is_coordinate_plane(i, j) && current.distance_to(&point) <= 0.01 * view_box(race).diagonal();
        if stays {
            return None;
        }
        Slice::coordinate_plane(&point, i, j)
    } else if follows_run && race.runs.first().is_some_and(|r| r.done()) {
        let w_star = l.slice().origin;
        Slice::through(w_star, race.start(), &point, ["toward W₀", "toward where the run ended"])
    } else {
        l.slice()
    };
    (next != *current).then_some(next)
}
