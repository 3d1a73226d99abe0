//! The grammar, by recursive descent, with every limit checked as it parses:
//!
//! ```text
//! sum   := term (('+' | '-') term)*
//! term  := unary (('*' | '/') unary)*
//! unary := ('-' | '+') unary | power          -x^2 = -(x^2)
//! power := atom ('^' unary)?                  right-associative: x^y^z = x^(y^z)
//! atom  := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
//! ```
//!
//! Names are the variables x, y, z, the constants pi and e, the user's parameters (substituted by
//! value) and the functions of [`super::functions`]. The text may hold at most
//! [`MAX_CHARS`] characters, [`MAX_NODES`] nodes (numbers, names, operations, calls) and nest
//! [`MAX_DEPTH`] levels deep (parentheses, calls, unary signs, exponents), so a parse, and the
//! evaluation of what it builds, is bounded; recursion never goes deeper than the nesting limit.

use super::error::{quote, ExprError};
use super::functions::{Fn1, NAMES2};
use super::lexer::{tokens, Tok, Token};
use crate::numeric::math;
use crate::numeric::params::UserParam;

pub const MAX_CHARS: usize = 1000;
pub const MAX_NODES: usize = 200;
pub const MAX_DEPTH: usize = 32;

/// Names an expression may not give a parameter: variables, constants and functions.
pub fn reserved(name: &str) -> bool {
    matches!(name, "x" | "y" | "z" | "pi" | "e") || Fn1::lookup(name).is_some() || NAMES2.contains(&name)
}

/// A binary operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bin {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Min,
    Max,
}

/// The syntax tree; parameters are already numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Ast {
    Num(f64),
    /// Coordinate 0 (x), 1 (y) or 2 (z).
    Var(usize),
    Neg(Box<Ast>),
    Bin(Bin, Box<Ast>, Box<Ast>),
    Call(Fn1, Box<Ast>),
}

/// A parsed expression.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub ast: Ast,
    /// 3 when z occurs, else 2.
    pub dim: usize,
    /// Nodes counted against [`MAX_NODES`].
    pub nodes: usize,
}

/// Parses `text` with `params` as named constants.
pub fn parse(text: &str, params: &[UserParam]) -> Result<Parsed, ExprError> {
    let n = text.chars().count();
    if n > MAX_CHARS {
        return Err(ExprError::new(MAX_CHARS + 1, format!("the expression is longer than {MAX_CHARS} characters")));
    }
    let toks = tokens(text)?;
    if toks.len() == 1 {
        return Err(ExprError::new(1, "the expression is empty"));
    }
    let mut p = Parser { toks, pos: 0, depth: 0, nodes: 0, params, dim: 2 };
    let ast = p.sum()?;
    let t = p.peek();
    if t.tok != Tok::End {
        let msg = if t.tok == Tok::RParen { "unmatched ')'".to_string() } else { format!("unexpected {}", t.tok.describe()) };
        return Err(ExprError::new(t.column, msg));
    }
    Ok(Parsed { ast, dim: p.dim, nodes: p.nodes })
}

