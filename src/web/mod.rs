//! The browser boundary: the only module that knows wasm-bindgen, web-sys and js-sys.
//!
//! [`Scope`] owns one race and its canvases. JavaScript creates it from a scenario string, asks it
//! to `advance` and `render` on its animation clock, and forwards user input (`set`, `load`,
//! `click`, `pan`, `zoom`, `rotate`). Every error comes back as a JS `Error` with a message that
//! names the field; a bad value leaves the last good state untouched.

mod canvas;
mod export;
mod scope;
mod staged;
mod study;

pub use export::{encode_jobs, gif_header};
pub use scope::{prepare_spec, Scope};
pub use staged::Staged;
pub use study::{lab_catalogue, run_jobs, Study};

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

/// Core steps per second of up to `steps` recorded steps of `opt` on `landscape`, a scenario
/// fragment such as `landscape=saddle&noise=1e-3` (for the bench page).
#[wasm_bindgen(js_name = coreStepsPerSecond)]
pub fn core_steps_per_second(landscape: &str, opt: &str, steps: u32) -> Result<f64, JsError> {
    let perf = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsError::new("no performance clock"))?;
    let clock = move || perf.now() / 1000.0;
    let r = crate::bench::core_rate(landscape, opt, steps as u64, &clock);
    if r.is_finite() {
        Ok(r)
    } else {
        Err(JsError::new("coreStepsPerSecond: bad landscape or optimizer id"))
    }
}

/// The 2D step kernel (GD step + 2×2 eigen-decomposition, nothing recorded) per second.
#[wasm_bindgen(js_name = kernelStepsPerSecond)]
pub fn kernel_steps_per_second(steps: u32) -> Result<f64, JsError> {
    let perf = web_sys::window().and_then(|w| w.performance()).ok_or_else(|| JsError::new("no performance clock"))?;
    let t0 = perf.now();
    // black_box pins the pure computation between the two clock reads (LLVM may otherwise sink it
    // past the second, imported, call).
    let c = std::hint::black_box(crate::bench::kernel_2d(std::hint::black_box(steps as u64)));
    let dt = (perf.now() - t0) / 1000.0;
    if !c.is_finite() {
        return Err(JsError::new("kernel diverged"));
    }
    Ok(steps as f64 / dt.max(1e-9))
}
