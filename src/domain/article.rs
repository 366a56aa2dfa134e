//! What an article is on its page.

/// Whether an article is the page's own or one listed after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleKind {
    Main,
    /// A complete teaser under "Autres articles…" and the like.
    Related,
}

impl ArticleKind {
    /// As stored and served: "main" or "related".
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Main => "main",
            ArticleKind::Related => "related",
        }
    }
}

impl TryFrom<String> for ArticleKind {
    type Error = String;

    /// How a stored kind is read back.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        match s.as_str() {
            "main" => Ok(Self::Main),
            "related" => Ok(Self::Related),
            _ => Err(format!("not an article's kind: {s:?}")),
        }
    }
}

impl serde::Serialize for ArticleKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
