use actix_web::{HttpResponse, web};
use lantern_core::ValidationErrors;
use serde::{Deserialize, Serialize};

use crate::admin::{self, NewStaff};
use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct CreateStaff {
    role: String,
    email: String,
    display_name: String,
    password: String,
}

#[derive(Serialize)]
struct CreatedStaff {
    id: String,
    role: Role,
}

/// Staff an admin may create: parents are linked by young people, and
/// young people join with a code.
const STAFF_ROLES: [Role; 3] = [Role::Worker, Role::ServiceLead, Role::Admin];

pub async fn create_staff(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<CreateStaff>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let body = body.into_inner();
    let role = Role::parse(&body.role)
        .filter(|role| STAFF_ROLES.contains(role))
        .ok_or_else(|| {
            ApiError::Validation(ValidationErrors::one(
                "role",
                "unknown_role",
                "Pick worker, service_lead or admin.",
            ))
        })?;
    let id = with_conn(&pool, move |conn| {
        Ok(admin::create_staff(
            conn,
            NewStaff {
                service: &caller.service,
                role,
                email: &body.email,
                display_name: &body.display_name,
                password: &body.password,
            },
        )?)
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedStaff { id: id.0, role }))
}
