//! saddlescope: how optimizers behave near saddle points, computed step by step.
//!
//! Layers, bottom to top; an import only points down (a test in `tests/layers.rs` keeps it so):
//! [`numeric`] ◀ [`landscape`] ◀ [`optim`] ◀ [`scenario`] ◀ [`run`] ◀ [`analysis`] ◀ [`render`]
//! ◀ [`report`], [`bench`] ◀ `web` (browser only) and `src/bin` (the CLI). See docs/architecture.md.

pub mod numeric;
pub mod landscape;
pub mod optim;
pub mod scenario;
pub mod run;
pub mod analysis;
pub mod render;
pub mod report;
pub mod bench;

#[cfg(target_arch = "wasm32")]
pub mod web;
