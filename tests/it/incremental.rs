//! Ingests that cost what they add: an archive grown run by run updates its
//! counts and its search index for what each run changed, in place of
//! rebuilding them, and holds the same counts and answers every search as
//! the same archive with both built anew.

use std::fs;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use communiques::ingest::{self, IndexWork};
use tempfile::TempDir;

use crate::support::{alter, app, get_from, ingest_blocking, ingest_blocking_with, seed_files};

fn dev_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(crate::support::repo().join("tests/fixtures/dev/raw"))
            .expect("tests/fixtures/dev/raw")
            .map(|e| e.expect("readable entry").path())
            .collect();
    files.sort();
    files
}

/// The same database in another data folder, its counts and its index
/// built anew.
fn rebuilt_copy(data: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    let db = communiques::db::database_path(data);
    fs::copy(&db, communiques::db::database_path(to)).unwrap();
    let to = to.to_path_buf();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            // Counts of another version: the upgrade counts everything anew.
            alter(
                &to,
                &["UPDATE archive_meta SET value = 'stale' WHERE key = 'aggregates'"],
            )
            .await;
            ingest::upgrade(&to).await.unwrap()
        })
    })
    .join()
    .unwrap();
}

/// Every row of the tables computed at ingest, and the counts kept in the
/// persons', countries' and archive's rows, as text.
async fn aggregates(data: &Path) -> Vec<(String, Vec<String>)> {
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let mut out = Vec::new();
    for table in [
        "listed_group",
        "listed_month",
        "listed_day",
        "file_holding",
        "person_group",
        "country_group",
        "issuer_group",
        "person_month",
        "country_month",
        "issuer_month",
        "person_country",
        "person_pair",
        "person_role",
        "issuer",
        "issuer_spelling",
        "issuer_body",
    ] {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&pool)
                .await
                .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row} FROM {table} ORDER BY 1"))
                .fetch_all(&pool)
                .await
                .unwrap();
        let mut rows = rows;
        rows.sort();
        out.push((table.to_owned(), rows));
    }
    for (name, sql) in [
        (
            "person",
            "SELECT id || ',' || communiques FROM person ORDER BY id",
        ),
        (
            "country",
            "SELECT code || ',' || partner || ',' || mentioned FROM country ORDER BY code",
        ),
        (
            "listed",
            "SELECT value FROM archive_meta WHERE key = 'listed'",
        ),
    ] {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
        out.push((name.to_owned(), rows));
    }
    pool.close().await;
    out
}

