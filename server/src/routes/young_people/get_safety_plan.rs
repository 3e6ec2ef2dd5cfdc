use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ConsentScope;
use lantern_core::safety_plan::SafetyPlan;
use lantern_core::sync::RecordKind;
use serde::Serialize;

use super::access::{self, assigned_worker_sharing};
use super::get_progress::records;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "read_safety_plan";

#[derive(Serialize)]
struct PlanView {
    /// Null when the young person shares the plan but has not sent one.
    safety_plan: Option<SafetyPlan>,
}

/// The young person's safety plan, in their own words, when they share it.
pub async fn get_safety_plan(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let young_person = UserId(path.into_inner());
    let view = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker_sharing(
                conn,
                &caller,
                &young_person,
                ACTION,
                ConsentScope::SafetyPlan,
                now,
            )? {
                return Ok(Err(refused));
            }
            let plans: Vec<SafetyPlan> = records(conn, &young_person, RecordKind::SafetyPlan)?;
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now,
            )?;
            Ok::<_, ApiError>(Ok(PlanView {
                safety_plan: plans.into_iter().next(),
            }))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}
