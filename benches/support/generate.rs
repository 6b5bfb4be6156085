//! Generates a large synthetic dac project for benchmarks: `dashboards` dashboards of
//! `panels` panels each, and `rules` alerting and recording rules, plus the catalog they
//! use. Deterministic: the same numbers give the same files.

use std::fmt::Write;

/// One generated source file: a relative path and its text.
pub struct GeneratedFile {
    pub path: String,
    pub text: String,
}

const KINDS: [&str; 6] = [
    "timeseries",
    "timeseries",
    "stat",
    "gauge",
    "bargauge",
    "table",
];

pub fn generate(dashboards: usize, panels: usize, rules: usize) -> Vec<GeneratedFile> {
    let mut files = vec![GeneratedFile {
        path: "catalog/services.dac".into(),
        text: catalog(),
    }];
    files.push(GeneratedFile {
        path: "lib/templates.dac".into(),
        text: templates(),
    });
    for d in 0..dashboards {
        files.push(GeneratedFile {
            path: format!("dashboards/d{d:04}.dac"),
            text: dashboard(d, panels),
        });
    }
    let per_file = 100;
    for (f, start) in (0..rules).step_by(per_file).enumerate() {
        let end = (start + per_file).min(rules);
        files.push(GeneratedFile {
            path: format!("alerts/r{f:04}.dac"),
            text: rule_set(f, start, end),
        });
    }
    files
}

fn catalog() -> String {
    let mut s = String::new();
    for svc in 0..10 {
        let _ = writeln!(s, "service \"svc-{svc}\" {{");
        s.push_str("  counter   http_requests_total \"Requests\" { labels = { method = 7, endpoint = 25, status = 12 } }\n");
        s.push_str("  histogram http_request_duration_seconds \"Latency\" { labels = { method = 7, endpoint = 25 }, buckets = 12 }\n");
        s.push_str("  gauge     queue_depth \"Queue depth\" { labels = { queue = 10 } }\n");
        s.push_str("}\n");
    }
    s
}

fn templates() -> String {
    "template panel golden(service: string) {\n\
     \x20 timeseries \"Traffic\" {\n\
     \x20   scope = { job = @service }\n\
     \x20   query `sum by (status) (rate(http_requests_total[$__rate_interval]))` legend \"{{status}}\"\n\
     \x20   unit = \"reqps\"\n\
     \x20 }\n\
     \x20 timeseries \"Latency p99\" {\n\
     \x20   scope = { job = @service }\n\
     \x20   query `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])))` legend \"p99\"\n\
     \x20   unit = \"s\"\n\
     \x20 }\n\
     }\n"
        .to_string()
}

fn dashboard(d: usize, panels: usize) -> String {
    let svc = d % 10;
    let mut s = String::new();
    let _ = writeln!(s, "import \"../lib/templates.dac\"\n");
    let _ = writeln!(s, "dashboard \"Generated {d}\" {{");
    let _ = writeln!(
        s,
        "  uid = \"gen-{d:04}\"\n  folder = \"Generated\"\n  tags = [\"generated\", \"svc-{svc}\"]"
    );
    let _ = writeln!(
        s,
        "  refresh = 30s\n  time = 6h\n  scope = {{ job = \"svc-{svc}\" }}"
    );
    s.push_str(
        "  variable instance = `label_values(up, instance)` { multi = true, include_all = true }\n",
    );
    s.push_str("  use golden(service = \"svc-");
    let _ = writeln!(s, "{svc}\")");
    // Two panels come from the template; the rest are written out, in rows of six.
    for p in 0..panels.saturating_sub(2) {
        if p % 6 == 0 {
            if p > 0 {
                s.push_str("  }\n");
            }
            let _ = writeln!(s, "  row \"Row {}\" {{", p / 6);
        }
        let kind = KINDS[p % KINDS.len()];
        let _ = writeln!(s, "    {kind} \"Panel {p}\" {{");
        let _ = writeln!(
            s,
            "      query `sum by (endpoint) (rate(http_requests_total{{instance=~\"$instance\", status=~\"5..\"}}[$__rate_interval])) / sum by (endpoint) (rate(http_requests_total{{instance=~\"$instance\"}}[$__rate_interval]))` legend \"{{{{endpoint}}}}\""
        );
        s.push_str("      unit = \"percentunit\"\n      thresholds = [green, 0.01: orange, 0.05: red]\n    }\n");
    }
    if panels > 2 {
        s.push_str("  }\n");
    }
    s.push_str("}\n");
    s
}

fn rule_set(f: usize, start: usize, end: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "rules \"gen-{f:04}\" {{");
    for (g, chunk) in (start..end).collect::<Vec<_>>().chunks(10).enumerate() {
        let _ = writeln!(s, "  group \"gen-{f:04}-{g}\" {{\n    interval = 1m");
        for &r in chunk {
            let svc = r % 10;
            if r % 2 == 0 {
                let _ = writeln!(
                    s,
                    "    record \"job:http_requests:rate5m_{r}\" = `sum by (job, status) (rate(http_requests_total{{job=\"svc-{svc}\"}}[5m]))`"
                );
            } else {
                let _ = writeln!(s, "    alert \"GeneratedHighErrorRate{r}\" {{");
                let _ = writeln!(
                    s,
                    "      expr = `sum by (job) (rate(http_requests_total{{job=\"svc-{svc}\", status=~\"5..\"}}[5m])) / sum by (job) (rate(http_requests_total{{job=\"svc-{svc}\"}}[5m])) > 0.05`"
                );
                s.push_str("      for = 10m\n      severity = warning\n");
                s.push_str("      summary = \"{{ $labels.job }} fails {{ $value | humanizePercentage }} of requests\"\n");
                s.push_str("      runbook = \"https://runbooks.example/high-error-rate\"\n    }\n");
            }
        }
        s.push_str("  }\n");
    }
    s.push_str("}\n");
    s
}
