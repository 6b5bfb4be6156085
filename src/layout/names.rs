//! File and object names derived from user-written uids, titles and names.
//!
//! Whatever a uid or title contains, a name made here is a DNS-1123 label: lowercase
//! ASCII letters, digits and `-`, so it can neither escape the output directory (`..`,
//! `/`) nor be rejected by Kubernetes.

/// A DNS-1123 label made from `s`: lowercase, runs of anything else turned into one `-`,
/// at most `max` bytes (a hash of `s` keeps long names apart), never empty.
pub fn slug(s: &str, max: usize) -> String {
    let max = max.clamp(16, 63);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        return format!("x-{:08x}", fnv1a(s));
    }
    if trimmed.len() <= max {
        return trimmed.to_string();
    }
    let keep = trimmed[..max - 9].trim_end_matches('-');
    format!("{keep}-{:08x}", fnv1a(s))
}

/// 32-bit FNV-1a: a stable hash, the same on every machine and Rust version.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::is_dns1123_label;

    #[test]
    fn slugs_are_dns_labels_that_cannot_escape() {
        for (input, want) in [
            ("Cryptobot", "cryptobot"),
            ("cryptobot-trade", "cryptobot-trade"),
            ("Trade Service / Überblick", "trade-service-berblick"),
            ("../../etc/passwd", "etc-passwd"),
            ("..", "x-00000000"),
            ("", "x-811c9dc5"),
        ] {
            let got = slug(input, 63);
            if want.starts_with("x-") {
                assert!(got.starts_with("x-"), "{input:?} -> {got}");
            } else {
                assert_eq!(got, want);
            }
            assert!(is_dns1123_label(&got), "{got}");
        }
    }

    #[test]
    fn long_names_are_cut_and_kept_apart() {
        let a = slug(&"a".repeat(100), 40);
        let b = slug(&format!("{}b", "a".repeat(99)), 40);
        assert_eq!(a.len(), 40);
        assert_ne!(a, b);
        assert!(is_dns1123_label(&a));
    }
}
