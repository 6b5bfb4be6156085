//! `variable [KIND] NAME = VALUE { ... }` to [`model::Variable`].

use super::block::step;
use super::cx::{Cx, Seen, joined};
use super::error::ErrorKind;
use super::query::{Mode, parse};
use super::schema::{Block, keywords};
use super::variable_scope::{PendingQuery, Shape};
use crate::ast::{QueryLit, Stmt, Value, ValueKind};
use crate::diagnostic::Span;
use crate::model::{Hide, Refresh, Variable, VariableKind, VariableSort};
use crate::promql::ast::Expr;

const KINDS: &[&str] = &[
    "query",
    "custom",
    "interval",
    "constant",
    "textbox",
    "datasource",
];
/// The sort orders as the language names them, in the order of [`VariableSort::ALL`].
const SORTS: [&str; 9] = [
    "none",
    "alpha_asc",
    "alpha_desc",
    "numeric_asc",
    "numeric_desc",
    "alpha_ci_asc",
    "alpha_ci_desc",
    "natural_asc",
    "natural_desc",
];

/// The variable, and its PromQL when the dashboard's scope is still to be added (see
/// [`variable_scope`](super::variable_scope)); `index` is its place among the
/// dashboard's variables.
pub fn variable(
    cx: &mut Cx,
    stmt: &Stmt,
    index: usize,
) -> Option<(Variable, Option<PendingQuery>)> {
    let (kind, name) = head(cx, stmt)?;
    let Some(value) = &stmt.value else {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingEquals {
                name: name.to_string(),
            },
        );
        return None;
    };
    let kind = kind.unwrap_or(match value.kind {
        ValueKind::List(_) => "custom",
        _ => "query",
    });

    let mut v = Variable {
        name: name.to_string(),
        label: None,
        description: None,
        kind: VariableKind::Constant {
            value: String::new(),
        },
        multi: false,
        include_all: false,
        all_value: None,
        regex: None,
        refresh: Refresh::default(),
        hide: Hide::default(),
        sort: VariableSort::None,
        current: None,
        span: stmt.span,
    };
    let auto = attributes(cx, stmt, &mut v);

    let mut pending = None;
    v.kind = match kind {
        "query" => {
            let ValueKind::Query(lit) = &value.kind else {
                cx.wrong_type(value, name, "a query in backticks");
                return None;
            };
            match variable_query(cx, lit)? {
                Parsed::Text(query) => VariableKind::Query { query },
                Parsed::Promql(expr, shape) => {
                    pending = Some(PendingQuery {
                        index,
                        expr: *expr,
                        shape,
                    });
                    // Written once the scope is known.
                    VariableKind::Query {
                        query: String::new(),
                    }
                }
            }
        }
        "custom" => VariableKind::Custom {
            values: cx.string_list(value, name)?,
        },
        "interval" => {
            if auto {
                interval_auto(cx, stmt, name);
            }
            VariableKind::Interval {
                values: cx.list(value, name, |cx, item| step(cx, item, "interval"))?,
                auto,
            }
        }
        "constant" => VariableKind::Constant {
            value: scalar(cx, value, name)?,
        },
        "textbox" => VariableKind::Textbox {
            default: scalar(cx, value, name)?,
        },
        _ => VariableKind::Datasource {
            plugin: cx.word(value, name)?,
            regex: v.regex.take(),
        },
    };
    Some((v, pending))
}