/// Every search worth asking of an archive: each person's name, each
/// country as a filter, words of every kind of communiqué, a phrase, sorted
/// by date, and an issuer filter.
async fn searches(app: &axum::Router) -> Vec<String> {
    let mut uris: Vec<String> = [
        "coopération",
        "ministre",
        "ambassadeur",
        "sécurité",
        "\"premier ministre\"",
        "président OU transition",
    ]
    .iter()
    .map(|q| format!("/api/v1/recherche?q={}", urlencode(q)))
    .collect();
    uris.push("/api/v1/recherche?q=ministre&tri=date".to_owned());
    let persons = get_from(app, "/api/v1/personnes?per_page=100").await;
    let persons: serde_json::Value = serde_json::from_str(&persons.body).unwrap();
    for p in persons["data"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q={}", urlencode(name)));
    }
    let countries = get_from(app, "/api/v1/pays").await;
    let countries: serde_json::Value = serde_json::from_str(&countries.body).unwrap();
    for c in countries["data"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q=ministre&pays={code}"));
    }
    let issuers = get_from(app, "/api/v1/emetteurs").await;
    let issuers: serde_json::Value = serde_json::from_str(&issuers.body).unwrap();
    for i in issuers["data"].as_array().unwrap() {
        let slug = i["slug"].as_str().unwrap();
        uris.push(format!("/api/v1/recherche?q=le&emetteur={slug}"));
    }
    uris
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn an_archive_grown_run_by_run_counts_and_searches_like_one_built_anew() {
    let dir = TempDir::new().unwrap();
    let grown = dir.path().join("grown");
    let files = dev_files();
    let (first, rest) = files.split_at(40);
    let (second, third) = rest.split_at(25);
    assert_eq!(
        ingest_blocking(&grown, first).index,
        IndexWork::Rebuilt(listed_count(&grown).await),
        "a new archive's index is built"
    );
    for run in [second, third, &seed_files()[..]] {
        let summary = ingest_blocking(&grown, run);
        assert!(!summary.failed(), "{:?}", summary.errors);
        assert!(
            matches!(summary.index, IndexWork::Updated { added, .. } if added > 0),
            "{}",
            summary.index
        );
    }
    // Nothing new: nothing to write.
    assert_eq!(ingest_blocking(&grown, second).index, IndexWork::Unchanged);

    let anew = dir.path().join("anew");
    rebuilt_copy(&grown, &anew);
    let (counted, recounted) = (aggregates(&grown).await, aggregates(&anew).await);
    for ((table, a), (_, b)) in counted.iter().zip(&recounted) {
        assert!(!a.is_empty(), "{table} has rows");
        assert_eq!(a, b, "{table}: updated run by run, and counted anew");
    }
    let (grown, anew) = (app(&grown).await, app(&anew).await);
    let uris = searches(&grown).await;
    assert!(uris.len() > 40, "{} searches", uris.len());
    let mut hits = 0;
    for uri in &uris {
        let uri = format!("{uri}&per_page=100");
        let (a, b) = (get_from(&grown, &uri).await, get_from(&anew, &uri).await);
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        let (a, b) = (found(&a.body), found(&b.body));
        assert_eq!(a, b, "{uri}");
        hits += a.0;
    }
    assert!(hits > 100, "the searches find communiqués ({hits})");
}

/// What a search found: its total, its counts, and the communiqués of its
/// page as a set when the page holds them all. Scores, and so the order of
/// equal matches, follow term statistics that count removed documents
/// until segments merge: the order is not compared.
fn found(body: &str) -> (u64, serde_json::Value, Vec<String>) {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    let total = json["meta"]["total"].as_u64().unwrap();
    let mut slugs: Vec<String> = json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["slug"].as_str().unwrap().to_owned())
        .collect();
    slugs.sort();
    if total as usize > slugs.len() {
        slugs.clear();
    }
    (total, json["meta"]["facets"].clone(), slugs)
}

/// The number of listed communiqués of the archive in `data`.
async fn listed_count(data: &Path) -> usize {
    let app = app(data).await;
    let list = get_from(&app, "/api/v1/communiques?per_page=1").await;
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    json["meta"]["total"].as_u64().unwrap() as usize
}

/// Brings the archive in `data` up to date, as `serve` does before serving.
fn upgrade_blocking(data: &Path) {
    let data = data.to_path_buf();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(ingest::upgrade(&data))
            .unwrap()
    })
    .join()
    .unwrap();
}

