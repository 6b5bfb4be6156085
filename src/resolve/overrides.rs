//! `override name|regex "MATCH" { ... }` to [`model::Override`], each attribute as a
//! typed property.

use super::cx::{Cx, Seen, joined};
use super::display::{color, stacking, thresholds, unit};
use super::schema::{Block, keywords};
use crate::ast::{Stmt, Value, ValueKind};
use crate::model::{Override, OverrideMatcher, OverrideProperty, PanelKind, PropertyValue};

/// An override of a panel of `kind`: its attributes must mean something for that kind.
pub fn override_block(cx: &mut Cx, stmt: &Stmt, kind: PanelKind) -> Option<Override> {
    let matcher = match (stmt.headers.as_slice(), &stmt.value, &stmt.body) {
        ([how, what], None, Some(_)) => {
            let text = joined(what);
            match (&how.kind, text) {
                (ValueKind::Name(n), Some(t)) if n == "name" => OverrideMatcher::Name(t),
                (ValueKind::Name(n), Some(t)) if n == "regex" => OverrideMatcher::Regex(t),
                _ => {
                    keywords::misshapen(cx, stmt, Block::Override);
                    return None;
                }
            }
        }
        _ => {
            keywords::misshapen(cx, stmt, Block::Override);
            return None;
        }
    };
    let mut seen = Seen::of(Block::Override);
    let mut properties = Vec::new();
    for s in stmt.body.iter().flat_map(|b| &b.stmts) {
        let key = s.key.text.as_str();
        if !keywords::check(cx, s, Block::Override, kind.plugin_id()) {
            continue;
        }
        if key == "property" {
            properties.extend(raw_property(cx, s));
            continue;
        }
        let Some(v) = cx.attr(s, &mut seen) else {
            continue;
        };
        let property = match key {
            "unit" => unit(cx, v).map(OverrideProperty::Unit),
            "decimals" => cx
                .count(v, key, 20)
                .map(|n| OverrideProperty::Decimals(n as u32)),
            "min" => cx.number(v, key).map(OverrideProperty::Min),
            "max" => cx.number(v, key).map(OverrideProperty::Max),
            "fill" => cx
                .count(v, key, 100)
                .map(|n| OverrideProperty::FillOpacity(n as u32)),
            "line_width" => cx
                .count(v, key, 10)
                .map(|n| OverrideProperty::LineWidth(n as u32)),
            "display_name" => cx.string(v, key).map(OverrideProperty::DisplayName),
            "hidden" => cx.bool(v, key).map(OverrideProperty::Hidden),
            "stack" => stacking(cx, v).map(OverrideProperty::Stacking),
            "color" => color(cx, v).map(OverrideProperty::Color),
            "thresholds" => thresholds(cx, v).map(OverrideProperty::Thresholds),
            _ => {
                keywords::unknown(cx, s, Block::Override, kind.plugin_id());
                None
            }
        };
        properties.extend(property);
    }
    Some(Override {
        matcher,
        properties,
        span: stmt.span,
    })
}

/// `property "custom.lineStyle" = { fill = "dash" }`: any property by the output
/// format's id.
fn raw_property(cx: &mut Cx, stmt: &Stmt) -> Option<OverrideProperty> {
    let (Some(id), Some(v), None) = (
        stmt.headers.first().and_then(joined),
        &stmt.value,
        &stmt.body,
    ) else {
        keywords::misshapen_statement(cx, stmt, Block::Override);
        return None;
    };
    Some(OverrideProperty::Custom {
        id,
        value: property_value(cx, v)?,
    })
}

/// A dac value as plain data: strings and names as strings, lists as lists, maps as maps.
fn property_value(cx: &mut Cx, v: &Value) -> Option<PropertyValue> {
    Some(match &v.kind {
        ValueKind::Number { value, .. } => PropertyValue::Number(*value),
        ValueKind::Name(n) if n == "true" => PropertyValue::Bool(true),
        ValueKind::Name(n) if n == "false" => PropertyValue::Bool(false),
        ValueKind::Name(n) if n == "null" => PropertyValue::Null,
        ValueKind::Name(n) => PropertyValue::String(n.clone()),
        ValueKind::String { .. } | ValueKind::Join(_) => {
            PropertyValue::String(cx.string(v, "property")?)
        }
        ValueKind::Duration { text, .. } => PropertyValue::String(text.clone()),
        ValueKind::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(property_value(cx, &item.value)?);
            }
            PropertyValue::List(out)
        }
        ValueKind::Map(body) => {
            let mut entries = Vec::with_capacity(body.stmts.len());
            for s in &body.stmts {
                let value = s.value.as_ref().and_then(|x| property_value(cx, x))?;
                entries.push((s.key.text.clone(), value));
            }
            PropertyValue::Map(entries)
        }
        _ => {
            cx.wrong_type(v, "property", "a string, number, boolean, list or map");
            return None;
        }
    })
}
