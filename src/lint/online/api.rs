//! What the online checks ask of Prometheus. The real [`super::Client`] speaks HTTP; a
//! stand-in (the crate's environment's fake HTTP client, or a test's table) can answer
//! the same questions without a server.

use super::answers::{BuildInfo, LabelSet, Target, TsdbStatus};
use super::error::ApiError;

/// The endpoints of Prometheus' HTTP API the online checks use. `selector` arguments are
/// PromQL series selectors, sent as `match[]`.
pub trait PrometheusApi: Sync {
    /// `/api/v1/series`. `limit` asks the server for at most that many series; servers
    /// before 2.51 ignore it and answer all of them (the caller counts what came back).
    fn series(&self, selector: &str, limit: Option<usize>) -> Result<Vec<LabelSet>, ApiError>;

    /// `/api/v1/label/<label>/values`, of the series matching `selector` if given.
    fn label_values(&self, label: &str, selector: Option<&str>) -> Result<Vec<String>, ApiError>;

    /// `/api/v1/labels`, of the series matching `selector` if given.
    fn label_names(&self, selector: Option<&str>) -> Result<Vec<String>, ApiError>;

    /// `/api/v1/targets?state=active`.
    fn targets(&self) -> Result<Vec<Target>, ApiError>;

    /// `/api/v1/status/tsdb`.
    fn tsdb_status(&self) -> Result<TsdbStatus, ApiError>;

    /// `/api/v1/status/buildinfo`.
    fn build_info(&self) -> Result<BuildInfo, ApiError>;
}
