//! Adversarial text: pages built to make the reading slow or wrong are read
//! in time linear in their length.

use std::path::Path;
use std::time::{Duration, Instant};

use communiques::analysis::parse::parse;
use communiques::analysis::read::decode;

/// The shortest of `runs` parses of `text`: the least disturbed by the
/// other work of a shared machine.
fn parse_time(text: &str, runs: usize) -> Duration {
    let file = decode(Path::new("adversarial.txt"), text.as_bytes()).expect("decodes");
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let articles = parse(&file).expect("articles");
            assert!(!articles.is_empty());
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// Ten times the text may take ten times as long; reading it again for each
/// item would take a hundred times. The bound leaves room for noise.
const MAX_RATIO_FOR_TEN_TIMES: f64 = 30.0;

/// The `i`th pair of lines of an adversarial page.
type Pair = fn(usize) -> String;

/// Short lines without a final full stop alternating with prose, in the
/// shapes that made splitting read the whole article so far for each item:
/// each pair dated alike (the same event again?), undated, or separated by
/// blank lines.
#[test]
fn pairs_of_short_lines_and_prose_are_read_in_linear_time() {
    let shapes: [(&str, Pair); 3] = [
        ("dated", |_| {
            "Titre court\n\nLe lundi 3 mars 2025, le ministre a reçu une délégation.\n\n".to_owned()
        }),
        ("undated", |i| {
            format!(
                "Titre court numéro {i} sans point\nLe ministre a reçu une délégation pour parler de coopération et de projets {i}.\n"
            )
        }),
        ("weekday", |i| {
            format!(
                "Audience numéro {i}\n\nLe ministre a reçu ce lundi une délégation, puis vendredi une autre.\n\n"
            )
        }),
    ];
    for (name, pair) in shapes {
        let text = |n: usize| (0..n).map(pair).collect::<String>();
        // The small one more often: noise there would hide a slow large one.
        let small = parse_time(&text(2_000), 5);
        let large = parse_time(&text(20_000), 2);
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
        assert!(
            ratio < MAX_RATIO_FOR_TEN_TIMES,
            "{name}: 20,000 pairs took {large:?}, 2,000 took {small:?} ({ratio:.1} times)"
        );
    }
}
