//! The compiled expression: a straight-line program ("tape") over a few registers, evaluated as a
//! plain number ([`Tape::value`]) or as a second-order jet ([`Tape::jet`]).
//!
//! Compiling folds constant subexpressions (with the same functions evaluation uses), shares equal
//! subexpressions (x² + y² written twice is computed once), turns operations with a constant operand
//! into cheaper ones (`c·a`, `a + c`, `a²`, `aⁿ` by repeated multiplication), drops what the result
//! does not use and reuses registers once their value is dead. Every rewrite gives the same value bit
//! for bit (a − c is a + (−c) in IEEE 754; a·b = b·a), so sharing and folding never change a number.
//! A power with a non-constant exponent is exp(b·ln a), defined where a > 0.

use super::functions::{self, Fn1};
use super::jet::Jet;
use super::parser::{Ast, Bin};
use crate::numeric::math;

/// One operation of the tape.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    Var(u8),
    Const(f64),
    Add,
    Sub,
    Mul,
    Div,
    /// a + c.
    AddC(f64),
    /// c − a.
    RSubC(f64),
    /// c·a.
    MulC(f64),
    /// a / c.
    DivC(f64),
    /// c / a.
    RDivC(f64),
    Neg,
    Square,
    /// aⁿ by repeated multiplication, |n| ≤ 64.
    PowI(i32),
    /// a^c (libm pow) for a constant, non-integer c.
    PowF(f64),
    F1(Fn1),
    Min,
    Max,
}

impl Op {
    /// A key for sharing equal operations: (kind, payload bits).
    fn key(self) -> (u8, u64) {
        match self {
            Op::Var(i) => (0, i as u64),
            Op::Const(c) => (1, c.to_bits()),
            Op::Add => (2, 0),
            Op::Sub => (3, 0),
            Op::Mul => (4, 0),
            Op::Div => (5, 0),
            Op::AddC(c) => (6, c.to_bits()),
            Op::RSubC(c) => (7, c.to_bits()),
            Op::MulC(c) => (8, c.to_bits()),
            Op::DivC(c) => (9, c.to_bits()),
            Op::RDivC(c) => (10, c.to_bits()),
            Op::Neg => (11, 0),
            Op::Square => (12, 0),
            Op::PowI(n) => (13, n as u32 as u64),
            Op::PowF(c) => (14, c.to_bits()),
            Op::F1(f) => (15, f as u64),
            Op::Min => (16, 0),
            Op::Max => (17, 0),
        }
    }

    fn binary(self) -> bool {
        matches!(self, Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Min | Op::Max)
    }

    fn leaf(self) -> bool {
        matches!(self, Op::Var(_) | Op::Const(_))
    }

    /// The value of the operation on numbers (`b` is ignored by unary operations).
    #[inline(always)]
    pub fn scalar(self, a: f64, b: f64) -> f64 {
        match self {
            Op::Var(_) => a,
            Op::Const(c) => c,
            Op::Add => a + b,
            Op::Sub => a - b,
            Op::Mul => a * b,
            Op::Div => a / b,
            Op::AddC(c) => a + c,
            Op::RSubC(c) => c - a,
            Op::MulC(c) => c * a,
            Op::DivC(c) => a / c,
            Op::RDivC(c) => c / a,
            Op::Neg => -a,
            Op::Square => a * a,
            Op::PowI(n) => math::powi(a, n),
            Op::PowF(c) => math::powf(a, c),
            Op::F1(f) => f.value(a),
            Op::Min => functions::min(a, b),
            Op::Max => functions::max(a, b),
        }
    }

