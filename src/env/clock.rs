//! The time of day, behind a trait: output that depended on it could not be tested (or
//! reproduced), so the core asks the environment and tests stop the clock.

use std::time::SystemTime;

pub trait Clock {
    fn now(&self) -> SystemTime;
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that always says the same time (by default the Unix epoch).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub SystemTime);

impl Default for FixedClock {
    fn default() -> Self {
        FixedClock(SystemTime::UNIX_EPOCH)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}
