//! Ingest on real input: idempotent, deterministic, merging duplicates and
//! versions, all or nothing, and clear about bad files.

use std::fs;

use axum::http::StatusCode;
use tempfile::TempDir;

use crate::support::{all_slugs, get_on, ingest_blocking, seed_files, seeds_dir};

#[tokio::test]
async fn the_moscow_meeting_is_listed_once_with_both_sources() {
    let list = crate::support::get_json("/api/v1/communiques?per_page=100", StatusCode::OK).await;
    // 17 articles, 16 events: the 24 June 2025 meeting counts once.
    assert_eq!(list["meta"]["total"], 16);
    let moscow: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["date"] == "2025-06-24")
        .collect();
    assert_eq!(moscow.len(), 1, "one line for the event");
    assert_eq!(moscow[0]["other_versions"], 1);
    let slug = moscow[0]["slug"].as_str().unwrap();
    let detail =
        crate::support::get_json(&format!("/api/v1/communiques/{slug}"), StatusCode::OK).await;
    let other = detail["versions"][0]["slug"].as_str().unwrap().to_owned();
    let other =
        crate::support::get_json(&format!("/api/v1/communiques/{other}"), StatusCode::OK).await;
    let mut files: Vec<String> = [&detail, &other]
        .iter()
        .map(|d| {
            d["sources"][0]["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["000_4b2723939d2ec689.txt", "002_1f3c76951abe5571.txt"]
    );
    assert_eq!(
        other["versions"][0]["slug"], slug,
        "each version links the other"
    );
    // The two Prime Minister audiences of 8 January 2026 stay two events.
    assert_eq!(
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["date"] == "2026-01-08")
            .count(),
        2
    );
}

#[tokio::test]
async fn slugs_are_the_same_in_two_fresh_archives() {
    let (a, b) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    ingest_blocking(a.path(), &[seeds_dir()]);
    // The other archive reads the files one by one, in reverse order.
    let mut files = seed_files();
    files.reverse();
    for f in &files {
        ingest_blocking(b.path(), std::slice::from_ref(f));
    }
    let slugs = all_slugs(a.path()).await;
    assert_eq!(slugs.len(), 17);
    assert_eq!(slugs, all_slugs(b.path()).await);
    assert!(
        slugs.contains(
            &"2026-01-08-le-premier-recoit-la-nouvelle-chargee-d-affaires-de-l-ambassade-du"
                .to_owned()
        ),
        "{slugs:?}"
    );
    for s in &slugs {
        assert!(
            s.len() <= 80
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{s}"
        );
    }
}

#[test]
fn a_second_run_changes_nothing_and_new_files_add_only_what_is_new() {
    let dir = TempDir::new().unwrap();
    let files = seed_files();
    let first = ingest_blocking(dir.path(), &files[..3]);
    assert_eq!((first.files, first.articles, first.added), (3, 7, 7));
    let all = ingest_blocking(dir.path(), &[seeds_dir()]);
    assert_eq!((all.added, all.already_stored, all.duplicates), (10, 7, 0));
    assert_ne!(first.version, all.version);
    let again = ingest_blocking(dir.path(), &[seeds_dir()]);
    assert_eq!(
        (again.added, again.already_stored, again.duplicates),
        (0, 17, 0)
    );
    assert_eq!(again.version, all.version, "nothing changed, same version");
    assert!(!again.failed());
}

#[tokio::test]
async fn an_exact_copy_in_another_encoding_is_one_communique_with_two_sources() {
    let dir = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let original = seed_files()
        .into_iter()
        .find(|p| p.ends_with("003_9aadc6d45bcc29c5.txt"))
        .unwrap();
    let text = fs::read_to_string(&original).unwrap();
    // The same page saved by another tool: Windows-1252, CRLF line ends.
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&crlf);
    assert!(!unmappable, "the seed is representable in Windows-1252");
    let copy = inputs.path().join("copie-windows.txt");
    fs::write(&copy, &bytes).unwrap();
    let summary = ingest_blocking(dir.path(), &[original, copy]);
    assert_eq!(
        (summary.articles, summary.added, summary.duplicates),
        (18, 9, 9)
    );
    let r = get_on(dir.path(), "/api/v1/communiques/2026-01-06-ceremonie-de-presentation-des-lettres-de-creance-au-palais-de").await;
    let detail: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let files: Vec<&str> = detail["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[1].ends_with("copie-windows.txt"));
}

