use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::AnyConnection;
use super::ids::{ServiceId, UserId};
use super::schema::{assignments, users};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    YoungPerson,
    Worker,
    Parent,
    ServiceLead,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young_person",
            Role::Worker => "worker",
            Role::Parent => "parent",
            Role::ServiceLead => "service_lead",
            Role::Admin => "admin",
        }
    }

    pub const ALL: [Role; 5] = [
        Role::YoungPerson,
        Role::Worker,
        Role::Parent,
        Role::ServiceLead,
        Role::Admin,
    ];

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// People who work for the service. A service can require TOTP of them.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Worker | Role::ServiceLead | Role::Admin)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub service_id: String,
    pub role: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub age_band: Option<String>,
    pub created_at: NaiveDateTime,
    pub disabled_at: Option<NaiveDateTime>,
}

impl User {
    pub fn user_id(&self) -> UserId {
        UserId(self.id.clone())
    }

    pub fn service(&self) -> ServiceId {
        ServiceId(self.service_id.clone())
    }

    /// Rows are written only through [`create`], so an unknown role means
    /// the database was edited by hand; treat it as the least privileged.
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::YoungPerson)
    }

    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub service_id: &'a str,
    pub role: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub display_name: &'a str,
    pub age_band: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

pub fn create(conn: &mut AnyConnection, new: NewUser<'_>) -> QueryResult<UserId> {
    let id = UserId(new.id.to_owned());
    diesel::insert_into(users::table)
        .values(new)
        .execute(conn)?;
    Ok(id)
}

