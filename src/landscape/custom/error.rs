//! Errors in a typed expression: one line that names the column (1-based, in characters).

use std::fmt;

/// What went wrong and where: `unexpected '^' at column 3`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    /// 1-based character column of the offending token (one past the end for "unexpected end");
    /// 0 for a problem of the whole expression.
    pub column: usize,
    pub message: String,
}

impl ExprError {
    pub fn new(column: usize, message: impl Into<String>) -> Self {
        ExprError { column, message: message.into() }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.column == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} at column {}", self.message, self.column)
        }
    }
}

impl std::error::Error for ExprError {}

/// User text for a message: clipped to 60 characters, control and bidi characters escaped (the
/// one rule for every message, [`crate::numeric::format::quote_user_text`]).
pub fn quote(text: &str) -> String {
    crate::numeric::format::quote_user_text(text)
}
