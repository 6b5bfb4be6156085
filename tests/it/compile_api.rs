//! The library pipeline, `dac::compile`, run wholly in memory: sources, dac.toml and the
//! output tree live in a `MemoryEnv` and a `MemoryTree`, and none of the paths exist on
//! disk. Then the partial project a compilation with errors still returns.

use std::path::{Path, PathBuf};

use dac::codes::Code;
use dac::compile::compile_reusing;
use dac::diagnostic::{Diagnostic, Span};
use dac::env::{MemoryEnv, MemoryTree, OutputTree};
use dac::report::human::render_all;
use dac::resolve::Reuse;
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

/// `dac diff --base` compiles twice and the second compilation takes the first's syntax
/// trees where a file is the same: it gives what a fresh compilation gives, and takes
/// no tree of a file that changed or that reported something.
#[test]
fn a_compilation_reusing_anothers_trees_gives_what_a_fresh_one_gives() {
    let keep = CompileOptions {
        retain: Retain::OutputsAndFiles,
        ..CompileOptions::default()
    };
    let first = env(&[
        ("dac.toml", DAC_TOML),
        ("dashboards/payments.dac", DASHBOARD),
        ("alerts/payments.dac", RULES),
    ]);
    let mut compiled = compile(&first, &keep);
    assert_eq!(compiled.files.len(), 2);
    let sources = std::mem::take(&mut compiled.sources);
    let mut reuse = Reuse::new(
        std::mem::take(&mut compiled.files),
        sources,
        &compiled.diagnostics,
    );
    // The rules changed; the dashboard did not.
    let changed = RULES.replace("for      = 5m", "for      = 10m");
    let second = env(&[
        ("dac.toml", DAC_TOML),
        ("dashboards/payments.dac", DASHBOARD),
        ("alerts/payments.dac", &changed),
    ]);
    let reusing = compile_reusing(&second, &keep, &mut reuse);
    let fresh = compile(&second, &keep);
    assert_eq!(reusing.outputs, fresh.outputs);
    assert_eq!(rendered(&reusing), rendered(&fresh));
    let files = |c: &Compilation| {
        c.files
            .iter()
            .map(|f| (f.path.clone(), f.id, f.ast.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&reusing), files(&fresh));
    // The dashboard's tree was taken; the rules' was not, nor offered again.
    let dashboard = Path::new("dashboards/payments.dac");
    let rules = Path::new("alerts/payments.dac");
    let id = |c: &Compilation, p: &Path| c.files.iter().find(|f| f.path == p).unwrap().id;
    let text = |c: &Compilation, p: &Path| c.sources.get(id(c, p)).unwrap().text.clone();
    let (d, r) = (id(&fresh, dashboard), id(&fresh, rules));
    let (d_text, r_text) = (text(&fresh, dashboard), text(&fresh, rules));
    assert!(reuse.take(dashboard, d, &d_text).is_none());
    assert!(reuse.take(rules, r, &r_text).is_none());

    // A file that reported something is not offered.
    let warning = Diagnostic::warning(Code::MissingAttribute, "a warning")
        .with_primary(Span::new(d, 0, 1), "here");
    let mut fresh = fresh;
    let files = std::mem::take(&mut fresh.files);
    let mut warned = Reuse::new(files, fresh.sources, &[warning]);
    assert!(warned.take(dashboard, d, &d_text).is_none());
    assert!(warned.take(rules, r, &r_text).is_some());
}

/// The dashboards of a file that is the same, as are the files it imports, are taken
/// whole, and their files are not emitted again: the outputs and the paths said to be
/// the same are what a fresh compilation emits. A dashboard whose template changed, or
/// any dashboard under other settings, is made again.
#[test]
fn a_compilation_taking_anothers_dashboards_emits_what_a_fresh_one_does() {
    const TEMPLATE: &str = "\
template panel up_status(job: string) {
  stat \"Up\" {
    scope = { job = @job }
    query `min(up)`
  }
}
";
    const WITH_TEMPLATE: &str = "\
import \"../lib/status.dac\"

dashboard \"Status\" {
  uid = \"status\"
  use up_status(job = \"payments\")
}
";
    let keep = CompileOptions {
        retain: Retain::OutputsAndFiles,
        ..CompileOptions::default()
    };
    let project = |template: &str, rules: &str, toml: &str| {
        env(&[
            ("dac.toml", toml),
            ("lib/status.dac", template),
            ("dashboards/payments.dac", DASHBOARD),
            ("dashboards/status.dac", WITH_TEMPLATE),
            ("alerts/payments.dac", rules),
        ])
    };
    let offer = |env: &MemoryEnv| {
        let mut c = compile(env, &keep);
        assert!(!c.has_errors(), "{}", rendered(&c));
        let config = c.found.take().unwrap().config;
        let sources = std::mem::take(&mut c.sources);
        Reuse::new(std::mem::take(&mut c.files), sources, &c.diagnostics)
            .with_dashboards(std::mem::take(&mut c.project.dashboards), config)
    };
    let first = project(TEMPLATE, RULES, DAC_TOML);
    let rules = RULES.replace("for      = 5m", "for      = 10m");
    let template = TEMPLATE.replace("min(up)", "max(up)");
    let toml = DAC_TOML.replace("Payments\"", "Money\"");
    let cases = [
        (
            project(TEMPLATE, &rules, DAC_TOML),
            vec!["payments-api", "status"],
        ),
        (project(&template, RULES, DAC_TOML), vec!["payments-api"]),
        (project(TEMPLATE, RULES, &toml), vec![]),
    ];
    for (second, taken) in cases {
        let reusing = compile_reusing(&second, &keep, &mut offer(&first));
        let fresh = compile(&second, &keep);
        assert_eq!(rendered(&reusing), rendered(&fresh));
        assert_eq!(reusing.project.dashboards, fresh.project.dashboards);
        let fresh = fresh.outputs.unwrap();
        let (same, emitted): (Vec<_>, Vec<_>) = fresh
            .iter()
            .cloned()
            .partition(|f| reusing.same.contains(&f.path));
        assert_eq!(reusing.outputs.unwrap(), emitted);
        assert_eq!(same.len(), reusing.same.len());
        let mut uids: Vec<&str> = same
            .iter()
            .filter(|f| f.path.starts_with("grafana/"))
            .map(|f| f.path.rsplit('/').next().unwrap().trim_end_matches(".json"))
            .collect();
        uids.sort();
        assert_eq!(uids, taken);
        assert_eq!(same.len(), 2 * taken.len());
    }
}
