//! Each service's own list of encouragement messages. A service starts
//! with the shipped ones, copied in on first use; its admins add, edit and
//! retire them. Rows are never deleted: sent messages name their template.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};

use super::AnyConnection;
use super::ids::{ServiceId, new_row_id};
use super::schema::encouragement_templates;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = encouragement_templates)]
pub struct Template {
    pub id: String,
    pub service_id: String,
    pub seed_key: Option<String>,
    pub position: i32,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

impl Template {
    pub fn is_retired(&self) -> bool {
        self.retired_at.is_some()
    }
}

/// A shipped message to copy in: its stable key and its text.
pub struct Seed<'a> {
    pub key: &'a str,
    pub text: &'a str,
}

/// Copies the shipped messages into a service that has no templates yet.
/// Safe when two servers do it at once: the second's copy collides on
/// (service, seed key) and is dropped, inside a savepoint so the caller's
/// transaction goes on.
pub fn seed_if_empty(
    conn: &mut AnyConnection,
    service: &ServiceId,
    seeds: &[Seed<'_>],
    now: NaiveDateTime,
) -> QueryResult<()> {
    let existing: i64 = encouragement_templates::table
        .filter(encouragement_templates::service_id.eq(service.as_str()))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(());
    }
    let copied = conn.transaction(|conn| {
        for (position, seed) in (1..).zip(seeds) {
            diesel::insert_into(encouragement_templates::table)
                .values((
                    encouragement_templates::id.eq(new_row_id()),
                    encouragement_templates::service_id.eq(service.as_str()),
                    encouragement_templates::seed_key.eq(seed.key),
                    encouragement_templates::position.eq(position),
                    encouragement_templates::text.eq(seed.text),
                    encouragement_templates::created_at.eq(now),
                    encouragement_templates::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(())
    });
    match copied {
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(()),
        other => other,
    }
}

/// A service's templates in their order; retired ones only if asked.
pub fn list(
    conn: &mut AnyConnection,
    service: &ServiceId,
    include_retired: bool,
) -> QueryResult<Vec<Template>> {
    let mut query = encouragement_templates::table
        .filter(encouragement_templates::service_id.eq(service.as_str()))
        .into_boxed();
    if !include_retired {
        query = query.filter(encouragement_templates::retired_at.is_null());
    }
    query
        .order((
            encouragement_templates::position.asc(),
            encouragement_templates::id.asc(),
        ))
        .select(Template::as_select())
        .load(conn)
}

/// One of a service's templates, retired or not.
pub fn find(
    conn: &mut AnyConnection,
    service: &ServiceId,
    id: &str,
) -> QueryResult<Option<Template>> {
    encouragement_templates::table
        .find(id)
        .filter(encouragement_templates::service_id.eq(service.as_str()))
        .select(Template::as_select())
        .first(conn)
        .optional()
}

/// Adds a template at the end of the service's list.
pub fn insert(
    conn: &mut AnyConnection,
    service: &ServiceId,
    text: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let last: Option<i32> = encouragement_templates::table
        .filter(encouragement_templates::service_id.eq(service.as_str()))
        .select(diesel::dsl::max(encouragement_templates::position))
        .first(conn)?;
    let id = new_row_id();
    diesel::insert_into(encouragement_templates::table)
        .values((
            encouragement_templates::id.eq(&id),
            encouragement_templates::service_id.eq(service.as_str()),
            encouragement_templates::seed_key.eq(None::<&str>),
            encouragement_templates::position.eq(last.unwrap_or(0) + 1),
            encouragement_templates::text.eq(text),
            encouragement_templates::created_at.eq(now),
            encouragement_templates::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn set_text(
    conn: &mut AnyConnection,
    id: &str,
    text: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(encouragement_templates::table.find(id))
        .set((
            encouragement_templates::text.eq(text),
            encouragement_templates::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Retires a template (`retired`) or brings it back; a template retired
/// already keeps its first retirement time.
pub fn set_retired(
    conn: &mut AnyConnection,
    id: &str,
    retired: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if retired {
        diesel::update(
            encouragement_templates::table
                .find(id)
                .filter(encouragement_templates::retired_at.is_null()),
        )
        .set((
            encouragement_templates::retired_at.eq(Some(now)),
            encouragement_templates::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
    } else {
        diesel::update(encouragement_templates::table.find(id))
            .set((
                encouragement_templates::retired_at.eq(None::<NaiveDateTime>),
                encouragement_templates::updated_at.eq(now),
            ))
            .execute(conn)
            .map(drop)
    }
}
