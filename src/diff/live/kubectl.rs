//! Running `kubectl get` for `dac diff --kube`: the user's kubeconfig, context and auth
//! plugins work as they do for `kubectl` itself. dac only passes `--context`,
//! `--namespace` (else `--all-namespaces`, since dac's objects name their own
//! namespaces) and `--timeout` as `--request-timeout`.

use std::ffi::OsString;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::lint::online::duration::format_millis;

/// The label every object `dac build` emits carries (`src/emit/kubernetes.rs`).
pub const SELECTOR: &str = "app.kubernetes.io/managed-by=dac";

/// The kinds dac emits for a cluster.
pub const RESOURCES: &str = "configmaps,prometheusrules,servicemonitors";

/// Stderr is quoted up to this many characters, so the error stays one line.
const MAX_DETAIL: usize = 300;

pub struct Kubectl {
    /// `kubectl`, found on `PATH`.
    pub program: OsString,
    pub context: Option<String>,
    pub namespace: Option<String>,
    pub timeout: Duration,
}

impl Kubectl {
    /// The arguments of `kubectl`.
    pub fn args(&self) -> Vec<String> {
        let mut args: Vec<String> = ["get", RESOURCES, "-l", SELECTOR, "-o", "json"]
            .map(str::to_string)
            .into();
        args.push(format!(
            "--request-timeout={}",
            format_millis(self.timeout.as_millis() as u64)
        ));
        if let Some(context) = &self.context {
            args.push(format!("--context={context}"));
        }
        match &self.namespace {
            Some(namespace) => args.push(format!("--namespace={namespace}")),
            None => args.push("--all-namespaces".to_string()),
        }
        args
    }

    /// How the report names the cluster: `the cluster (context prod, namespace monitoring)`.
    pub fn label(&self) -> String {
        let context = match &self.context {
            Some(c) => format!("context {c}"),
            None => "the current context".to_string(),
        };
        let namespace = match &self.namespace {
            Some(n) => format!("namespace {n}"),
            None => "all namespaces".to_string(),
        };
        format!("the cluster ({context}, {namespace})")
    }

    /// kubectl's standard output; one line when it is missing, fails or hangs.
    pub fn run(&self) -> Result<String, String> {
        let mut child = Command::new(&self.program)
            .args(self.args())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => "`kubectl` was not found on PATH (for `--kube`); \
                    install it, or save `kubectl get ... -o json` to a file and pass `--live-file FILE`"
                    .to_string(),
                _ => format!("cannot run `kubectl` (for `--kube`): {e}"),
            })?;
        let stdout = drain(child.stdout.take());
        let stderr = drain(child.stderr.take());
        let status = self.wait(&mut child)?;
        let out = stdout.join().unwrap_or_default();
        let err = stderr.join().unwrap_or_default();
        if !status.success() {
            let code = status
                .code()
                .map_or("a signal".to_string(), |c| c.to_string());
            return Err(format!(
                "`kubectl get` failed (exit {code}): {}",
                first_line(&String::from_utf8_lossy(&err))
            ));
        }
        String::from_utf8(out).map_err(|_| "`kubectl get` wrote output that is not UTF-8".into())
    }

    /// Waits for kubectl. `--request-timeout` bounds each of its requests; an auth
    /// plugin or several discovery requests can take longer, so dac stops it only after
    /// three times the timeout.
    fn wait(&self, child: &mut Child) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + self.timeout * 3;
        loop {
            match child.try_wait() {
                Ok(Some(status)) => return Ok(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "`kubectl get` did not finish within {}; raise --timeout or check the cluster",
                        format_millis((self.timeout * 3).as_millis() as u64)
                    ));
                }
                Err(e) => return Err(format!("cannot wait for `kubectl`: {e}")),
            }
        }
    }
}

/// Reads a pipe to its end on its own thread, so a full pipe never blocks kubectl.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// kubectl's first non-empty line of stderr, short, with anything that looks like a
/// credential replaced: what it says is shown, never a token it may echo.
pub fn first_line(stderr: &str) -> String {
    let line = stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it printed no error");
    let mut words: Vec<String> = Vec::new();
    let mut secret_next = false;
    for word in line.split(' ') {
        let lower = word.to_ascii_lowercase();
        if secret_next {
            words.push("[redacted]".into());
            secret_next = false;
        } else if let Some((key, _)) = word.split_once('=').filter(|(k, _)| secret_key(k)) {
            words.push(format!("{key}=[redacted]"));
        } else {
            secret_next = lower == "bearer" || lower == "basic" || lower.ends_with("token:");
            words.push(word.to_string());
        }
    }
    let flat = words.join(" ");
    match flat.char_indices().nth(MAX_DETAIL) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

fn secret_key(key: &str) -> bool {
    let key = key.trim_start_matches('-').to_ascii_lowercase();
    ["token", "password", "secret", "authorization"]
        .iter()
        .any(|s| key.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_and_namespace_pass_through() {
        let mut kubectl = Kubectl {
            program: "kubectl".into(),
            context: Some("prod".into()),
            namespace: Some("monitoring".into()),
            timeout: Duration::from_millis(2500),
        };
        assert_eq!(
            kubectl.args().join(" "),
            "get configmaps,prometheusrules,servicemonitors -l app.kubernetes.io/managed-by=dac \
             -o json --request-timeout=2s500ms --context=prod --namespace=monitoring"
        );
        kubectl.namespace = None;
        assert!(kubectl.args().ends_with(&["--all-namespaces".to_string()]));
    }

    #[test]
    fn a_token_kubectl_echoes_is_not_repeated() {
        let line = first_line("\nerror: Authorization: Bearer s3cr3t failed --token=s3cr3t\nmore");
        assert!(!line.contains("s3cr3t"), "{line}");
        assert!(
            line.starts_with("error: Authorization: Bearer [redacted]"),
            "{line}"
        );
    }
}
