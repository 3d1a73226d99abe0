//! Analysis of Hessians and runs: eigen-decomposition, index, escape times, quadrature.

pub mod eigen;
pub mod quadrature;
pub mod estimates;
pub mod escape;
pub mod census;
