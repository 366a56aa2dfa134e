//! A small bar chart of communiqués per month, as inline SVG: readable without
//! JavaScript, and numbers only, so the markup is safe to embed.

use std::fmt::Write;

/// Months from the first to the last with a count, zeros included.
pub fn fill_months(counts: &[(String, i64)]) -> Vec<(i32, u8, i64)> {
    let parse = |m: &str| -> Option<(i32, u8)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let known: Vec<(i32, u8, i64)> = counts
        .iter()
        .filter_map(|(m, n)| {
            parse(m)
                .filter(|&(_, mo)| (1..=12).contains(&mo))
                .map(|(y, mo)| (y, mo, *n))
        })
        .collect();
    let (Some(first), Some(last)) = (known.first(), known.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = (first.0, first.1);
    while (y, m) <= (last.0, last.1) {
        let n = known
            .iter()
            .find(|k| k.0 == y && k.1 == m)
            .map_or(0, |k| k.2);
        out.push((y, m, n));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The SVG for monthly counts, with a title for each bar and the years below.
pub fn monthly_svg(counts: &[(String, i64)]) -> String {
    let months = fill_months(counts);
    if months.is_empty() {
        return String::new();
    }
    let max = months.iter().map(|m| m.2).max().unwrap_or(1).max(1);
    let bar = 12.0_f64;
    let gap = 3.0_f64;
    let height = 80.0_f64;
    // Room on the right for the last year's label.
    let width = months.len() as f64 * (bar + gap) + gap + 24.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg viewBox="0 0 {width:.0} {h:.0}" role="img" aria-label="Communiqués par mois" xmlns="http://www.w3.org/2000/svg">"#,
        h = height + 16.0
    );
    for (i, (y, m, n)) in months.iter().enumerate() {
        let x = gap + i as f64 * (bar + gap);
        let h = (*n as f64 / max as f64) * height;
        let h = if *n > 0 { h.max(2.0) } else { 0.0 };
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{top:.1}" width="{bar:.0}" height="{h:.1}"><title>{m:02}/{y} : {n}</title></rect>"#,
            top = height - h
        );
        if *m == 1 || i == 0 {
            let _ = write!(
                svg,
                r#"<text x="{x:.1}" y="{ty:.0}">{y}</text>"#,
                ty = height + 13.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_filled_and_drawn() {
        let counts = vec![("2025-11".to_owned(), 2), ("2026-01".to_owned(), 1)];
        assert_eq!(
            fill_months(&counts),
            vec![(2025, 11, 2), (2025, 12, 0), (2026, 1, 1)]
        );
        let svg = monthly_svg(&counts);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("<title>12/2025 : 0</title>") && svg.contains(">2026</text>"));
        assert_eq!(monthly_svg(&[]), "");
    }
}
