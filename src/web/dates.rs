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

/// The months of one year.
pub struct YearView {
    pub year: i32,
    /// (month, listed communiqués), in calendar order.
    pub months: Vec<(Month, i64)>,
}

impl YearView {
    pub fn total(&self) -> i64 {
        self.months.iter().map(|(_, n)| n).sum()
    }
}

pub async fn year(state: &AppState, Year(year): Year) -> Result<YearView, Error> {
    let months: Vec<(Month, i64)> = dates::months(&state.pool, year)
        .await?
        .into_iter()
        .filter_map(|(m, n)| Some((Month::try_from(u8::try_from(m).ok()?).ok()?, n)))
        .collect();
    if months.is_empty() {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {year} dans l’archive."
        )));
    }
    Ok(YearView { year, months })
}

/// One page of a month's communiqués.
pub struct MonthView {
    pub year: i32,
    pub month: Month,
    /// "juin 2025".
    pub heading: String,
    pub listing: Listing,
}

pub async fn month(
    state: &AppState,
    Year(year): Year,
    MonthNumber(month): MonthNumber,
    pagination: Pagination,
) -> Result<MonthView, Error> {
    let (from, to) = month_span(year, month)?;
    let span = Filter {
        from: Some(from),
        to: Some(to),
        ..Filter::default()
    };
    let heading = french::month_year(month, year);
    let listing = listing::load(&state.pool, &span, pagination).await?;
    if listing.total == 0 {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {heading} dans l’archive."
        )));
    }
    Ok(MonthView {
        year,
        month,
        heading,
        listing,
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
