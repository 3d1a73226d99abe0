//! A worker's preparation of a costly race, decoded into the module's memory in a task of its own.
//!
//! Building a race from what a worker prepared copies its numbers into wasm memory, decodes them
//! (critical points and their spectra: 12 MB for `saddle3` with d = 1024) and then builds the runs.
//! Done in one go that is one long task on the main thread; the page stages the numbers first
//! ([`Staged::new`]) and builds the race from them in the next task ([`super::Scope`]'s `load`,
//! `set` and constructor), so the page answers in between.

use crate::run::Prepared;
use crate::scenario::Scenario;
use wasm_bindgen::prelude::*;

/// Decoded numbers a worker prepared for one scenario.
#[wasm_bindgen]
pub struct Staged {
    prepared: Option<Prepared>,
    dim: usize,
}

#[wasm_bindgen]
impl Staged {
    /// Decodes `data`, the result of the pool job `spec` (`prepare\n<scenario>`).
    #[wasm_bindgen(constructor)]
    pub fn new(spec: &str, data: Vec<f64>) -> Result<Staged, JsError> {
        let text = spec.split_once('\n').map_or("", |(_, s)| s);
        let s = Scenario::parse(text).map_err(|e| JsError::new(&e.to_string()))?;
        let dim = s.build_landscape().map_err(|e| JsError::new(&e.to_string()))?.dim();
        let prepared = Prepared::decode(&data, dim).ok_or_else(|| JsError::new("the prepared race does not fit its scenario"))?;
        Ok(Staged { prepared: Some(prepared), dim })
    }
}

/// The staged preparation for scenario `s`, checked against its dimension (nothing staged: none).
pub(super) fn take(s: &Scenario, staged: Option<Staged>) -> Result<Option<Prepared>, JsError> {
    let Some(mut st) = staged else { return Ok(None) };
    let d = s.build_landscape().map_err(|e| JsError::new(&e.to_string()))?.dim();
    if d != st.dim {
        return Err(JsError::new("the prepared race does not fit this scenario"));
    }
    Ok(st.prepared.take())
}
