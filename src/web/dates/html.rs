//! The pages of the archive by date.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use crate::domain::french;
use crate::web::calendar::{self, CalendarMonth};
use crate::web::chart::Chart;
use crate::web::error::Error;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::query::Paging;
use crate::web::request::{MonthNumber, Path, Query, Year};
use crate::web::state::AppState;
use crate::web::urls::{self, Params};
use crate::web::view::render;
use crate::web::view::{Card, Downloads, Layout, Pager};

#[derive(Template)]
#[template(path = "dates/years.html")]
struct YearsPage<'a> {
    layout: Layout<'a>,
    years: Vec<(i64, i64)>,
    undated: i64,
    chart: Option<Chart>,
}

pub async fn years(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let view = super::years(&state).await?;
    render(&YearsPage {
        layout: Layout::new(&state.archive, "Les communiqués par date").in_section(urls::DATES),
        chart: Chart::yearly(&view.years),
        years: view.years,
        undated: view.undated,
    })
}

/// The pages before and after a year or a month: (address, name).
struct Around {
    previous: Option<(String, String)>,
    next: Option<(String, String)>,
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
    chart: Chart,
    around: Around,
    calendar: Vec<CalendarMonth>,
}

pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<Year>,
) -> Result<Html<String>, Error> {
    let view = super::year(&state, year).await?;
    let year = view.year;
    render(&YearPage {
        layout: Layout::new(&state.archive, &format!("Les communiqués de {year}"))
            .in_section(urls::DATES),
        year,
        total: view.total(),
        chart: Chart::of_year(year, &view.months),
        calendar: calendar::year(year, &view.days),
        around: Around {
            previous: view.previous.map(|y| (urls::year(y), y.to_string())),
            next: view.next.map(|y| (urls::year(y), y.to_string())),
        },
        // Newest first, as the years are.
        months: view
            .months
            .into_iter()
            .rev()
            .map(|(month, count)| MonthLine {
                href: urls::month(i64::from(year), month),
                name: french::month_year(month, year),
                count,
            })
            .collect(),
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
    downloads: Downloads,
    around: Around,
}

pub async fn month(
    State(state): State<AppState>,
    Path((year, month)): Path<(Year, MonthNumber)>,
    Query(paging): Query<Paging>,
) -> Result<Html<String>, Error> {
    let pagination = paging.sized(DEFAULT_PER_PAGE);
    let view = super::month(&state, year, month, pagination).await?;
    let list = &view.listing;
    render(&MonthPage {
        layout: Layout::new(
            &state.archive,
            &format!("Les communiqués de {}", view.heading),
        )
        .in_section(urls::DATES),
        year: view.year,
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::new(
            &urls::month(i64::from(view.year), view.month),
            pagination.page,
            pagination.last_page(list.total),
        ),
        downloads: Downloads::listing(&Params::default().with_month(view.year, view.month)),
        around: Around {
            previous: view
                .previous
                .map(|(y, m)| (urls::month(i64::from(y), m), french::month_year(m, y))),
            next: view
                .next
                .map(|(y, m)| (urls::month(i64::from(y), m), french::month_year(m, y))),
        },
        heading: view.heading,
    })
}
