//! The dashboard's scope in its variables' queries, without making a variable depend
//! on itself.
//!
//! `scope = { pod =~ "$pod" }` filters every panel by the selected pods; injected into
//! the query of `pod` itself it would read `label_values(up{pod=~"$pod"}, pod)`: a
//! variable whose values depend on its own selection. So a matcher that names variables
//! is left out of the query of each of them and of every variable they depend on,
//! directly or through others. Between two variables that would each get the other's
//! matcher, the one declared later gets it (Grafana's usual cascade: `job`, then `pod`
//! filtered by `$job`).

use super::grafana_vars::{names_in, variables};
use super::scope::Scope;
use crate::model::{Variable, VariableKind};
use crate::promql::{self, ast::Expr};

/// A query variable's PromQL, parsed, waiting for the scope.
pub struct PendingQuery {
    /// The variable's index in the dashboard's variables.
    pub index: usize,
    pub expr: Expr,
    pub shape: Shape,
}

/// The Grafana function around the PromQL.
pub enum Shape {
    /// `label_values(SELECTOR, LABEL)`, with the label as written.
    LabelValues(String),
    QueryResult,
}

/// Scopes and prints each pending query into its variable; returns the variables the
/// printed queries use, for the declaration check.
pub fn finish(
    declared: &mut [Variable],
    mut pending: Vec<PendingQuery>,
    scope: &Scope,
) -> Vec<super::grafana_vars::VarRef> {
    let index_of = |name: &str| declared.iter().position(|v| v.name == name);
    // Who depends on whom, from what each query names itself.
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); declared.len()];
    for q in &pending {
        deps[q.index] = variables(&q.expr)
            .iter()
            .filter_map(|r| index_of(&r.name))
            .collect();
    }
    let named: Vec<Vec<usize>> = scope
        .matchers
        .iter()
        .map(|m| {
            names_in(&m.value)
                .iter()
                .filter_map(|n| index_of(n))
                .collect()
        })
        .collect();
    let mut refs = Vec::new();
    // Later variables first: they take the matchers of earlier ones.
    pending.sort_by_key(|q| std::cmp::Reverse(q.index));
    for q in &mut pending {
        let mut kept = Scope::default();
        for (m, names) in scope.matchers.iter().zip(&named) {
            if names.iter().any(|&n| depends(&deps, n, q.index)) {
                continue;
            }
            deps[q.index].extend(names);
            kept.matchers.push(m.clone());
        }
        kept.inject(&mut q.expr);
        refs.extend(variables(&q.expr));
        let text = promql::print(&q.expr);
        let query = match &q.shape {
            Shape::LabelValues(label) => format!("label_values({text}, {label})"),
            Shape::QueryResult => format!("query_result({text})"),
        };
        declared[q.index].kind = VariableKind::Query { query };
    }
    refs
}

/// Whether `from` is `to` or depends on it, directly or through other variables.
fn depends(deps: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; deps.len()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        if v == to {
            return true;
        }
        if !std::mem::replace(&mut seen[v], true) {
            stack.extend(&deps[v]);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::depends;

    #[test]
    fn dependence_is_transitive_and_reflexive() {
        // 0 -> 1 -> 2, and a cycle 3 <-> 4.
        let deps = vec![vec![1], vec![2], vec![], vec![4], vec![3]];
        assert!(depends(&deps, 0, 0));
        assert!(depends(&deps, 0, 2));
        assert!(!depends(&deps, 2, 0));
        assert!(depends(&deps, 3, 4) && depends(&deps, 4, 3));
        assert!(!depends(&deps, 3, 0));
    }
}