#[test]
fn bad_files_are_named_and_skipped_and_the_good_ones_ingested() {
    let dir = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let p = |name: &str| inputs.path().join(name);
    fs::write(p("vide.txt"), "").unwrap();
    fs::write(p("binaire.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    fs::write(
        p("menus.txt"),
        "• Accueil\n• Politique\nAucun résultat\nAfficher tous les résultats\n0\n© 2025 Site\n",
    )
    .unwrap();
    fs::write(p("une-ligne.txt"), "a".repeat(20 * 1024 * 1024)).unwrap();
    fs::copy(seed_files()[0].clone(), p("bon.txt")).unwrap();
    let missing = inputs.path().join("absent.txt");
    let summary = ingest_blocking(dir.path(), &[inputs.path().to_path_buf(), missing]);
    assert!(summary.failed());
    assert_eq!(summary.errors.len(), 5, "{:#?}", summary.errors);
    for (name, what) in [
        ("vide.txt", "empty file"),
        ("binaire.txt", "binary file"),
        ("menus.txt", "no article found"),
        ("une-ligne.txt", "line 1 has 20971520 characters"),
        ("absent.txt", "no such file"),
    ] {
        assert!(
            summary
                .errors
                .iter()
                .any(|e| e.contains(name) && e.contains(what)),
            "{name}: {what} in {:#?}",
            summary.errors
        );
    }
    assert_eq!(
        (summary.files, summary.added),
        (1, 2),
        "the good file is archived"
    );
}

#[test]
fn a_failed_run_leaves_the_archive_as_it_was() {
    let dir = TempDir::new().unwrap();
    let files = seed_files();
    let before = ingest_blocking(dir.path(), &files[..1]);
    // SQLite cannot create its rollback journal where a folder of that name stands:
    // the run fails when it first writes.
    let journal = communiques::db::database_path(dir.path()).with_extension("sqlite-journal");
    fs::create_dir(&journal).unwrap();
    let (data, rest) = (dir.path().to_path_buf(), files[1..].to_vec());
    let failed = std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(communiques::ingest::run(&data, &rest))
    })
    .join()
    .unwrap();
    assert!(failed.is_err(), "the run reports the database failure");
    fs::remove_dir(&journal).unwrap();
    let after = ingest_blocking(dir.path(), &files[..1]);
    assert_eq!((after.added, after.already_stored), (0, before.added));
    assert_eq!(
        after.version, before.version,
        "nothing of the failed run was stored"
    );
}

/// An archive built by older rules, read again by the current ones: the
/// headline and date are read anew from the stored text, the slug follows,
/// and the address the old rules gave answers with a 301 to the new one
/// (page and API), while the old slug is never given to another communiqué.
#[test]
fn permalinks_outlive_better_rules() {
    let dir = TempDir::new().unwrap();
    ingest_blocking(dir.path(), &seed_files());
    let path = communiques::db::database_path(dir.path());
    let old_slug = "2025-01-01-un-titre-lu-par-des-regles-anciennes";
    let rt = tokio::runtime::Runtime::new().unwrap();
    let current: String = rt.block_on(async {
        let pool = communiques::db::open_for_writing(&path).await.unwrap();
        let (id, slug): (i64, String) = sqlx::query_as(
            "SELECT id, slug FROM communique WHERE title LIKE 'Le Premier reçoit la nouvelle Chargée%'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        // What older rules had read: another headline and date, so another slug.
        sqlx::query(
            "UPDATE communique SET slug = ?, title = 'Un titre lu par des règles anciennes',
             date = '2025-01-01', reading_version = 0 WHERE id = ?",
        )
        .bind(old_slug)
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        slug
    });
    // The upgrade a server does at start (and every ingest) reads it again.
    rt.block_on(communiques::ingest::upgrade(dir.path()))
        .unwrap();
    rt.block_on(async {
        let page = get_on(dir.path(), &format!("/communiques/{current}")).await;
        assert_eq!(page.status, StatusCode::OK, "the current slug is back");
        assert!(page.body.contains("Le Premier reçoit la nouvelle Chargée"));
        for (uri, location) in [
            (
                format!("/communiques/{old_slug}"),
                format!("/communiques/{current}"),
            ),
            (
                format!("/api/v1/communiques/{old_slug}"),
                format!("/api/v1/communiques/{current}"),
            ),
        ] {
            let r = get_on(dir.path(), &uri).await;
            assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY, "{uri}");
            assert_eq!(r.headers["location"], location.as_str(), "{uri}");
        }
        // An address nobody ever had is still a 404.
        let r = get_on(dir.path(), "/communiques/2025-01-01-jamais-donne").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    });
    // A second upgrade changes nothing and keeps the redirect.
    rt.block_on(communiques::ingest::upgrade(dir.path()))
        .unwrap();
    let r = rt.block_on(get_on(dir.path(), &format!("/communiques/{old_slug}")));
    assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY);
}

