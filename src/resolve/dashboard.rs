//! `dashboard "Title" { ... }` to [`model::Dashboard`].

use super::block::{body, title};
use super::cx::{Cx, Seen};
use super::dash_cx::{DashCx, repeat_variable};
use super::error::{ErrorKind, ResolveError};
use super::grafana_vars::VarRef;
use super::names::check_uid;
use super::panel::panel;
use super::positions;
use super::schema::{Block, PANEL_KINDS, keywords};
use super::scope::Scope;
use super::variable::variable;
use super::variable_scope;
use crate::ast::{Stmt, ValueKind};
use crate::diagnostic::Span;
use crate::model::{
    self, DashboardLink, DashboardLinkKind, DatasourceRef, GraphTooltip, Item, Millis, Row,
    TimePoint, TimeRange,
};
use crate::promql::suggest::did_you_mean;

pub fn dashboard(cx: &mut Cx, stmt: &Stmt) -> Option<model::Dashboard> {
    let usage = Block::Dashboard.form();
    let title = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Dashboard);
    let mut dash = DashCx::default();
    // The scope applies to the whole block wherever it is written.
    for s in body.stmts.iter().filter(|s| s.key.text == "scope") {
        if let Some(v) = cx.attr(s, &mut seen) {
            dash.scope = Scope::default().with(cx, v);
        }
    }
    let mut settings = Settings::default();
    let mut links = Vec::new();
    let mut variables = Vec::new();
    let mut items = Vec::new();
    let mut first_row = None;
    let mut pending = Vec::new();

    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Dashboard, "") {
            continue;
        }
        let key = s.key.text.as_str();
        match key {
            "scope" => {}
            _ if settings.read(cx, s, &mut seen) => {}
            "link" => links.extend(link(cx, s)),
            "variable" => {
                if let Some((v, query)) = variable(cx, s, variables.len()) {
                    pending.extend(query);
                    variables.push(v);
                }
            }
            "row" => {
                first_row.get_or_insert(s.head_span());
                items.extend(row(cx, s, &mut dash).map(Item::Row))
            }
            k if PANEL_KINDS.contains(&k) => {
                // Grafana shows a panel after a row header as part of that row.
                if let Some(row_span) = first_row {
                    cx.errors.push(
                        ResolveError::new(s.head_span(), ErrorKind::PanelAfterRow)
                            .with_related(row_span, "the first row"),
                    );
                }
                let scope = dash.scope.clone();
                items.extend(panel(cx, s, &mut dash, &scope).map(Item::Panel))
            }
            _ => keywords::unknown(cx, s, Block::Dashboard, ""),
        }
    }

    let refs = variable_scope::finish(&mut variables, pending, &dash.scope);
    dash.var_refs.extend(refs);
    check_variables(cx, &variables, &settings.datasource, &dash.var_refs);
    check_datasource_variable(cx, &variables, &settings.datasource, stmt.head_span());
    let Some((uid, uid_span)) = settings.uid.take() else {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingAttribute {
                name: "uid",
                context: "this dashboard".into(),
            },
        );
        return None;
    };
    let dashboard = model::Dashboard {
        uid,
        uid_span,
        title: title?,
        folder: settings.folder,
        tags: settings.tags,
        description: settings.description,
        refresh: settings.refresh,
        time: settings.time,
        timezone: settings.timezone,
        graph_tooltip: settings.graph_tooltip,
        links,
        datasource: settings.datasource,
        variables,
        items,
        span: stmt.span,
    };
    positions::check(cx, &dashboard, &dash.y_spans);
    Some(dashboard)
}

/// The dashboard's own attributes, as its body sets them.
struct Settings {
    uid: Option<(String, Span)>,
    folder: Option<String>,
    tags: Vec<String>,
    description: Option<String>,
    refresh: Option<Millis>,
    time: TimeRange,
    timezone: String,
    graph_tooltip: GraphTooltip,
    datasource: DatasourceRef,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            uid: None,
            folder: None,
            tags: Vec::new(),
            description: None,
            refresh: None,
            time: TimeRange::default(),
            timezone: String::new(),
            graph_tooltip: GraphTooltip::Default,
            datasource: DatasourceRef::default(),
        }
    }
}

