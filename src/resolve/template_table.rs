//! The templates of a project: their kinds, parameters and bodies, and which files see
//! which templates.

use std::collections::{BTreeMap, BTreeSet};

use super::error::{Duplicated, ErrorKind, ResolveError};
use super::schema::{Block, keywords};
use crate::ast::{Arg, Name, Stmt, Value, ValueKind};
use crate::diagnostic::{FileId, Span};
use crate::promql::suggest::did_you_mean;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    Panel,
    Row,
    Alert,
    Group,
}

impl TemplateKind {
    pub fn from_name(name: &str) -> Option<TemplateKind> {
        Some(match name {
            "panel" => TemplateKind::Panel,
            "row" => TemplateKind::Row,
            "alert" => TemplateKind::Alert,
            "group" => TemplateKind::Group,
            _ => return None,
        })
    }

    pub fn holds(self) -> &'static str {
        match self {
            TemplateKind::Panel => "panels",
            TemplateKind::Row => "rows",
            TemplateKind::Alert => "alerts and recording rules",
            TemplateKind::Group => "rule groups",
        }
    }
}

/// The type a parameter's value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    Any,
    String,
    Number,
    Duration,
    Bool,
    Name,
    List,
    Map,
    Query,
}

impl ParamType {
    pub fn from_name(name: &str) -> Option<ParamType> {
        Some(match name {
            "string" => ParamType::String,
            "number" => ParamType::Number,
            "duration" => ParamType::Duration,
            "bool" => ParamType::Bool,
            "name" => ParamType::Name,
            "list" => ParamType::List,
            "map" => ParamType::Map,
            "query" => ParamType::Query,
            "any" => ParamType::Any,
            _ => return None,
        })
    }

    pub fn of(value: &Value) -> ParamType {
        match &value.kind {
            ValueKind::String { .. } | ValueKind::Join(_) => ParamType::String,
            ValueKind::Number { .. } => ParamType::Number,
            ValueKind::Duration { .. } => ParamType::Duration,
            ValueKind::Name(n) if n == "true" || n == "false" => ParamType::Bool,
            ValueKind::Name(_) => ParamType::Name,
            ValueKind::List(_) => ParamType::List,
            ValueKind::Map(_) => ParamType::Map,
            ValueKind::Query(_) | ValueKind::Compare { .. } => ParamType::Query,
            ValueKind::Param(_) | ValueKind::Call(_) => ParamType::Any,
        }
    }

    pub fn accepts(self, value: &Value) -> bool {
        let of = ParamType::of(value);
        self == ParamType::Any
            || of == self
            || of == ParamType::Any
            // `critical` may stand where a string is expected, as everywhere in dac.
            || (self == ParamType::String && of == ParamType::Name)
    }

