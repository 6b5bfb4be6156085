//! The faults of a `routing` block: their wording, code, label and help in one place.

use std::fmt;

use crate::codes::Code;

#[derive(Clone, Debug, PartialEq)]
pub enum RoutingError {
    /// `api_url = "https://hooks.slack.com/..."`: a secret written in the sources.
    InlineSecret {
        name: String,
        /// What to write instead: `api_url_file`.
        instead: &'static str,
    },
    /// `url_file` on a webhook: Alertmanager 0.25 has no such field.
    Unsupported {
        name: String,
        why: &'static str,
        instead: &'static str,
    },
    /// A route or expectation naming a receiver the block does not define.
    UnknownReceiver {
        name: String,
        suggestion: Option<String>,
        known: String,
    },
    UnknownTimeInterval {
        name: String,
        suggestion: Option<String>,
    },
    /// Matchers or `continue` on the root route, no receiver on it.
    RootRoute {
        what: &'static str,
    },
    MissingRoute,
    /// A regex matcher that does not compile.
    BadRegex {
        pattern: String,
        reason: String,
    },
    /// Two secret files with one file name: one key of the Secret.
    SecretKeyClash {
        key: String,
    },
    /// `expect route` reaching other receivers than it says.
    WrongRoute {
        expected: Vec<String>,
        actual: Vec<String>,
    },
    /// A second `routing` block: a project has one Alertmanager configuration.
    SecondRouting,
}

fn ticked(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

impl fmt::Display for RoutingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RoutingError::*;
        match self {
            InlineSecret { name, .. } => {
                write!(
                    f,
                    "`{name}` would write a secret into the sources and the outputs"
                )
            }
            Unsupported { name, why, .. } => write!(f, "`{name}` is not supported: {why}"),
            UnknownReceiver { name, .. } => write!(f, "no receiver is named `{name}`"),
            UnknownTimeInterval { name, .. } => write!(f, "no time interval is named `{name}`"),
            RootRoute { what } => write!(f, "the root route {what}"),
            MissingRoute => f.write_str("the routing block has no `route`"),
            BadRegex { pattern, reason } => {
                write!(f, "the regex `{pattern}` does not compile: {reason}")
            }
            SecretKeyClash { key } => write!(
                f,
                "two secret files are named `{key}`: they would be one key of the Secret"
            ),
            WrongRoute { expected, actual } => write!(
                f,
                "these labels reach {}, not {}",
                if actual.is_empty() {
                    "no receiver".to_string()
                } else {
                    ticked(actual)
                },
                ticked(expected)
            ),
            SecondRouting => f.write_str("a second routing block"),
        }
    }
}

impl RoutingError {
    pub fn code(&self) -> Code {
        match self {
            RoutingError::InlineSecret { .. } => Code::InlineSecret,
            RoutingError::WrongRoute { .. } => Code::Test,
            RoutingError::SecondRouting => Code::Duplicate,
            _ => Code::Routing,
        }
    }

    pub fn label(&self) -> String {
        use RoutingError::*;
        match self {
            InlineSecret { .. } => "a secret written inline".into(),
            UnknownReceiver { .. } => "not a receiver of this block".into(),
            UnknownTimeInterval { .. } => "not a time interval of this block".into(),
            WrongRoute { .. } => "expected here".into(),
            SecondRouting => "defined again here".into(),
            _ => String::new(),
        }
    }

    pub fn help(&self) -> Option<String> {
        use RoutingError::*;
        match self {
            InlineSecret { instead, .. } => Some(format!(
                "put the value in a file kept out of git (mounted from a Kubernetes Secret) \
                 and write `{instead} = \"secrets/NAME\"`: dac writes the file's name, never \
                 its contents"
            )),
            Unsupported { instead, .. } => Some((*instead).to_string()),
            UnknownReceiver {
                suggestion, known, ..
            } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => "define it: `receiver \"NAME\" { ... }`".into(),
                None => format!("the receivers are: {known}"),
            }),
            UnknownTimeInterval { suggestion, .. } => Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "define it: `time_interval \"NAME\" { ... }`".into(),
            }),
            RootRoute { .. } => Some(
                "the root route takes every alert and names the default receiver: \
                 put matchers and `continue` on child routes"
                    .into(),
            ),
            MissingRoute => {
                Some("add `route { receiver = \"NAME\" }`: the root route and its default".into())
            }
            BadRegex { .. } => Some(
                "Alertmanager uses Go's RE2 syntax, anchored at both ends; escape literal \
                 characters with `\\\\`"
                    .into(),
            ),
            SecretKeyClash { .. } => Some(
                "the Secret's keys and the files under `secrets_dir` are file names: rename one"
                    .into(),
            ),
            WrongRoute { .. } => Some(
                "`dac routes` shows each alert's route; fix the routes or the expectation".into(),
            ),
            SecondRouting => {
                Some("a project has one Alertmanager configuration: merge the two blocks".into())
            }
        }
    }
}
