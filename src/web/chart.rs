//! The one bar chart of the archive: communiqués per month (of a person, a
//! country, an issuer, a year) or per year, drawn by the server as SVG.
//!
//! It is drawn at its own size, never scaled: on a phone its labels keep
//! their 11 px and the chart scrolls sideways, starting at the newest bars.
//! Each bar shows its number without hovering and links to its month (or its
//! year); every text is numbers and French month names, so the markup is
//! safe to embed.

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

/// One bar: its count, the month or year it counts (where it leads, and
/// what a screen reader says of it: "juin 2025 : 3 communiqués"), and the
/// label under it (only some bars have one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub count: i64,
    pub period: Period,
    pub label: Option<String>,
}

/// What a bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month(i64, Month),
    Year(i64),
}

impl Bar {
    /// The page of its month or year.
    pub fn href(&self) -> String {
        let mut href = String::new();
        self.push_href(&mut href);
        href
    }

    /// Its address and its name are written straight into the chart: a
    /// monthly chart has hundreds of bars, and formatting two strings for
    /// each was most of the chart's time.
    fn push_href(&self, out: &mut String) {
        match self.period {
            Period::Month(year, month) => urls::push_month(out, year, month),
            Period::Year(year) => urls::push_year(out, year),
        }
    }

    fn push_name(&self, out: &mut String) {
        if let Period::Month(_, month) = self.period {
            out.push_str(french::month_name(month));
            out.push(' ');
        }
        let (Period::Month(year, _) | Period::Year(year)) = self.period;
        out.push_str(itoa::Buffer::new().format(year));
        out.push_str(" : ");
        out.push_str(itoa::Buffer::new().format(self.count));
        out.push_str(if self.count > 1 {
            " communiqués"
        } else {
            " communiqué"
        });
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// What the bars count: "Communiqués par mois".
    pub caption: &'static str,
    pub bars: Vec<Bar>,
    /// Wide enough for the widest label under a bar.
    bar_px: u32,
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
            .map(|(i, &(y, m, n))| Bar {
                count: n,
                period: Period::Month(i64::from(y), Month::try_from(m).unwrap_or(Month::January)),
                label: (m == 1 || i == 0).then(|| y.to_string()),
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
                Bar {
                    count: n,
                    period: Period::Month(i64::from(year), month),
                    label: french::month_name(month)
                        .chars()
                        .next()
                        .map(|c| c.to_uppercase().to_string()),
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
                    period: Period::Year(y),
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

    /// The SVG, at its own size in pixels. A monthly chart has hundreds of
    /// bars and five numbers each: the geometry is kept in tenths of a
    /// pixel as integers and written with `itoa` (formatting floats to one
    /// decimal took a fifth of a rendered country page, `write!` another
    /// tenth).
    pub fn svg(&self) -> String {
        let max = self.bars.iter().map(|b| b.count).max().unwrap_or(1).max(1);
        let bar = i64::from(self.bar_px);
        let width = self.bars.len() as i64 * (bar + GAP_PX) + GAP_PX;
        let column = VALUE_PX + BARS_PX;
        let height = column + AXIS_PX;
        let mut svg = Svg(String::with_capacity(256 + self.bars.len() * 320));
        let _ = write!(
            svg.0,
            r#"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="{LABEL_PX}" xmlns="http://www.w3.org/2000/svg"><title>{caption}</title>"#,
            caption = self.caption
        );
        for (i, b) in self.bars.iter().enumerate() {
            let x = (GAP_PX + i as i64 * (bar + GAP_PX)) * 10;
            // The bar's height to the nearest tenth, 2 px at least when not zero.
            let h = if b.count > 0 {
                ((b.count * BARS_PX * 10 * 2 + max) / (2 * max)).max(20)
            } else {
                0
            };
            let top = column * 10 - h;
            // The whole column is the link, so a zero is as easy to reach.
            svg.text("<a href=\"");
            b.push_href(&mut svg.0);
            svg.text("\" aria-label=\"");
            b.push_name(&mut svg.0);
            svg.text("\"><rect class=\"hit\" x=\"").tenths(x);
            svg.text("\" y=\"0\" width=\"").int(bar);
            svg.text("\" height=\"").int(column);
            svg.text("\"/><rect x=\"").tenths(x);
            svg.text("\" y=\"").tenths(top);
            svg.text("\" width=\"").int(bar);
            svg.text("\" height=\"").tenths(h).text("\"/>");
            if b.count > 0 {
                svg.text("<text class=\"value\" x=\"").tenths(x + bar * 5);
                svg.text("\" y=\"").tenths(top - 30);
                svg.text("\" text-anchor=\"middle\">").int(b.count);
                svg.text("</text>");
            }
            svg.text("</a>");
            if let Some(label) = &b.label {
                svg.text("<text x=\"").tenths(x);
                svg.text("\" y=\"").int(height - 3);
                svg.text("\">").text(label).text("</text>");
            }
        }
        svg.text("</svg>");
        svg.0
    }
}

/// An SVG being written: text as it is (every text of a chart is numbers
/// and French words, safe in markup), whole numbers, and lengths in tenths
/// of a pixel with one decimal ("12.5", "4.0"; never negative).
struct Svg(String);

impl Svg {
    fn text(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    fn int(&mut self, n: i64) -> &mut Self {
        self.0.push_str(itoa::Buffer::new().format(n));
        self
    }

    fn tenths(&mut self, t: i64) -> &mut Self {
        self.int(t / 10);
        self.0.push('.');
        self.0.push(char::from(b'0' + (t % 10) as u8));
        self
    }
}

/// Months from the first to the last with a count, zeros included (a month
/// given twice counts as given last).
pub fn fill_months(counts: &[(String, i64)]) -> Vec<(i32, u8, i64)> {
    let parse = |m: &str| -> Option<(i32, u8)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let mut known: Vec<((i32, u8), i64)> = counts
        .iter()
        .filter_map(|(m, n)| {
            parse(m)
                .filter(|&(_, mo)| (1..=12).contains(&mo))
                .map(|month| (month, *n))
        })
        .collect();
    // Stable, so that of a month given twice the last stays last.
    known.sort_by_key(|&(month, _)| month);
    let (Some(&(first, _)), Some(&(last, _))) = (known.first(), known.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut given = known.iter().peekable();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        // The months given are walked beside the calendar: one pass.
        let mut n = 0;
        while let Some(&&(month, count)) = given.peek()
            && month == (y, m)
        {
            n = count;
            given.next();
        }
        out.push((y, m, n));
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
        // In any order, with what is no month left out.
        let shuffled = [("2026-01", 1), ("2025-13", 9), ("2025-11", 2), ("juin", 4)]
            .map(|(m, n)| (m.to_owned(), n));
        assert_eq!(fill_months(&shuffled), fill_months(&counts));
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
    fn bars_are_drawn_to_scale_in_tenths_of_a_pixel() {
        // 3, 0, 2 and 1 of 3: 90 px, nothing, 60 px, 30 px; 2 px at least.
        let counts = [
            ("2025-01", 3),
            ("2025-02", 0),
            ("2025-03", 2),
            ("2025-04", 1),
        ]
        .map(|(m, n)| (m.to_owned(), n));
        let svg = Chart::monthly(&counts).unwrap().svg();
        assert!(svg.starts_with(r#"<svg width="108" height="121" viewBox="0 0 108 121""#));
        assert!(svg.contains(r#"<rect class="hit" x="4.0" y="0" width="22" height="105"/><rect x="4.0" y="15.0" width="22" height="90.0"/><text class="value" x="15.0" y="12.0" text-anchor="middle">3</text>"#), "{svg}");
        assert!(
            svg.contains(r#"<rect x="30.0" y="105.0" width="22" height="0.0"/></a>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<rect x="56.0" y="45.0" width="22" height="60.0"/>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<text x="4.0" y="118">2025</text>"#),
            "{svg}"
        );
        let tiny =
            [("2025-01", 1000), ("2025-02", 1), ("2025-03", 29)].map(|(m, n)| (m.to_owned(), n));
        let svg = Chart::monthly(&tiny).unwrap().svg();
        assert!(
            svg.contains(r#"<rect x="30.0" y="103.0" width="22" height="2.0"/>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<rect x="56.0" y="102.4" width="22" height="2.6"/>"#),
            "29 of 1,000 is 2.61 px, to the tenth: {svg}"
        );
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
        assert_eq!(years.bars[1].href(), "/dates/2020");
        assert!(years.svg().contains(r#"aria-label="2020 : 0 communiqué""#));
        assert!(years.svg().contains(r#"aria-label="2021 : 3 communiqués""#));
    }
}
