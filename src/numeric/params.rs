//! Named, range-checked landscape and optimizer parameters.

use super::format::fmt_num;
use std::fmt;

/// A bad parameter value: which parameter (its scenario key) and what is wrong with it, e.g.
/// `{ key: "index", message: "must be at most d = 3" }`. The scenario layer adds the value the user
/// gave and turns it into its own error; nothing parses the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    pub key: String,
    pub message: String,
}

impl ParamError {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        ParamError { key: key.into(), message: message.into() }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

impl std::error::Error for ParamError {}

/// One knob: its scenario name, default, accepted range and meaning.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub name: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Only whole numbers are accepted.
    pub integer: bool,
    /// For a choice: the accepted names; the value is the position of the chosen name.
    pub choices: &'static [&'static str],
    pub doc: &'static str,
    /// Changing it changes the space itself (dimension, network size, data): a running race
    /// restarts instead of carrying on from its current points.
    pub restart: bool,
}

impl ParamSpec {
    pub const fn real(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> Self {
        ParamSpec { name, default, min, max, integer: false, choices: &[], doc, restart: false }
    }
    pub const fn int(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> Self {
        ParamSpec { name, default, min, max, integer: true, choices: &[], doc, restart: false }
    }
    /// One of `choices`, stored as its position; `default` is a position.
    pub const fn choice(name: &'static str, default: usize, choices: &'static [&'static str], doc: &'static str) -> Self {
        ParamSpec { name, default: default as f64, min: 0.0, max: (choices.len() - 1) as f64, integer: true, choices, doc, restart: false }
    }

    /// The same spec, marked as restarting a running race when it changes.
    pub const fn restarts(mut self) -> Self {
        self.restart = true;
        self
    }

    /// Parses a value as text: a choice's name, or a number checked against the range.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        if !self.choices.is_empty() {
            return self
                .choices
                .iter()
                .position(|c| *c == text)
                .map(|i| i as f64)
                .ok_or_else(|| format!("must be one of {}", self.choices.join(", ")));
        }
        let v: f64 = text.trim().parse().map_err(|_| format!("is not a number; {}", self.range_text()))?;
        self.check(v)
    }

    /// A value as the scenario format writes it: a choice's name or the shortest exact number.
    pub fn format(&self, value: f64) -> String {
        if !self.choices.is_empty() {
            return self.choices.get(value as usize).unwrap_or(&"?").to_string();
        }
        fmt_num(value)
    }

    /// "must be in [min, max]" or the list of choices.
    pub fn range_text(&self) -> String {
        if !self.choices.is_empty() {
            return format!("one of {}", self.choices.join(", "));
        }
        format!("accepted: {} in [{}, {}]", if self.integer { "a whole number" } else { "a number" }, fmt_num(self.min), fmt_num(self.max))
    }

    /// Checks `value` against the range; the message names what is accepted.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        if !value.is_finite() {
            return Err(format!("must be a finite number in [{}, {}]", fmt_num(self.min), fmt_num(self.max)));
        }
        if self.integer && value.fract() != 0.0 {
            return Err(format!("must be a whole number in [{}, {}]", fmt_num(self.min), fmt_num(self.max)));
        }
        if value < self.min || value > self.max {
            return Err(format!("must be in [{}, {}]", fmt_num(self.min), fmt_num(self.max)));
        }
        Ok(value)
    }
}

/// Values given for a set of [`ParamSpec`]s; a missing name means "the default".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParamValues(pub Vec<(String, f64)>);

