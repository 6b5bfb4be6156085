//! The canonical text of a PromQL tree, in Prometheus' style: `sum by (job) (rate(x[5m]))`,
//! grouping before the arguments, `@` before `offset`, canonical durations, strings in
//! double quotes. Parentheses are printed where the tree has them (as `Paren` nodes),
//! so `parse(print(t)) == t` for every tree the parser produces.

use crate::promql::ast::{
    AggregateExpr, At, BinaryExpr, Duration, Expr, ExprKind, GrafanaVar, GroupSide, Ident, Matcher,
    Modifiers, UnaryOp, VarSyntax, VectorMatching, VectorSelector,
};
use crate::promql::{duration, literal};

/// The canonical form of `expr`.
pub fn print(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr);
    out
}

fn write_expr(out: &mut String, expr: &Expr) {
    match &expr.kind {
        ExprKind::Number { value, raw } => {
            if raw.is_empty() {
                out.push_str(&format_number(*value));
            } else {
                out.push_str(raw);
            }
        }
        ExprKind::String(s) => out.push_str(&literal::quote(s)),
        ExprKind::Vector(selector) => {
            write_selector(out, selector);
            write_modifiers(out, &selector.modifiers);
        }
        ExprKind::Matrix {
            selector,
            range,
            modifiers,
            ..
        } => {
            write_selector(out, selector);
            out.push('[');
            write_duration(out, range);
            out.push(']');
            write_modifiers(out, modifiers);
        }
        ExprKind::Subquery {
            expr,
            range,
            step,
            modifiers,
        } => {
            write_expr(out, expr);
            out.push('[');
            write_duration(out, range);
            out.push(':');
            if let Some(step) = step {
                write_duration(out, step);
            }
            out.push(']');
            write_modifiers(out, modifiers);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            write_expr(out, inner);
            out.push(')');
        }
        ExprKind::Unary { op, expr } => {
            out.push(match op {
                UnaryOp::Plus => '+',
                UnaryOp::Minus => '-',
            });
            write_expr(out, expr);
        }
        ExprKind::Binary(binary) => write_binary(out, binary),
        ExprKind::Aggregate(aggregate) => write_aggregate(out, aggregate),
        ExprKind::Call { func, args } => {
            out.push_str(&func.name);
            out.push('(');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_expr(out, arg);
            }
            out.push(')');
        }
        ExprKind::Variable(var) => write_variable(out, var),
    }
}

fn write_binary(out: &mut String, binary: &BinaryExpr) {
    write_expr(out, &binary.lhs);
    out.push(' ');
    out.push_str(binary.op.as_str());
    if binary.return_bool {
        out.push_str(" bool");
    }
    if let Some(matching) = &binary.matching {
        write_matching(out, matching);
    }
    out.push(' ');
    write_expr(out, &binary.rhs);
}

fn write_matching(out: &mut String, matching: &VectorMatching) {
    out.push_str(if matching.on { " on " } else { " ignoring " });
    write_labels(out, &matching.labels);
    if let Some(group) = &matching.group {
        out.push_str(match group.side {
            GroupSide::Left => " group_left ",
            GroupSide::Right => " group_right ",
        });
        write_labels(out, &group.labels);
    }
}

fn write_aggregate(out: &mut String, aggregate: &AggregateExpr) {
    out.push_str(aggregate.op.as_str());
    if let Some(grouping) = &aggregate.grouping {
        out.push_str(if grouping.without {
            " without "
        } else {
            " by "
        });
        write_labels(out, &grouping.labels);
        out.push(' ');
    }
    out.push('(');
    if let Some(param) = &aggregate.param {
        write_expr(out, param);
        out.push_str(", ");
    }
    write_expr(out, &aggregate.expr);
    out.push(')');
}

/// `(a, b)` with names that are not plain label names quoted.
fn write_labels(out: &mut String, labels: &[Ident]) {
    out.push('(');
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_label_name(out, label);
    }
    out.push(')');
}

fn write_label_name(out: &mut String, label: &Ident) {
    let name = &label.name;
    if is_plain_name(name, false) || (is_variable_name(name, false) && !written_quoted(label)) {
        out.push_str(name);
    } else {
        out.push_str(&literal::quote(name));
    }
}

/// Whether a name was written as a quoted string (its span is longer than the name).
/// A quoted `"$x"` is a literal name outside Grafana, so it stays quoted; names built in
/// code (no span) with a variable are taken to mean the variable.
fn written_quoted(name: &Ident) -> bool {
    !name.span.is_dummy() && name.span.len() != name.name.len()
}

