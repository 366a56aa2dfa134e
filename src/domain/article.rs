//! What an article is on its page.

/// Whether an article is the page's own or one listed after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleKind {
    Main,
    /// A complete teaser under "Autres articles…" and the like.
    Related,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Main => "main",
            ArticleKind::Related => "related",
        }
    }
}