impl ParamValues {
    pub fn new() -> Self {
        ParamValues(Vec::new())
    }
    pub fn set(&mut self, name: &str, value: f64) {
        if let Some(e) = self.0.iter_mut().find(|(n, _)| n == name) {
            e.1 = value;
        } else {
            self.0.push((name.to_string(), value));
        }
    }
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| n != name);
    }
    pub fn get_opt(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|e| e.1)
    }
    /// The value of `spec`, or its default.
    pub fn get(&self, spec: &ParamSpec) -> f64 {
        self.get_opt(spec.name).unwrap_or(spec.default)
    }
    /// The value of the spec named `name` in `specs`, or its default. `name` must be one of
    /// `specs` (a landscape asking for its own parameter): a misspelt name panics in debug builds
    /// (and so in `cargo test`, which builds every landscape); a release build reads 0.
    pub fn value(&self, specs: &[ParamSpec], name: &str) -> f64 {
        let spec = specs.iter().find(|s| s.name == name);
        debug_assert!(spec.is_some(), "no parameter named '{name}' (accepted: {})", names(specs));
        spec.map_or(0.0, |s| self.get(s))
    }
    /// Checks every given value against `specs`: unknown names and out-of-range values are errors.
    pub fn validate(&self, specs: &[ParamSpec]) -> Result<(), ParamError> {
        for (n, v) in &self.0 {
            let spec = specs
                .iter()
                .find(|s| s.name == n)
                .ok_or_else(|| ParamError::new(n.as_str(), format!("is not a parameter here (accepted: {})", names(specs))))?;
            spec.check(*v).map_err(|e| ParamError::new(n.as_str(), e))?;
        }
        Ok(())
    }
}

/// The names of `specs`, comma-separated.
pub fn names(specs: &[ParamSpec]) -> String {
    if specs.is_empty() {
        return "none".into();
    }
    specs.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}

/// A parameter the user names in the scenario (`p.a=0.5:0:2` for the `custom` landscape): its value
/// and the range of its knob. Unlike [`ParamSpec`], its name is owned: it comes from the user.
#[derive(Clone, Debug, PartialEq)]
pub struct UserParam {
    pub name: String,
    pub value: f64,
    pub min: f64,
    pub max: f64,
}

/// Largest accepted |value| or |bound| of a [`UserParam`].
pub const USER_PARAM_LIMIT: f64 = 1e6;

impl UserParam {
    /// The knob's range when the scenario gives only a value: [min(0, 2v), max(0, 2v)], or [−1, 1]
    /// for v = 0.
    pub fn auto_range(value: f64) -> (f64, f64) {
        if value == 0.0 {
            (-1.0, 1.0)
        } else {
            ((2.0 * value).min(0.0), (2.0 * value).max(0.0))
        }
    }

    /// Parses `value` or `value:min:max` (min < max, value in [min, max], all finite and within
    /// ±1e6); the message says what is accepted.
    pub fn parse(name: &str, text: &str) -> Result<UserParam, String> {
        let parts: Vec<&str> = text.split(':').collect();
        let num = |s: &str| -> Result<f64, String> {
            let v: f64 = s.trim().parse().map_err(|_| format!("'{s}' is not a number; accepted: value or value:min:max"))?;
            if !v.is_finite() || v.abs() > USER_PARAM_LIMIT {
                return Err(format!("'{s}' must be a finite number in [-1e6, 1e6]"));
            }
            Ok(v)
        };
        match parts.as_slice() {
            [v] => {
                let value = num(v)?;
                let (min, max) = UserParam::auto_range(value);
                Ok(UserParam { name: name.to_string(), value, min, max })
            }
            [v, lo, hi] => {
                let (value, min, max) = (num(v)?, num(lo)?, num(hi)?);
                if min >= max {
                    return Err("needs min < max in value:min:max".into());
                }
                if value < min || value > max {
                    return Err(format!("the value must be in [{}, {}]", fmt_num(min), fmt_num(max)));
                }
                Ok(UserParam { name: name.to_string(), value, min, max })
            }
            _ => Err("accepted: value or value:min:max".into()),
        }
    }

    /// `value:min:max` with the shortest exact numbers (what the canonical scenario prints).
    pub fn format(&self) -> String {
        format!("{}:{}:{}", fmt_num(self.value), fmt_num(self.min), fmt_num(self.max))
    }
}