    pub fn describe(self) -> &'static str {
        match self {
            ParamType::Any => "any value",
            ParamType::String => "a string",
            ParamType::Number => "a number",
            ParamType::Duration => "a duration",
            ParamType::Bool => "a boolean",
            ParamType::Name => "a name",
            ParamType::List => "a list",
            ParamType::Map => "a map",
            ParamType::Query => "a PromQL query",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: Name,
    pub ty: ParamType,
    pub default: Option<Value>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Template {
    pub name: Name,
    pub kind: TemplateKind,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    /// The body's size in nodes ([`super::tree_size`]): what each use of it costs the
    /// expansion budget, nested uses aside.
    pub size: usize,
}

#[derive(Default)]
pub struct Templates {
    pub by_name: BTreeMap<String, Template>,
    /// For each file, the files whose templates it sees: itself and what it imports,
    /// transitively.
    pub visible: BTreeMap<FileId, BTreeSet<FileId>>,
}

impl Templates {
    /// Registers a `template KIND NAME(PARAMS) { BODY }` statement.
    pub fn define(&mut self, stmt: &Stmt, errors: &mut Vec<ResolveError>) {
        let shape_error =
            || keywords::shape_error(stmt, keywords::form_of(Block::File, "template"));
        let (Some(kind_value), Some(sig), None, Some(body)) = (
            stmt.headers.first(),
            stmt.headers.get(1),
            stmt.headers.get(2),
            stmt.body.as_ref(),
        ) else {
            errors.push(shape_error());
            return;
        };
        let ValueKind::Name(kind_name) = &kind_value.kind else {
            errors.push(shape_error());
            return;
        };
        let Some(kind) = TemplateKind::from_name(kind_name) else {
            errors.push(ResolveError::new(
                kind_value.span,
                ErrorKind::BadValue {
                    what: "template kind".into(),
                    value: kind_name.clone(),
                    expected: "panel, row, alert or group".into(),
                },
            ));
            return;
        };
        let (name, args) = match &sig.kind {
            ValueKind::Name(n) => (
                Name {
                    text: n.clone(),
                    quoted: false,
                    span: sig.span,
                },
                Vec::new(),
            ),
            ValueKind::Call(call) => (call.name.clone(), call.args.clone()),
            _ => {
                errors.push(shape_error());
                return;
            }
        };
        let params = params(args, errors);
        if let Some(first) = self.by_name.get(&name.text) {
            errors.push(
                ResolveError::new(
                    name.span,
                    ErrorKind::Duplicate {
                        what: Duplicated::Template,
                        name: name.text.clone(),
                    },
                )
                .with_related(first.name.span, "first defined here"),
            );
            return;
        }
        self.by_name.insert(
            name.text.clone(),
            Template {
                name,
                kind,
                params,
                body: body.stmts.clone(),
                size: super::tree_size::stmts(&body.stmts),
            },
        );
    }

    /// The template `name` as seen from `file`; `Err` is the error to report.
    pub fn lookup(&self, name: &Name) -> Result<&Template, Box<ResolveError>> {
        let from = name.span.file;
        let sees = |t: &Template| {
            self.visible
                .get(&from)
                .is_some_and(|files| files.contains(&t.name.span.file))
        };
        match self.by_name.get(&name.text) {
            Some(t) if sees(t) => Ok(t),
            Some(t) => Err(Box::new(
                ResolveError::new(
                    name.span,
                    ErrorKind::UnknownTemplate {
                        name: name.text.clone(),
                        suggestion: None,
                        elsewhere: true,
                    },
                )
                .with_related(
                    t.name.span,
                    "defined here, in a file this one does not import",
                ),
            )),
            None => {
                let visible = self.by_name.values().filter(|t| sees(t));
                let suggestion = did_you_mean(&name.text, visible.map(|t| t.name.text.as_str()))
                    .map(str::to_string);
                Err(Box::new(ResolveError::new(
                    name.span,
                    ErrorKind::UnknownTemplate {
                        name: name.text.clone(),
                        suggestion,
                        elsewhere: false,
                    },
                )))
            }
        }
    }
}

/// The parameters a template declares, each with its type (written, or its default's)
/// and default; duplicates, unknown types and defaults of the wrong type are reported.
fn params(args: Vec<Arg>, errors: &mut Vec<ResolveError>) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for arg in args {
        if let Some(first) = params.iter().find(|p| p.name.text == arg.name.text) {
            errors.push(
                ResolveError::new(
                    arg.name.span,
                    ErrorKind::Duplicate {
                        what: Duplicated::Parameter,
                        name: arg.name.text.clone(),
                    },
                )
                .with_related(first.name.span, "first declared here"),
            );
            continue;
        }
        let ty = match &arg.ty {
            Some(t) => match ParamType::from_name(&t.text) {
                Some(ty) => ty,
                None => {
                    errors.push(ResolveError::new(
                        t.span,
                        ErrorKind::UnknownType {
                            name: t.text.clone(),
                        },
                    ));
                    ParamType::Any
                }
            },
            None => arg.value.as_ref().map_or(ParamType::Any, ParamType::of),
        };
        if let (Some(default), Some(_)) = (&arg.value, &arg.ty)
            && !ty.accepts(default)
        {
            errors.push(ResolveError::new(
                default.span,
                ErrorKind::ParameterType {
                    parameter: arg.name.text.clone(),
                    expected: ty.describe().into(),
                    found: default.kind.describe(),
                },
            ));
        }
        params.push(Param {
            name: arg.name.clone(),
            ty,
            default: arg.value.clone(),
            span: arg.span,
        });
    }
    params
}
