//! Retention: the shared data of a young person who has not used Lantern
//! for their service's chosen time (12 months unless set) is deleted. What
//! is on their phone stays theirs; only the server's copies go.

use chrono::{Months, NaiveDateTime};
use diesel::QueryResult;

use crate::db::audit;
use crate::db::ids::{ServiceId, UserId};
use crate::db::service_settings::{self, DEFAULT_RETENTION_MONTHS, ServiceSettings};
use crate::db::{AnyConnection, retention, users, write};

/// Deletes the shared data of every inactive young person; returns how
/// many young people's data this call deleted. Safe on several instances
/// at once: deleting is idempotent, and the audit row is written only by
/// the call that found rows to delete.
pub fn expire_inactive(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let settings = service_settings::all(conn)?;
    let shortest = settings
        .iter()
        .map(|s| s.retention_months)
        .chain([DEFAULT_RETENTION_MONTHS])
        .min()
        .unwrap_or(DEFAULT_RETENTION_MONTHS);
    let Some(earliest_cutoff) = months_before(now, shortest) else {
        return Ok(0);
    };
    let mut expired = 0;
    for (young_person, last_received) in retention::last_received_before(conn, earliest_cutoff)? {
        let young_person = UserId(young_person);
        let Some(user) = users::find(conn, &young_person)? else {
            continue;
        };
        let service = user.service();
        let months = settings
            .iter()
            .find(|s| s.service_id == service.as_str())
            .cloned()
            .unwrap_or_else(|| ServiceSettings::defaults(&service))
            .retention_months;
        let Some(cutoff) = months_before(now, months) else {
            continue;
        };
        let last_active = [
            Some(last_received),
            retention::last_sign_in(conn, &young_person)?,
        ]
        .into_iter()
        .flatten()
        .max();
        if last_active.is_some_and(|at| at >= cutoff) {
            continue;
        }
        if write(conn, |conn| {
            delete_shared(conn, &young_person, &service, now)
        })? {
            expired += 1;
        }
    }
    Ok(expired)
}

fn delete_shared(
    conn: &mut AnyConnection,
    young_person: &UserId,
    service: &ServiceId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let deleted = retention::delete_shared_data(conn, young_person)?;
    if deleted == 0 {
        return Ok(false);
    }
    audit::record_system(
        conn,
        service,
        "expire_shared_data",
        young_person,
        &format!("{deleted} records"),
        now,
    )?;
    Ok(true)
}

fn months_before(now: NaiveDateTime, months: i32) -> Option<NaiveDateTime> {
    now.checked_sub_months(Months::new(u32::try_from(months).ok()?))
}
