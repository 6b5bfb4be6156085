//! `use` statements replaced by the bodies of their templates, parameters substituted as
//! values in the syntax tree. After this pass no `use` and no `@param` is left.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::error::{ErrorKind, ResolveError};
use super::schema::keywords;
use super::template_table::{Template, TemplateKind, Templates};
use super::tree_size;
use crate::ast::{Arg, Body, Name, Stmt, Value, ValueKind};
use crate::diagnostic::Span;
use crate::promql::suggest::did_you_mean;

/// How deep templates may use templates; deeper is almost surely a mistake, and the limit
/// keeps a cycle through blocks from running away.
const MAX_DEPTH: usize = 32;

/// How big everything expansion copies may be, in nodes ([`tree_size`]), across the
/// project: templates using templates twice over grow exponentially, and a hostile
/// project of a few kilobytes must not take the machine's memory. Cryptobot copies about
/// 2,000 nodes; a node costs a few hundred bytes once read, so this stays far below a
/// gigabyte.
pub const MAX_EXPANDED: usize = 500_000;

pub struct Expander<'a> {
    pub templates: &'a Templates,
    pub errors: Vec<ResolveError>,
    /// Nodes copied by expansion so far: template bodies and parameter values.
    expanded: usize,
    /// The templates being expanded, outermost first.
    stack: Vec<String>,
    /// Set once the budget is blown: the error is reported once, nothing more expands.
    exhausted: bool,
}

/// Which templates a block of this keyword may use, and what to call the block.
fn allowed(parent: &str) -> (&'static [TemplateKind], &'static str) {
    match parent {
        "dashboard" => (&[TemplateKind::Panel, TemplateKind::Row], "a dashboard"),
        "row" => (&[TemplateKind::Panel], "a row"),
        "group" => (&[TemplateKind::Alert], "a rule group"),
        "rules" => (&[TemplateKind::Group], "a rule set"),
        _ => (&[], "this block"),
    }
}

/// Whether expanding `stmt` could change it: a `use` or a `@param` anywhere in it (a
/// `use` inside a map value is counted though it is not expanded: erring this way only
/// costs a copy).
fn needs_expansion(stmt: &Stmt) -> bool {
    (stmt.key.text == "use" && !stmt.key.quoted)
        || stmt.headers.iter().any(value_needs_expansion)
        || stmt.value.as_ref().is_some_and(value_needs_expansion)
        || stmt
            .body
            .as_ref()
            .is_some_and(|b| b.stmts.iter().any(needs_expansion))
}

fn value_needs_expansion(value: &Value) -> bool {
    match &value.kind {
        ValueKind::Param(_) => true,
        ValueKind::List(items) => items.iter().any(|i| {
            i.key.as_ref().is_some_and(value_needs_expansion) || value_needs_expansion(&i.value)
        }),
        ValueKind::Map(body) => body.stmts.iter().any(needs_expansion),
        ValueKind::Join(parts) => parts.iter().any(value_needs_expansion),
        ValueKind::Compare { lhs, rhs, .. } => {
            value_needs_expansion(lhs) || value_needs_expansion(rhs)
        }
        ValueKind::Call(call) => call
            .args
            .iter()
            .any(|a| a.value.as_ref().is_some_and(value_needs_expansion)),
        ValueKind::String { .. }
        | ValueKind::Query(_)
        | ValueKind::Duration { .. }
        | ValueKind::Number { .. }
        | ValueKind::Name(_) => false,
    }
}

/// One `use` being expanded: the statement, the template it names, and where that
/// template is defined (for the errors' related label).
struct Use<'u> {
    stmt: &'u Stmt,
    name: &'u Name,
    template: &'u Template,
    defined_here: &'u (Span, String),
}

/// Parameter values by name, each with its size in nodes.
type Bindings = BTreeMap<String, (Value, usize)>;

impl<'a> Expander<'a> {
    pub fn new(templates: &'a Templates) -> Self {
        Expander {
            templates,
            errors: Vec::new(),
            expanded: 0,
            stack: Vec::new(),
            exhausted: false,
        }
    }

