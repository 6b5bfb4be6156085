//! Any model the resolver can hand over becomes a dashboard Grafana's schema accepts:
//! the emitter has no errors of its own to raise.

use crate::common;

use dac::diagnostic::Span;
use dac::emit::grafana::dashboard_json;
use dac::model::*;
use proptest::prelude::*;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let path = common::data().join("grafana/grafana-dashboard.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0)
    ]
}

const KINDS: [PanelKind; 8] = [
    PanelKind::Timeseries,
    PanelKind::Stat,
    PanelKind::Gauge,
    PanelKind::BarGauge,
    PanelKind::Table,
    PanelKind::Heatmap,
    PanelKind::Text,
    PanelKind::Logs,
];

fn color_mode() -> impl Strategy<Value = ColorMode> {
    prop_oneof![
        Just(ColorMode::PaletteClassic),
        Just(ColorMode::Thresholds),
        text().prop_map(ColorMode::Fixed),
        prop::sample::select(ColorScheme::ALL.to_vec()).prop_map(ColorMode::Scheme),
        text().prop_map(ColorMode::HeatmapScheme),
    ]
}

fn mapping() -> impl Strategy<Value = ValueMapping> {
    let color = || proptest::option::of(text());
    prop_oneof![
        (text(), text(), color()).prop_map(|(value, text, color)| ValueMapping::Value {
            value,
            text,
            color
        }),
        (
            proptest::option::of(number()),
            proptest::option::of(number()),
            text(),
            color()
        )
            .prop_map(|(from, to, text, color)| ValueMapping::Range {
                from,
                to,
                text,
                color
            }),
        (text(), text(), color()).prop_map(|(pattern, text, color)| ValueMapping::Regex {
            pattern,
            text,
            color
        }),
        (
            prop::sample::select(vec![
                SpecialValue::Null,
                SpecialValue::NaN,
                SpecialValue::NullOrNaN,
                SpecialValue::True,
                SpecialValue::False,
                SpecialValue::Empty,
            ]),
            text(),
            color()
        )
            .prop_map(|(m, text, color)| ValueMapping::Special {
                matches: m,
                text,
                color
            }),
    ]
}

