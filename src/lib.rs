//! saddlescope: how optimizers behave near saddle points, computed step by step.
//!
//! Layers (DESIGN.md): [`scenario`] → [`landscape`] + [`optim`] → [`run`] → [`render`], with
//! [`analysis`] for spectra and escape times. Only `web` knows about the browser.

pub mod analysis;
pub mod landscape;
pub mod math;
pub mod random;
pub mod event;
pub mod optim;
pub mod scenario;
pub mod run;
pub mod json;
pub mod report;
pub mod bench;
pub mod render;

#[cfg(target_arch = "wasm32")]
pub mod web;