/// Whether `create` was refused because the email is taken: a request for
/// the same email stored it between our look-up and our insert (on
/// PostgreSQL both can pass the look-up; the unique index decides).
pub fn email_was_taken(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

pub fn find(conn: &mut AnyConnection, id: &UserId) -> QueryResult<Option<User>> {
    users::table
        .find(id.as_str())
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Emails are compared case-insensitively: they are stored lower-cased.
pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(normalise_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn assign(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(assignments::table)
        .values((
            assignments::id.eq(super::ids::new_row_id()),
            assignments::worker_id.eq(worker.as_str()),
            assignments::young_person_id.eq(young_person.as_str()),
            assignments::started_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether `worker` is assigned to `young_person` now.
pub fn is_assigned(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
) -> QueryResult<bool> {
    let count: i64 = assignments::table
        .filter(assignments::worker_id.eq(worker.as_str()))
        .filter(assignments::young_person_id.eq(young_person.as_str()))
        .filter(assignments::ended_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// The young people assigned to `worker` now, by name.
pub fn caseload(conn: &mut AnyConnection, worker: &UserId) -> QueryResult<Vec<User>> {
    users::table
        .inner_join(assignments::table.on(assignments::young_person_id.eq(users::id)))
        .filter(assignments::worker_id.eq(worker.as_str()))
        .filter(assignments::ended_at.is_null())
        .filter(users::disabled_at.is_null())
        .order(users::display_name.asc())
        .select(User::as_select())
        .load(conn)
}

/// Ends `worker`'s current assignment to `young_person`; false if there was
/// none. Reads check `is_assigned`, so access ends at once.
pub fn end_assignment(
    conn: &mut AnyConnection,
    worker: &UserId,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let ended = diesel::update(
        assignments::table
            .filter(assignments::worker_id.eq(worker.as_str()))
            .filter(assignments::young_person_id.eq(young_person.as_str()))
            .filter(assignments::ended_at.is_null()),
    )
    .set(assignments::ended_at.eq(now))
    .execute(conn)?;
    Ok(ended > 0)
}

pub fn set_password_hash(conn: &mut AnyConnection, id: &UserId, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id.as_str()))
        .set(users::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// Marks the account disabled; false if it was already.
pub fn disable(conn: &mut AnyConnection, id: &UserId, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        users::table
            .find(id.as_str())
            .filter(users::disabled_at.is_null()),
    )
    .set(users::disabled_at.eq(now))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Lets a disabled account sign in again; false if it was not disabled.
pub fn enable(conn: &mut AnyConnection, id: &UserId) -> QueryResult<bool> {
    let changed = diesel::update(
        users::table
            .find(id.as_str())
            .filter(users::disabled_at.is_not_null()),
    )
    .set(users::disabled_at.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Ends every current assignment of a young person: no worker sees their
/// data from the next request on.
pub fn end_assignments_of(
    conn: &mut AnyConnection,
    young_person: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        assignments::table
            .filter(assignments::young_person_id.eq(young_person.as_str()))
            .filter(assignments::ended_at.is_null()),
    )
    .set(assignments::ended_at.eq(now))
    .execute(conn)
}

/// The workers assigned to a young person now, with when each began. A
/// disabled worker is left out: nobody can act for them, so an alert must go
/// to the duty contact instead.
pub fn assigned_workers(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> QueryResult<Vec<(User, NaiveDateTime)>> {
    users::table
        .inner_join(assignments::table.on(assignments::worker_id.eq(users::id)))
        .filter(assignments::young_person_id.eq(young_person.as_str()))
        .filter(assignments::ended_at.is_null())
        .filter(users::disabled_at.is_null())
        .order(assignments::started_at.asc())
        .select((User::as_select(), assignments::started_at))
        .load(conn)
}

/// One assignment: (worker, young person, started, ended).
pub type AssignmentSpan = (String, String, NaiveDateTime, Option<NaiveDateTime>);

/// Every assignment a user has had, as worker or young person, oldest first.
pub fn assignment_history(
    conn: &mut AnyConnection,
    user: &UserId,
) -> QueryResult<Vec<AssignmentSpan>> {
    assignments::table
        .filter(
            assignments::young_person_id
                .eq(user.as_str())
                .or(assignments::worker_id.eq(user.as_str())),
        )
        .order(assignments::started_at.asc())
        .select((
            assignments::worker_id,
            assignments::young_person_id,
            assignments::started_at,
            assignments::ended_at,
        ))
        .load(conn)
}

/// The staff of a service (workers, leads and admins, disabled ones too),
/// by name.
pub fn staff_of(conn: &mut AnyConnection, service: &ServiceId) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::service_id.eq(service.as_str()))
        .filter(users::role.eq_any([
            Role::Worker.as_str(),
            Role::ServiceLead.as_str(),
            Role::Admin.as_str(),
        ]))
        .order((users::display_name.asc(), users::id.asc()))
        .select(User::as_select())
        .load(conn)
}

/// How many young people each worker of a service is assigned to now, by
/// worker id; workers with none are left out.
pub fn caseload_sizes(
    conn: &mut AnyConnection,
    service: &ServiceId,
) -> QueryResult<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = assignments::table
        .inner_join(users::table.on(users::id.eq(assignments::young_person_id)))
        .filter(users::service_id.eq(service.as_str()))
        .filter(assignments::ended_at.is_null())
        .filter(users::disabled_at.is_null())
        .group_by(assignments::worker_id)
        .select((assignments::worker_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The young people of a service (disabled ones too), by name.
pub fn young_people_of(conn: &mut AnyConnection, service: &ServiceId) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::service_id.eq(service.as_str()))
        .filter(users::role.eq(Role::YoungPerson.as_str()))
        .order((users::display_name.asc(), users::id.asc()))
        .select(User::as_select())
        .load(conn)
}

/// Every open assignment of a service's young people, as (young person id,
/// worker), oldest first.
pub fn open_assignments_in(
    conn: &mut AnyConnection,
    service: &ServiceId,
) -> QueryResult<Vec<(String, User)>> {
    users::table
        .inner_join(assignments::table.on(assignments::worker_id.eq(users::id)))
        .filter(users::service_id.eq(service.as_str()))
        .filter(assignments::ended_at.is_null())
        .order(assignments::started_at.asc())
        .select((assignments::young_person_id, User::as_select()))
        .load(conn)
}