/// Every communiqué's id, slug and the group it is listed under.
async fn groups(data: &Path) -> Vec<(i64, String, i64)> {
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let rows = sqlx::query_as("SELECT id, slug, group_id FROM communique ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    rows
}

/// A communiqué's rows as its grouping key should say them: date, group,
/// slug, issuing body, title, body.
type Row = (
    i64,
    Option<String>,
    i64,
    String,
    bool,
    Option<String>,
    String,
);

/// Checks that every grouping key kept says what its communiqué's rows say
/// now (date, group, slug, issuing body, length, words, persons, partners,
/// pages); returns how many there are.
async fn keys_hold(data: &Path) -> usize {
    use communiques::analysis::dedupe::{page_key, person_key, signature};
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let kept = communiques::db::grouping_keys::all_kept(&pool)
        .await
        .unwrap();
    for (key_date, id, key) in &kept {
        let key = key
            .as_ref()
            .unwrap_or_else(|| panic!("communiqué {id}: key does not unpack"));
        let (_, date, group, slug, official, title, body): Row = sqlx::query_as(
            "SELECT id, date, group_id, slug, issuer_body IS NOT NULL, title, body
             FROM communique WHERE id = ?",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(Some(key_date), date.as_ref(), "communiqué {id}: date");
        assert_eq!(key.group_id, group, "communiqué {id}: group");
        assert_eq!(key.slug, slug, "communiqué {id}: slug");
        assert_eq!(key.official, official, "communiqué {id}: issuing body");
        assert_eq!(
            key.body_chars as usize,
            body.chars().count(),
            "communiqué {id}: length"
        );
        let words = signature(title.as_deref(), &body);
        assert_eq!(key.words, words.hashes(), "communiqué {id}: words");
        let named: Vec<String> = sqlx::query_scalar(
            "SELECT p.name FROM person_mention m JOIN person p ON p.id = m.person_id
             WHERE m.communique_id = ?",
        )
        .bind(id)
        .fetch_all(&pool)
        .await
        .unwrap();
        let mut persons: Vec<i64> = named.iter().map(|n| person_key(n)).collect();
        persons.sort_unstable();
        persons.dedup();
        assert_eq!(key.persons, persons, "communiqué {id}: persons");
        let mut partners: Vec<String> = sqlx::query_scalar(
            "SELECT code FROM country_mention WHERE communique_id = ? AND role = 'partner'",
        )
        .bind(id)
        .fetch_all(&pool)
        .await
        .unwrap();
        partners.sort();
        partners.dedup();
        let key_partners: Vec<&str> = key.partners.iter().map(|c| c.as_str()).collect();
        assert_eq!(key_partners, partners, "communiqué {id}: partners");
        let files: Vec<String> =
            sqlx::query_scalar("SELECT file_sha256 FROM source WHERE communique_id = ?")
                .bind(id)
                .fetch_all(&pool)
                .await
                .unwrap();
        let mut pages: Vec<u64> = files.iter().map(|f| page_key(f)).collect();
        pages.sort_unstable();
        pages.dedup();
        assert_eq!(key.pages, pages, "communiqué {id}: pages");
    }
    pool.close().await;
    kept.len()
}

/// The grouping keys are a cache of what the texts and mentions give: an
/// archive grown run by run groups every run's communiqués with those of
/// earlier runs exactly as when every earlier text is read again, and the
/// keys it keeps, through new runs and through readings again by new
/// rules, say what the rows say.
#[tokio::test]
async fn grouping_keys_group_as_the_texts_do_and_say_what_the_rows_say() {
    let dir = TempDir::new().unwrap();
    let (kept, read) = (dir.path().join("kept"), dir.path().join("read"));
    let files = dev_files();
    let seeds = seed_files();
    // Runs of ten files: reports of one event in files far apart are
    // grouped across runs. The seeds twice: the second time, every one of
    // their files is known.
    let mut runs: Vec<&[PathBuf]> = files.chunks(10).collect();
    runs.insert(2, &seeds);
    runs.push(&seeds);
    // The first id each run gave.
    let mut firsts = Vec::new();
    for run in runs {
        if read.exists() {
            alter(&read, &["DELETE FROM grouping_key"]).await;
        }
        let stored = if kept.exists() {
            groups(&kept).await
        } else {
            Vec::new()
        };
        firsts.push(stored.last().map_or(1, |(id, _, _)| id + 1));
        for data in [&kept, &read] {
            let summary = ingest_blocking(data, run);
            assert!(!summary.failed(), "{:?}", summary.errors);
        }
    }
    let held = keys_hold(&kept).await;
    let (kept_groups, read_groups) = (groups(&kept).await, groups(&read).await);
    assert!(held > 100, "{held} keys kept");
    assert_eq!(
        kept_groups, read_groups,
        "grouped from the keys, and from the texts"
    );
    let run_of = |id: i64| firsts.iter().filter(|&&first| first <= id).count();
    let across = kept_groups
        .iter()
        .filter(|(id, _, group)| run_of(*id) != run_of(*group))
        .count();
    assert!(
        across >= 3,
        "{across} communiqués grouped with one of another run"
    );

    // Every third communiqué read by older rules: readings and entities are
    // read again, the keys of those that change are forgotten, their dates
    // grouped again.
    for data in [&kept, &read] {
        alter(
            data,
            &["UPDATE communique SET reading_version = 0, entities_version = 0 WHERE id % 3 = 0"],
        )
        .await;
    }
    alter(&read, &["DELETE FROM grouping_key"]).await;
    upgrade_blocking(&kept);
    upgrade_blocking(&read);
    let after = keys_hold(&kept).await;
    assert!(after > held / 2, "{after} keys kept of {held}");
    assert_eq!(groups(&kept).await, groups(&read).await);

    // Keys counted by other rules are all forgotten, and the next run makes
    // one for every dated communiqué, as for an archive made before them.
    alter(
        &kept,
        &["UPDATE archive_meta SET value = 'older' WHERE key = 'grouping_rules'"],
    )
    .await;
    upgrade_blocking(&kept);
    let dated = count(
        &kept,
        "SELECT COUNT(*) FROM communique WHERE date IS NOT NULL",
    )
    .await;
    assert_eq!(keys_hold(&kept).await as i64, dated);
}

/// What a counting query says of the archive in `data`.
async fn count(data: &Path, sql: &str) -> i64 {
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let n = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

/// How many files the archive in `data` records as seen.
async fn files_seen(data: &Path) -> i64 {
    count(data, "SELECT COUNT(*) FROM file_seen").await
}

/// Sets a file's modification time.
fn set_modified(path: &Path, time: std::time::SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

/// A file found as a run read it (same path, size and modification time)
/// is recognised by the hash recorded then, without being read: a change
/// that keeps both is only seen with `rehash`, which reads every file; a
/// file whose time changed is read again; a file changed just before it
/// was read is not recorded, so a change in the same tick is never missed.
#[tokio::test]
async fn files_found_as_a_run_read_them_are_recognised_without_reading_them() {
    let dir = TempDir::new().unwrap();
    let (input, data) = (dir.path().join("input"), dir.path().join("data"));
    fs::create_dir_all(&input).unwrap();
    let mut files = Vec::new();
    for seed in seed_files() {
        let to = input.join(seed.file_name().unwrap());
        fs::copy(&seed, &to).unwrap();
        files.push(to);
    }
    let first = ingest_blocking(&data, std::slice::from_ref(&input));
    assert!(!first.failed() && first.added > 0, "{first}");
    assert_eq!(
        files_seen(&data).await,
        0,
        "files written just now are not recorded"
    );

    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in &files {
        set_modified(f, an_hour_ago);
    }
    let second = ingest_blocking(&data, std::slice::from_ref(&input));
    assert_eq!((second.added, second.already_stored), (0, first.articles));
    assert_eq!(
        files_seen(&data).await,
        files.len() as i64,
        "every file recorded"
    );

    // The same size and time, another text: recognised by what was recorded.
    let changed = &files[0];
    let text = fs::read_to_string(changed).unwrap();
    let at = text.find("le ").expect("a French text");
    let other = format!("{}la {}", &text[..at], &text[at + 3..]);
    assert_eq!(other.len(), text.len());
    fs::write(changed, &other).unwrap();
    set_modified(changed, an_hour_ago);
    let third = ingest_blocking(&data, std::slice::from_ref(&input));
    assert_eq!((third.added, third.already_stored), (0, first.articles));

    // Read again, the change is found.
    let rehashed = ingest_blocking_with(
        &data,
        std::slice::from_ref(&input),
        ingest::Options { rehash: true },
    );
    assert!(!rehashed.failed(), "{:?}", rehashed.errors);
    assert!(rehashed.added >= 1, "{rehashed}");

    // A new time: the file is read again, its new text stored.
    let touched = &files[1];
    let text = fs::read_to_string(touched).unwrap();
    let at = text.find("le ").expect("a French text");
    fs::write(touched, format!("{}la {}", &text[..at], &text[at + 3..])).unwrap();
    set_modified(touched, an_hour_ago + std::time::Duration::from_secs(60));
    let fourth = ingest_blocking(&data, std::slice::from_ref(&input));
    assert!(!fourth.failed(), "{:?}", fourth.errors);
    assert!(fourth.added >= 1, "{fourth}");
}

/// A communiqué whose key was forgotten and which left its date (a new
/// reading gave it another) makes that date read as changed: its groups
/// are not replayed from the keys (`dedupe::group_again` holds only when
/// no communiqué left), and the key left behind is removed.
#[tokio::test]
async fn a_date_a_communique_left_is_not_replayed_from_its_keys() {
    use communiques::db::grouping_keys;
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("data");
    let summary = ingest_blocking(&data, &seed_files());
    assert!(!summary.failed(), "{:?}", summary.errors);
    let pool = communiques::db::open_for_writing(&communiques::db::database_path(&data))
        .await
        .unwrap();
    // A date of several communiqués, each with its key.
    let (day, id): (String, i64) = sqlx::query_as(
        "SELECT date, MIN(id) FROM grouping_key GROUP BY date HAVING COUNT(*) > 1 LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let date = time::Date::parse(
        &day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .unwrap();
    let other = date.next_day().unwrap();
    let mut tx = pool.begin().await.unwrap();
    let before = grouping_keys::on_date(&mut tx, date, i64::MAX)
        .await
        .unwrap();
    assert!(!before.left && before.missing.is_empty(), "{before:?}");
    let kept = before.keys.len();

    // As a new reading does: the key forgotten, the date changed.
    grouping_keys::forget(&mut tx, &[id]).await.unwrap();
    sqlx::query("UPDATE communique SET date = ? WHERE id = ?")
        .bind(other.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    let left = grouping_keys::on_date(&mut tx, date, i64::MAX)
        .await
        .unwrap();
    assert!(left.left, "the date it left knows");
    assert_eq!(left.keys.len(), kept - 1);
    assert!(left.keys.iter().all(|k| k.id != id));
    // The key left behind is gone: the date reads as unchanged from now on.
    let again = grouping_keys::on_date(&mut tx, date, i64::MAX)
        .await
        .unwrap();
    assert!(!again.left);
    // On its new date it has no key: read again from its text.
    let joined = grouping_keys::on_date(&mut tx, other, i64::MAX)
        .await
        .unwrap();
    assert!(joined.missing.contains(&id), "{joined:?}");
    tx.rollback().await.unwrap();
    pool.close().await;
}

/// Counting everything anew drops the listings' indexes to fill their
/// tables in order, and makes them again: the archive's schema is the
/// migrations' after it.
#[tokio::test]
async fn counting_anew_leaves_the_schema_as_the_migrations_made_it() {
    let dir = TempDir::new().unwrap();
    let (data, empty) = (dir.path().join("data"), dir.path().join("empty"));
    let summary = ingest_blocking(&data, &seed_files());
    assert!(!summary.failed(), "{:?}", summary.errors);
    let schema = |data: PathBuf| async move {
        let pool = communiques::db::open_for_writing(&communiques::db::database_path(&data))
            .await
            .unwrap();
        let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        rows
    };
    let (counted, migrated) = (schema(data).await, schema(empty).await);
    assert!(
        counted
            .iter()
            .any(|(kind, name, _)| kind == "index" && name == "person_group_group")
    );
    assert_eq!(counted, migrated);
}

/// Each archived dump's count of articles, by hash, as its sources say.
async fn file_articles_and_sources(data: &Path) -> (Vec<(String, i64)>, Vec<(String, i64)>) {
    let pool = communiques::db::open_read_only(&communiques::db::database_path(data))
        .await
        .unwrap();
    let kept = sqlx::query_as("SELECT sha256, articles FROM file_articles ORDER BY sha256")
        .fetch_all(&pool)
        .await
        .unwrap();
    let counted = sqlx::query_as(
        "SELECT file_sha256, COUNT(*) FROM source GROUP BY file_sha256 ORDER BY file_sha256",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    (kept, counted)
}

/// What tells a dump archived, and how many articles it held, is kept by
/// its hash as its sources count it: run after run (a dump copied under
/// another name is the same dump), and made from the sources for an
/// archive of older code. A run over the same dumps then finds every
/// article archived.
#[tokio::test]
async fn each_archived_dump_keeps_the_count_of_its_articles_as_its_sources_say() {
    let dir = TempDir::new().unwrap();
    let (input, data) = (dir.path().join("input"), dir.path().join("data"));
    fs::create_dir_all(&input).unwrap();
    let dev = dev_files();
    let first = ingest_blocking(&data, &dev[..dev.len() / 2]);
    assert!(!first.failed(), "{first}");
    let copy = input.join("copy-under-another-name.txt");
    fs::copy(&dev[0], &copy).unwrap();
    let mut rest = dev[dev.len() / 2..].to_vec();
    rest.extend(seed_files());
    rest.push(copy);
    let second = ingest_blocking(&data, &rest);
    assert!(!second.failed(), "{second}");
    assert!(second.already_stored > 0, "the copy is the dump archived");

    let (kept, counted) = file_articles_and_sources(&data).await;
    assert!(kept.len() > 50, "{} dumps", kept.len());
    assert_eq!(kept, counted);

    let mut all = dev.clone();
    all.extend(seed_files());
    let again = ingest_blocking(&data, &all);
    assert_eq!(again.added, 0);
    assert_eq!(again.already_stored, again.articles);
    assert_eq!(
        again.articles,
        first.articles + second.articles - second.already_stored
    );

    // An archive of older code: the migration counts its dumps' sources.
    alter(
        &data,
        &[
            "DROP TABLE file_articles",
            "DELETE FROM _sqlx_migrations WHERE version = 22",
        ],
    )
    .await;
    upgrade_blocking(&data);
    assert_eq!(
        file_articles_and_sources(&data).await,
        (counted.clone(), counted)
    );
}