impl Settings {
    /// Reads `s` if it is one of the dashboard's own attributes; `false` if it is not.
    fn read(&mut self, cx: &mut Cx, s: &Stmt, seen: &mut Seen) -> bool {
        let set = self;
        let key = s.key.text.as_str();
        match key {
            "uid" => {
                if let Some(v) = cx.attr(s, seen)
                    && let Some(text) = cx.string(v, key)
                {
                    check_uid(cx, &text, v.span);
                    set.uid = Some((text, v.span));
                }
            }
            "folder" => set.folder = cx.attr(s, seen).and_then(|v| cx.string(v, key)),
            "tags" => {
                set.tags = cx
                    .attr(s, seen)
                    .and_then(|v| cx.string_list(v, key))
                    .unwrap_or_default()
            }
            "description" => set.description = cx.attr(s, seen).and_then(|v| cx.string(v, key)),
            "refresh" => {
                if let Some(v) = cx.attr(s, seen) {
                    set.refresh = match &v.kind {
                        ValueKind::Name(n) if n == "off" => None,
                        _ => cx.duration(v, key).map(Millis),
                    };
                }
            }
            "time" => {
                if let Some(v) = cx.attr(s, seen) {
                    match &v.kind {
                        ValueKind::Duration { millis, .. } => {
                            set.time = TimeRange {
                                from: TimePoint::Ago(Millis(*millis)),
                                to: TimePoint::Now,
                            }
                        }
                        ValueKind::List(_) => {
                            if let Some(list) = cx.string_list(v, key) {
                                match <[String; 2]>::try_from(list) {
                                    Ok([from, to]) => {
                                        set.time = TimeRange {
                                            from: time_point(from),
                                            to: time_point(to),
                                        }
                                    }
                                    Err(_) => {
                                        cx.wrong_type(v, key, "a duration or a list `[FROM, TO]`")
                                    }
                                }
                            }
                        }
                        _ => cx.wrong_type(v, key, "a duration or a list `[FROM, TO]`"),
                    }
                }
            }
            "timezone" => {
                if let Some(v) = cx.attr(s, seen)
                    && let Some(tz) = cx.word(v, key)
                {
                    set.timezone = tz;
                }
            }
            "graph_tooltip" => {
                if let Some(v) = cx.attr(s, seen) {
                    set.graph_tooltip =
                        match cx.choice(v, key, &["default", "shared_crosshair", "shared_tooltip"])
                        {
                            Some("shared_crosshair") => GraphTooltip::SharedCrosshair,
                            Some("shared_tooltip") => GraphTooltip::SharedTooltip,
                            _ => GraphTooltip::Default,
                        };
                }
            }
            "datasource" => {
                if let Some(uid) = cx.attr(s, seen).and_then(|v| cx.string(v, key)) {
                    set.datasource = DatasourceRef::Uid(uid);
                }
            }
            "datasource_variable" => {
                if let Some(name) = cx.attr(s, seen).and_then(|v| cx.word(v, key)) {
                    set.datasource = DatasourceRef::Variable(name);
                }
            }
            _ => return false,
        }
        true
    }
}

fn row(cx: &mut Cx, stmt: &Stmt, dash: &mut DashCx) -> Option<Row> {
    let usage = Block::Row.form();
    let title = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::Row);
    let mut scope = dash.scope.clone();
    for s in body.stmts.iter().filter(|s| s.key.text == "scope") {
        if let Some(v) = cx.attr(s, &mut seen) {
            scope = scope.with(cx, v);
        }
    }
    let mut collapsed = false;
    let mut repeat = None;
    let mut panels = Vec::new();
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::Row, "") {
            continue;
        }
        let key = s.key.text.as_str();
        match key {
            "scope" => {}
            "collapsed" => {
                collapsed = cx
                    .attr(s, &mut seen)
                    .and_then(|v| cx.bool(v, key))
                    .unwrap_or(false)
            }
            "repeat" => repeat = repeat_variable(cx, s, &mut seen, dash),
            k if PANEL_KINDS.contains(&k) => panels.extend(panel(cx, s, dash, &scope)),
            _ => keywords::unknown(cx, s, Block::Row, ""),
        }
    }
    Some(Row {
        title: title?,
        collapsed,
        repeat,
        panels,
        span: stmt.span,
    })
}