fn write_selector(out: &mut String, selector: &VectorSelector) {
    let bare_name = selector.name.as_ref().filter(|n| is_bare_metric_name(n));
    if let Some(name) = bare_name {
        out.push_str(&name.name);
        if selector.matchers.is_empty() {
            return;
        }
    }
    out.push('{');
    let mut first = true;
    if let Some(name) = selector.name.as_ref().filter(|_| bare_name.is_none()) {
        out.push_str(&literal::quote(&name.name));
        first = false;
    }
    for matcher in &selector.matchers {
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_matcher(out, matcher);
    }
    out.push('}');
}

fn write_matcher(out: &mut String, matcher: &Matcher) {
    write_label_name(out, &matcher.label);
    out.push_str(matcher.op.as_str());
    out.push_str(&literal::quote(&matcher.value));
}

fn write_modifiers(out: &mut String, modifiers: &Modifiers) {
    if let Some(at) = &modifiers.at {
        out.push_str(" @ ");
        match at {
            At::Timestamp { seconds, raw, .. } => {
                if raw.is_empty() {
                    out.push_str(&format!("{seconds:.3}"));
                } else {
                    out.push_str(raw);
                }
            }
            At::Start(_) => out.push_str("start()"),
            At::End(_) => out.push_str("end()"),
        }
    }
    if let Some(offset) = &modifiers.offset {
        out.push_str(" offset ");
        if offset.negative {
            out.push('-');
        }
        write_duration(out, &offset.duration);
    }
}

fn write_duration(out: &mut String, d: &Duration) {
    match d {
        // `0s` is not a valid duration token; a zero written as a number (`offset 0`) is.
        Duration::Literal { millis: 0, .. } => out.push('0'),
        Duration::Literal { millis, .. } => out.push_str(&duration::format(*millis)),
        Duration::Variable(var) => write_variable(out, var),
    }
}

fn write_variable(out: &mut String, var: &GrafanaVar) {
    let format = var.format.as_deref();
    match (var.syntax, format) {
        (VarSyntax::Dollar, _) => {
            out.push('$');
            out.push_str(&var.name);
        }
        (VarSyntax::Braced, None) => out.push_str(&format!("${{{}}}", var.name)),
        (VarSyntax::Braced, Some(f)) => out.push_str(&format!("${{{}:{f}}}", var.name)),
        (VarSyntax::Brackets, None) => out.push_str(&format!("[[{}]]", var.name)),
        (VarSyntax::Brackets, Some(f)) => out.push_str(&format!("[[{}:{f}]]", var.name)),
    }
}

/// Numbers built in code (no source text): Go's `FormatFloat(v, 'f', -1, 64)` style.
fn format_number(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Inf" } else { "-Inf" }.to_string()
    } else {
        format!("{value}")
    }
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`, with `:` allowed too for metric names.
fn is_plain_name(name: &str, colons: bool) -> bool {
    let mut bytes = name.bytes();
    let ok_start = |b: u8| b.is_ascii_alphabetic() || b == b'_' || (colons && b == b':');
    bytes.next().is_some_and(ok_start)
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || (colons && b == b':'))
}

/// A name made of name characters and Grafana variables (`node_${x}_bytes`).
fn is_variable_name(name: &str, colons: bool) -> bool {
    if !crate::promql::ast::has_grafana_variable(name) {
        return false;
    }
    let mut rest = name;
    while !rest.is_empty() {
        let len = if rest.starts_with('$') {
            literal::dollar_variable_len(rest)
        } else if rest.starts_with("[[") {
            rest.find("]]").map(|i| i + 2)
        } else {
            let b = rest.as_bytes()[0];
            (b.is_ascii_alphanumeric() || b == b'_' || (colons && b == b':')).then_some(1)
        };
        match len {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
    true
}

/// Whether a metric name can be written before the braces and read back as a name.
fn is_bare_metric_name(ident: &Ident) -> bool {
    let name = ident.name.as_str();
    const NOT_NAMES: [&str; 8] = [
        "bool",
        "on",
        "ignoring",
        "group_left",
        "group_right",
        "atan2",
        "inf",
        "nan",
    ];
    let reserved = NOT_NAMES.iter().any(|k| k.eq_ignore_ascii_case(name));
    (is_plain_name(name, true) && !reserved)
        || (is_variable_name(name, true) && !written_quoted(ident))
}

#[cfg(test)]
mod tests;