    /// The operation on jets; the value is bit for bit [`Op::scalar`]'s.
    #[inline(always)]
    fn jet<const D: usize, const H: usize>(self, a: &Jet<D, H>, b: &Jet<D, H>) -> Jet<D, H> {
        match self {
            Op::Var(_) | Op::Const(_) => *a,
            Op::Add => Jet::add(a, b),
            Op::Sub => Jet::sub(a, b),
            Op::Mul => Jet::mul(a, b),
            Op::Div => Jet::div(a, b),
            Op::AddC(c) => Jet::add_const(a, c),
            Op::RSubC(c) => Jet::const_sub(c, a),
            Op::MulC(c) => Jet::scale(a, c),
            Op::DivC(c) => Jet::div_const(a, c),
            Op::RDivC(c) => {
                let v = c / a.v;
                let d1 = -v / a.v;
                Jet::chain(a, v, d1, -2.0 * d1 / a.v)
            }
            Op::Neg => Jet::neg(a),
            Op::Square => Jet::chain(a, a.v * a.v, 2.0 * a.v, 2.0),
            Op::PowI(n) => {
                let v = math::powi(a.v, n);
                let d1 = n as f64 * math::powi(a.v, n - 1);
                Jet::chain(a, v, d1, (n as f64 * (n - 1) as f64) * math::powi(a.v, n - 2))
            }
            Op::PowF(c) => {
                let v = math::powf(a.v, c);
                let d1 = c * math::powf(a.v, c - 1.0);
                Jet::chain(a, v, d1, (c * (c - 1.0)) * math::powf(a.v, c - 2.0))
            }
            Op::F1(f) => {
                let (v, d1, d2) = f.derivatives(a.v);
                Jet::chain(a, v, d1, d2)
            }
            Op::Min => select(a, b, functions::min(a.v, b.v)),
            Op::Max => select(a, b, functions::max(a.v, b.v)),
        }
    }
}

/// The operand whose value `v` is (a on a tie), or a NaN jet.
#[inline(always)]
fn select<const D: usize, const H: usize>(a: &Jet<D, H>, b: &Jet<D, H>, v: f64) -> Jet<D, H> {
    if v.to_bits() == a.v.to_bits() {
        *a
    } else if v.to_bits() == b.v.to_bits() {
        *b
    } else {
        Jet::constant(f64::NAN)
    }
}

/// A constant power aᶜ as the tape computes it: 1 for c = 0, a for c = 1, repeated multiplication
/// for other whole c with |c| ≤ 64, libm's pow otherwise.
fn pow_const(a: f64, c: f64) -> f64 {
    power_op(c).map_or(1.0, |op| if op == Op::Var(0) { a } else { op.scalar(a, 0.0) })
}

/// The operation for a^c with constant c: None for c = 0 (the constant 1), `Var(0)` as a marker
/// for c = 1 (a itself).
fn power_op(c: f64) -> Option<Op> {
    if c == 0.0 {
        None
    } else if c == 1.0 {
        Some(Op::Var(0))
    } else if c == 2.0 {
        Some(Op::Square)
    } else if c.fract() == 0.0 && c.abs() <= 64.0 {
        Some(Op::PowI(c as i32))
    } else {
        Some(Op::PowF(c))
    }
}

/// One instruction: `r[dst] = op(r[a], r[b])`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Instr {
    pub op: Op,
    pub a: u16,
    pub b: u16,
    pub dst: u16,
}

/// A compiled expression in `dim` variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Tape {
    code: Vec<Instr>,
    registers: usize,
    out: u16,
    dim: usize,
}

/// A node of the shared graph while compiling.
#[derive(Clone, Copy)]
struct Node {
    op: Op,
    a: u32,
    b: u32,
}

const NONE: u32 = u32::MAX;

/// The graph being built, with an open-addressing table of the nodes made so far (a few hundred at
/// most) so that an equal operation is found instead of made twice.
struct Builder {
    nodes: Vec<Node>,
    keys: Vec<(u8, u64, u32, u32)>,
    table: Vec<u32>,
}

impl Builder {
    fn new() -> Builder {
        Builder { nodes: Vec::new(), keys: Vec::new(), table: vec![NONE; 1024] }
    }

