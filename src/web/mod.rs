//! The browser boundary: the only module that knows wasm-bindgen, web-sys and js-sys.
//!
//! [`Scope`] owns one race and its canvases. JavaScript creates it from a scenario string, asks it
//! to `advance` and `render` on its animation clock, and forwards user input (`set`, `load`,
//! `click`, `pan`, `zoom`, `rotate`). Every error comes back as a JS `Error` with a message that
//! names the field; a bad value leaves the last good state untouched.

mod scope;

pub use scope::Scope;

use wasm_bindgen::prelude::*;

/// Shows Rust panics as readable console errors.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Every landscape and optimizer with parameters, defaults, ranges and about texts (JSON).
#[wasm_bindgen]
pub fn catalogue() -> String {
    crate::report::catalogue_json()
}

/// Parses a scenario and returns its canonical form, or throws the message naming the bad field.
#[wasm_bindgen(js_name = checkScenario)]
pub fn check_scenario(text: &str) -> Result<String, JsError> {
    crate::scenario::Scenario::parse(text).map(|s| s.to_string()).map_err(|e| JsError::new(&e.to_string()))
}

/// Core steps per second of `steps` GD steps with per-step analysis on `saddle` (for the bench page).
#[wasm_bindgen(js_name = coreStepsPerSecond)]
pub fn core_steps_per_second(landscape: &str, opt: &str, steps: u32) -> Result<f64, JsError> {
    let s = crate::scenario::Scenario::parse(&format!("landscape={landscape}&opt={opt}&seed=1&steps=10000000&noise=1e-3"))
        .map_err(|e| JsError::new(&e.to_string()))?;
    let mut race = crate::run::Race::new(&s).map_err(|e| JsError::new(&e.to_string()))?;
    let perf = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsError::new("no performance clock"))?;
    let t0 = perf.now();
    race.advance(steps as u64);
    let dt = (perf.now() - t0) / 1000.0;
    Ok(race.runs.first().map_or(0, |r| r.t()) as f64 / dt.max(1e-9))
}

/// The 2D step kernel (GD step + 2×2 eigen-decomposition, nothing recorded) per second.
#[wasm_bindgen(js_name = kernelStepsPerSecond)]
pub fn kernel_steps_per_second(steps: u32) -> Result<f64, JsError> {
    let perf = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsError::new("no performance clock"))?;
    let t0 = perf.now();
    let c = crate::bench::kernel_2d(steps as u64);
    let dt = (perf.now() - t0) / 1000.0;
    if !c.is_finite() {
        return Err(JsError::new("kernel diverged"));
    }
    Ok(steps as f64 / dt.max(1e-9))
}
