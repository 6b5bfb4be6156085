//! What an attribute's value is, as the reference describes it.

use std::fmt;

use super::block::Block;

/// The value an attribute takes, or the nested statement a row stands for.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// `"text"`, `"""text"""`, or strings joined with `+`.
    String,
    /// A bare name or a string: `severity = critical`.
    Word,
    Bool,
    Number,
    /// A whole number in `min..=max`.
    Whole {
        min: u64,
        max: u64,
    },
    Duration,
    /// `["a", "b"]`.
    Strings,
    /// `{ key = value, ... }`, with keys of the user's choosing.
    Map,
    /// Label matchers: `{ service = "trade", status =~ "5.." }`.
    Matchers,
    /// PromQL between backticks.
    Query,
    /// One of these names.
    OneOf(&'static [&'static str]),
    /// Something the words describe.
    Described(&'static str),
    /// A nested block, written as that block's form says.
    Block(Block),
    /// A statement of its own shape, written like this.
    Statement(&'static str),
}

impl Value {
    /// A sample that parses as this value, for tests that write every attribute.
    pub fn sample(&self) -> &'static str {
        match self {
            Value::String | Value::Described(_) => "\"x\"",
            Value::Word => "x",
            Value::Bool => "true",
            Value::Number | Value::Whole { .. } => "1",
            Value::Duration => "1m",
            Value::Strings => "[\"x\"]",
            Value::Map | Value::Matchers => "{ a = \"b\" }",
            Value::Query => "`up`",
            Value::OneOf(options) => options.first().copied().unwrap_or("x"),
            Value::Block(_) | Value::Statement(_) => "",
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String => f.write_str("string"),
            Value::Word => f.write_str("name or string"),
            Value::Bool => f.write_str("`true` or `false`"),
            Value::Number => f.write_str("number"),
            Value::Whole { min, max } => write!(f, "whole number, {min} to {max}"),
            Value::Duration => f.write_str("duration"),
            Value::Strings => f.write_str("list of strings"),
            Value::Map => f.write_str("map `{ key = value }`"),
            Value::Matchers => {
                f.write_str("label matchers `{ label = \"value\" }`, also `=~`, `!=`, `!~`")
            }
            Value::Query => f.write_str("PromQL"),
            Value::OneOf(options) => {
                let ticked: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
                f.write_str(&ticked.join(", "))
            }
            Value::Described(words) => f.write_str(words),
            Value::Block(block) => f.write_str(&code(block.form())),
            Value::Statement(form) => f.write_str(&code(form)),
        }
    }
}

/// `text` as inline Markdown code: fenced with two backticks when it holds one.
pub fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