    /// The node with this key, or the empty slot where it belongs.
    fn slot(&self, key: (u8, u64, u32, u32)) -> usize {
        let mut h = (key.0 as u64) ^ key.1.rotate_left(17) ^ ((key.2 as u64) << 32 | key.3 as u64).rotate_left(41);
        h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mask = self.table.len() - 1;
        let mut i = (h >> 40) as usize & mask;
        while self.table[i] != NONE && self.keys[self.table[i] as usize] != key {
            i = (i + 1) & mask;
        }
        i
    }

    /// Doubles the table when it is half full.
    fn grow(&mut self) {
        if 2 * (self.nodes.len() + 1) < self.table.len() {
            return;
        }
        self.table = vec![NONE; 2 * self.table.len()];
        for n in 0..self.keys.len() {
            let i = self.slot(self.keys[n]);
            self.table[i] = n as u32;
        }
    }
}

impl Builder {
    fn constant_of(&self, n: u32) -> Option<f64> {
        match self.nodes[n as usize].op {
            Op::Const(c) => Some(c),
            _ => None,
        }
    }

    fn push(&mut self, op: Op, a: u32, b: u32) -> u32 {
        let (a, b) = if matches!(op, Op::Add | Op::Mul) && b < a { (b, a) } else { (a, b) };
        let (k, bits) = op.key();
        let key = (k, bits, a, b);
        self.grow();
        let i = self.slot(key);
        if self.table[i] != NONE {
            return self.table[i];
        }
        let n = self.nodes.len() as u32;
        self.nodes.push(Node { op, a, b });
        self.keys.push(key);
        self.table[i] = n;
        n
    }

    fn konst(&mut self, c: f64) -> u32 {
        self.push(Op::Const(c), NONE, NONE)
    }

    fn unary(&mut self, op: Op, a: u32) -> u32 {
        if let Some(c) = self.constant_of(a) {
            return self.konst(op.scalar(c, 0.0));
        }
        if op == Op::Neg {
            let n = self.nodes[a as usize];
            if n.op == Op::Neg {
                return n.a;
            }
        }
        self.push(op, a, NONE)
    }

    fn binary(&mut self, op: Bin, a: u32, b: u32) -> u32 {
        let (ca, cb) = (self.constant_of(a), self.constant_of(b));
        if let (Some(x), Some(y)) = (ca, cb) {
            let v = match op {
                Bin::Add => x + y,
                Bin::Sub => x - y,
                Bin::Mul => x * y,
                Bin::Div => x / y,
                Bin::Pow => pow_const(x, y),
                Bin::Min => functions::min(x, y),
                Bin::Max => functions::max(x, y),
            };
            return self.konst(v);
        }
        match op {
            Bin::Add => match (ca, cb) {
                (Some(c), _) => self.push(Op::AddC(c), b, NONE),
                (_, Some(c)) => self.push(Op::AddC(c), a, NONE),
                _ => self.push(Op::Add, a, b),
            },
            Bin::Sub => match (ca, cb) {
                (Some(c), _) => self.push(Op::RSubC(c), b, NONE),
                (_, Some(c)) => self.push(Op::AddC(-c), a, NONE),
                _ => self.push(Op::Sub, a, b),
            },
            Bin::Mul => match (ca, cb) {
                (Some(c), _) | (_, Some(c)) if c == 1.0 => {
                    if ca.is_some() {
                        b
                    } else {
                        a
                    }
                }
                (Some(c), _) => self.push(Op::MulC(c), b, NONE),
                (_, Some(c)) => self.push(Op::MulC(c), a, NONE),
                _ if a == b => self.push(Op::Square, a, NONE),
                _ => self.push(Op::Mul, a, b),
            },
            Bin::Div => match (ca, cb) {
                (_, Some(1.0)) => a,
                (_, Some(c)) => self.push(Op::DivC(c), a, NONE),
                (Some(c), _) => self.push(Op::RDivC(c), b, NONE),
                _ => self.push(Op::Div, a, b),
            },
            Bin::Pow => match cb {
                Some(c) => match power_op(c) {
                    None => self.konst(1.0),
                    Some(Op::Var(_)) => a,
                    Some(op) => self.push(op, a, NONE),
                },
                None if ca == Some(math::E) => self.push(Op::F1(Fn1::Exp), b, NONE),
                None => {
                    // a^b = exp(b·ln a).
                    let ln = self.unary(Op::F1(Fn1::Ln), a);
                    let m = self.binary(Bin::Mul, b, ln);
                    self.unary(Op::F1(Fn1::Exp), m)
                }
            },
            Bin::Min => self.push(Op::Min, a, b),
            Bin::Max => self.push(Op::Max, a, b),
        }
    }

