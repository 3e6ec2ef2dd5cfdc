//! Operator and service-admin actions, shared by the command line, the
//! admin API, the demo seed and tests. Where `within` is given (the admin
//! API), everything touched must belong to that service: other services'
//! people are "not found".

use chrono::Utc;
use lantern_core::{ValidationError, ValidationErrors};

use crate::auth::passwords;
use crate::db::ids::{ServiceId, UserId, new_row_id};
use crate::db::users::{self, NewUser, Role, User};
use crate::db::{AnyConnection, refresh_tokens, services, write};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Invalid(ValidationErrors),
    #[error("that email has an account already")]
    EmailTaken,
    #[error("{0}")]
    NotFound(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AdminError {
    fn from(error: diesel::result::Error) -> Self {
        AdminError::Other(error.into())
    }
}

impl From<ValidationErrors> for AdminError {
    fn from(errors: ValidationErrors) -> Self {
        AdminError::Invalid(errors)
    }
}

fn invalid(field: &str, code: &str, message: impl Into<String>) -> AdminError {
    AdminError::Invalid(ValidationErrors::one(field, code, message))
}

pub fn create_service(conn: &mut AnyConnection, name: &str) -> Result<ServiceId, AdminError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("name", "required", "A service needs a name."));
    }
    write(conn, |conn| {
        if services::find_by_name(conn, name)?.is_some() {
            return Err(invalid(
                "name",
                "name_taken",
                format!("A service called {name:?} exists already."),
            ));
        }
        let now = Utc::now().naive_utc();
        let id = services::create(conn, name, now)?;
        crate::encouragement::seed_templates(conn, &id, now)?;
        Ok(id)
    })
}

pub fn set_require_totp(
    conn: &mut AnyConnection,
    service: &ServiceId,
    require_totp: bool,
) -> Result<(), AdminError> {
    write(conn, |conn| {
        if services::find(conn, service)?.is_none() {
            return Err(AdminError::NotFound(format!(
                "no service has the id {service}"
            )));
        }
        Ok(services::set_require_totp(conn, service, require_totp)?)
    })
}

pub struct NewStaff<'a> {
    pub service: &'a ServiceId,
    pub role: Role,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

/// Creates someone who signs in with email and password. The password must
/// meet the policy (`passwords::check_strength`).
pub fn create_staff(conn: &mut AnyConnection, staff: NewStaff<'_>) -> Result<UserId, AdminError> {
    let mut errors = Vec::new();
    if staff.role == Role::YoungPerson {
        errors.push(ValidationError::new(
            "role",
            "young_people_join_with_a_code",
            "Young people join with an invite code.",
        ));
    }
    let email = users::normalise_email(staff.email);
    if !looks_like_email(&email) {
        errors.push(ValidationError::new(
            "email",
            "not_an_email",
            "That is not an email address.",
        ));
    }
    let display_name = staff.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        errors.push(ValidationError::new(
            "display_name",
            "bad_name",
            "A name of 1 to 100 characters is needed.",
        ));
    }
    if let Err(weak) = passwords::check_strength("password", staff.password) {
        errors.extend(weak.0);
    }
    ValidationErrors::into_result(errors)?;
    let hash = passwords::hash(staff.password)?;
    write(conn, |conn| {
        if services::find(conn, staff.service)?.is_none() {
            return Err(AdminError::NotFound(format!(
                "no service has the id {}",
                staff.service
            )));
        }
        if users::find_by_email(conn, &email)?.is_some() {
            return Err(AdminError::EmailTaken);
        }
        users::create(
            conn,
            NewUser {
                id: &new_row_id(),
                service_id: staff.service.as_str(),
                role: staff.role.as_str(),
                email: Some(&email),
                password_hash: Some(&hash),
                display_name,
                age_band: None,
                created_at: Utc::now().naive_utc(),
            },
        )
        .map_err(|error| {
            if users::email_was_taken(&error) {
                AdminError::EmailTaken
            } else {
                error.into()
            }
        })
    })
}

/// A user of `role`, in `within` if given.
fn find_in(
    conn: &mut AnyConnection,
    id: &UserId,
    role: Option<Role>,
    within: Option<&ServiceId>,
) -> Result<User, AdminError> {
    users::find(conn, id)?
        .filter(|user| role.is_none_or(|role| user.role() == role))
        .filter(|user| within.is_none_or(|service| user.service() == *service))
        .ok_or_else(|| AdminError::NotFound(format!("no such user: {id}")))
}

/// Assigns a worker to a young person of the same service. Returns false
/// if they were assigned already (nothing changes).
pub fn assign(
    conn: &mut AnyConnection,
    within: Option<&ServiceId>,
    worker: &UserId,
    young_person: &UserId,
) -> Result<bool, AdminError> {
    write(conn, |conn| {
        let worker_row = find_in(conn, worker, Some(Role::Worker), within)?;
        let young_row = find_in(conn, young_person, Some(Role::YoungPerson), within)?;
        if worker_row.service_id != young_row.service_id {
            return Err(AdminError::NotFound(
                "the worker and the young person are in different services".into(),
            ));
        }
        if users::is_assigned(conn, worker, young_person)? {
            return Ok(false);
        }
        users::assign(conn, worker, young_person, Utc::now().naive_utc())?;
        Ok(true)
    })
}

/// Ends a worker's assignment to a young person: their reads stop at once.
pub fn unassign(
    conn: &mut AnyConnection,
    within: Option<&ServiceId>,
    worker: &UserId,
    young_person: &UserId,
) -> Result<(), AdminError> {
    write(conn, |conn| {
        find_in(conn, worker, Some(Role::Worker), within)?;
        find_in(conn, young_person, Some(Role::YoungPerson), within)?;
        let now = Utc::now().naive_utc();
        if users::end_assignment(conn, worker, young_person, now)? {
            // Messages written for later would arrive from someone who is
            // no longer their worker.
            crate::db::encouragements::delete_unshown_between(conn, worker, young_person, now)?;
            Ok(())
        } else {
            Err(AdminError::NotFound(
                "that worker is not assigned to that young person".into(),
            ))
        }
    })
}

/// Disables an account and ends all its sign-ins, access tokens included.
pub fn disable_user(
    conn: &mut AnyConnection,
    within: Option<&ServiceId>,
    user: &UserId,
) -> Result<(), AdminError> {
    write(conn, |conn| {
        find_in(conn, user, None, within)?;
        let now = Utc::now().naive_utc();
        users::disable(conn, user, now)?;
        refresh_tokens::revoke_all_for_user(conn, user, None, now)?;
        tracing::info!(user.id = %user, "account disabled");
        Ok(())
    })
}

/// Turns a disabled account back on: it can sign in again (its old
/// sign-ins stay ended).
pub fn enable_user(
    conn: &mut AnyConnection,
    within: Option<&ServiceId>,
    user: &UserId,
) -> Result<(), AdminError> {
    write(conn, |conn| {
        find_in(conn, user, None, within)?;
        users::enable(conn, user)?;
        tracing::info!(user.id = %user, "account enabled");
        Ok(())
    })
}

pub fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !email.contains(char::is_whitespace)
                && email.len() <= 254
        }
        None => false,
    }
}
