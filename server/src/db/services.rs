use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::ids::ServiceId;
use super::schema::services;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = services)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
    /// Staff (workers, service leads, admins) must sign in with a TOTP code.
    pub require_totp: bool,
}

#[derive(Insertable)]
#[diesel(table_name = services)]
struct NewService<'a> {
    id: &'a str,
    name: &'a str,
    created_at: NaiveDateTime,
}

pub fn create(conn: &mut AnyConnection, name: &str, now: NaiveDateTime) -> QueryResult<ServiceId> {
    let id = ServiceId::new();
    diesel::insert_into(services::table)
        .values(NewService {
            id: id.as_str(),
            name,
            created_at: now,
        })
        .execute(conn)?;
    Ok(id)
}

pub fn find(conn: &mut AnyConnection, id: &ServiceId) -> QueryResult<Option<Service>> {
    services::table
        .find(id.as_str())
        .select(Service::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_name(conn: &mut AnyConnection, name: &str) -> QueryResult<Option<Service>> {
    services::table
        .filter(services::name.eq(name))
        .select(Service::as_select())
        .first(conn)
        .optional()
}

pub fn set_require_totp(
    conn: &mut AnyConnection,
    id: &ServiceId,
    require_totp: bool,
) -> QueryResult<()> {
    diesel::update(services::table.find(id.as_str()))
        .set(services::require_totp.eq(require_totp))
        .execute(conn)?;
    Ok(())
}
