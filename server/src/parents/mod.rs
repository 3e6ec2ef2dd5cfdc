//! Parents and carers: what tips they asked for and when they are due
//! (`preferences`), which tip to send next (`choose`), and sending one
//! (`deliver`). Parents never see a young person's data: they get general
//! tips, and what a young person chooses to send them.

pub mod choose;
pub mod deliver;
pub mod preferences;

use chrono::NaiveDateTime;
use diesel::QueryResult;

use crate::db::ids::UserId;
use lantern_core::AgeBand;

use crate::db::{AnyConnection, notification_settings, parent_links, tip_preferences};
use crate::tips::Topic;

/// Works a parent's next tip time out again after their time zone changed,
/// so the next one comes at the chosen local time in the new zone. Does
/// nothing for someone with no tip preferences.
pub fn reschedule(conn: &mut AnyConnection, user: &UserId, now: NaiveDateTime) -> QueryResult<()> {
    let Some(row) = tip_preferences::get(conn, user)? else {
        return Ok(());
    };
    let preferences = row.preferences();
    let zone = notification_settings::schedule_of(conn, user)?.time_zone;
    tip_preferences::save(
        conn,
        user,
        &preferences,
        preferences.next_due(zone, now),
        now,
    )
}

/// A topic by its catalogue name ("low_mood").
pub fn parse_topic(text: &str) -> Option<Topic> {
    Topic::ALL.into_iter().find(|topic| topic.as_str() == text)
}

/// The age bands of the young people a parent is linked to now. A parent
/// with none linked gets tips for any age: tips are general advice about
/// nobody in particular.
pub fn children_bands(conn: &mut AnyConnection, parent: &UserId) -> QueryResult<Vec<AgeBand>> {
    let mut bands: Vec<AgeBand> = parent_links::children_of(conn, parent)?
        .into_iter()
        .filter_map(|(child, _)| child.age_band.as_deref().and_then(AgeBand::parse))
        .collect();
    bands.sort_unstable_by_key(|band| band.as_str());
    bands.dedup();
    Ok(bands)
}
