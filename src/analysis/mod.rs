//! Analysis over many runs or many points: escape-time statistics over seeds and the
//! index-versus-loss census. It sits above `run` (it drives races) and below `render`.

pub mod census;
pub mod escape;
pub mod lab;
pub mod parallel;
