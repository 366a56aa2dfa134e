//! `/dates`, `/dates/{yyyy}`, `/dates/{yyyy}/{mm}`: the archive by date.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use time::Month;

use crate::db::dates;
use crate::domain::french;
use crate::web::api::dates::{MonthParams, month_span, parse_month, parse_year};
use crate::web::error::Error;
use crate::web::extract::{Path, Query};
use crate::web::listing;
use crate::web::pages::render;
use crate::web::pagination::Pagination;
use crate::web::state::AppState;
use crate::web::urls;
use crate::web::view::{Card, Layout, Pager};

#[derive(Template)]
#[template(path = "dates/years.html")]
struct YearsPage<'a> {
    layout: Layout<'a>,
    years: Vec<(i64, i64)>,
    undated: i64,
}

pub async fn years(State(state): State<AppState>) -> Result<Html<String>, Error> {
    render(&YearsPage {
        layout: Layout::new(&state.archive, "Les communiqués par date"),
        years: dates::years(&state.pool).await?,
        undated: dates::undated(&state.pool).await?,
    })
}

/// A month with its count, for the year page.
struct MonthLine {
    href: String,
    name: String,
    count: i64,
}

#[derive(Template)]
#[template(path = "dates/year.html")]
struct YearPage<'a> {
    layout: Layout<'a>,
    year: i32,
    total: i64,
    months: Vec<MonthLine>,
}

pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<String>,
) -> Result<Html<String>, Error> {
    let year = parse_year(&year)?;
    let months = dates::months(&state.pool, year).await?;
    if months.is_empty() {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {year} dans l’archive."
        )));
    }
    let months: Vec<MonthLine> = months
        .into_iter()
        .filter_map(|(m, count)| {
            let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
            Some(MonthLine {
                href: urls::month(i64::from(year), month),
                name: french::month_year(month, year),
                count,
            })
        })
        .collect();
    render(&YearPage {
        layout: Layout::new(&state.archive, &format!("Les communiqués de {year}")),
        year,
        total: months.iter().map(|m| m.count).sum(),
        months,
    })
}

#[derive(Template)]
#[template(path = "dates/month.html")]
struct MonthPage<'a> {
    layout: Layout<'a>,
    year: i32,
    heading: String,
    total: i64,
    cards: Vec<Card>,
    pager: Pager,
}

pub async fn month(
    State(state): State<AppState>,
    Path((year, month)): Path<(String, String)>,
    Query(params): Query<MonthParams>,
) -> Result<Html<String>, Error> {
    let year = parse_year(&year)?;
    let month = parse_month(&month)?;
    let pagination = Pagination::parse(params.page.as_deref(), None)?;
    let (from, until) = month_span(year, month);
    let span = crate::db::communiques::Filter {
        from: Some(from),
        until: Some(until),
        ..Default::default()
    };
    let heading = french::month_year(month, year);
    let list = listing::load(&state.pool, &span, pagination).await?;
    if list.total == 0 {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {heading} dans l’archive."
        )));
    }
    let base = urls::month(i64::from(year), month);
    render(&MonthPage {
        layout: Layout::new(&state.archive, &format!("Les communiqués de {heading}")),
        year,
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(&base, pagination.page, pagination.last_page(list.total)),
        heading,
    })
}