struct Parser<'a> {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    nodes: usize,
    params: &'a [UserParam],
    dim: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }
    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    /// Counts one node made at `column`.
    fn node(&mut self, column: usize, ast: Ast) -> Result<Ast, ExprError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(ExprError::new(column, format!("the expression has more than {MAX_NODES} numbers, names and operations")));
        }
        Ok(ast)
    }
    /// One nesting level deeper, opened at `column`.
    fn enter(&mut self, column: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(column, format!("the expression nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn sum(&mut self) -> Result<Ast, ExprError> {
        let mut a = self.term()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => Bin::Add,
                Tok::Minus => Bin::Sub,
                _ => return Ok(a),
            };
            let col = self.next().column;
            let b = self.term()?;
            a = self.node(col, Ast::Bin(op, Box::new(a), Box::new(b)))?;
        }
    }

    fn term(&mut self) -> Result<Ast, ExprError> {
        let mut a = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => Bin::Mul,
                Tok::Slash => Bin::Div,
                _ => return Ok(a),
            };
            let col = self.next().column;
            let b = self.unary()?;
            a = self.node(col, Ast::Bin(op, Box::new(a), Box::new(b)))?;
        }
    }

    fn unary(&mut self) -> Result<Ast, ExprError> {
        match self.peek().tok {
            Tok::Minus | Tok::Plus => {
                let t = self.next();
                self.enter(t.column)?;
                let a = self.unary()?;
                self.leave();
                if t.tok == Tok::Minus {
                    self.node(t.column, Ast::Neg(Box::new(a)))
                } else {
                    Ok(a)
                }
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Ast, ExprError> {
        let a = self.atom()?;
        if self.peek().tok != Tok::Caret {
            return Ok(a);
        }
        let col = self.next().column;
        self.enter(col)?;
        let b = self.unary()?;
        self.leave();
        self.node(col, Ast::Bin(Bin::Pow, Box::new(a), Box::new(b)))
    }

    fn expect_close(&mut self, open: usize) -> Result<(), ExprError> {
        let t = self.peek().clone();
        if t.tok == Tok::RParen {
            self.next();
            Ok(())
        } else if t.tok == Tok::End {
            Err(ExprError::new(t.column, format!("missing ')' for the '(' at column {open}")))
        } else {
            Err(ExprError::new(t.column, format!("unexpected {} (expected ')')", t.tok.describe())))
        }
    }

    fn atom(&mut self) -> Result<Ast, ExprError> {
        let t = self.next();
        match t.tok {
            Tok::Num(v) => self.node(t.column, Ast::Num(v)),
            Tok::LParen => {
                self.enter(t.column)?;
                let a = self.sum()?;
                self.expect_close(t.column)?;
                self.leave();
                Ok(a)
            }
            Tok::Name(name) => {
                if self.peek().tok == Tok::LParen {
                    self.call(&name, t.column)
                } else {
                    self.name(&name, t.column)
                }
            }
            Tok::End => Err(ExprError::new(t.column, "unexpected end of expression")),
            Tok::RParen => Err(ExprError::new(t.column, "unexpected ')'")),
            other => Err(ExprError::new(t.column, format!("unexpected {}", other.describe()))),
        }
    }

    fn name(&mut self, name: &str, column: usize) -> Result<Ast, ExprError> {
        let ast = match name {
            "x" => Ast::Var(0),
            "y" => Ast::Var(1),
            "z" => {
                self.dim = 3;
                Ast::Var(2)
            }
            "pi" => Ast::Num(math::PI),
            "e" => Ast::Num(math::E),
            _ => match self.params.iter().find(|p| p.name == name) {
                Some(p) => Ast::Num(p.value),
                None if Fn1::lookup(name).is_some() || NAMES2.contains(&name) => {
                    return Err(ExprError::new(column, format!("'{name}' is a function: write {name}(…)")));
                }
                None => {
                    return Err(ExprError::new(
                        column,
                        format!("unknown name '{}' (variables are x, y, z; add a parameter with p.{}=1)", quote(name), quote(name)),
                    ));
                }
            },
        };
        self.node(column, ast)
    }

    fn call(&mut self, name: &str, column: usize) -> Result<Ast, ExprError> {
        let f1 = Fn1::lookup(name);
        let two = NAMES2.contains(&name);
        if f1.is_none() && !two {
            return Err(ExprError::new(column, format!("unknown function '{}'", quote(name))));
        }
        let open = self.next().column;
        self.enter(open)?;
        let mut args = vec![self.sum()?];
        while self.peek().tok == Tok::Comma {
            let c = self.next().column;
            if args.len() >= 2 {
                return Err(ExprError::new(c, format!("'{name}' takes {} argument{}", if two { 2 } else { 1 }, if two { "s" } else { "" })));
            }
            args.push(self.sum()?);
        }
        self.expect_close(open)?;
        self.leave();
        let want = if two { 2 } else { 1 };
        if args.len() != want {
            return Err(ExprError::new(column, format!("'{name}' takes {want} argument{} (got {})", if two { "s" } else { "" }, args.len())));
        }
        let ast = match f1 {
            Some(f) => Ast::Call(f, Box::new(args.pop().expect("one argument"))),
            None => {
                let b = args.pop().expect("two arguments");
                let a = args.pop().expect("two arguments");
                Ast::Bin(if name == "min" { Bin::Min } else { Bin::Max }, Box::new(a), Box::new(b))
            }
        };
        self.node(column, ast)
    }
}