    fn compile(&mut self, ast: &Ast) -> u32 {
        match ast {
            Ast::Num(v) => self.konst(*v),
            Ast::Var(i) => self.push(Op::Var(*i as u8), NONE, NONE),
            Ast::Neg(a) => {
                let a = self.compile(a);
                self.unary(Op::Neg, a)
            }
            Ast::Call(f, a) => {
                let a = self.compile(a);
                self.unary(Op::F1(*f), a)
            }
            Ast::Bin(op, a, b) => {
                let a = self.compile(a);
                let b = self.compile(b);
                self.binary(*op, a, b)
            }
        }
    }
}

impl Tape {
    /// Compiles a syntax tree in `dim` variables (2 or 3).
    pub fn compile(ast: &Ast, dim: usize) -> Tape {
        let mut b = Builder::new();
        let out = b.compile(ast);
        let nodes = b.nodes;
        // Keep what the result uses.
        let mut live = vec![false; nodes.len()];
        live[out as usize] = true;
        for i in (0..nodes.len()).rev() {
            if live[i] {
                let n = nodes[i];
                if !n.op.leaf() {
                    live[n.a as usize] = true;
                    if n.op.binary() {
                        live[n.b as usize] = true;
                    }
                }
            }
        }
        let order: Vec<usize> = (0..nodes.len()).filter(|&i| live[i]).collect();
        let mut last_use = vec![0usize; nodes.len()];
        for (pos, &i) in order.iter().enumerate() {
            let n = nodes[i];
            if !n.op.leaf() {
                last_use[n.a as usize] = pos;
                if n.op.binary() {
                    last_use[n.b as usize] = pos;
                }
            }
        }
        last_use[out as usize] = usize::MAX;
        // Registers: an operand's register is free for the result once this is its last use.
        let mut reg = vec![0u16; nodes.len()];
        let mut free: Vec<u16> = Vec::new();
        let mut registers = 0usize;
        let mut code = Vec::with_capacity(order.len());
        for (pos, &i) in order.iter().enumerate() {
            let n = nodes[i];
            let (ra, rb) = if n.op.leaf() {
                (0, 0)
            } else if n.op.binary() {
                (reg[n.a as usize], reg[n.b as usize])
            } else {
                (reg[n.a as usize], reg[n.a as usize])
            };
            if !n.op.leaf() {
                if last_use[n.a as usize] == pos {
                    free.push(ra);
                }
                if n.op.binary() && n.b != n.a && last_use[n.b as usize] == pos {
                    free.push(rb);
                }
            }
            let dst = free.pop().unwrap_or_else(|| {
                registers += 1;
                (registers - 1) as u16
            });
            reg[i] = dst;
            code.push(Instr { op: n.op, a: ra, b: rb, dst });
        }
        Tape { code, registers, out: reg[out as usize], dim }
    }

    /// Number of variables (2 or 3).
    pub fn dim(&self) -> usize {
        self.dim
    }
    /// Number of instructions.
    pub fn len(&self) -> usize {
        self.code.len()
    }
    pub fn is_empty(&self) -> bool {
        self.code.is_empty()
    }
    /// The instructions, in order.
    pub fn code(&self) -> &[Instr] {
        &self.code
    }
    /// Whether the expression uses abs, relu, min or max (functions with kinks).
    pub fn has_kinks(&self) -> bool {
        self.code.iter().any(|i| matches!(i.op, Op::Min | Op::Max) || matches!(i.op, Op::F1(f) if f.has_kink()))
    }

