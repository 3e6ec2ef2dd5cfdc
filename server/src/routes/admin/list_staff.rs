use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::users::{self, Role};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct StaffMember {
    id: String,
    role: Role,
    display_name: String,
    email: Option<String>,
    active: bool,
    /// Young people assigned to them now.
    young_people: i64,
}

/// The service's staff, so an admin can see who has an account, who is
/// disabled, and how many young people each worker has.
pub async fn list_staff(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let staff = with_conn(&pool, move |conn| {
        let sizes = users::caseload_sizes(conn, &caller.service)?;
        let staff: Vec<StaffMember> = users::staff_of(conn, &caller.service)?
            .into_iter()
            .map(|user| StaffMember {
                role: user.role(),
                active: user.is_active(),
                young_people: sizes.get(&user.id).copied().unwrap_or(0),
                id: user.id,
                display_name: user.display_name,
                email: user.email,
            })
            .collect();
        Ok::<_, ApiError>(staff)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "staff": staff })))
}