    /// Whether the expansion budget is blown (and reported).
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// A top-level statement with every `use` in it expanded. One with no `use` and no
    /// `@param` would come out as it went in, so it is handed back, not copied.
    pub fn stmt<'s>(&mut self, stmt: &'s Stmt) -> Cow<'s, Stmt> {
        if !needs_expansion(stmt) {
            return Cow::Borrowed(stmt);
        }
        Cow::Owned(self.expand_stmt(stmt, None))
    }

    /// Charges `nodes` to the budget; `false`, with the error reported at `span` the
    /// first time, when that blows it.
    fn spend(&mut self, nodes: usize, span: Span, using: &str) -> bool {
        if self.exhausted {
            return false;
        }
        self.expanded = self.expanded.saturating_add(nodes);
        if self.expanded <= MAX_EXPANDED {
            return true;
        }
        self.exhausted = true;
        let mut chain = self.stack.clone();
        chain.push(using.to_string());
        self.errors.push(ResolveError::new(
            span,
            ErrorKind::ExpansionTooLarge {
                chain,
                limit: MAX_EXPANDED,
            },
        ));
        false
    }

    fn expand_stmt(&mut self, stmt: &Stmt, bindings: Option<&Bindings>) -> Stmt {
        let mut out = Stmt {
            key: stmt.key.clone(),
            headers: stmt
                .headers
                .iter()
                .map(|h| self.value(h, bindings))
                .collect(),
            op: stmt.op,
            value: stmt.value.as_ref().map(|v| self.value(v, bindings)),
            body: None,
            comments: stmt.comments.clone(),
            span: stmt.span,
        };
        if let Some(body) = &stmt.body {
            let mut stmts = Vec::with_capacity(body.stmts.len());
            self.expand_into(&stmt.key.text, &body.stmts, bindings, &mut stmts);
            out.body = Some(Body {
                stmts,
                dangling: body.dangling.clone(),
                span: body.span,
            });
        }
        out
    }

    fn expand_into(
        &mut self,
        parent: &str,
        stmts: &[Stmt],
        bindings: Option<&Bindings>,
        out: &mut Vec<Stmt>,
    ) {
        for stmt in stmts {
            if self.exhausted {
                return;
            }
            if stmt.key.text == "use" && !stmt.key.quoted {
                self.use_template(parent, stmt, bindings, out);
            } else {
                out.push(self.expand_stmt(stmt, bindings));
            }
        }
    }

    fn use_template(
        &mut self,
        parent: &str,
        stmt: &Stmt,
        bindings: Option<&Bindings>,
        out: &mut Vec<Stmt>,
    ) {
        let Some((name, args)) = self.use_head(stmt) else {
            return;
        };
        let template = match self.templates.lookup(&name) {
            Ok(t) => t,
            Err(e) => {
                self.errors.push(*e);
                return;
            }
        };
        let defined_here = (
            template.name.span,
            format!("template `{}` defined here", name.text),
        );
        if !self.may_use(parent, &name, template, &defined_here) {
            return;
        }
        let use_ = Use {
            stmt,
            name: &name,
            template,
            defined_here: &defined_here,
        };
        let Some(bound) = self.bind(&use_, &args, bindings) else {
            return;
        };
        if !self.spend(template.size, name.span, &name.text) {
            return;
        }
        self.stack.push(name.text.clone());
        self.expand_into(parent, &template.body, Some(&bound), out);
        self.stack.pop();
    }

    /// The template a `use` names and its arguments; `None`, reported, when the
    /// statement is not shaped `use NAME(...)`.
    fn use_head(&mut self, stmt: &Stmt) -> Option<(Name, Vec<Arg>)> {
        let shape = || keywords::shape_error(stmt, "use NAME(PARAM = VALUE, ...)");
        if stmt.headers.len() != 1 || stmt.value.is_some() || stmt.body.is_some() {
            self.errors.push(shape());
            return None;
        }
        let (name, args) = match &stmt.headers[0].kind {
            ValueKind::Name(n) => (
                Name {
                    text: n.clone(),
                    quoted: false,
                    span: stmt.headers[0].span,
                },
                Vec::new(),
            ),
            ValueKind::Call(call) => (call.name.clone(), call.args.clone()),
            _ => {
                self.errors.push(shape());
                return None;
            }
        };
        Some((name, args))
    }

    /// Whether `parent` may use the template: of a kind the block takes, and neither
    /// recursive nor too deep. Reported when not.
    fn may_use(
        &mut self,
        parent: &str,
        name: &Name,
        template: &Template,
        defined_here: &(Span, String),
    ) -> bool {
        let (kinds, context) = allowed(parent);
        if !kinds.contains(&template.kind) {
            self.errors.push(
                ResolveError::new(
                    name.span,
                    ErrorKind::TemplateKind {
                        name: name.text.clone(),
                        kind: template.kind.holds(),
                        context,
                    },
                )
                .with_related(defined_here.0, defined_here.1.clone()),
            );
            return false;
        }
        if self.stack.contains(&name.text) || self.stack.len() >= MAX_DEPTH {
            self.errors.push(
                ResolveError::new(
                    name.span,
                    ErrorKind::TemplateRecursion {
                        name: name.text.clone(),
                    },
                )
                .with_related(defined_here.0, defined_here.1.clone()),
            );
            return false;
        }
        true
    }

    /// The parameters' values: the arguments, read in the using block's bindings, then
    /// the defaults. `None` when any argument is wrong or a parameter is missing (every
    /// fault reported).
    fn bind(&mut self, use_: &Use, args: &[Arg], bindings: Option<&Bindings>) -> Option<Bindings> {
        let Use {
            stmt,
            name,
            template,
            defined_here,
        } = *use_;
        // Arguments are values of the using block, so parameters in them are the using
        // template's own.
        let mut bound = Bindings::new();
        let mut ok = true;
        for arg in args {
            let Some(param) = template
                .params
                .iter()
                .find(|p| p.name.text == arg.name.text)
            else {
                let suggestion = did_you_mean(
                    &arg.name.text,
                    template.params.iter().map(|p| p.name.text.as_str()),
                )
                .map(str::to_string);
                self.errors.push(
                    ResolveError::new(
                        arg.name.span,
                        ErrorKind::UnknownParameter {
                            template: name.text.clone(),
                            parameter: arg.name.text.clone(),
                            suggestion,
                        },
                    )
                    .with_related(defined_here.0, defined_here.1.clone()),
                );
                ok = false;
                continue;
            };
            let Some(value) = &arg.value else {
                self.errors.push(ResolveError::new(
                    arg.span,
                    ErrorKind::MissingEquals {
                        name: arg.name.text.clone(),
                    },
                ));
                ok = false;
                continue;
            };
            if bound.contains_key(&arg.name.text) {
                self.errors.push(ResolveError::new(
                    arg.name.span,
                    ErrorKind::DuplicateAttribute {
                        name: arg.name.text.clone(),
                    },
                ));
                ok = false;
                continue;
            }
            let value = self.value(value, bindings);
            if !param.ty.accepts(&value) {
                self.errors.push(
                    ResolveError::new(
                        value.span,
                        ErrorKind::ParameterType {
                            parameter: param.name.text.clone(),
                            expected: param.ty.describe().into(),
                            found: value.kind.describe(),
                        },
                    )
                    .with_related(param.span, "parameter declared here"),
                );
                ok = false;
                continue;
            }
            let size = tree_size::value(&value);
            bound.insert(arg.name.text.clone(), (value, size));
        }
        for param in &template.params {
            if bound.contains_key(&param.name.text) {
                continue;
            }
            match &param.default {
                Some(default) => {
                    let size = tree_size::value(default);
                    bound.insert(param.name.text.clone(), (default.clone(), size));
                }
                None => {
                    let has_arg = args.iter().any(|a| a.name.text == param.name.text);
                    if !has_arg {
                        self.errors.push(
                            ResolveError::new(
                                stmt.head_span(),
                                ErrorKind::MissingParameter {
                                    template: name.text.clone(),
                                    parameter: param.name.text.clone(),
                                },
                            )
                            .with_related(param.span, "parameter declared here"),
                        );
                    }
                    ok = false;
                }
            }
        }
        ok.then_some(bound)
    }

    /// A value with parameters replaced by their bound values.
    fn value(&mut self, value: &Value, bindings: Option<&Bindings>) -> Value {
        let kind = match &value.kind {
            ValueKind::Param(name) => {
                let Some(bindings) = bindings else {
                    self.errors.push(ResolveError::new(
                        value.span,
                        ErrorKind::ParamOutsideTemplate { name: name.clone() },
                    ));
                    return value.clone();
                };
                match bindings.get(name) {
                    Some((bound, size)) => {
                        // A parameter used many times copies its value each time.
                        let using = self.stack.last().cloned().unwrap_or_default();
                        if !self.spend(*size, value.span, &using) {
                            return value.clone();
                        }
                        return bound.clone();
                    }
                    None => {
                        let suggestion = did_you_mean(name, bindings.keys().map(String::as_str))
                            .map(str::to_string);
                        self.errors.push(ResolveError::new(
                            value.span,
                            ErrorKind::UnknownParamReference {
                                name: name.clone(),
                                suggestion,
                            },
                        ));
                        return value.clone();
                    }
                }
            }
            ValueKind::List(items) => ValueKind::List(
                items
                    .iter()
                    .map(|item| crate::ast::ListItem {
                        key: item.key.as_ref().map(|k| self.value(k, bindings)),
                        value: self.value(&item.value, bindings),
                        span: item.span,
                    })
                    .collect(),
            ),
            ValueKind::Map(body) => ValueKind::Map(Body {
                stmts: body
                    .stmts
                    .iter()
                    .map(|s| self.expand_stmt(s, bindings))
                    .collect(),
                dangling: body.dangling.clone(),
                span: body.span,
            }),
            ValueKind::Join(parts) => {
                ValueKind::Join(parts.iter().map(|p| self.value(p, bindings)).collect())
            }
            ValueKind::Compare {
                lhs,
                op,
                op_span,
                rhs,
            } => ValueKind::Compare {
                lhs: Box::new(self.value(lhs, bindings)),
                op: *op,
                op_span: *op_span,
                rhs: Box::new(self.value(rhs, bindings)),
            },
            ValueKind::Call(call) => {
                let mut call = call.clone();
                for arg in &mut call.args {
                    if let Some(v) = &arg.value {
                        arg.value = Some(self.value(v, bindings));
                    }
                }
                ValueKind::Call(call)
            }
            other => other.clone(),
        };
        Value {
            kind,
            span: value.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use std::collections::{BTreeMap, BTreeSet};

    fn expand(text: &str) -> (Vec<Stmt>, Vec<ResolveError>) {
        let (file, diags) = crate::syntax::parse(FileId(0), text);
        assert!(diags.is_empty(), "{diags:?}");
        let file = file.unwrap();
        let mut templates = Templates {
            by_name: BTreeMap::new(),
            visible: BTreeMap::from([(FileId(0), BTreeSet::from([FileId(0)]))]),
        };
        let mut errors = Vec::new();
        for s in file.stmts.iter().filter(|s| s.key.text == "template") {
            templates.define(s, &mut errors);
        }
        let mut x = Expander::new(&templates);
        x.errors = errors;
        let out = file
            .stmts
            .into_iter()
            .filter(|s| s.key.text != "template")
            .map(|s| x.stmt(&s).into_owned())
            .collect();
        (out, x.errors)
    }

    #[test]
    fn substitutes_parameters_as_values() {
        let (out, errors) = expand(
            "template panel p(t: string, n = 3) {\n  stat @t { decimals = @n }\n}\ndashboard \"d\" {\n  use p(t = \"T\")\n}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let panel = &out[0].body.as_ref().unwrap().stmts[0];
        assert_eq!(panel.key.text, "stat");
        assert!(matches!(&panel.headers[0].kind, ValueKind::String { text, .. } if text == "T"));
        let decimals = &panel.body.as_ref().unwrap().stmts[0];
        assert!(
            matches!(decimals.value.as_ref().unwrap().kind, ValueKind::Number { value, .. } if value == 3.0)
        );
    }

    #[test]
    fn reports_template_faults() {
        let (_, errors) = expand(
            "template panel p(t: string) {\n  stat @x { }\n}\ndashboard \"d\" {\n  use p(t = 1)\n  use q\n  use p\n}\n",
        );
        let kinds: Vec<&str> = errors.iter().map(|e| e.kind.code().name()).collect();
        assert_eq!(
            kinds,
            ["dac/template", "dac/template", "dac/template"],
            "{errors:?}"
        );
        assert!(matches!(errors[0].kind, ErrorKind::ParameterType { .. }));
        assert!(matches!(errors[1].kind, ErrorKind::UnknownTemplate { .. }));
        assert!(matches!(errors[2].kind, ErrorKind::MissingParameter { .. }));
    }

    #[test]
    fn hands_back_a_statement_without_templates_uncopied() {
        let text = "dashboard \"d\" {\n  uid = \"d\"\n  stat \"s\" { query = `up` }\n}\n";
        let (file, _) = crate::syntax::parse(FileId(0), text);
        let stmt = file.unwrap().stmts.remove(0);
        let stmts = stmt.body.as_ref().map(|b| b.stmts.as_ptr());
        let templates = Templates::default();
        let mut x = Expander::new(&templates);
        let out = x.stmt(&stmt);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(out.body.as_ref().map(|b| b.stmts.as_ptr()), stmts);
        assert!(x.errors.is_empty());
    }

    #[test]
    fn still_reports_a_parameter_outside_a_template() {
        let (out, errors) = expand("dashboard \"d\" {\n  row \"r\" { collapsed = @c }\n}\n");
        assert_eq!(out.len(), 1);
        assert!(
            matches!(&errors[..], [e] if matches!(&e.kind, ErrorKind::ParamOutsideTemplate { name } if name == "c")),
            "{errors:?}"
        );
    }

    #[test]
    fn expands_a_use_nested_below_the_top() {
        let (out, errors) = expand(
            "template panel p() {\n  stat \"s\" { }\n}\ndashboard \"d\" {\n  row \"r\" {\n    use p()\n  }\n}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let row = &out[0].body.as_ref().unwrap().stmts[0];
        assert_eq!(row.body.as_ref().unwrap().stmts[0].key.text, "stat");
    }
}
