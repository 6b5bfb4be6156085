//! Every integration test in one binary, as cargo and ruff do: linking one test binary
//! instead of two dozen is most of the cold `cargo test` time on two cores.
//!
//! The shared helpers: `common` (a model built in code, validators of emitted files),
//! `dac_bin` (running the real binary), `support` (PromQL generators for proptests).

mod common;
mod dac_bin;
mod support;

mod alert_expectations;
mod alert_template_promtool;
mod alert_templates;
mod bounds_hostile;
mod bounds_promtool;
mod bounds_scaling;
mod build_cryptobot;
mod build_errors;
mod catalog_figures;
mod checksum;
mod cli_build;
mod cli_explain;
mod cli_global;
mod cli_promql;
mod compile_api;
mod dashboard_checks;
mod diff_against;
mod diff_git;
mod diff_markdown;
mod emit_grafana;
mod emit_grafana_props;
mod emit_kubernetes;
mod emit_prometheus;
mod emit_tree;
mod github_actions;
mod kube_prometheus_dac;
mod lang_docs;
mod lang_errors;
mod lang_no_panic;
mod lang_resolve;
mod lang_schema;
mod lint_base;
mod lint_build;
mod lint_cli;
mod lint_configmap_size;
mod lint_kube_prometheus;
mod lint_online;
mod lint_regex_name;
mod lint_rules;
mod lint_suppressions;
mod output_concurrency;
mod output_guards;
mod output_kill;
mod output_permissions;
mod output_project;
mod output_verify;
mod pre_commit;
mod project_discovery;
mod prometheus_server;
mod promql_check_differential;
mod promql_check_messages;
mod promql_check_props;
mod promql_corpus;
mod promql_parse_errors_rendered;
mod promql_parse_table;
mod promql_parser_props;
mod promql_print_differential;
mod report_formats;
mod report_safety;
mod routing;
mod routing_alertmanager;
mod sarif;
mod sources_sandbox;
mod syntax_errors;
mod syntax_fence;
mod typed_model;
mod yaml_corpus;
