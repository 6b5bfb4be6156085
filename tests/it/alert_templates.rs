//! Broken alert templates stop the build: run as a user runs `dac build` over an earlier
//! good build, each case checks exit 2, the message and its `file:line:col` inside the
//! string literal (snapshot of stderr), and the output directory untouched.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dac::model::Rule;
use dac::resolve::load_project;
use dac::source::SourceMap;

use crate::dac_bin::{build_cryptobot, crate_root, dac, tree};

pub const F: &str = "tests/fixtures/alerts/";

/// `dac build FIXTURE -o TMP/out` over Cryptobot's build in `TMP/out`: exit 2, nothing
/// on stdout, the directory as it was; stderr with the temporary path as `[TMP]`.
pub fn failing_build(fixture: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_cryptobot(&out);
    let before: BTreeMap<String, Vec<u8>> = tree(tmp.path());
    let path = format!("{F}{fixture}");
    let run = dac(
        &crate_root(),
        ["build", path.as_str(), "-o", out.to_str().unwrap()],
    )
    .expect(2);
    assert!(!run.stderr.contains("panicked"), "{run}");
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.trim_end().ends_with("nothing was written"),
        "{run}"
    );
    assert!(
        tree(tmp.path()) == before,
        "a failed build changed the output directory"
    );
    run.stderr
        .replace(&tmp.path().display().to_string(), "[TMP]")
}

macro_rules! case {
    ($name:ident, $fixture:expr, [$(($message:expr, $at:expr)),+ $(,)?]) => {
        #[test]
        fn $name() {
            let stderr = failing_build($fixture);
            $(
                assert!(stderr.contains($message), "missing {:?} in:\n{stderr}", $message);
                assert!(stderr.contains($at), "missing {:?} in:\n{stderr}", $at);
            )+
            insta::assert_snapshot!(stringify!($name), stderr);
        }
    };
}
pub(crate) use case;

case!(
    unknown_function_suggests_the_one_meant,
    "template_unknown_function.dac",
    [
        (
            "the template in annotation `summary` does not parse: function \"humanizePercent\" not defined",
            "template_unknown_function.dac:6:31"
        ),
        (
            "did you mean `humanizePercentage`?",
            "^^^^^^^^^^^^^^^ not a template function"
        )
    ]
);

// Go reports the first fault: in the first alert a word that is no function comes before
// the missing `}}`; the second alert's action is only unclosed.
case!(
    unclosed_action,
    "template_unclosed_action.dac",
    [
        (
            "function \"payments\" not defined",
            "template_unclosed_action.dac:5:28"
        ),
        (
            "does not parse: unclosed action",
            "template_unclosed_action.dac:9:24"
        )
    ]
);

// `\"`, `\u{e9}`, `\t` and `\\` before the fault: the caret is still under it.
case!(
    undefined_variable_after_escapes,
    "template_after_escapes.dac",
    [
        (
            "undefined variable \"$lables\"",
            "template_after_escapes.dac:5:70"
        ),
        ("did you mean `$labels`?", "^^^^^^^ not declared here")
    ]
);

// A `"""` string loses its indentation; the caret stays on the `{{ if`.
case!(
    unclosed_if_in_a_raw_string,
    "template_in_raw_string.dac",
    [
        (
            "does not parse: unexpected EOF",
            "template_in_raw_string.dac:7:11"
        ),
        ("never closed with `{{ end }}`", "help: close every")
    ]
);

case!(
    template_in_a_label,
    "template_in_label.dac",
    [
        (
            "the template in label `host` does not parse: function \"stripport\" not defined",
            "template_in_label.dac:5:67"
        ),
        ("did you mean `stripPort`?", "template_in_label.dac")
    ]
);

// The broken part comes from a template's parameter: the caret is where it is written.
case!(
    template_through_a_parameter,
    "template_through_parameter.dac",
    [(
        "does not parse: unclosed action",
        "template_through_parameter.dac:10:37"
    )]
);

fn project(paths: &[PathBuf]) -> (dac::model::Project, SourceMap) {
    let mut sources = SourceMap::new();
    // The project root is the common directory of the paths: it must hold the imports.
    let (project, diagnostics) = load_project(paths, &mut sources);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    (project.unwrap(), sources)
}

#[test]
fn the_model_keeps_the_labels_templates_read_with_their_place() {
    let path: PathBuf = crate_root().join(F).join("expected_label_ok.dac");
    let (project, sources) = project(&[path.to_path_buf()]);
    let Rule::Alert(alert) = &project.rule_sets[0].groups[0].rules[0] else {
        panic!("an alert");
    };
    let refs: Vec<(String, String)> = alert
        .label_refs
        .iter()
        .map(|r| {
            let file = sources.get(r.span.file).unwrap();
            let (line, col) = file.line_col(r.span.start as usize);
            (
                r.name.clone(),
                format!(
                    "{}:{line}:{col}",
                    &file.text[r.span.start as usize..r.span.end as usize]
                ),
            )
        })
        .collect();
    assert_eq!(refs, [("job".to_string(), "job:6:77".to_string())]);
}

#[test]
fn cryptobots_templates_all_parse_and_are_kept() {
    let (project, _) = project(&[crate_root().join("alerts"), crate_root().join("lib")]);
    let alerts: Vec<_> = project
        .rule_sets
        .iter()
        .flat_map(|s| &s.groups)
        .flat_map(|g| &g.rules)
        .filter_map(|r| match r {
            Rule::Alert(a) => Some(a),
            Rule::Record(_) => None,
        })
        .collect();
    let with_refs = alerts.iter().filter(|a| !a.label_refs.is_empty()).count();
    assert!(with_refs > 0, "Cryptobot's alerts read $labels");
}
