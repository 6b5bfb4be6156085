use super::*;
use crate::env::MemoryFs;

const TOML: &str = "[build]\nsources = [\"dashboards\", \"alerts\"]\nout_dir = \"build\"\n\
                    [kubernetes]\nnamespace = \"cryptobot\"\n";

fn project(cwd: &str) -> MemoryFs {
    MemoryFs::new([
        ("p/dac.toml", TOML),
        ("p/dashboards/a.dac", ""),
        ("p/alerts/b.dac", ""),
        ("p/tests/fixtures/bad.dac", "nonsense"),
    ])
    .in_dir(cwd)
}

fn found(fs: &MemoryFs, paths: &[&str], flag: Option<&str>) -> Discovery {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut sources = SourceMap::new();
    discover(&paths, flag.map(Path::new), fs, &mut sources).expect("a project")
}

fn shown(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

#[test]
fn in_the_project_root_the_sources_of_dac_toml_are_built() {
    let d = found(&project("p"), &[], None);
    assert_eq!(d.config_file, Some(PathBuf::from("./dac.toml")));
    assert_eq!(d.config.namespace, "cryptobot");
    assert_eq!(shown(&d.sources), ["dashboards", "alerts"]);
    assert_eq!(d.sources_from, SourcesFrom::Config);
    assert_eq!(d.out_dir, PathBuf::from("build"));
    assert_eq!(d.sandbox.root.absolute, PathBuf::from("/p"));
    assert_eq!(
        d.to_string(),
        "using ./dac.toml; sources: dashboards, alerts (from [build] sources)"
    );
}

#[test]
fn below_the_root_dac_toml_is_found_above_and_its_paths_stay_relative_to_it() {
    let d = found(&project("p/dashboards"), &[], None);
    assert_eq!(d.config_file, Some(PathBuf::from("../dac.toml")));
    assert_eq!(shown(&d.sources), ["../dashboards", "../alerts"]);
    assert_eq!(d.out_dir, PathBuf::from("../build"));
    assert_eq!(d.sandbox.root.shown, PathBuf::from(".."));
}

#[test]
fn paths_given_from_outside_find_the_dac_toml_of_the_project_they_are_in() {
    let d = found(&project(""), &["p/dashboards"], None);
    assert_eq!(d.config_file, Some(PathBuf::from("p/dac.toml")));
    assert_eq!(d.config.namespace, "cryptobot");
    assert_eq!(shown(&d.sources), ["p/dashboards"]);
    assert_eq!(d.sources_from, SourcesFrom::CommandLine);
    assert_eq!(d.out_dir, PathBuf::from("p/build"));
}

#[test]
fn without_dac_toml_the_current_directory_is_built_with_the_defaults() {
    let fs = MemoryFs::new([("q/a.dac", "")]).in_dir("q");
    let d = found(&fs, &[], None);
    assert_eq!(d.config_file, None);
    assert_eq!(d.config, Config::default());
    assert_eq!(shown(&d.sources), ["."]);
    assert_eq!(d.out_dir, PathBuf::from("out"));
    assert_eq!(d.sandbox.root.absolute, PathBuf::from("/q"));
    assert!(d.to_string().starts_with("using no dac.toml"));
}

#[test]
fn config_flag_overrides_the_search() {
    let fs = MemoryFs::new([
        ("p/dac.toml", TOML),
        ("p/dashboards/a.dac", ""),
        ("p/alerts/b.dac", ""),
        (
            "p/ci/other.toml",
            "[build]\nsources = [\"../dashboards\"]\n",
        ),
    ])
    .in_dir("p");
    let d = found(&fs, &[], Some("ci/other.toml"));
    assert_eq!(d.config_file, Some(PathBuf::from("ci/other.toml")));
    assert_eq!(shown(&d.sources), ["dashboards"]);
    assert_eq!(d.out_dir, PathBuf::from("ci/out"));
    assert!(d.to_string().starts_with("using ci/other.toml (--config)"));
}

#[test]
fn a_missing_source_or_import_path_is_an_error_at_its_place_in_dac_toml() {
    let fs = MemoryFs::new([(
        "p/dac.toml",
        "[build]\nsources = [\"dashbords\"]\nimport_paths = [\"../lib\"]\n",
    )])
    .in_dir("p");
    let mut sources = SourceMap::new();
    let errors = discover(&[], None, &fs, &mut sources).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "source `dashbords` does not exist");
    let span = errors[0].primary_span().expect("a place in dac.toml");
    let file = sources.get(span.file).unwrap();
    assert_eq!(file.line_col(span.start as usize), (2, 12));
}
