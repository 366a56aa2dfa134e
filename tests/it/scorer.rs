//! The shared extraction scorer (`score_extract.py`), in Rust, so that the
//! suite scores the dev set with no Python: the same folding, the same
//! monotonic alignment of predicted to gold articles, the same figures.

use std::collections::{BTreeMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One gold article, as `gold.jsonl` gives it.
pub struct Gold {
    pub file: String,
    pub index: usize,
    pub title: Option<String>,
    pub first_words: Option<String>,
    pub date: Option<String>,
    pub date_alternatives: Vec<String>,
    pub persons: Vec<String>,
    pub strict: HashSet<String>,
    pub mentioned: HashSet<String>,
}

/// One predicted article, as `communiques extract` writes it.
pub struct Pred {
    pub file: String,
    pub index: usize,
    pub title: Option<String>,
    pub body: String,
    pub date: Option<String>,
    pub persons: Vec<String>,
    /// (code, role)
    pub countries: Vec<(String, String)>,
}

impl Gold {
    pub fn from_json(v: &serde_json::Value) -> Self {
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let codes = |k: &str| list(k).into_iter().map(|c| c.to_uppercase()).collect();
        Gold {
            file: s("file").expect("gold article without a file"),
            index: v["index"].as_u64().unwrap_or(0) as usize,
            title: s("title"),
            first_words: s("first_words"),
            date: s("date"),
            date_alternatives: list("date_alternatives"),
            persons: list("persons"),
            strict: codes("partner_countries_strict"),
            mentioned: codes("countries_mentioned"),
        }
    }
}

/// The figures the scorer's summary line gives.
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    pub split_f: f64,
    pub titles: f64,
    pub dates: f64,
    pub date_precision: f64,
    pub persons_f: f64,
    pub countries_recall: f64,
    pub countries_precision: f64,
}

/// Letters NFKD does not decompose into a base letter.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ð' => "d",
        'þ' => "th",
        _ => return None,
    })
}

/// The scorer's `fold`: no accents, lower case, runs of anything but a-z0-9
/// as one space.
pub fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| special(c).map_or_else(|| c.to_string(), str::to_owned))
        .collect();
    let plain: String = mapped
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::new();
    let mut space = false;
    for c in plain.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

fn name_key(n: &str) -> Vec<String> {
    let mut k: Vec<String> = fold(n).split_whitespace().map(str::to_owned).collect();
    k.sort();
    k
}

fn words(s: &str) -> HashSet<&str> {
    s.split_whitespace().collect()
}

/// Byte prefix of at most `n` characters (Python slices count characters;
/// folded text is ASCII, so bytes are characters).
fn prefix(s: &str, n: usize) -> &str {
    &s[..n.min(s.len())]
}

fn sim(g: &Gold, p: &Pred) -> f64 {
    let mut scores = Vec::new();
    let pt = fold(p.title.as_deref().unwrap_or(""));
    let gt = fold(g.title.as_deref().unwrap_or(""));
    let body = fold(&p.body);
    if !gt.is_empty() && !pt.is_empty() {
        let (a, b) = (words(&gt), words(&pt));
        let union = a.union(&b).count().max(1);
        scores.push(a.intersection(&b).count() as f64 / union as f64);
    }
    match g.first_words.as_deref().filter(|f| !f.is_empty()) {
        Some(first) => {
            let fw = fold(first);
            let head_text = fold(&format!("{} {}", p.title.as_deref().unwrap_or(""), p.body));
            let head = prefix(&head_text, fw.len() + 400);
            let found = !fw.is_empty() && head.contains(prefix(&fw, 60));
            scores.push(if found { 1.0 } else { 0.0 });
        }
        None if !gt.is_empty() && !body.is_empty() && pt.is_empty() => {
            let found = prefix(&body, 600).contains(prefix(&gt, 50));
            scores.push(if found { 1.0 } else { 0.0 });
        }
        None => {}
    }
    scores.into_iter().fold(0.0, f64::max)
}

