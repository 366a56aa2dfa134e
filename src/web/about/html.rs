//! The "À propos" page.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::AboutView;
use crate::web::error::Error;
use crate::web::state::AppState;
use crate::web::urls;
use crate::web::view::{Layout, render};

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage<'a> {
    layout: Layout<'a>,
    view: AboutView,
    /// The archive's version, as citations give it.
    version: &'a str,
    /// A permanent address of this archive, the newest communiqué's.
    example: Option<String>,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let view = super::load(&state).await?;
    render(&AboutPage {
        layout: Layout::new(&state.archive, "À propos de l’archive").in_section(urls::ABOUT),
        example: view
            .example
            .as_deref()
            .map(|slug| format!("{}{}", state.public_url, urls::communique(slug))),
        version: &state.archive.version,
        view,
    })
}
