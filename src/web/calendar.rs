//! A year as a calendar: its twelve months in weeks from Monday, the days
//! with communiqués marked and linked to the list of that day's.

use time::{Date, Month, Weekday};

use super::urls::{self, Params};
use crate::domain::french;

/// A day of the calendar.
pub struct Day {
    pub number: u8,
    pub count: i64,
    /// The listing of that day's communiqués, when it has some.
    pub href: Option<String>,
    /// "12 juin 2025 : 3 communiqués".
    pub label: String,
}

/// A month: its name, its page, its weeks (None before the first day and
/// after the last).
pub struct CalendarMonth {
    pub name: String,
    pub href: String,
    pub weeks: Vec<[Option<Day>; 7]>,
}

/// The twelve months of `year`, with `days` (day, communiqués) marked.
pub fn year(year: i32, days: &[(Date, i64)]) -> Vec<CalendarMonth> {
    (1..=12u8)
        .filter_map(|m| Month::try_from(m).ok())
        .filter_map(|month| {
            let first = Date::from_calendar_date(year, month, 1).ok()?;
            let mut weeks = Vec::new();
            let mut week: [Option<Day>; 7] = Default::default();
            let mut column = usize::from(first.weekday().number_days_from_monday());
            for n in 1..=month.length(year) {
                let date = first.replace_day(n).ok()?;
                let count = days.iter().find(|(d, _)| *d == date).map_or(0, |(_, c)| *c);
                let on_day = Params {
                    from: Some(date),
                    to: Some(date),
                    ..Params::default()
                };
                week[column] = Some(Day {
                    number: n,
                    count,
                    href: (count > 0).then(|| on_day.at(urls::COMMUNIQUES)),
                    label: format!(
                        "{} : {count} communiqué{}",
                        french::long_date(date),
                        if count > 1 { "s" } else { "" }
                    ),
                });
                column += 1;
                if column == 7 || date.weekday() == Weekday::Sunday {
                    weeks.push(std::mem::take(&mut week));
                    column = 0;
                }
            }
            if week.iter().any(Option::is_some) {
                weeks.push(week);
            }
            Some(CalendarMonth {
                name: french::month_name(month).to_owned(),
                href: urls::month(i64::from(year), month),
                weeks,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_start_on_their_weekday_and_mark_their_days() {
        let months = year(2025, &[(date!(2025 - 06 - 12), 3)]);
        assert_eq!(months.len(), 12);
        let june = &months[5];
        assert_eq!(june.name, "juin");
        // 1 June 2025 is a Sunday: the last column of the first week.
        assert!(june.weeks[0][..6].iter().all(Option::is_none));
        assert_eq!(june.weeks[0][6].as_ref().map(|d| d.number), Some(1));
        let twelfth = june
            .weeks
            .iter()
            .flatten()
            .flatten()
            .find(|d| d.number == 12)
            .unwrap();
        assert_eq!(twelfth.count, 3);
        let href = twelfth.href.as_deref().unwrap();
        assert!(
            href.starts_with(urls::COMMUNIQUES) && href.ends_with("?du=2025-06-12&au=2025-06-12")
        );
        let days: usize = june.weeks.iter().flatten().flatten().count();
        assert_eq!(days, 30);
        assert!(
            months[1]
                .weeks
                .iter()
                .flatten()
                .flatten()
                .all(|d| d.href.is_none())
        );
    }
}
