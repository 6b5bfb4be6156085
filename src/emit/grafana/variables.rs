//! `templating.list`: the dashboard's variables as Grafana saves them.

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{Dashboard, Hide, Refresh, Variable, VariableKind};

use super::{datasource_json, ids};
use crate::emit::duration;

/// Fields in the order Grafana saves them (sorted by name).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VariableJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    all_value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    datasource: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    hide: u8,
    include_all: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    multi: bool,
    name: String,
    options: Vec<Value>,
    query: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh: Option<u8>,
    regex: String,
    skip_url_sync: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<u32>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The variables of a dashboard, with the datasource variable its panels use added
/// first unless declared.
pub fn variables(dashboard: &Dashboard) -> Vec<VariableJson> {
    let mut list = Vec::new();
    // The resolver has made sure a declared one is a datasource variable.
    if let crate::model::DatasourceRef::Variable(name) = &dashboard.datasource
        && !dashboard.variables.iter().any(|v| &v.name == name)
    {
        list.push(datasource_variable(name));
    }
    list.extend(dashboard.variables.iter().map(|v| variable(v, dashboard)));
    list
}

fn datasource_variable(name: &str) -> VariableJson {
    VariableJson {
        all_value: None,
        current: None,
        datasource: None,
        description: None,
        hide: 0,
        include_all: false,
        label: Some("Data source".to_string()),
        multi: false,
        name: name.to_string(),
        options: Vec::new(),
        query: "prometheus".to_string(),
        refresh: Some(1),
        regex: String::new(),
        skip_url_sync: false,
        sort: None,
        kind: "datasource",
    }
}

fn option(text: &str, value: &str, selected: bool) -> Value {
    json!({ "selected": selected, "text": text, "value": value })
}

/// The saved selection: the declared default, else All when offered, else the first value.
fn current(v: &Variable, values: &[String]) -> Option<Value> {
    let (text, value) = match (&v.current, values.first()) {
        (Some(c), _) => (c.clone(), c.clone()),
        (None, _) if v.include_all => ("All".to_string(), "$__all".to_string()),
        (None, Some(first)) => (first.clone(), first.clone()),
        (None, None) => return None,
    };
    Some(if v.multi {
        json!({ "selected": true, "text": [text], "value": [value] })
    } else {
        json!({ "selected": true, "text": text, "value": value })
    })
}

/// Custom values are one comma-separated string in Grafana, with `\,` for a comma.
fn join_values(values: &[String]) -> String {
    values
        .iter()
        .map(|v| v.replace(',', "\\,"))
        .collect::<Vec<_>>()
        .join(",")
}

fn variable(v: &Variable, dashboard: &Dashboard) -> VariableJson {
    let hide = match v.hide {
        Hide::Nothing => 0,
        Hide::Label => 1,
        Hide::Variable => 2,
    };
    let refresh = match v.refresh {
        Refresh::Never => 0,
        Refresh::OnLoad => 1,
        Refresh::OnTimeRangeChange => 2,
    };
    let mut out = VariableJson {
        all_value: v.all_value.clone().filter(|_| v.include_all),
        current: None,
        datasource: None,
        description: v.description.clone(),
        hide,
        include_all: v.include_all,
        label: v.label.clone(),
        multi: v.multi,
        name: v.name.clone(),
        options: Vec::new(),
        query: String::new(),
        refresh: None,
        regex: v.regex.clone().unwrap_or_default(),
        skip_url_sync: false,
        sort: None,
        kind: "query",
    };
    match &v.kind {
        VariableKind::Query { query } => {
            // Without a default, Grafana selects the first value the query returns.
            out.current = current(v, &[]);
            out.datasource = Some(datasource_json(&dashboard.datasource));
            out.query = query.clone();
            out.refresh = Some(refresh);
            out.sort = Some(ids::variable_sort(v.sort));
        }
        VariableKind::Custom { values } => {
            out.kind = "custom";
            list_options(&mut out, v, values);
        }
        VariableKind::Interval { values, .. } => {
            out.kind = "interval";
            out.refresh = Some(2);
            let values: Vec<String> = values.iter().map(duration::grafana_step).collect();
            list_options(&mut out, v, &values);
        }
        VariableKind::Constant { value } => {
            out.kind = "constant";
            // Grafana always hides constants.
            out.hide = 2;
            out.current = Some(json!({ "selected": true, "text": value, "value": value }));
            out.options = vec![option(value, value, true)];
            out.query = value.clone();
        }
        VariableKind::Textbox { default } => {
            out.kind = "textbox";
            let shown = v.current.as_ref().unwrap_or(default);
            out.current = Some(json!({ "selected": true, "text": shown, "value": shown }));
            out.options = vec![option(default, default, true)];
            out.query = default.clone();
        }
        VariableKind::Datasource { plugin, regex } => {
            out.kind = "datasource";
            out.current = v
                .current
                .as_ref()
                .map(|c| json!({ "selected": true, "text": c, "value": c }));
            out.query = plugin.clone();
            out.refresh = Some(1);
            out.regex = regex
                .clone()
                .or_else(|| v.regex.clone())
                .unwrap_or_default();
        }
    }
    out
}

/// The options of a custom or interval variable, the selected one marked.
fn list_options(out: &mut VariableJson, v: &Variable, values: &[String]) {
    out.current = current(v, values);
    let selected = out
        .current
        .as_ref()
        .map(|c| c["value"].clone())
        .unwrap_or(Value::Null);
    let is_selected = |value: &str| match &selected {
        Value::String(s) => s == value,
        Value::Array(a) => a.iter().any(|s| s == value),
        _ => false,
    };
    if v.include_all {
        out.options
            .push(option("All", "$__all", is_selected("$__all")));
    }
    out.options
        .extend(values.iter().map(|x| option(x, x, is_selected(x))));
    out.query = join_values(values);
}
