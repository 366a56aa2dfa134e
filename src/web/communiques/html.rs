//! The communiqués' pages: `/communiques` (the listing) and
//! `/communiques/{slug}` (the permalink).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::db::communique_page::Link;
use crate::db::communiques::SourceRow;
use crate::domain::article::ArticleKind;
use crate::domain::country::CountryRole;
use crate::domain::date::DateBasis;
use crate::web::diff::Run;
use crate::web::error::Error;
use crate::web::filters::Resolved;
use crate::web::pagination::DEFAULT_PER_PAGE;
use crate::web::request::query::ListQuery;
use crate::web::request::{Path, Query};
use crate::web::state::AppState;
use crate::web::view::{
    Card, Downloads, Layout, Pager, display_title, issuer_href, long_date, month_href, render,
    render_with_room,
};
use crate::web::{citation, urls};

#[derive(Template)]
#[template(path = "communiques/index.html")]
struct IndexPage<'a> {
    layout: Layout<'a>,
    total: i64,
    cards: Vec<Card>,
    pager: Pager,
    filters: Resolved,
    /// What the filters select, in words: "nommant Assimi Goïta, du 1er juin 2025".
    selection: String,
    downloads: Downloads,
}

pub async fn index(
    State(state): State<AppState>,
    Query(asked): Query<ListQuery>,
) -> Result<Html<String>, Error> {
    let pagination = asked.paging.sized(DEFAULT_PER_PAGE);
    let super::IndexView {
        filters,
        listing: list,
    } = super::index(&state, &asked.filters, pagination).await?;
    let mut selection = Vec::new();
    if let Some(p) = &filters.person {
        selection.push(format!("nommant {}", p.name));
    }
    if let Some(c) = &filters.country {
        selection.push(format!("nommant le pays {}", c.name));
    }
    if let Some(i) = &filters.issuer {
        selection.push(format!("émis par {}", i.name));
    }
    if let Some(d) = filters.from {
        selection.push(format!("depuis le {}", crate::domain::french::long_date(d)));
    }
    if let Some(d) = filters.to {
        selection.push(format!("jusqu’au {}", crate::domain::french::long_date(d)));
    }
    let selection = selection.join(", ");
    let title = match (pagination.page, selection.is_empty()) {
        (1, true) => "Tous les communiqués".to_owned(),
        (1, false) => format!("Communiqués {selection}"),
        (n, _) => format!("Communiqués — page {n}"),
    };
    render(&IndexPage {
        layout: Layout::new(&state.archive, &title).in_section(urls::COMMUNIQUES),
        total: list.total,
        cards: list.rows.iter().map(Card::from).collect(),
        pager: Pager::with_params(
            urls::COMMUNIQUES,
            &filters.params,
            pagination.page,
            pagination.last_page(list.total),
        ),
        downloads: Downloads::listing(&filters.params),
        selection,
        filters,
    })
}

/// A person named in a communiqué, as the page shows it.
struct PersonLink {
    href: String,
    name: String,
    roles: String,
}

/// The communiqué just older or just newer in the listing, as a link.
struct NeighbourLink {
    href: String,
    title: String,
}

impl From<&Link> for NeighbourLink {
    fn from(n: &Link) -> Self {
        Self {
            href: urls::communique(&n.slug),
            title: display_title(n.title.as_deref(), &n.lead),
        }
    }
}

/// A country named in a communiqué, as the page shows it.
struct CountryLink {
    href: String,
    name: String,
    partner: bool,
}

