//! The numerics every layer above uses: libm-backed functions, the seeded generator, symmetric
//! eigen-decomposition, quadrature, named parameter specs, number formatting and JSON text.
//! This is the bottom layer: it imports nothing else from the crate.

pub mod eigen;
pub mod format;
pub mod json;
pub mod math;
pub mod params;
pub mod quadrature;
pub mod random;
pub mod sort;
pub mod suggest;