/// An agency's dispatch that gives its day without any year ("TUNIS, 14 mars
/// (Agence) -- … jeudi"), and a press report of the same audience that
/// dates it in full.
const YEARLESS_DISPATCH: &str = "Le ministre des Affaires étrangères reçu par son homologue tunisien

TUNIS, 14 mars (Agence) -- Le ministre malien des Affaires étrangères, Abdoulaye Diop, a été reçu jeudi à Tunis par son homologue tunisien Nabil Ammar, en présence de l'ambassadeur Mohamed Traoré. Les deux ministres ont passé en revue la coopération bilatérale entre le Mali et la Tunisie, notamment dans les domaines de l'éducation, de la santé et du commerce.

M. Diop a transmis un message du président de la Transition. Les deux parties ont convenu de tenir la prochaine commission mixte de coopération à Bamako.
";
const DATED_REPORT: &str = "Mali-Tunisie : Abdoulaye Diop et Nabil Ammar pour une coopération renforcée

Le ministre des Affaires étrangères et de la Coopération internationale, Abdoulaye Diop, a été reçu le jeudi 14 mars 2024 à Tunis par son homologue Nabil Ammar. L'ambassadeur Mohamed Traoré a pris part à la rencontre. Les entretiens ont porté sur la coopération bilatérale, l'éducation, la santé et les échanges commerciaux entre les deux pays.

Le chef de la diplomatie malienne a remis un message du président de la Transition à son hôte. La prochaine commission mixte se tiendra à Bamako.
";