fn link(cx: &mut Cx, stmt: &Stmt) -> Option<DashboardLink> {
    let usage = Block::DashboardLink.form();
    let title = title(cx, stmt, usage);
    let body = body(cx, stmt, usage)?;
    let mut seen = Seen::of(Block::DashboardLink);
    let mut link = DashboardLink {
        title: String::new(),
        kind: DashboardLinkKind::Url(String::new()),
        tooltip: None,
        icon: None,
        target_blank: false,
        include_vars: false,
        keep_time: false,
        as_dropdown: false,
        span: stmt.span,
    };
    let mut target = None;
    for s in &body.stmts {
        if !keywords::check(cx, s, Block::DashboardLink, "") {
            continue;
        }
        let key = s.key.text.as_str();
        let Some(v) = (match key {
            "url" | "tags" | "tooltip" | "icon" | "new_tab" | "include_vars" | "keep_time"
            | "as_dropdown" => cx.attr(s, &mut seen),
            _ => {
                keywords::unknown(cx, s, Block::DashboardLink, "");
                None
            }
        }) else {
            continue;
        };
        match key {
            "url" => target = cx.string(v, key).map(DashboardLinkKind::Url),
            "tags" => {
                target = cx
                    .string_list(v, key)
                    .map(|tags| DashboardLinkKind::Dashboards { tags })
            }
            "tooltip" => link.tooltip = cx.string(v, key),
            "icon" => link.icon = cx.word(v, key),
            "new_tab" => link.target_blank = cx.bool(v, key).unwrap_or(false),
            "include_vars" => link.include_vars = cx.bool(v, key).unwrap_or(false),
            "keep_time" => link.keep_time = cx.bool(v, key).unwrap_or(false),
            _ => link.as_dropdown = cx.bool(v, key).unwrap_or(false),
        }
    }
    let Some(target) = target else {
        cx.error(
            stmt.head_span(),
            ErrorKind::MissingAttribute {
                name: "url",
                context: "this link (or `tags`)".into(),
            },
        );
        return None;
    };
    link.title = title?;
    link.kind = target;
    Some(link)
}

/// A point of `time = ["now-1d", "now"]`: `now`, or other time syntax kept as written.
fn time_point(text: String) -> TimePoint {
    if text == "now" {
        TimePoint::Now
    } else {
        TimePoint::Written(text)
    }
}

/// A dashboard whose datasource is a variable adds that variable unless it declares it;
/// declared, it must be a datasource variable, or its value would be taken for a
/// datasource name.
fn check_datasource_variable(
    cx: &mut Cx,
    variables: &[model::Variable],
    datasource: &DatasourceRef,
    dashboard: Span,
) {
    let DatasourceRef::Variable(name) = datasource else {
        return;
    };
    if let Some(v) = variables.iter().find(|v| &v.name == name)
        && !matches!(v.kind, model::VariableKind::Datasource { .. })
    {
        cx.errors.push(
            ResolveError::new(
                v.span,
                ErrorKind::DatasourceVariableType {
                    variable: name.clone(),
                },
            )
            .with_related(dashboard, "in this dashboard"),
        );
    }
}

/// Every variable a query uses must be declared; `$__` macros and the datasource
/// variable need no declaration.
fn check_variables(
    cx: &mut Cx,
    variables: &[model::Variable],
    datasource: &DatasourceRef,
    refs: &[VarRef],
) {
    for (i, v) in variables.iter().enumerate() {
        if let Some(first) = variables[..i].iter().find(|f| f.name == v.name) {
            cx.errors.push(
                ResolveError::new(
                    v.span,
                    ErrorKind::Duplicate {
                        what: super::error::Duplicated::Variable,
                        name: v.name.clone(),
                    },
                )
                .with_related(first.span, "first declared here"),
            );
        }
    }
    let declared: Vec<&str> = variables.iter().map(|v| v.name.as_str()).collect();
    for r in refs {
        let implicit = r.name.starts_with("__")
            || matches!(datasource, DatasourceRef::Variable(d) if *d == r.name);
        if implicit || declared.contains(&r.name.as_str()) {
            continue;
        }
        let suggestion = did_you_mean(&r.name, declared.iter().copied()).map(str::to_string);
        cx.error(
            r.span,
            ErrorKind::UndeclaredVariable {
                variable: r.name.clone(),
                suggestion,
            },
        );
    }
}