    /// f(x).
    pub fn value(&self, x: &[f64]) -> f64 {
        if self.registers <= 8 {
            self.value_in(x, &mut [0.0; 8])
        } else if self.registers <= 32 {
            self.value_in(x, &mut [0.0; 32])
        } else {
            self.value_in(x, &mut vec![0.0; self.registers])
        }
    }

    #[inline(never)]
    fn value_in(&self, x: &[f64], r: &mut [f64]) -> f64 {
        for ins in &self.code {
            let v = match ins.op {
                Op::Var(i) => x[i as usize],
                op => op.scalar(r[ins.a as usize], r[ins.b as usize]),
            };
            r[ins.dst as usize] = v;
        }
        r[self.out as usize]
    }

    /// The smallest distance of an argument to a kink (|a| for abs and relu, |a − b| for min and
    /// max) at x; ∞ without kinks.
    pub fn kink_margin(&self, x: &[f64]) -> f64 {
        let mut r = vec![0.0f64; self.registers.max(1)];
        let mut margin = f64::INFINITY;
        for ins in &self.code {
            let (a, b) = (r[ins.a as usize], r[ins.b as usize]);
            match ins.op {
                Op::Min | Op::Max => margin = margin.min((a - b).abs()),
                Op::F1(f) if f.has_kink() => margin = margin.min(a.abs()),
                _ => {}
            }
            r[ins.dst as usize] = match ins.op {
                Op::Var(i) => x[i as usize],
                op => op.scalar(a, b),
            };
        }
        margin
    }

    /// (f, ∇f, ∇²f) at x as a jet; D = dim, H = D(D+1)/2.
    #[inline]
    pub fn jet<const D: usize, const H: usize>(&self, x: &[f64]) -> Jet<D, H> {
        if self.registers <= 8 {
            self.jet_in(x, &mut [Jet::ZERO; 8])
        } else if self.registers <= 32 {
            self.jet_in(x, &mut [Jet::ZERO; 32])
        } else {
            self.jet_in(x, &mut vec![Jet::ZERO; self.registers])
        }
    }

    /// The evaluation loop: one copy per dimension, whatever holds the registers.
    #[inline(never)]
    fn jet_in<const D: usize, const H: usize>(&self, x: &[f64], r: &mut [Jet<D, H>]) -> Jet<D, H> {
        for ins in &self.code {
            let v = match ins.op {
                Op::Var(i) => Jet::variable(i as usize, x[i as usize]),
                Op::Const(c) => Jet::constant(c),
                op => op.jet(&r[ins.a as usize], &r[ins.b as usize]),
            };
            r[ins.dst as usize] = v;
        }
        r[self.out as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landscape::custom::parser::parse;

    fn tape(s: &str) -> Tape {
        let p = parse(s, &[]).unwrap();
        Tape::compile(&p.ast, p.dim)
    }

    #[test]
    fn shares_and_folds() {
        // (x²+y²) twice, y² three times, constants folded: x, y, x³, 3x, y², ·, −, x², +, ·0.1, +, ², ·0.05, +.
        let t = tape("x^3-3*x*y^2+0.1*(x^2+y^2)+0.05*(x^2+y^2)^2");
        assert_eq!(t.len(), 14, "{:?}", t.code());
        assert!(t.registers <= 6);
        assert_eq!(tape("2*pi+1").code(), &[Instr { op: Op::Const(2.0 * math::PI + 1.0), a: 0, b: 0, dst: 0 }]);
        assert_eq!(tape("x^2").value(&[3.0, 0.0]), 9.0);
        assert_eq!(tape("x^0").value(&[0.0, 0.0]), 1.0);
        assert_eq!(tape("x^1+y*1").value(&[3.0, 4.0]), 7.0);
    }
}