/// The dispatch, archived alone, has no date; once the dated report is
/// archived by a later run, the dispatch takes its year, its address changes
/// and the old one answers with a 301, and the two are versions of one event.
#[test]
fn a_day_without_a_year_is_dated_by_a_version_archived_later() {
    let dir = TempDir::new().unwrap();
    let (dispatch, report) = (
        dir.path().join("depeche.txt"),
        dir.path().join("presse.txt"),
    );
    fs::write(&dispatch, YEARLESS_DISPATCH).unwrap();
    fs::write(&report, DATED_REPORT).unwrap();
    let data = dir.path().join("data");
    ingest_blocking(&data, std::slice::from_ref(&dispatch));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let slugs = rt.block_on(all_slugs(&data));
    assert_eq!(slugs.len(), 1);
    let undated = slugs[0].clone();
    assert!(undated.starts_with("sans-date-"), "{undated}");

    let run = ingest_blocking(&data, std::slice::from_ref(&report));
    assert_eq!((run.added, run.versions), (1, 1), "grouped as versions");
    rt.block_on(async {
        let old = get_on(&data, &format!("/api/v1/communiques/{undated}")).await;
        assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
        let current = old.headers["location"].to_str().unwrap().to_owned();
        assert!(current.contains("/2024-03-14-"), "{current}");
        let detail = get_on(&data, &current).await;
        let json: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
        assert_eq!(json["date"], "2024-03-14");
        assert_eq!(json["date_basis"], "version");
        assert_eq!(json["versions"].as_array().map(Vec::len), Some(1));
    });
    // Both in one run, the dispatch first: the same reading.
    let again = dir.path().join("again");
    ingest_blocking(&again, &[dispatch.clone(), report.clone()]);
    let slugs = rt.block_on(all_slugs(&again));
    assert!(
        slugs.iter().all(|s| s.starts_with("2024-03-14-")),
        "{slugs:?}"
    );

    // `extract` dates it the same way from the files it is given, and not
    // without the version.
    let dates = |files: &[std::path::PathBuf]| {
        let mut out = Vec::new();
        communiques::extract::run(files, &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["file"].as_str().unwrap().ends_with("depeche.txt"))
            .map(|r| r["date"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(dates(&[dispatch.clone(), report]), ["2024-03-14"]);
    assert_eq!(dates(&[dispatch]), [serde_json::Value::Null]);
}

/// A folder with symbolic links back to itself or its parent (`a -> .`,
/// `b -> .`, `loop/up -> ..`) is walked once: each file is read once, the
/// run ends, and each link that leads back is named with where it leads.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_walked_once() {
    use std::os::unix::fs::symlink;

    let dir = TempDir::new().unwrap();
    let root = dir.path().join("dumps");
    fs::create_dir_all(root.join("loop")).unwrap();
    let seeds = seed_files();
    for (i, seed) in seeds.iter().enumerate() {
        let folder = if i < 3 {
            root.clone()
        } else {
            root.join("loop")
        };
        fs::copy(seed, folder.join(seed.file_name().unwrap())).unwrap();
    }
    symlink(".", root.join("a")).unwrap();
    symlink(".", root.join("b")).unwrap();
    symlink("..", root.join("loop").join("up")).unwrap();
    // A link to a file already listed is the same file.
    symlink(seeds[0].file_name().unwrap(), root.join("alias.txt")).unwrap();

    let (files, errors) = communiques::analysis::read::collect_files(std::slice::from_ref(&root));
    assert_eq!(files.len(), seeds.len(), "{files:?} {errors:?}");
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    for link in ["a", "b", "loop/up", "alias.txt"] {
        assert!(
            messages.iter().any(
                |m| m.starts_with(&format!("{}: ", root.join(link).display()))
                    && m.contains("again, through a symbolic link")
            ),
            "{link}: {messages:?}"
        );
    }
    let summary = ingest_blocking(&dir.path().join("data"), &[root]);
    assert_eq!(summary.files, seeds.len());
    assert_eq!(
        (summary.duplicates, summary.errors.len()),
        (0, 4),
        "{:?}",
        summary.errors
    );
}

/// The archive names a source by the folder it was ingested from and the
/// path below it, or by its own name when a file was given: never where the
/// machine kept it (pages, JSON-LD `isBasedOn`, API).
#[test]
fn sources_are_named_without_the_machines_layout() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("depot").join("dumps");
    fs::create_dir_all(root.join("2025")).unwrap();
    let seeds = seed_files();
    fs::copy(&seeds[0], root.join("2025").join("a.txt")).unwrap();
    fs::copy(&seeds[1], dir.path().join("seul.txt")).unwrap();
    assert!(root.is_absolute());
    let data = dir.path().join("data");
    ingest_blocking(&data, &[root.clone(), dir.path().join("seul.txt")]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut names = Vec::new();
        for slug in all_slugs(&data).await {
            let r = get_on(&data, &format!("/api/v1/communiques/{slug}")).await;
            let detail: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            for s in detail["sources"].as_array().unwrap() {
                names.push(s["file"].as_str().unwrap().to_owned());
            }
            let page = get_on(&data, &format!("/communiques/{slug}")).await;
            let layout = dir.path().display().to_string();
            assert!(
                !page.body.contains(&layout),
                "{slug}: the page shows {layout}"
            );
        }
        names.sort();
        names.dedup();
        assert_eq!(names, ["dumps/2025/a.txt", "seul.txt"]);
    });
}
