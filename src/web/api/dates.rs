//! `/api/v1/dates`, `/api/v1/dates/{yyyy}`, `/api/v1/dates/{yyyy}/{mm}`, and the
//! checks on years and months that the pages share.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use time::Month;

use super::communiques::Summary;
use super::{ListBody, ListMeta};
use crate::db::communiques::Filter;
use crate::db::dates;
use crate::web::error::Error;
use crate::web::extract::{Path, Query};
use crate::web::listing;
use crate::web::pagination::Pagination;
use crate::web::state::AppState;
use crate::web::urls;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthParams {
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// A four-digit year.
pub fn parse_year(s: &str) -> Result<i32, Error> {
    s.parse::<i32>()
        .ok()
        .filter(|y| s.len() == 4 && (1000..=9999).contains(y))
        .ok_or_else(|| {
            Error::BadRequest(format!(
                "L’année doit s’écrire sur quatre chiffres (reçu « {s} »)."
            ))
        })
}

/// A month from 1 (or 01) to 12.
pub fn parse_month(s: &str) -> Result<Month, Error> {
    s.parse::<u8>()
        .ok()
        .filter(|_| s.len() <= 2)
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| {
            Error::BadRequest(format!(
                "Le mois doit être un nombre de 01 à 12 (reçu « {s} »)."
            ))
        })
}

/// The `sort_key` span of a month: [first day, first day of the next month).
pub fn month_span(year: i32, month: Month) -> (String, String) {
    let m = u8::from(month);
    let until = if m == 12 {
        format!("{:04}-01-01", year + 1)
    } else {
        format!("{year:04}-{:02}-01", m + 1)
    };
    (format!("{year:04}-{m:02}-01"), until)
}

#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: i64,
    pub count: i64,
    pub url: String,
    pub api_url: String,
}

#[derive(Debug, Serialize)]
pub struct YearsMeta {
    /// Dated communiqués, each group of versions once.
    pub total: i64,
    pub undated: i64,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct YearsBody {
    pub data: Vec<YearCount>,
    pub meta: YearsMeta,
}

pub async fn years(State(state): State<AppState>) -> Result<Json<YearsBody>, Error> {
    let years = dates::years(&state.pool).await?;
    Ok(Json(YearsBody {
        meta: YearsMeta {
            total: years.iter().map(|(_, c)| c).sum(),
            undated: dates::undated(&state.pool).await?,
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
        data: years
            .into_iter()
            .map(|(year, count)| YearCount {
                year,
                count,
                url: urls::year(year),
                api_url: urls::api::year(year),
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    pub month: i64,
    pub count: i64,
    pub url: String,
    pub api_url: String,
}

#[derive(Debug, Serialize)]
pub struct YearMeta {
    pub year: i32,
    pub total: i64,
    pub archive_version: String,
    /// When the archive last changed (RFC 3339, UTC).
    pub archive_updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct YearBody {
    pub data: Vec<MonthCount>,
    pub meta: YearMeta,
}

pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<String>,
) -> Result<Json<YearBody>, Error> {
    let year = parse_year(&year)?;
    let months = dates::months(&state.pool, year).await?;
    if months.is_empty() {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {year} dans l’archive."
        )));
    }
    Ok(Json(YearBody {
        meta: YearMeta {
            year,
            total: months.iter().map(|(_, c)| c).sum(),
            archive_version: state.archive.version.clone(),
            archive_updated_at: state.archive.updated_at.clone(),
        },
        data: months
            .into_iter()
            .filter_map(|(month, count)| {
                let m = Month::try_from(u8::try_from(month).ok()?).ok()?;
                Some(MonthCount {
                    month,
                    count,
                    url: urls::month(i64::from(year), m),
                    api_url: urls::api::month(i64::from(year), m),
                })
            })
            .collect(),
    }))
}

pub async fn month(
    State(state): State<AppState>,
    Path((year, month)): Path<(String, String)>,
    Query(params): Query<MonthParams>,
) -> Result<ListBody<Summary>, Error> {
    let year = parse_year(&year)?;
    let month = parse_month(&month)?;
    let pagination = Pagination::parse(params.page.as_deref(), params.per_page.as_deref())?;
    let (from, until) = month_span(year, month);
    let list = listing::load(
        &state.pool,
        &Filter {
            from: Some(from),
            until: Some(until),
            ..Default::default()
        },
        pagination,
    )
    .await?;
    if list.total == 0 {
        return Err(Error::NotFound(format!(
            "Aucun communiqué daté de {:02}/{year} dans l’archive.",
            u8::from(month)
        )));
    }
    let base = urls::api::month(i64::from(year), month);
    Ok(ListBody {
        data: list.rows.iter().map(Summary::from).collect(),
        meta: ListMeta::new(&base, list.total, pagination, &state.archive),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_years_and_months() {
        assert_eq!(parse_year("2026").unwrap(), 2026);
        for bad in ["26", "abcd", "-202", "20260"] {
            assert!(parse_year(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_month("01").unwrap(), Month::January);
        for bad in ["13", "0", "abc", "001"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
        assert_eq!(
            month_span(2025, Month::December),
            ("2025-12-01".into(), "2026-01-01".into())
        );
    }
}
