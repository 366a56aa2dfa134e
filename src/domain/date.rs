//! When an event happened, and how the archive knows: the basis of a
//! communiqué's date, and a day given without a year.

use time::{Date, Month};

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    Body,
    Title,
    PageDate,
    /// The text gives its day without a year; a dated version of the same
    /// event gives the year (`dedupe::date_from_versions`).
    Version,
}

impl DateBasis {
    /// As stored and served (`date_basis`).
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Body => "body",
            DateBasis::Title => "title",
            DateBasis::PageDate => "page_date",
            DateBasis::Version => "version",
        }
    }

    /// Reads back what `as_str` stored.
    pub fn from_stored(s: &str) -> Option<Self> {
        [Self::Body, Self::Title, Self::PageDate, Self::Version]
            .into_iter()
            .find(|b| b.as_str() == s)
    }
}

impl TryFrom<String> for DateBasis {
    type Error = String;

    /// How a stored basis is read back.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::from_stored(&s).ok_or_else(|| format!("not a date basis: {s:?}"))
    }
}

impl serde::Serialize for DateBasis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A day a text gives without any year, and the weekday it names, if any:
/// "PEKIN, 8 décembre (Xinhua) -- … vendredi".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlessDay {
    pub month: Month,
    pub day: u8,
    pub weekday: Option<time::Weekday>,
}

impl YearlessDay {
    /// Could `date` be this day?
    pub fn fits(&self, date: Date) -> bool {
        date.month() == self.month
            && date.day() == self.day
            && self.weekday.is_none_or(|w| date.weekday() == w)
    }

    /// "12-08", as stored.
    pub fn month_day(&self) -> String {
        format!("{:02}-{:02}", u8::from(self.month), self.day)
    }

    /// Reads back what `month_day` and an ISO weekday number (1 for Monday)
    /// stored; None when the stored text is not a month and a day.
    pub fn from_stored(month_day: &str, weekday: Option<i64>) -> Option<Self> {
        let (m, d) = month_day.split_once('-')?;
        let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
        let day: u8 = d.parse().ok()?;
        // 2024 is a leap year: every month's days exist in it.
        Date::from_calendar_date(2024, month, day).ok()?;
        let weekday = match weekday {
            None => None,
            Some(n) => Some(
                (0..7)
                    .map(|k| time::Weekday::Monday.nth_next(k))
                    .find(|w| i64::from(w.number_from_monday()) == n)?,
            ),
        };
        Some(Self {
            month,
            day,
            weekday,
        })
    }
}