#[derive(Template)]
#[template(path = "communiques/show.html")]
struct ShowPage<'a> {
    layout: Layout<'a>,
    slug: String,
    title: String,
    has_title: bool,
    date_iso: Option<String>,
    date_long: String,
    /// The breadcrumbs' year and month: (address, name).
    crumbs: Vec<(String, String)>,
    /// Said when the date is the page's, not one the text gives.
    date_note: Option<&'static str>,
    issuer: Option<String>,
    /// The issuer's page.
    issuer_href: Option<String>,
    author: Option<String>,
    related: bool,
    paragraphs: Vec<&'a str>,
    sources: Vec<SourceRow>,
    persons: Vec<PersonLink>,
    countries: Vec<CountryLink>,
    /// Each other version, and its comparison with this one.
    versions: Vec<(Card, String)>,
    older: Option<NeighbourLink>,
    newer: Option<NeighbourLink>,
    canonical: String,
    description: String,
    json_ld: String,
    cite_french: String,
    cite_bibtex: String,
}

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    let full = super::show::<Link>(&state, &slug).await?;
    let canonical = format!(
        "{}{}",
        state.public_url,
        urls::communique(&full.communique.slug)
    );
    let title = display_title(full.communique.title.as_deref(), &full.communique.body);
    let json_ld = citation::json_ld(&full, &title, &canonical, &state.public_url);
    let cite_french = citation::french(&full, &title, &canonical, &state.archive);
    let cite_bibtex = citation::bibtex(&full, &title, &canonical, &state.archive);
    let description = crate::web::view::excerpt(&full.communique.body);
    let c = full.communique;
    // The text is printed twice: as paragraphs and in the JSON-LD.
    let room = 2 * c.body.len();
    let cite_as = HeaderValue::from_str(&format!("<{canonical}>; rel=\"cite-as\""))
        .map_err(|e| Error::Internal(e.to_string()))?;
    let html = render_with_room(
        &ShowPage {
            layout: Layout::new(&state.archive, &title).in_section(urls::COMMUNIQUES),
            has_title: c.title.is_some(),
            title,
            date_long: long_date(c.date),
            crumbs: c
                .date
                .map(|d| {
                    vec![
                        (urls::year(d.year()), d.year().to_string()),
                        (
                            month_href(d),
                            crate::domain::french::month_year(d.month(), d.year()),
                        ),
                    ]
                })
                .unwrap_or_default(),
            date_note: match c.date_basis {
                Some(DateBasis::PageDate) => {
                    Some("date de publication de la page : le texte ne date pas l’événement")
                }
                Some(DateBasis::Version) => Some(
                    "le texte donne le jour sans l’année ; l’année est celle d’une autre version de l’événement",
                ),
                _ => None,
            },
            date_iso: c.date.map(|d| d.to_string()),
            issuer_href: c.issuer_body.as_deref().and_then(issuer_href),
            issuer: c.issuer,
            author: c.author,
            related: c.kind == ArticleKind::Related,
            paragraphs: c.body.split("\n\n").collect(),
            sources: full.sources,
            persons: full
                .persons
                .iter()
                .map(|p| PersonLink {
                    href: urls::person(&p.slug),
                    name: p.name.clone(),
                    roles: p.roles.lines().collect::<Vec<_>>().join(", "),
                })
                .collect(),
            countries: full
                .countries
                .iter()
                .map(|c| CountryLink {
                    href: urls::country(&c.code),
                    name: c.name.clone(),
                    partner: c.role == CountryRole::Partner,
                })
                .collect(),
            versions: full
                .versions
                .iter()
                .map(|v| (Card::from(v), urls::compare(&c.slug, &v.slug)))
                .collect(),
            older: full.older.as_ref().map(NeighbourLink::from),
            newer: full.newer.as_ref().map(NeighbourLink::from),
            slug: c.slug,
            canonical,
            description,
            json_ld,
            cite_french,
            cite_bibtex,
        },
        room,
    )?;
    Ok(([(header::LINK, cite_as)], html).into_response())
}

/// One side of a comparison, as the page shows it.
struct Side {
    href: String,
    title: String,
    title_runs: Vec<Run>,
    meta: String,
    body_runs: Vec<Run>,
    only: usize,
}

#[derive(Template)]
#[template(path = "communiques/compare.html")]
struct ComparePage<'a> {
    layout: Layout<'a>,
    left: Side,
    right: Side,
    /// The same comparison, the other way round.
    swapped: String,
}

pub async fn compare(
    State(state): State<AppState>,
    Path((left, right)): Path<(String, String)>,
) -> Result<Html<String>, Error> {
    let view = super::compare(&state, &left, &right).await?;
    let side =
        |c: &crate::db::communiques::CommuniqueRow, titles: Vec<Run>, body: Vec<Run>, only| {
            let mut meta = long_date(c.date);
            if let Some(issuer) = c.issuer_body.as_ref().or(c.issuer.as_ref()) {
                meta.push_str(&format!(" · {issuer}"));
            }
            if let Some(author) = &c.author {
                meta.push_str(&format!(" · Auteur : {author}"));
            }
            Side {
                href: urls::communique(&c.slug),
                title: display_title(c.title.as_deref(), &c.body),
                title_runs: titles,
                meta: crate::domain::french::typeset(&meta),
                body_runs: body,
                only,
            }
        };
    render(&ComparePage {
        layout: Layout::new(&state.archive, "Comparer deux versions").in_section(urls::COMMUNIQUES),
        swapped: urls::compare(&view.right.slug, &view.left.slug),
        left: side(
            &view.left,
            view.titles.left,
            view.bodies.left,
            view.bodies.left_only,
        ),
        right: side(
            &view.right,
            view.titles.right,
            view.bodies.right,
            view.bodies.right_only,
        ),
    })
}
