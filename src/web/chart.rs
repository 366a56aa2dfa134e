//! The one bar chart of the archive: communiqués per month (of a person, a
//! country, an issuer, a year) or per year, drawn by the server as SVG.
//!
//! It is drawn at its own size, never scaled: on a phone its labels keep
//! their 11 px and the chart scrolls sideways, starting at the newest bars.
//! Each bar shows its number without hovering and links to its month (or its
//! year); every text is numbers and French month names, so the markup is
//! safe to embed.

use std::collections::BTreeMap;
use std::fmt::Write;

use time::Month;

use super::urls;
use crate::domain::french;

/// The size of every text in the chart, in pixels (WCAG asks for legible
/// labels; the page's smallest text is about this).
pub const LABEL_PX: u32 = 11;
const _: () = assert!(LABEL_PX >= 11, "chart labels stay legible on a phone");
/// The height of the tallest bar.
const BARS_PX: i64 = 90;
/// Room above a bar for its number, and below the bars for the axis labels.
const VALUE_PX: i64 = 15;
const AXIS_PX: i64 = 16;
const GAP_PX: i64 = 4;

/// One bar: its count, where it leads, what a screen reader says of it, and
/// the label under it (only some bars have one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub count: i64,
    pub href: String,
    /// "juin 2025 : 3 communiqués".
    pub name: String,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// What the bars count: "Communiqués par mois".
    pub caption: &'static str,
    pub bars: Vec<Bar>,
    /// Wide enough for the widest label under a bar.
    bar_px: u32,
}

fn communiques(n: i64) -> String {
    format!("{n} communiqué{}", if n > 1 { "s" } else { "" })
}

impl Chart {
    /// Every month from the first to the last with a count, zeros included;
    /// the years are written under their first month. None without months.
    pub fn monthly(counts: &[(String, i64)]) -> Option<Self> {
        let months = fill_months(counts);
        if months.is_empty() {
            return None;
        }
        let bars = months
            .iter()
            .enumerate()
            .map(|(i, &(y, m, n))| {
                let month = Month::try_from(m).unwrap_or(Month::January);
                Bar {
                    count: n,
                    href: urls::month(i64::from(y), month),
                    name: format!("{} {y} : {}", french::month_name(month), communiques(n)),
                    label: (m == 1 || i == 0).then(|| y.to_string()),
                }
            })
            .collect();
        Some(Self {
            caption: "Communiqués par mois",
            bars,
            bar_px: 22,
        })
    }

    /// The twelve months of a year, each under its initial.
    pub fn of_year(year: i32, counts: &[(Month, i64)]) -> Self {
        let bars = (1..=12u8)
            .filter_map(|m| Month::try_from(m).ok())
            .map(|month| {
                let n = counts
                    .iter()
                    .find(|(m, _)| *m == month)
                    .map_or(0, |(_, n)| *n);
                let name = french::month_name(month);
                Bar {
                    count: n,
                    href: urls::month(i64::from(year), month),
                    label: name.chars().next().map(|c| c.to_uppercase().to_string()),
                    name: format!("{name} {year} : {}", communiques(n)),
                }
            })
            .collect();
        Self {
            caption: "Communiqués par mois",
            bars,
            bar_px: 22,
        }
    }

    /// Every year from the first to the last, oldest first. None without years.
    pub fn yearly(counts: &[(i64, i64)]) -> Option<Self> {
        let first = counts.iter().map(|c| c.0).min()?;
        let last = counts.iter().map(|c| c.0).max()?;
        let bars = (first..=last)
            .map(|y| {
                let n = counts.iter().find(|c| c.0 == y).map_or(0, |c| c.1);
                Bar {
                    count: n,
                    href: urls::year(y),
                    name: format!("{y} : {}", communiques(n)),
                    label: Some(y.to_string()),
                }
            })
            .collect();
        Some(Self {
            caption: "Communiqués par année",
            bars,
            bar_px: 34,
        })
    }

