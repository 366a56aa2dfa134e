//! HTML handlers, one file per URL family; each page is an askama template
//! struct beside its handler.

pub mod communiques;
pub mod home;
pub mod search;

use askama::Template;
use axum::response::Html;

use super::error::Error;

/// Renders a page template.
pub(crate) fn render<T: Template>(page: &T) -> Result<Html<String>, Error> {
    Ok(Html(page.render()?))
}
