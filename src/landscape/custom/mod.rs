//! `custom`: a function the user types, `landscape=custom&f=x^3-3*x*y^2&p.a=0.5:0:2`, with an exact
//! gradient and Hessian.
//!
//! The text is split into tokens ([`lexer`]), parsed with column-accurate errors and bounded size
//! ([`parser`]), compiled into a short register program ([`tape`]) and evaluated either as numbers
//! or as second-order jets ([`jet`]), which carry f, ∇f and ∇²f through every operation (forward
//! mode automatic differentiation, exact up to rounding: no finite differences). Every function
//! goes through `numeric::math` (libm), so the browser and the CLI agree bit for bit.
//! Critical points, the view, the start and the step size are found numerically ([`search`]).
//!
//! Why hand-written jets and not a crate (measured natively over this tape, 1e5 points): num-dual
//! 0.11's `Dual2SVec64<2>` calls std's f64 functions, which are glibc natively and the libm crate
//! on wasm32; std and libm disagree in the last bit on 3% (sin) to 10% (exp) of arguments, and
//! num-dual's f, ∇f, ∇²f differed from the libm path at 92% of the points of an expression with
//! sin, cos, exp, ln, tanh, sqrt, sinh, cosh, so a shared link would not reproduce across targets.
//! It was also slower (monkey saddle 340 against 140 ns per evaluation; transcendental expression
//! 640 against 430 ns) and pulls in a second nalgebra (0.33). exmex evaluates its symbolic
//! derivatives with std's functions too (not measured). A d ≤ 3 jet is some 200 lines, and the
//! whole custom landscape adds about 24 KB gzipped to the wasm.

mod error;
mod functions;
pub mod jet;
mod landscape;
mod lexer;
pub mod parser;
mod presets;
mod search;
pub mod tape;

pub use error::{quote, ExprError};
pub use functions::{Fn1, NAMES1, NAMES2};
pub use landscape::Custom;
pub use parser::{MAX_CHARS, MAX_DEPTH, MAX_NODES};
pub use presets::{Preset, PRESETS};
pub use tape::Tape;

use super::{Landscape, LandscapeInfo, ParamError};
use crate::numeric::params::UserParam;

/// The scenario id.
pub const ID: &str = "custom";
/// The function of `landscape=custom` when the scenario gives no `f`: the strict saddle.
pub const DEFAULT_EXPRESSION: &str = "x^2/2-y^2/2+y^4/4";
/// The most `p.<name>` parameters a scenario may define.
pub const MAX_PARAMS: usize = 8;

pub const INFO: LandscapeInfo = LandscapeInfo {
    id: ID,
    title: "Your own function",
    about: "Type f(x, y) or f(x, y, z) in the function field: numbers, + − * / ^, parentheses, sqrt, exp, ln (log), \
            sin, cos, tan, tanh, sinh, cosh, abs, softplus, relu, min, max, pi and e. The gradient and Hessian are \
            exact (forward-mode automatic differentiation, not finite differences). Critical points are found by \
            Newton's method from a grid of starts and classified by their index; the view, the start and the step \
            size are chosen from them unless box=, start= or lr= say otherwise. Name a parameter with p.a=0.5 (or \
            p.a=0.5:0:2 for a knob from 0 to 2) and use it as a. Where f, ∇f or ∇²f is not finite (ln of a \
            negative number, say) the point is outside the domain.",
    params: &[],
    curvature: None,
    build: |_, _| Ok(Box::new(build(&Expression::default()).map_err(|e| ParamError::new("f", e.to_string()))?)),
};

/// What a scenario says about a typed function: the text of `f=` and its `p.<name>=` parameters
/// (sorted by name).
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    pub text: String,
    pub params: Vec<UserParam>,
}

impl Default for Expression {
    fn default() -> Self {
        Expression { text: DEFAULT_EXPRESSION.to_string(), params: Vec::new() }
    }
}

impl Expression {
    pub fn param(&self, name: &str) -> Option<&UserParam> {
        self.params.iter().find(|p| p.name == name)
    }
    /// Adds or replaces a parameter, keeping the list sorted by name.
    pub fn set_param(&mut self, p: UserParam) {
        self.params.retain(|q| q.name != p.name);
        let at = self.params.iter().position(|q| q.name > p.name).unwrap_or(self.params.len());
        self.params.insert(at, p);
    }
}

/// Checks a parameter name: a letter or `_`, then letters, digits or `_`, at most 16 characters,
/// and not x, y, z, pi, e or a function's name.
pub fn check_param_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let ok = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 16;
    if !ok {
        return Err("a parameter name is a letter or _ followed by letters, digits or _ (at most 16)".into());
    }
    if parser::reserved(name) {
        return Err(format!("'{name}' is a variable, constant or function, not a parameter name"));
    }
    Ok(())
}

/// Parses and compiles `text` with `params` as named constants.
pub fn compile(text: &str, params: &[UserParam]) -> Result<Tape, ExprError> {
    let p = parser::parse(text, params)?;
    Ok(Tape::compile(&p.ast, p.dim))
}

/// The landscape of an expression; one that is finite nowhere near the origin (`x/0`,
/// `sqrt(-1-x^2)`) is refused, since nothing could be drawn or run on it.
pub fn build(e: &Expression) -> Result<Custom, ExprError> {
    let tape = compile(&e.text, &e.params)?;
    if !defined_somewhere(&tape) {
        return Err(ExprError::new(0, format!("f is not finite anywhere in the box |x_i| ≤ {PROBE_RADIUS} (it is ±∞ or undefined there)")));
    }
    Ok(Custom::new(&e.text, tape))
}

/// Half the side of the box [`defined_somewhere`] probes.
const PROBE_RADIUS: f64 = 3.0;

/// Whether f is finite at one point at least of a grid over [-3, 3]ᵈ, 13 points a side (the
/// variables are x, y and z, so d ≤ 3 and the grid has at most 2197 points).
fn defined_somewhere(tape: &Tape) -> bool {
    let d = tape.dim().max(1);
    let mut x = vec![0.0; d];
    let n = 13usize.pow(d.min(3) as u32);
    (0..n).any(|mut i| {
        for v in x.iter_mut().take(3) {
            *v = -PROBE_RADIUS + PROBE_RADIUS * (i % 13) as f64 / 6.0;
            i /= 13;
        }
        tape.value(&x).is_finite()
    })
}

/// The landscape of an expression, boxed as the registry builds them.
pub fn build_boxed(e: &Expression) -> Result<Box<dyn Landscape>, ExprError> {
    Ok(Box::new(build(e)?))
}
