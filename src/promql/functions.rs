//! Every PromQL function with its signature, as Prometheus' `promql/parser/functions.go`
//! declares it, plus what the checks after the parser need: whether the function drops
//! the metric name and whether Prometheus only accepts it behind a feature flag.

use crate::promql::types::ValueType::{self, Matrix, Scalar, String, Vector};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: &'static str,
    /// The declared argument types; with [`Variadic`] the last one is optional or repeats.
    pub args: &'static [ValueType],
    pub variadic: Variadic,
    pub returns: ValueType,
    /// Whether the result loses `__name__` (`rate`, `abs`, ...). Functions that return
    /// a sample of the input series unchanged (`last_over_time`, `sort`, `label_replace`)
    /// keep it.
    pub drops_metric_name: bool,
    pub status: Status,
}

/// How many arguments a function takes beyond its fixed ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variadic {
    /// Exactly `args.len()` arguments.
    Fixed,
    /// The last declared argument may be left out, or given up to `n` times.
    UpTo(usize),
    /// The last declared argument may be left out or repeated without limit.
    Unbounded,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Stable,
    /// Needs `--enable-feature=promql-experimental-functions`.
    Experimental,
    /// No longer exists in Prometheus 3; `replacement` is its new name.
    Removed {
        replacement: &'static str,
    },
}

impl Function {
    /// The fewest arguments a call may have.
    pub fn min_args(&self) -> usize {
        match self.variadic {
            Variadic::Fixed => self.args.len(),
            Variadic::UpTo(_) | Variadic::Unbounded => self.args.len().saturating_sub(1),
        }
    }

    /// The most arguments a call may have; `None` when unbounded.
    pub fn max_args(&self) -> Option<usize> {
        match self.variadic {
            Variadic::Fixed => Some(self.args.len()),
            Variadic::UpTo(n) => Some(self.args.len().saturating_sub(1) + n),
            Variadic::Unbounded => None,
        }
    }

    /// The type argument `index` (0-based) must have; `None` past the last allowed one.
    pub fn arg_type(&self, index: usize) -> Option<ValueType> {
        if let Some(t) = self.args.get(index) {
            return Some(*t);
        }
        match self.max_args() {
            Some(max) if index >= max => None,
            _ => self.args.last().copied(),
        }
    }

    pub fn is_experimental(&self) -> bool {
        self.status == Status::Experimental
    }
}

/// The function called `name` (case-sensitive, like Prometheus), if there is one.
pub fn lookup(name: &str) -> Option<&'static Function> {
    FUNCTIONS
        .binary_search_by(|f| f.name.cmp(name))
        .ok()
        .map(|i| &FUNCTIONS[i])
}

/// Every function name, in alphabetical order, for suggestions and completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|f| f.name)
}

/// Every function, in alphabetical order.
pub fn all() -> &'static [Function] {
    FUNCTIONS
}

const fn f(name: &'static str, args: &'static [ValueType], returns: ValueType) -> Function {
    Function {
        name,
        args,
        variadic: Variadic::Fixed,
        returns,
        drops_metric_name: true,
        status: Status::Stable,
    }
}

const fn vec_fn(name: &'static str) -> Function {
    f(name, &[Vector], Vector)
}

const fn range_fn(name: &'static str) -> Function {
    f(name, &[Matrix], Vector)
}

/// A date function: `hour()` is `hour(vector(time()))`.
const fn date_fn(name: &'static str) -> Function {
    variadic(vec_fn(name), Variadic::UpTo(1))
}

const fn variadic(mut func: Function, variadic: Variadic) -> Function {
    func.variadic = variadic;
    func
}

const fn experimental(mut func: Function) -> Function {
    func.status = Status::Experimental;
    func
}

const fn keeps_name(mut func: Function) -> Function {
    func.drops_metric_name = false;
    func
}

