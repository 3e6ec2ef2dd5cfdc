//! Operator actions shared by the command line, the demo seed and tests.

use chrono::Utc;
use lantern_core::ValidationErrors;

use crate::auth::passwords;
use crate::db::ids::{ServiceId, UserId, new_row_id};
use crate::db::users::{self, NewUser, Role};
use crate::db::{AnyConnection, services, write};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Invalid(String),
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
        AdminError::Invalid(errors.to_string())
    }
}

pub fn create_service(conn: &mut AnyConnection, name: &str) -> Result<ServiceId, AdminError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AdminError::Invalid("a service needs a name".into()));
    }
    write(conn, |conn| {
        if services::find_by_name(conn, name)?.is_some() {
            return Err(AdminError::Invalid(format!(
                "a service called {name:?} exists already"
            )));
        }
        Ok(services::create(conn, name, Utc::now().naive_utc())?)
    })
}

pub struct NewStaff<'a> {
    pub service: &'a ServiceId,
    pub role: Role,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
}

pub fn create_staff(conn: &mut AnyConnection, staff: NewStaff<'_>) -> Result<UserId, AdminError> {
    if staff.role == Role::YoungPerson {
        return Err(AdminError::Invalid(
            "young people join with an invite code".into(),
        ));
    }
    let email = users::normalise_email(staff.email);
    if !looks_like_email(&email) {
        return Err(AdminError::Invalid(format!(
            "{email:?} is not an email address"
        )));
    }
    let display_name = staff.display_name.trim();
    if display_name.is_empty() {
        return Err(AdminError::Invalid("a name is needed".into()));
    }
    passwords::check_strength(staff.password)?;
    let hash = passwords::hash(staff.password)?;
    write(conn, |conn| {
        if services::find(conn, staff.service)?.is_none() {
            return Err(AdminError::Invalid(format!(
                "no service has the id {}",
                staff.service
            )));
        }
        if users::find_by_email(conn, &email)?.is_some() {
            return Err(AdminError::Invalid(format!(
                "{email} has an account already"
            )));
        }
        Ok(users::create(
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
        )?)
    })
}

fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}
