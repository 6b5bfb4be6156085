//! The library pipeline, `dac::compile`, run wholly in memory: sources, dac.toml and the
//! output tree live in a `MemoryEnv` and a `MemoryTree`, and none of the paths exist on
//! disk. Then the partial project a compilation with errors still returns.

use std::path::{Path, PathBuf};

use dac::codes::Code;
use dac::env::{MemoryEnv, MemoryTree, OutputTree};
use dac::report::human::render_all;
use dac::{Compilation, CompileOptions, Retain, compile};

const DAC_TOML: &str = "\
[build]
sources = [\"dashboards\", \"alerts\"]
out_dir = \"generated\"

[grafana]
default_folder = \"Payments\"
";

const DASHBOARD: &str = "\
dashboard \"Payments API\" {
  uid = \"payments-api\"
  timeseries \"Requests\" {
    query `sum(rate(http_requests_total{job=\"payments\"}[5m]))`
  }
}
";

const RULES: &str = "\
rules \"payments\" {
  group \"payments.rules\" {
    alert \"PaymentsDown\" {
      expr     = `up{job=\"payments\"} == 0`
      for      = 5m
      severity = critical
      summary  = \"The payments API is down\"
    }
  }
}
";

/// A project under `/nowhere-on-disk/proj`, with dac running in that directory.
fn env(files: &[(&str, &str)]) -> MemoryEnv {
    let root = "nowhere-on-disk/proj";
    assert!(!Path::new("/").join(root).exists());
    let files: Vec<(String, &str)> = files
        .iter()
        .map(|(path, text)| (format!("{root}/{path}"), *text))
        .collect();
    let mut env = MemoryEnv::new(files.iter().map(|(p, t)| (p.as_str(), *t)));
    env.fs = env.fs.in_dir(root);
    env
}

fn rendered(compilation: &Compilation) -> String {
    render_all(&compilation.diagnostics, &compilation.sources)
}

#[test]
fn compiles_a_project_held_in_memory_into_a_tree_in_memory() {
    let env = env(&[
        ("dac.toml", DAC_TOML),
        ("dashboards/payments.dac", DASHBOARD),
        ("alerts/payments.dac", RULES),
    ]);
    let compilation = compile(&env, &CompileOptions::default());
    assert!(!compilation.has_errors(), "{}", rendered(&compilation));

    let found = compilation.found.as_ref().expect("the project was found");
    assert_eq!(found.config_file, Some(PathBuf::from("./dac.toml")));
    assert_eq!(found.out_dir, PathBuf::from("generated"));
    let parsed: Vec<String> = compilation
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert_eq!(parsed, ["alerts/payments.dac", "dashboards/payments.dac"]);
    assert_eq!(compilation.project.dashboards[0].uid, "payments-api");

    let outputs = compilation
        .outputs
        .as_deref()
        .expect("outputs without errors");
    let mut tree = MemoryTree::new("generated");
    let summary = tree.write(outputs).unwrap();
    assert_eq!(summary.written.len(), outputs.len());
    let paths: Vec<&str> = tree.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "grafana/payments/payments-api.json",
            "kubernetes/grafana-dashboard-payments-api.yaml",
            "kubernetes/kustomization.yaml",
            "kubernetes/prometheus-rules.yaml",
            "kubernetes/prometheusrule-payments.yaml",
            "prometheus/payments.rules.yml",
        ]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&tree.files["grafana/payments/payments-api.json"]).unwrap();
    assert_eq!(json["uid"], "payments-api");
    assert_eq!(json["title"], "Payments API");
    let expr = json["panels"][0]["targets"][0]["expr"].as_str().unwrap();
    assert!(expr.contains("http_requests_total"), "{expr}");
    let rules = &tree.files["prometheus/payments.rules.yml"];
    let rules = String::from_utf8_lossy(rules);
    assert!(rules.contains("alert: PaymentsDown"), "{rules}");

    // A second compilation, keeping only the outputs (as `dac build` does), gives the
    // same files: the tree is up to date.
    let lean = CompileOptions {
        retain: Retain::Outputs,
        ..CompileOptions::default()
    };
    let again = compile(&env, &lean);
    assert!(again.files.is_empty() && again.project.dashboards.is_empty());
    assert!(
        tree.check(again.outputs.as_deref().unwrap())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_compilation_with_errors_keeps_the_files_and_what_resolved() {
    // No uid: this dashboard cannot resolve at all.
    let broken = "\
dashboard \"Broken\" {
  timeseries \"Requests\" {
    query `sum(rate(http_requests_total[5m]))`
  }
}
";
    let env = env(&[
        ("dac.toml", DAC_TOML),
        ("dashboards/payments.dac", DASHBOARD),
        ("dashboards/broken.dac", broken),
        ("alerts/payments.dac", RULES),
    ]);
    let options = CompileOptions {
        paths: vec![PathBuf::from("dashboards")],
        ..CompileOptions::default()
    };
    let compilation = compile(&env, &options);
    assert!(compilation.has_errors());
    assert!(compilation.outputs.is_none());
    let errors: Vec<(Code, String)> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let file = d
                .primary_span()
                .and_then(|s| compilation.sources.get(s.file));
            (d.code, file.map_or(String::new(), |f| f.name.clone()))
        })
        .collect();
    assert_eq!(
        errors,
        [(Code::MissingAttribute, "dashboards/broken.dac".to_string())],
        "{}",
        rendered(&compilation)
    );
    // Both files parsed and are kept; the good dashboard resolved and is in the project.
    assert_eq!(compilation.files.len(), 2);
    let uids: Vec<&str> = compilation
        .project
        .dashboards
        .iter()
        .map(|d| d.uid.as_str())
        .collect();
    assert_eq!(uids, ["payments-api"]);
}

#[test]
fn a_missing_project_is_diagnosed_not_read_from_disk() {
    let env = env(&[("dac.toml", "[build]\nsources = [\"gone\"]\n")]);
    let compilation = compile(&env, &CompileOptions::default());
    assert!(compilation.found.is_none());
    assert!(compilation.has_errors());
    let text = rendered(&compilation);
    assert!(text.contains("dac.toml:2:"), "{text}");
}
