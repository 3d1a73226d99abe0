//! Work split into jobs for the page's worker pool: a lab figure, or the escape-time statistics of
//! the playground's race. The main thread holds a [`Study`] (what is asked, what has arrived, the
//! figure); workers call [`run_jobs`] with the study's spec and send back numbers, which the study
//! accepts in any order and merges in job order.

use crate::analysis::escape::EscapeStudy;
use crate::analysis::lab::Lab;
use crate::render::lab::Theme;
use crate::scenario::Scenario;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

enum Kind {
    Lab(Box<Lab>),
    Escape(Box<EscapeStudy>),
}

/// A lab figure or an escape-time study being computed.
#[wasm_bindgen]
pub struct Study {
    kind: Kind,
}

#[wasm_bindgen]
impl Study {
    /// A lab figure from its link (`lab=<preset>&…`).
    #[wasm_bindgen(js_name = lab)]
    pub fn lab(text: &str) -> Result<Study, JsError> {
        Ok(Study { kind: Kind::Lab(Box::new(Lab::new(text).map_err(js_err)?)) })
    }

    /// The escape-time statistics of a playground scenario over `seeds` seeds.
    #[wasm_bindgen(js_name = escape)]
    pub fn escape(scenario: &str, seeds: u32) -> Result<Study, JsError> {
        let s = Scenario::parse(scenario).map_err(js_err)?;
        Ok(Study { kind: Kind::Escape(Box::new(EscapeStudy::new(&s, seeds as usize).map_err(js_err)?)) })
    }

    /// Whether a lab link asks for the iframe mode (`embed=1`): the figure alone.
    pub fn embedded(&self) -> bool {
        matches!(&self.kind, Kind::Lab(l) if l.scenario.embed)
    }

    /// How many jobs there are.
    pub fn jobs(&self) -> u32 {
        match &self.kind {
            Kind::Lab(l) => l.jobs() as u32,
            Kind::Escape(e) => e.seeds as u32,
        }
    }

    /// How many of the first jobs can be sent now (the escape study runs seed 0 alone first).
    pub fn ready(&self) -> u32 {
        match &self.kind {
            Kind::Lab(l) => l.jobs() as u32,
            Kind::Escape(e) => e.ready() as u32,
        }
    }

    /// Runs per job (for the progress text).
    #[wasm_bindgen(js_name = runsPerJob)]
    pub fn runs_per_job(&self) -> u32 {
        match &self.kind {
            Kind::Lab(l) => l.runs_per_job() as u32,
            Kind::Escape(e) => e.scenario.optimizers.len() as u32,
        }
    }

    /// What a worker needs to run jobs: the kind and its text (for [`run_jobs`]).
    pub fn spec(&self) -> String {
        match &self.kind {
            Kind::Lab(l) => format!("lab\n{}", l.scenario.canonical()),
            Kind::Escape(e) => format!("escape\n{}\n{}", e.skip_text(), e.scenario),
        }
    }

    /// Takes the results a worker sent for jobs `start..`.
    pub fn accept(&mut self, start: u32, data: &[f64]) -> Result<u32, JsError> {
        match &mut self.kind {
            Kind::Lab(l) => l.accept(start as usize, data).map(|n| n as u32).map_err(js_err),
            Kind::Escape(e) => {
                // One seed per job: each encoded as its length and its numbers.
                let mut at = 0;
                let mut k = start as usize;
                while at < data.len() {
                    let n = data[at] as usize;
                    let r = data.get(at + 1..at + 1 + n).ok_or_else(|| JsError::new("escape study: a truncated result"))?;
                    e.accept(k, r).map_err(js_err)?;
                    at += 1 + n;
                    k += 1;
                }
                Ok((k - start as usize) as u32)
            }
        }
    }

    /// How many jobs have reported.
    pub fn done(&self) -> u32 {
        match &self.kind {
            Kind::Lab(l) => l.done() as u32,
            Kind::Escape(e) => e.done() as u32,
        }
    }