fn display() -> impl Strategy<Value = Display> {
    (
        (
            proptest::option::of(text()),
            proptest::option::of(0u32..20),
            proptest::option::of(number()),
            proptest::option::of(number()),
        ),
        (
            proptest::option::of((
                any::<bool>(),
                proptest::collection::vec((proptest::option::of(number()), text()), 0..4),
            )),
            proptest::option::of(color_mode()),
            proptest::option::of(prop::sample::select(vec![
                Stacking::None,
                Stacking::Normal,
                Stacking::Percent,
            ])),
            proptest::option::of(0u32..=100),
        ),
        (
            proptest::option::of(prop::sample::select(Reducer::ALL.to_vec())),
            proptest::option::of((
                prop::sample::select(vec![
                    LegendMode::List,
                    LegendMode::Table,
                    LegendMode::Hidden,
                ]),
                prop::sample::select(vec![LegendPlacement::Bottom, LegendPlacement::Right]),
                proptest::collection::vec(prop::sample::select(Reducer::ALL.to_vec()), 0..3),
            )),
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(
                (unit, decimals, min, max),
                (thresholds, color_mode, stacking, fill),
                (reduce, legend, mdp, from),
            )| Display {
                unit,
                decimals,
                min,
                max,
                thresholds: thresholds.map(|(percentage, steps)| Thresholds {
                    percentage,
                    steps: steps
                        .into_iter()
                        .map(|(value, color)| ThresholdStep { value, color })
                        .collect(),
                }),
                color_mode,
                stacking,
                fill,
                line_width: fill,
                reduce,
                legend: legend.map(|(mode, placement, calcs)| LegendDisplay {
                    mode,
                    placement,
                    calcs,
                }),
                graph_mode: reduce.map(|r| {
                    if r == Reducer::Mean {
                        GraphMode::None
                    } else {
                        GraphMode::Area
                    }
                }),
                orientation: reduce.map(|r| match r {
                    Reducer::Max => Orientation::Horizontal,
                    Reducer::Min => Orientation::Vertical,
                    _ => Orientation::Auto,
                }),
                max_data_points: mdp,
                min_interval: None,
                time_from: from.map(Millis),
            },
        )
}

fn panel() -> impl Strategy<Value = Panel> {
    (
        0..KINDS.len(),
        text(),
        proptest::option::of(text()),
        display(),
        proptest::collection::vec(mapping(), 0..3),
        proptest::collection::vec((any::<bool>(), text(), text()), 0..3),
        (
            proptest::option::of(0u32..40),
            proptest::option::of(0u32..40),
            proptest::option::of(0u32..40),
            proptest::option::of(0u32..200),
        ),
        proptest::option::of(text()),
    )
        .prop_map(
            |(k, title, description, display, mappings, overrides, (w, h, x, y), repeat)| {
                let mut p = common::panel(
                    KINDS[k],
                    &title,
                    vec![common::target("A", "up", Some("{{job}}"))],
                );
                p.description = description;
                p.display = display;
                p.mappings = mappings;
                p.overrides = overrides
                    .into_iter()
                    .map(|(regex, m, v)| Override {
                        matcher: if regex {
                            OverrideMatcher::Regex(m)
                        } else {
                            OverrideMatcher::Name(m)
                        },
                        properties: vec![OverrideProperty::DisplayName(v)],
                        span: Span::DUMMY,
                    })
                    .collect();
                p.layout = LayoutHint {
                    width: w,
                    height: h,
                    x,
                    y,
                };
                p.repeat = repeat;
                p.content = Some(TextContent {
                    markdown: k % 2 == 0,
                    text: title,
                });
                p
            },
        )
}

fn variable() -> impl Strategy<Value = Variable> {
    let kind = prop_oneof![
        text().prop_map(|query| VariableKind::Query { query }),
        proptest::collection::vec(text(), 0..4).prop_map(|values| VariableKind::Custom { values }),
        proptest::collection::vec(text(), 0..4).prop_map(|values| VariableKind::Interval {
            values: values.into_iter().map(Step::Text).collect(),
            auto: false
        }),
        text().prop_map(|value| VariableKind::Constant { value }),
        text().prop_map(|default| VariableKind::Textbox { default }),
        (text(), proptest::option::of(text()))
            .prop_map(|(plugin, regex)| VariableKind::Datasource { plugin, regex }),
    ];
    (
        "[a-z]{1,8}",
        kind,
        any::<(bool, bool)>(),
        prop::sample::select(VariableSort::ALL.to_vec()),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(|(name, kind, (multi, all), sort, current, regex)| {
            let mut v = common::variable(&format!("v_{name}"), kind);
            v.multi = multi;
            v.include_all = all;
            v.sort = sort;
            v.current = current;
            v.regex = regex;
            v
        })
}

fn dashboard() -> impl Strategy<Value = Dashboard> {
    let item = prop_oneof![
        panel().prop_map(Item::Panel),
        (
            text(),
            any::<bool>(),
            proptest::collection::vec(panel(), 0..4)
        )
            .prop_map(|(title, collapsed, panels)| Item::Row(Row {
                title,
                collapsed,
                repeat: None,
                panels,
                span: Span::DUMMY,
            })),
    ];
    (
        proptest::collection::vec(item, 0..6),
        proptest::collection::vec(variable(), 0..4),
        text(),
    )
        .prop_map(|(items, variables, title)| {
            let mut d = common::dashboard("uid", &title, items);
            d.variables = variables;
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn every_dashboard_validates(d in dashboard()) {
        let json = dashboard_json(&d);
        let instance: Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> = validator()
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        prop_assert!(errors.is_empty(), "{}\n{}", errors.join("\n"), json);
    }
}
