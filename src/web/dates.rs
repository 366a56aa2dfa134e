//! The archive by date, `/dates`, `/dates/{yyyy}`, `/dates/{yyyy}/{mm}`: what
//! each page loads (a view the HTML page, `html`, and its JSON twin, `json`,
//! both render), with the 404 of a year or a month the archive has nothing in.

pub mod html;
pub mod json;

use time::{Date, Month};

use super::error::Error;
use super::listing::{self, Listing};
use super::pagination::Pagination;
use super::request::{MonthNumber, Year};
use super::state::AppState;
use crate::db::communiques::Filter;
use crate::db::dates;
use crate::domain::french;

/// The years the archive has communiqués in.
pub struct YearsView {
    /// (year, listed communiqués dated in it), newest first.
    pub years: Vec<(i64, i64)>,
    /// Listed communiqués without a date.
    pub undated: i64,
}

pub async fn years(state: &AppState) -> Result<YearsView, Error> {
    Ok(YearsView {
        years: dates::years(&state.pool).await?,
        undated: dates::undated(&state.pool).await?,
    })
}

/// The years the archive's dated communiqués span: a year or a month in
/// them has a page, with nothing in it or not; beyond them, a 404.
async fn dated_span(state: &AppState) -> Result<Option<(Date, Date)>, Error> {
    Ok(dates::span(&state.pool).await?)
}

/// The months of one year, and the years around it.
pub struct YearView {
    pub year: i32,
    /// (month, listed communiqués), in calendar order, months with some only.
    pub months: Vec<(Month, i64)>,
    /// The years before and after, within the archive's span.
    pub previous: Option<i32>,
    pub next: Option<i32>,
    /// (day, listed communiqués), days with some only.
    pub days: Vec<(Date, i64)>,
}

impl YearView {
    pub fn total(&self) -> i64 {
        self.months.iter().map(|(_, n)| n).sum()
    }
}

pub async fn year(state: &AppState, Year(year): Year) -> Result<YearView, Error> {
    let Some((first, last)) = dated_span(state)
        .await?
        .filter(|(f, l)| (f.year()..=l.year()).contains(&year))
    else {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {year} dans l’archive."
        )));
    };
    let months: Vec<(Month, i64)> = dates::months(&state.pool, year)
        .await?
        .into_iter()
        .filter_map(|(m, n)| Some((Month::try_from(u8::try_from(m).ok()?).ok()?, n)))
        .collect();
    Ok(YearView {
        days: dates::days(&state.pool, year).await?,
        year,
        months,
        previous: (year > first.year()).then(|| year - 1),
        next: (year < last.year()).then(|| year + 1),
    })
}

/// One page of a month's communiqués, and the months around it.
pub struct MonthView {
    pub year: i32,
    pub month: Month,
    /// "juin 2025".
    pub heading: String,
    pub listing: Listing,
    /// The months before and after, within the archive's span.
    pub previous: Option<(i32, Month)>,
    pub next: Option<(i32, Month)>,
}

pub async fn month(
    state: &AppState,
    Year(year): Year,
    MonthNumber(month): MonthNumber,
    pagination: Pagination,
) -> Result<MonthView, Error> {
    let (from, to) = month_span(year, month)?;
    let heading = french::month_year(month, year);
    // A month of the span has its page, empty or not; one beyond is a 404.
    let Some((first, last)) = dated_span(state)
        .await?
        .filter(|(first, last)| to >= first.replace_day(1).unwrap_or(*first) && from <= *last)
    else {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {heading} dans l’archive."
        )));
    };
    let span = Filter {
        from: Some(from),
        to: Some(to),
        ..Filter::default()
    };
    let listing = listing::load(state, &span, pagination).await?;
    let before = from
        .previous_day()
        .filter(|d| *d >= first.replace_day(1).unwrap_or(first));
    let after = to.next_day().filter(|d| *d <= last);
    Ok(MonthView {
        year,
        month,
        heading,
        listing,
        previous: before.map(|d| (d.year(), d.month())),
        next: after.map(|d| (d.year(), d.month())),
    })
}

/// The first and the last day of a month.
fn month_span(year: i32, month: Month) -> Result<(Date, Date), Error> {
    let first = Date::from_calendar_date(year, month, 1)
        .map_err(|e| Error::Internal(format!("{year}-{month}: {e}")))?;
    let last = first.replace_day(month.length(year)).unwrap_or(first);
    Ok((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_month_spans_its_days() {
        assert_eq!(
            month_span(2025, Month::December).unwrap(),
            (date!(2025 - 12 - 01), date!(2025 - 12 - 31))
        );
        assert_eq!(
            month_span(2024, Month::February).unwrap(),
            (date!(2024 - 02 - 01), date!(2024 - 02 - 29))
        );
    }
}
