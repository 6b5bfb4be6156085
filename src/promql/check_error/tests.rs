//! The wording of check errors.

use super::*;

#[test]
fn wording_follows_prometheus() {
    let kind = CheckErrorKind::ArgumentType {
        function: "rate",
        expected: ValueType::Matrix,
        got: ValueType::Vector,
    };
    assert_eq!(
        kind.to_string(),
        "expected range vector in call to function \"rate\", got instant vector"
    );
    let kind = CheckErrorKind::ArgumentCount {
        function: "label_join",
        expected: ArgCount::AtLeast(3),
        got: 1,
    };
    assert_eq!(
        kind.to_string(),
        "expected at least 3 arguments in call to function \"label_join\", got 1"
    );
    assert_eq!(
        kind.help().as_deref(),
        Some("the signature is label_join(instant-vector, string, string, string...)")
    );
    assert_eq!(
        CheckErrorKind::ArgumentCount {
            function: "round",
            expected: ArgCount::AtMost(2),
            got: 3
        }
        .help()
        .as_deref(),
        Some("the signature is round(instant-vector, [scalar])")
    );
}

#[test]
fn unknown_function_suggests() {
    let d = CheckErrorKind::UnknownFunction {
        name: "rates".into(),
        suggestion: Some("rate"),
    }
    .into_diagnostic(Span::DUMMY);
    assert_eq!(d.message, "unknown function \"rates\"");
    assert_eq!(d.help.as_deref(), Some("did you mean \"rate\"?"));
    assert_eq!(d.code, Code::PromqlFunction);
}

#[test]
fn experimental_is_a_warning() {
    let kind = CheckErrorKind::ExperimentalFunction {
        name: "sort_by_label",
    };
    assert_eq!(kind.severity(), Severity::Warning);
    assert_eq!(CheckErrorKind::EmptyMatchers.severity(), Severity::Error);
}
