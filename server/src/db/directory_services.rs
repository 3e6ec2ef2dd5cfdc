//! The signposting directory's rows: national ones (no service id) and
//! each service's own. Lists are kept as comma-separated words.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::ServiceId;
use super::schema::directory_services;
use crate::directory::Draft;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = directory_services)]
pub struct DirectoryRow {
    pub id: String,
    pub service_id: Option<String>,
    pub name: String,
    pub description: String,
    pub needs: String,
    pub thrive: String,
    pub min_age: i32,
    pub max_age: i32,
    pub area: String,
    pub phone: Option<String>,
    pub text_number: Option<String>,
    pub text_keyword: Option<String>,
    pub website: Option<String>,
    pub self_referral: bool,
    pub hours: String,
    pub source: Option<String>,
    pub updated_at: NaiveDateTime,
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl DirectoryRow {
    pub fn needs(&self) -> Vec<String> {
        split(&self.needs)
    }

    pub fn thrive(&self) -> Vec<String> {
        split(&self.thrive)
    }

    pub fn draft(&self) -> Draft {
        Draft {
            name: self.name.clone(),
            description: self.description.clone(),
            needs: self.needs(),
            thrive: self.thrive(),
            min_age: self.min_age.into(),
            max_age: self.max_age.into(),
            area: self.area.clone(),
            phone: self.phone.clone(),
            text_number: self.text_number.clone(),
            text_keyword: self.text_keyword.clone(),
            website: self.website.clone(),
            self_referral: self.self_referral,
            hours: self.hours.clone(),
        }
    }
}

// Ages are checked to 0..=25 before they get here.
fn age(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(0)
}

/// Adds a checked entry, for a service or (service None) national.
pub fn insert(
    conn: &mut AnyConnection,
    id: &str,
    service: Option<&ServiceId>,
    draft: &Draft,
    source: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(directory_services::table)
        .values((
            directory_services::id.eq(id),
            directory_services::service_id.eq(service.map(ServiceId::as_str)),
            directory_services::source.eq(source),
            directory_services::name.eq(&draft.name),
            directory_services::description.eq(&draft.description),
            directory_services::needs.eq(draft.needs.join(",")),
            directory_services::thrive.eq(draft.thrive.join(",")),
            directory_services::min_age.eq(age(draft.min_age)),
            directory_services::max_age.eq(age(draft.max_age)),
            directory_services::area.eq(&draft.area),
            directory_services::phone.eq(&draft.phone),
            directory_services::text_number.eq(&draft.text_number),
            directory_services::text_keyword.eq(&draft.text_keyword),
            directory_services::website.eq(&draft.website),
            directory_services::self_referral.eq(draft.self_referral),
            directory_services::hours.eq(&draft.hours),
            directory_services::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Replaces an entry's details (its id, owner and source stay).
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    draft: &Draft,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(directory_services::table.find(id))
        .set((
            directory_services::name.eq(&draft.name),
            directory_services::description.eq(&draft.description),
            directory_services::needs.eq(draft.needs.join(",")),
            directory_services::thrive.eq(draft.thrive.join(",")),
            directory_services::min_age.eq(age(draft.min_age)),
            directory_services::max_age.eq(age(draft.max_age)),
            directory_services::area.eq(&draft.area),
            directory_services::phone.eq(&draft.phone),
            directory_services::text_number.eq(&draft.text_number),
            directory_services::text_keyword.eq(&draft.text_keyword),
            directory_services::website.eq(&draft.website),
            directory_services::self_referral.eq(draft.self_referral),
            directory_services::hours.eq(&draft.hours),
            directory_services::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// An entry a person of `service` can see: national, or the service's own.
pub fn find_visible(
    conn: &mut AnyConnection,
    service: &ServiceId,
    id: &str,
) -> QueryResult<Option<DirectoryRow>> {
    Ok(find(conn, id)?.filter(|row| {
        row.service_id
            .as_deref()
            .is_none_or(|owner| owner == service.as_str())
    }))
}

pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<DirectoryRow>> {
    directory_services::table
        .find(id)
        .select(DirectoryRow::as_select())
        .first(conn)
        .optional()
}

/// National entries and the service's own, national first, then by name.
pub fn visible_to(
    conn: &mut AnyConnection,
    service: Option<&ServiceId>,
) -> QueryResult<Vec<DirectoryRow>> {
    // No service (someone not signed in): the national services only.
    let own = service.map_or("", ServiceId::as_str);
    directory_services::table
        .filter(
            directory_services::service_id
                .is_null()
                .or(directory_services::service_id.eq(own)),
        )
        .order((
            directory_services::service_id.is_not_null(),
            directory_services::name,
            directory_services::id,
        ))
        .select(DirectoryRow::as_select())
        .load(conn)
}

/// Deletes one of the service's own entries; false if it has none by that id.
pub fn delete_own(conn: &mut AnyConnection, service: &ServiceId, id: &str) -> QueryResult<bool> {
    let deleted = diesel::delete(
        directory_services::table
            .filter(directory_services::id.eq(id))
            .filter(directory_services::service_id.eq(service.as_str())),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}

/// The ids of the national entries.
pub fn national_ids(conn: &mut AnyConnection) -> QueryResult<Vec<String>> {
    directory_services::table
        .filter(directory_services::service_id.is_null())
        .select(directory_services::id)
        .load(conn)
}

pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<()> {
    diesel::delete(directory_services::table.find(id))
        .execute(conn)
        .map(drop)
}

pub fn set_source(conn: &mut AnyConnection, id: &str, source: Option<&str>) -> QueryResult<()> {
    diesel::update(directory_services::table.find(id))
        .set(directory_services::source.eq(source))
        .execute(conn)
        .map(drop)
}

/// The id of the service's own entry with this name in this area (letter
/// case aside), so importing the same file again updates rather than adds.
pub fn find_own_named(
    conn: &mut AnyConnection,
    service: &ServiceId,
    name: &str,
    area: &str,
) -> QueryResult<Option<String>> {
    let own: Vec<(String, String, String)> = directory_services::table
        .filter(directory_services::service_id.eq(service.as_str()))
        .select((
            directory_services::id,
            directory_services::name,
            directory_services::area,
        ))
        .load(conn)?;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    Ok(own
        .into_iter()
        .find(|(_, own_name, own_area)| same(own_name, name) && same(own_area, area))
        .map(|(id, _, _)| id))
}