/// Sorted by name: [`lookup`] searches it by bisection (a unit test checks the order).
static FUNCTIONS: &[Function] = &[
    vec_fn("abs"),
    vec_fn("absent"),
    range_fn("absent_over_time"),
    vec_fn("acos"),
    vec_fn("acosh"),
    vec_fn("asin"),
    vec_fn("asinh"),
    vec_fn("atan"),
    vec_fn("atanh"),
    range_fn("avg_over_time"),
    vec_fn("ceil"),
    range_fn("changes"),
    f("clamp", &[Vector, Scalar, Scalar], Vector),
    f("clamp_max", &[Vector, Scalar], Vector),
    f("clamp_min", &[Vector, Scalar], Vector),
    vec_fn("cos"),
    vec_fn("cosh"),
    range_fn("count_over_time"),
    date_fn("day_of_month"),
    date_fn("day_of_week"),
    date_fn("day_of_year"),
    date_fn("days_in_month"),
    vec_fn("deg"),
    range_fn("delta"),
    range_fn("deriv"),
    experimental(f(
        "double_exponential_smoothing",
        &[Matrix, Scalar, Scalar],
        Vector,
    )),
    experimental(f("end", &[], Scalar)),
    vec_fn("exp"),
    experimental(keeps_name(range_fn("first_over_time"))),
    vec_fn("floor"),
    vec_fn("histogram_avg"),
    vec_fn("histogram_count"),
    f("histogram_fraction", &[Scalar, Scalar, Vector], Vector),
    f("histogram_quantile", &[Scalar, Vector], Vector),
    experimental(variadic(
        f(
            "histogram_quantiles",
            &[Vector, String, Scalar, Scalar],
            Vector,
        ),
        Variadic::UpTo(9),
    )),
    vec_fn("histogram_stddev"),
    vec_fn("histogram_stdvar"),
    vec_fn("histogram_sum"),
    Function {
        status: Status::Removed {
            replacement: "double_exponential_smoothing",
        },
        ..f("holt_winters", &[Matrix, Scalar, Scalar], Vector)
    },
    date_fn("hour"),
    range_fn("idelta"),
    range_fn("increase"),
    experimental(keeps_name(variadic(
        f("info", &[Vector, Vector], Vector),
        Variadic::UpTo(1),
    ))),
    experimental(variadic(
        f("integral", &[Matrix, Scalar], Vector),
        Variadic::UpTo(1),
    )),
    range_fn("irate"),
    keeps_name(variadic(
        f("label_join", &[Vector, String, String, String], Vector),
        Variadic::Unbounded,
    )),
    keeps_name(f(
        "label_replace",
        &[Vector, String, String, String, String],
        Vector,
    )),
    keeps_name(range_fn("last_over_time")),
    vec_fn("ln"),
    vec_fn("log10"),
    vec_fn("log2"),
    experimental(range_fn("mad_over_time")),
    range_fn("max_over_time"),
    range_fn("min_over_time"),
    date_fn("minute"),
    date_fn("month"),
    f("pi", &[], Scalar),
    f("predict_linear", &[Matrix, Scalar], Vector),
    range_fn("present_over_time"),
    f("quantile_over_time", &[Scalar, Matrix], Vector),
    vec_fn("rad"),
    experimental(f("range", &[], Scalar)),
    range_fn("rate"),
    range_fn("resets"),
    variadic(f("round", &[Vector, Scalar], Vector), Variadic::UpTo(1)),
    f("scalar", &[Vector], Scalar),
    vec_fn("sgn"),
    vec_fn("sin"),
    vec_fn("sinh"),
    keeps_name(vec_fn("sort")),
    experimental(keeps_name(variadic(
        f("sort_by_label", &[Vector, String], Vector),
        Variadic::Unbounded,
    ))),
    experimental(keeps_name(variadic(
        f("sort_by_label_desc", &[Vector, String], Vector),
        Variadic::Unbounded,
    ))),
    keeps_name(vec_fn("sort_desc")),
    vec_fn("sqrt"),
    experimental(f("start", &[], Scalar)),
    range_fn("stddev_over_time"),
    range_fn("stdvar_over_time"),
    experimental(f("step", &[], Scalar)),
    range_fn("sum_over_time"),
    vec_fn("tan"),
    vec_fn("tanh"),
    f("time", &[], Scalar),
    vec_fn("timestamp"),
    experimental(range_fn("ts_of_first_over_time")),
    experimental(range_fn("ts_of_last_over_time")),
    experimental(range_fn("ts_of_max_over_time")),
    experimental(range_fn("ts_of_min_over_time")),
    f("vector", &[Scalar], Vector),
    date_fn("year"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique_so_lookup_finds_every_entry() {
        for pair in FUNCTIONS.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} >= {}",
                pair[0].name,
                pair[1].name
            );
        }
        for func in FUNCTIONS {
            assert_eq!(lookup(func.name).map(|f| f.name), Some(func.name));
        }
        assert!(lookup("rates").is_none());
        assert!(lookup("Rate").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn signatures_match_prometheus() {
        let rate = lookup("rate").unwrap();
        assert_eq!((rate.min_args(), rate.max_args()), (1, Some(1)));
        assert_eq!(rate.arg_type(0), Some(Matrix));
        assert_eq!(rate.arg_type(1), None);
        assert!(rate.drops_metric_name);

        let round = lookup("round").unwrap();
        assert_eq!((round.min_args(), round.max_args()), (1, Some(2)));
        assert_eq!(round.arg_type(1), Some(Scalar));

        let hour = lookup("hour").unwrap();
        assert_eq!((hour.min_args(), hour.max_args()), (0, Some(1)));

        let join = lookup("label_join").unwrap();
        assert_eq!((join.min_args(), join.max_args()), (3, None));
        assert_eq!(join.arg_type(7), Some(String));
        assert!(!join.drops_metric_name);

        let quantiles = lookup("histogram_quantiles").unwrap();
        assert_eq!((quantiles.min_args(), quantiles.max_args()), (3, Some(12)));
        assert_eq!(quantiles.arg_type(11), Some(Scalar));
        assert_eq!(quantiles.arg_type(12), None);

        assert_eq!(lookup("time").unwrap().returns, Scalar);
        assert_eq!(lookup("scalar").unwrap().returns, Scalar);
        assert_eq!(
            lookup("histogram_fraction").unwrap().args,
            &[Scalar, Scalar, Vector]
        );
        assert_eq!(
            lookup("quantile_over_time").unwrap().args,
            &[Scalar, Matrix]
        );
    }

    #[test]
    fn marks_experimental_and_removed_functions() {
        for name in [
            "sort_by_label",
            "mad_over_time",
            "info",
            "double_exponential_smoothing",
        ] {
            assert!(lookup(name).unwrap().is_experimental(), "{name}");
        }
        for name in [
            "rate",
            "label_replace",
            "present_over_time",
            "last_over_time",
        ] {
            assert_eq!(lookup(name).unwrap().status, Status::Stable, "{name}");
        }
        assert_eq!(
            lookup("holt_winters").unwrap().status,
            Status::Removed {
                replacement: "double_exponential_smoothing"
            }
        );
    }

    #[test]
    fn only_functions_returning_input_samples_keep_the_name() {
        let keep: Vec<&str> = FUNCTIONS
            .iter()
            .filter(|f| !f.drops_metric_name)
            .map(|f| f.name)
            .collect();
        assert_eq!(
            keep,
            [
                "first_over_time",
                "info",
                "label_join",
                "label_replace",
                "last_over_time",
                "sort",
                "sort_by_label",
                "sort_by_label_desc",
                "sort_desc"
            ]
        );
    }

    #[test]
    fn names_lists_every_function() {
        assert_eq!(names().count(), FUNCTIONS.len());
        assert!(names().any(|n| n == "histogram_quantile"));
    }
}
