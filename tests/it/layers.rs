//! The rules of the code's layout, checked by reading the sources: which
//! top-level module may name which (the `crate::…` paths of its files), which
//! libraries each layer may speak, and that every word list the rules name is
//! in its data file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Libraries that belong to one layer each: SQL to `db` (and the ingest
/// driver, which holds the transaction), the index to `search`, HTTP and
/// templates to `web`.
const SQL: &str = "sqlx";
const INDEX: &str = "tantivy";
const HTTP: &[&str] = &[
    "axum",
    "hyper",
    "hyper_util",
    "tower",
    "tower_http",
    "askama",
];

/// A top-level module, the modules of the crate it may name, and whether it
/// may speak SQL, the index and HTTP.
struct Layer {
    name: &'static str,
    may_name: &'static [&'static str],
    sql: bool,
    index: bool,
    http: bool,
}

const fn layer(
    name: &'static str,
    may_name: &'static [&'static str],
    (sql, index, http): (bool, bool, bool),
) -> Layer {
    Layer {
        name,
        may_name,
        sql,
        index,
        http,
    }
}

const NONE: (bool, bool, bool) = (false, false, false);

/// From the bottom up. A new top-level module must take its place here.
const LAYERS: &[Layer] = &[
    // The core and the utilities at the bottom name nothing of the crate.
    layer("domain", &[], NONE),
    layer("faults", &[], NONE),
    layer("parallel", &[], NONE),
    layer("telemetry", &[], NONE),
    // The ingest analysis: pure functions of text over the core.
    layer("analysis", &["domain", "parallel"], NONE),
    // Storage and the index, side by side: neither names the other.
    layer("db", &["domain", "faults"], (true, false, false)),
    layer("search", &["domain", "faults"], (false, true, false)),
    // What is served and exported reads both, through their own types.
    layer("export", &["db", "domain"], NONE),
    layer(
        "web",
        &["db", "search", "export", "domain"],
        (false, false, true),
    ),
    // The drivers on top.
    layer(
        "ingest",
        &["analysis", "db", "search", "domain", "faults", "parallel"],
        (true, false, false),
    ),
    layer("extract", &["analysis", "domain"], NONE),
    layer("cli", &[], NONE),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (a comment may name anything).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a file's code names: `crate::x::…`, and each `x`
/// of `crate::{x, y::…}`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

/// Does the code use library `lib` (`use lib::…`, `lib::…`, `#[derive(lib::…)]`)?
fn speaks(code: &str, lib: &str) -> bool {
    code.match_indices(&format!("{lib}::")).any(|(i, _)| {
        code[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
    })
}

/// Every file of the crate by its top-level module ("web" for `src/web.rs`
/// and `src/web/…`), with its code.
fn files_by_module() -> BTreeMap<String, Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut by_module: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(src()).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_of(&fs::read_to_string(&path).unwrap());
        by_module.entry(module).or_default().push((path, code));
    }
    by_module
}