/// The scorer's monotonic alignment that maximises similarity (pairs need 0.5).
fn align<'a>(golds: &[&'a Gold], preds: &[&'a Pred]) -> Vec<(&'a Gold, &'a Pred)> {
    let (n, m) = (golds.len(), preds.len());
    let s: Vec<Vec<f64>> = golds
        .iter()
        .map(|g| preds.iter().map(|p| sim(g, p)).collect())
        .collect();
    let take = |best: &Vec<Vec<f64>>, i: usize, j: usize| {
        best[i + 1][j + 1] + if s[i][j] >= 0.5 { s[i][j] } else { -1e9 }
    };
    let mut best = vec![vec![0.0_f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            best[i][j] = best[i + 1][j].max(best[i][j + 1]).max(take(&best, i, j));
        }
    }
    let (mut pairs, mut i, mut j) = (Vec::new(), 0, 0);
    while i < n && j < m {
        if s[i][j] >= 0.5 && best[i][j] == take(&best, i, j) {
            pairs.push((golds[i], preds[j]));
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn f1(tp: usize, np: usize, ng: usize) -> f64 {
    let p = if np > 0 { tp as f64 / np as f64 } else { 1.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 1.0 };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(ok: usize, n: usize) -> f64 {
    if n > 0 { ok as f64 / n as f64 } else { 1.0 }
}

/// Scores predictions against gold articles, as `score_extract.py` does.
pub fn score(golds: &[Gold], preds: &[Pred]) -> Scores {
    let mut gby: BTreeMap<&str, Vec<&Gold>> = BTreeMap::new();
    let mut pby: BTreeMap<&str, Vec<&Pred>> = BTreeMap::new();
    for g in golds {
        gby.entry(&g.file).or_default().push(g);
    }
    for p in preds {
        pby.entry(&p.file).or_default().push(p);
    }
    for v in gby.values_mut() {
        v.sort_by_key(|g| g.index);
    }
    for v in pby.values_mut() {
        v.sort_by_key(|p| p.index);
    }
    let mut matched = Vec::new();
    for (f, gs) in &gby {
        matched.extend(align(gs, pby.get(f).map_or(&[][..], |v| &v[..])));
    }
    let n_pred: usize = gby.keys().map(|f| pby.get(f).map_or(0, Vec::len)).sum();
    let split_f = f1(matched.len(), n_pred, golds.len());

    let dated: Vec<_> = matched.iter().filter(|(g, _)| g.date.is_some()).collect();
    let date_ok = dated.iter().filter(|(g, p)| p.date == g.date).count();
    let given: Vec<_> = matched.iter().filter(|(_, p)| p.date.is_some()).collect();
    let given_ok = given
        .iter()
        .filter(|(g, p)| {
            p.date == g.date
                || g.date_alternatives
                    .iter()
                    .any(|a| p.date.as_deref() == Some(a))
        })
        .count();
    let titled: Vec<_> = matched.iter().filter(|(g, _)| g.title.is_some()).collect();
    let title_ok = titled
        .iter()
        .filter(|(g, p)| {
            fold(p.title.as_deref().unwrap_or("")) == fold(g.title.as_deref().unwrap_or(""))
        })
        .count();

    let (mut ptp, mut pn, mut gn) = (0, 0, 0);
    let (mut strict_ok, mut strict_n, mut cp_ok, mut cp_n) = (0, 0, 0, 0);
    for (g, p) in &matched {
        let gset: HashSet<_> = g.persons.iter().map(|n| name_key(n)).collect();
        let pset: HashSet<_> = p.persons.iter().map(|n| name_key(n)).collect();
        ptp += gset.intersection(&pset).count();
        pn += pset.len();
        gn += gset.len();
        let codes: HashSet<String> = p.countries.iter().map(|(c, _)| c.to_uppercase()).collect();
        strict_ok += g.strict.intersection(&codes).count();
        strict_n += g.strict.len();
        cp_ok += codes
            .iter()
            .filter(|c| g.mentioned.contains(*c) || g.strict.contains(*c))
            .count();
        cp_n += codes.len();
    }
    // Unmatched articles still count: gold entities as misses, predicted as extras.
    let matched_g: HashSet<*const Gold> = matched.iter().map(|(g, _)| *g as *const Gold).collect();
    let matched_p: HashSet<*const Pred> = matched.iter().map(|(_, p)| *p as *const Pred).collect();
    for g in golds
        .iter()
        .filter(|g| !matched_g.contains(&(*g as *const Gold)))
    {
        gn += g
            .persons
            .iter()
            .map(|n| name_key(n))
            .collect::<HashSet<_>>()
            .len();
        strict_n += g.strict.len();
    }
    for f in gby.keys() {
        for p in pby.get(f).into_iter().flatten() {
            if !matched_p.contains(&(*p as *const Pred)) {
                pn += p
                    .persons
                    .iter()
                    .map(|n| name_key(n))
                    .collect::<HashSet<_>>()
                    .len();
                cp_n += p.countries.len();
            }
        }
    }
    Scores {
        split_f,
        titles: ratio(title_ok, titled.len()),
        dates: ratio(date_ok, dated.len()),
        date_precision: ratio(given_ok, given.len()),
        persons_f: f1(ptp, pn, gn),
        countries_recall: ratio(strict_ok, strict_n),
        countries_precision: ratio(cp_ok, cp_n),
    }
}
