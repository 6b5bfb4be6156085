//! The four value types of PromQL, named the way Prometheus' error messages name them.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueType {
    Scalar,
    /// An instant vector: one sample per series.
    Vector,
    /// A range vector: a window of samples per series.
    Matrix,
    String,
}

impl ValueType {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Scalar => "scalar",
            ValueType::Vector => "instant vector",
            ValueType::Matrix => "range vector",
            ValueType::String => "string",
        }
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_prometheus_documents_them() {
        assert_eq!(ValueType::Scalar.to_string(), "scalar");
        assert_eq!(ValueType::Vector.to_string(), "instant vector");
        assert_eq!(ValueType::Matrix.to_string(), "range vector");
        assert_eq!(ValueType::String.to_string(), "string");
    }
}