#[test]
fn layers_point_one_way() {
    let mut broken = Vec::new();
    for (module, files) in files_by_module() {
        let Some(layer) = LAYERS.iter().find(|l| l.name == module) else {
            broken.push(format!(
                "src/{module}: a top-level module with no place in LAYERS (tests/it/layers.rs)"
            ));
            continue;
        };
        for (path, code) in files {
            let shown = path
                .strip_prefix(src().parent().unwrap())
                .unwrap()
                .display();
            for named in named_modules(&code) {
                if named != module && !layer.may_name.contains(&named.as_str()) {
                    broken.push(format!("{shown}: `{module}` names `crate::{named}`"));
                }
            }
            let libraries = [(SQL, layer.sql), (INDEX, layer.index)]
                .into_iter()
                .chain(HTTP.iter().map(|h| (*h, layer.http)));
            for (lib, allowed) in libraries {
                if !allowed && speaks(&code, lib) {
                    broken.push(format!("{shown}: `{module}` speaks `{lib}`"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layer rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_layer_check_sees_what_it_must() {
    // The reader of paths itself: a grouped import, a path inside code, a
    // comment that must not count.
    let code = code_of(
        "use crate::{db::Pool, search};\nlet x = crate::web::router(s); // crate::ingest\n",
    );
    let named: Vec<String> = named_modules(&code).into_iter().collect();
    assert_eq!(named, ["db", "search", "web"]);
    assert!(speaks("use sqlx::SqlitePool;", "sqlx"));
    assert!(speaks("#[derive(sqlx::FromRow)]", "sqlx"));
    assert!(!speaks("use crate::db::sqlx_free::x;", "sqlx"));
    assert!(!speaks("hyper_util::rt", "hyper"));
}

/// The data file (`lexicon/words/…`) a source file's word lists are read from,
/// and the sections it names.
fn word_lists_of(code: &str) -> Option<(String, Vec<String>)> {
    // Calls as rustfmt may break them: white space squeezed, none after "(".
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let code = code.replace("( ", "(");
    if !code.contains("include_str!(") {
        return None;
    }
    let start = code.find("WordFile::new(\"")? + "WordFile::new(\"".len();
    let file = code[start..][..code[start..].find('"')?].to_owned();
    let mut sections = Vec::new();
    for marker in ["WordList::new(&WORDS, \"", "PhraseList::new(&WORDS, \""] {
        for (i, _) in code.match_indices(marker) {
            let rest = &code[i + marker.len()..];
            sections.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    Some((file, sections))
}

#[test]
fn every_section_the_code_names_is_in_its_file() {
    let root = src().parent().unwrap().to_owned();
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for files in files_by_module().values() {
        for (_, code) in files {
            if let Some((file, sections)) = word_lists_of(code) {
                used.entry(file).or_default().extend(sections);
            }
        }
    }
    assert!(used.len() >= 5, "the rules' word lists are found: {used:?}");
    for (file, sections) in &used {
        let text: &'static str = fs::read_to_string(root.join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .leak();
        let words = communiques::domain::words::WordFile::new("", text);
        let in_file: BTreeSet<String> = words
            .section_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let missing: Vec<_> = sections.difference(&in_file).collect();
        let unused: Vec<_> = in_file.difference(sections).collect();
        assert!(missing.is_empty(), "{file}: no section {missing:?}");
        assert!(
            unused.is_empty(),
            "{file}: sections no rule reads {unused:?}"
        );
        for section in sections {
            let entries = words.section(section);
            assert!(!entries.is_empty(), "{file}: [{section}] is empty");
            let mut seen = BTreeSet::new();
            for e in entries {
                assert!(seen.insert(e), "{file}: [{section}] lists {e:?} twice");
            }
        }
    }
}

#[test]
fn addresses_are_built_by_web_urls_alone() {
    let root = src().parent().unwrap().to_owned();
    let mut broken = Vec::new();
    // Templates link through `urls::…`, never a path of their own.
    let mut templates = Vec::new();
    fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                html_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    html_files(&root.join("templates"), &mut templates);
    assert!(templates.len() >= 10, "the templates are found");
    for path in &templates {
        let text = fs::read_to_string(path).unwrap();
        for attr in ["href=\"/", "action=\"/", "src=\"/"] {
            if text.contains(attr) {
                broken.push(format!("{}: {attr}…", path.display()));
            }
        }
    }
    // The web layer formats no path by hand: the routes (`web.rs`), the
    // module of addresses and the API's own description of its endpoints
    // write them.
    for (path, code) in files_by_module().remove("web").unwrap_or_default() {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if ["src/web.rs", "src/web/urls.rs", "src/web/api/index.rs"].contains(&rel.as_str()) {
            continue;
        }
        for pattern in [
            "format!(\"/",
            "\"/api/v1",
            "\"/communiques",
            "\"/pays",
            "\"/personnes",
        ] {
            if code.contains(pattern) {
                broken.push(format!("{rel}: {pattern}…"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "addresses written by hand:\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_page_and_its_json_twin_render_one_loader_and_never_each_other() {
    let mut families = 0;
    let mut broken = Vec::new();
    for entry in fs::read_dir(src().join("web")).unwrap().flatten() {
        let dir = entry.path();
        if !dir.is_dir() || !dir.join("html.rs").exists() {
            continue;
        }
        families += 1;
        let family = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            src().join("web").join(format!("{family}.rs")).exists(),
            "web/{family}: its loader is web/{family}.rs"
        );
        for (file, other) in [("html.rs", "json"), ("json.rs", "html")] {
            let Ok(text) = fs::read_to_string(dir.join(file)) else {
                continue;
            };
            let code = code_of(&text);
            // Its twin, or any family's renderer: views come from loaders.
            if code.contains(&format!("{other}::")) || code.contains("::html::") {
                broken.push(format!("src/web/{family}/{file} names a renderer"));
            }
        }
    }
    assert!(families >= 5, "the page families are found: {families}");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