    /// Draws the figure of what has arrived on `canvas` (device pixel ratio `scale`, dark theme or
    /// not).
    pub fn render(&self, canvas: &HtmlCanvasElement, scale: f64, dark: bool) -> Result<(), JsError> {
        let area = super::scope::backend(canvas)?.into_drawing_area();
        let theme = if dark { Theme::DARK } else { Theme::LIGHT };
        let scale = if scale.is_finite() { scale.clamp(0.5, 4.0) } else { 1.0 };
        match &self.kind {
            Kind::Lab(l) => crate::render::lab::draw(&area, &l.result().figure, scale, theme).map_err(js_err),
            Kind::Escape(e) => {
                area.fill(&theme.background).map_err(|e| js_err(format!("{e:?}")))?;
                crate::render::panels::draw_escape(&area, &e.stats(), scale).map_err(js_err)
            }
        }
    }

    /// The result so far as JSON: a lab's `{preset, scenario, rows, claims, …}`, or the escape
    /// statistics per optimizer.
    pub fn json(&self) -> String {
        match &self.kind {
            Kind::Lab(l) => l.json(),
            Kind::Escape(e) => format!("[{}]", e.stats().iter().map(crate::report::escape_json).collect::<Vec<_>>().join(",")),
        }
    }
}

/// Runs jobs `start..end` of a study's spec (see [`Study::spec`]); a worker's one call.
#[wasm_bindgen(js_name = runJobs)]
pub fn run_jobs(spec: &str, start: u32, end: u32) -> Result<Vec<f64>, JsError> {
    let mut lines = spec.splitn(3, '\n');
    match lines.next() {
        Some("lab") => Lab::run_jobs(lines.next().unwrap_or(""), start as usize, end as usize).map_err(js_err),
        Some("escape") => {
            let skip = lines.next().unwrap_or("");
            let s = Scenario::parse(lines.next().unwrap_or("")).map_err(js_err)?;
            let mut out = Vec::new();
            for k in start..end {
                let r = EscapeStudy::run_job(&s, k as usize, if k == 0 { "" } else { skip }).map_err(js_err)?;
                out.push(r.len() as f64);
                out.extend(r);
            }
            Ok(out)
        }
        Some("prepare") => {
            let s = Scenario::parse(lines.next().unwrap_or("")).map_err(js_err)?;
            let v = crate::run::Prepared::of(&s).map_err(js_err)?.encode();
            let mut out = Vec::with_capacity(v.len() + 1);
            out.push(v.len() as f64);
            out.extend(v);
            Ok(out)
        }
        Some("raster") => {
            // scenario, origin, u, v, view, n (see Scope's raster_spec).
            let rest: Vec<&str> = spec.split('\n').skip(1).collect();
            let [scenario, origin, u, v, view, n] = rest.as_slice() else {
                return Err(JsError::new("runJobs: a raster spec has six lines"));
            };
            let nums = |t: &str| t.split(',').map(|x| x.parse::<f64>()).collect::<Result<Vec<f64>, _>>().map_err(|_| JsError::new("runJobs: a raster spec holds a bad number"));
            let l = Scenario::parse(scenario).map_err(js_err)?.build_landscape().map_err(js_err)?;
            let (origin, u, v, view) = (nums(origin)?, nums(u)?, nums(v)?, nums(view)?);
            let n: usize = n.parse().ok().filter(|n| (2..=400).contains(n)).ok_or_else(|| JsError::new("runJobs: a raster's grid must be 2 to 400"))?;
            if origin.len() != l.dim() || u.len() != l.dim() || v.len() != l.dim() || view.len() != 4 {
                return Err(JsError::new("runJobs: a raster spec does not fit its landscape"));
            }
            let slice = crate::landscape::Slice { origin, u, v, labels: [String::new(), String::new()], folded: false };
            let values = crate::render::raster::grid_values(l.as_ref(), &slice, crate::landscape::ViewBox::new(view[0], view[1], view[2], view[3]), n);
            let mut out = Vec::with_capacity(values.len() + 1);
            out.push(values.len() as f64);
            out.extend(values);
            Ok(out)
        }
        _ => Err(JsError::new("runJobs: unknown kind of study")),
    }
}

/// The lab presets and their knobs (JSON), for the page's lab menu.
#[wasm_bindgen(js_name = labCatalogue)]
pub fn lab_catalogue() -> String {
    crate::analysis::lab::catalogue_json()
}
