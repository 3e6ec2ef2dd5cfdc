use actix_web::{HttpResponse, web};

use crate::admin;
use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::routes::with_conn;

/// Ends an assignment. The worker's reads check the assignment every time,
/// so their access ends with this answer.
pub async fn end_assignment(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let (worker, young_person) = path.into_inner();
    with_conn(&pool, move |conn| {
        let young_person = UserId(young_person);
        admin::unassign(conn, Some(&caller.service), &UserId(worker), &young_person)?;
        super::audit(conn, &caller, &young_person, "end_assignment")
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