/// The variable's kind, if written, and its name; the name is checked here, the shape
/// reported and `None` when it is not `variable [KIND] NAME`.
fn head<'s>(cx: &mut Cx, stmt: &'s Stmt) -> Option<(Option<&'static str>, &'s str)> {
    let names: Vec<Option<&str>> = stmt
        .headers
        .iter()
        .map(|h| match &h.kind {
            ValueKind::Name(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    let (kind, name, name_span) = match (names.as_slice(), stmt.headers.as_slice()) {
        ([Some(name)], [h]) => (None, *name, h.span),
        ([Some(_), Some(name)], [k, h]) => {
            let kind = cx.choice(k, "variable kind", KINDS)?;
            (Some(kind), *name, h.span)
        }
        _ => {
            keywords::misshapen(cx, stmt, Block::Variable);
            return None;
        }
    };
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || name.starts_with("__") {
        cx.error(
            name_span,
            ErrorKind::BadName {
                what: "variable name",
                name: name.to_string(),
                rule: "variable names are letters, digits and `_`, not starting with `__` (Grafana's own)",
            },
        );
    }
    Some((kind, name))
}

/// Reads the body's attributes into `v`; returns `auto` (an interval's), which only the
/// kind can take.
fn attributes(cx: &mut Cx, stmt: &Stmt, v: &mut Variable) -> bool {
    let mut auto = false;
    let mut seen = Seen::of(Block::Variable);
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Variable, "") {
            continue;
        }
        let Some(a) = cx.attr(s, &mut seen) else {
            continue;
        };
        match key {
            "label" => v.label = cx.string(a, key),
            "description" => v.description = cx.string(a, key),
            "multi" => v.multi = cx.bool(a, key).unwrap_or(false),
            "include_all" => v.include_all = cx.bool(a, key).unwrap_or(false),
            "all_value" => v.all_value = cx.string(a, key),
            "regex" => v.regex = cx.string(a, key),
            "refresh" => {
                v.refresh = match cx.choice(a, key, &["never", "load", "time_range"]) {
                    Some("never") => Refresh::Never,
                    Some("time_range") => Refresh::OnTimeRangeChange,
                    _ => Refresh::OnLoad,
                }
            }
            "hide" => {
                v.hide = match cx.choice(a, key, &["nothing", "label", "variable"]) {
                    Some("label") => Hide::Label,
                    Some("variable") => Hide::Variable,
                    _ => Hide::Nothing,
                }
            }
            "sort" => {
                v.sort = cx
                    .choice(a, key, &SORTS)
                    .and_then(|s| SORTS.iter().position(|x| *x == s))
                    .map_or(VariableSort::None, |i| VariableSort::ALL[i])
            }
            "current" => v.current = cx.word(a, key),
            "auto" => auto = cx.bool(a, key).unwrap_or(false),
            _ => keywords::unknown(cx, s, Block::Variable, ""),
        }
    }

    auto
}

/// `auto = true` asks for an option Grafana's dashboard schema has no field for: the
/// dashboard is written without it, and the user is told so.
fn interval_auto(cx: &mut Cx, stmt: &Stmt, name: &str) {
    let at = stmt
        .body
        .iter()
        .flat_map(|b| &b.stmts)
        .find(|s| s.key.text == "auto")
        .map_or(stmt.span, |s| s.span);
    cx.error(
        at,
        ErrorKind::IntervalAuto {
            variable: name.to_string(),
        },
    );
}

/// A variable query: final text, or PromQL to scope first.
enum Parsed {
    Text(String),
    Promql(Box<Expr>, Shape),
}

fn scalar(cx: &mut Cx, value: &Value, what: &str) -> Option<String> {
    match &value.kind {
        ValueKind::Number { text, .. } => Some(text.clone()),
        _ => joined(value).or_else(|| cx.word(value, what)),
    }
}

/// Grafana's variable query functions. The PromQL inside `label_values(...)` and
/// `query_result(...)` is parsed here, then scoped and printed like any dashboard query.
fn variable_query(cx: &mut Cx, lit: &QueryLit) -> Option<Parsed> {
    let text = lit.text.as_str();
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let Some(open) = trimmed.find('(') else {
        return bad(
            cx,
            lit,
            "expected `label_values(...)`, `query_result(...)`, `label_names(...)` or `metrics(...)`",
        );
    };
    let func = trimmed[..open].trim();
    let Some(args) = trimmed[open + 1..].strip_suffix(')') else {
        return bad(cx, lit, "expected `)` at the end");
    };
    let args_at = lit.text_span.start as usize + lead + open + 1;
    match func {
        "label_values" => match top_level_comma(args) {
            Some(comma) => {
                let expr = Box::new(promql_arg(cx, lit, &args[..comma], args_at)?);
                let label = args[comma + 1..].trim().to_string();
                Some(Parsed::Promql(expr, Shape::LabelValues(label)))
            }
            None => Some(Parsed::Text(format!("label_values({})", args.trim()))),
        },
        "query_result" => Some(Parsed::Promql(
            Box::new(promql_arg(cx, lit, args, args_at)?),
            Shape::QueryResult,
        )),
        "label_names" | "metrics" => Some(Parsed::Text(trimmed.to_string())),
        _ => bad(
            cx,
            lit,
            "expected `label_values(...)`, `query_result(...)`, `label_names(...)` or `metrics(...)`",
        ),
    }
}

fn bad(cx: &mut Cx, lit: &QueryLit, reason: &str) -> Option<Parsed> {
    cx.error(
        lit.text_span,
        ErrorKind::BadVariableQuery {
            reason: reason.into(),
        },
    );
    None
}

/// The PromQL argument at byte `at` of the `.dac` file.
fn promql_arg(cx: &mut Cx, lit: &QueryLit, text: &str, at: usize) -> Option<Expr> {
    let inner = QueryLit {
        text: text.to_string(),
        text_span: Span::new(lit.text_span.file, at, at + text.len()),
    };
    parse(cx, &inner, Mode::Dashboard)
}

/// The byte offset of the last comma outside brackets and quotes.
fn top_level_comma(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut last = None;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth -= 1,
            ',' if depth == 0 => last = Some(i),
            _ => {}
        }
    }
    last
}