    /// The SVG, at its own size in pixels. The geometry is kept in tenths
    /// of a pixel as integers: formatting floats to one decimal took a
    /// fifth of a rendered country page (`{:.1}` falls back to exact
    /// big-number arithmetic).
    pub fn svg(&self) -> String {
        let max = self.bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let bar = i64::from(self.bar_px);
        let width = self.bars.len() as i64 * (bar + GAP_PX) + GAP_PX;
        let column = VALUE_PX + BARS_PX;
        let height = column + AXIS_PX;
        let mut svg = String::with_capacity(256 + self.bars.len() * 256);
        let _ = write!(
            svg,
            r#"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="{LABEL_PX}" xmlns="http://www.w3.org/2000/svg"><title>{caption}</title>"#,
            caption = self.caption
        );
        for (i, b) in self.bars.iter().enumerate() {
            let x = Tenths::px(GAP_PX + i as i64 * (bar + GAP_PX));
            let middle = Tenths(x.0 + bar * 5);
            // The bar's height to the nearest tenth, 2 px at least when not zero.
            let h = if b.count > 0 {
                Tenths(((b.count * BARS_PX * 10 * 2 + max) / (2 * max)).max(20))
            } else {
                Tenths(0)
            };
            let top = Tenths(column * 10 - h.0);
            // The whole column is the link, so a zero is as easy to reach.
            let _ = write!(
                svg,
                r#"<a href="{href}" aria-label="{name}"><rect class="hit" x="{x}" y="0" width="{bar}" height="{column}"/><rect x="{x}" y="{top}" width="{bar}" height="{h}"/>"#,
                href = b.href,
                name = b.name,
            );
            if b.count > 0 {
                let _ = write!(
                    svg,
                    r#"<text class="value" x="{middle}" y="{y}" text-anchor="middle">{n}</text>"#,
                    y = Tenths(top.0 - 30),
                    n = b.count
                );
            }
            svg.push_str("</a>");
            if let Some(label) = &b.label {
                let _ = write!(
                    svg,
                    r#"<text x="{x}" y="{y}">{label}</text>"#,
                    y = height - 3
                );
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

/// A length in tenths of a pixel, written with one decimal ("12.5", "4.0").
/// Chart lengths are never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tenths(i64);

impl Tenths {
    fn px(px: i64) -> Self {
        Self(px * 10)
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Months from the first to the last with a count, zeros included.
pub fn fill_months(counts: &[(String, i64)]) -> Vec<(i32, u8, i64)> {
    let parse = |m: &str| -> Option<(i32, u8)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    // Keyed by month: a lookup per month filled, where a scan of every
    // known month for each one cost as much as the rest of the chart.
    let known: BTreeMap<(i32, u8), i64> = counts
        .iter()
        .filter_map(|(m, n)| {
            parse(m)
                .filter(|&(_, mo)| (1..=12).contains(&mo))
                .map(|month| (month, *n))
        })
        .collect();
    let (Some((&first, _)), Some((&last, _))) = (known.first_key_value(), known.last_key_value())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push((y, m, known.get(&(y, m)).copied().unwrap_or(0)));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_filled_linked_and_numbered() {
        let counts = vec![("2025-11".to_owned(), 2), ("2026-01".to_owned(), 1)];
        assert_eq!(
            fill_months(&counts),
            vec![(2025, 11, 2), (2025, 12, 0), (2026, 1, 1)]
        );
        let chart = Chart::monthly(&counts).unwrap();
        let svg = chart.svg();
        assert_eq!(svg.matches("<a href=").count(), 3, "every month links");
        assert!(
            svg.contains(r#"<a href="/dates/2025/12" aria-label="décembre 2025 : 0 communiqué">"#)
        );
        assert!(
            svg.contains(">2</text>") && svg.contains(">1</text>"),
            "values without hover"
        );
        assert_eq!(
            svg.matches("class=\"value\"").count(),
            2,
            "no number on a zero"
        );
        assert!(svg.contains(">2025</text>") && svg.contains(">2026</text>"));
        assert!(Chart::monthly(&[]).is_none());
    }

    #[test]
    fn the_chart_is_drawn_at_its_own_size_with_legible_labels() {
        let chart = Chart::of_year(2025, &[(Month::June, 4)]);
        let svg = chart.svg();
        // width and height equal the viewBox: the browser never scales it.
        let attr = |name: &str| {
            svg.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            attr("viewBox"),
            format!("0 0 {} {}", attr("width"), attr("height"))
        );
        assert_eq!(attr("font-size"), LABEL_PX.to_string());
        assert_eq!(chart.bars.len(), 12);
        assert_eq!(chart.bars[5].label.as_deref(), Some("J"));
        assert!(svg.contains(r#"href="/dates/2025/06" aria-label="juin 2025 : 4 communiqués""#));
        let years = Chart::yearly(&[(2019, 1), (2021, 3)]).unwrap();
        assert_eq!(years.bars.len(), 3, "a year without communiqués is a zero");
        assert_eq!(years.bars[1].href, "/dates/2020");
    }
}
