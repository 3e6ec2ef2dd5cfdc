use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::thrive::ThriveGrouping;
use serde::Deserialize;

use super::access::{self, assigned_worker};
use super::list_thrive_groupings::history_view;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::{DbPool, thrive, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "record_thrive_grouping";
const MAX_REASON_CHARS: usize = 1000;

#[derive(Deserialize)]
pub struct NewGrouping {
    grouping: String,
    reason: String,
    /// The grouping is agreed with the young person, never decided about them.
    agreed_with_young_person: bool,
}

/// An assigned worker records the THRIVE grouping they agreed with the
/// young person, with a reason. Every change is kept.
pub async fn record_thrive_grouping(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<NewGrouping>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let grouping = ThriveGrouping::parse(&body.grouping).ok_or_else(|| {
        ApiError::validation(
            "grouping",
            "unknown_grouping",
            "Use one of thriving, getting_advice, getting_help, getting_more_help, getting_risk_support.",
        )
    })?;
    let reason = body.reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(ApiError::validation(
            "reason",
            "reason_required",
            format!("Give a reason of up to {MAX_REASON_CHARS} characters."),
        ));
    }
    if !body.agreed_with_young_person {
        return Err(ApiError::validation(
            "agreed_with_young_person",
            "agree_first",
            "Agree the grouping with the young person before recording it.",
        ));
    }
    let young_person = UserId(path.into_inner());
    let outcome = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            thrive::record(conn, &young_person, grouping, &reason, &caller.id, now)?;
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                Some(grouping.as_str()),
                now,
            )?;
            Ok::<_, ApiError>(Ok(history_view(conn, &young_person)?))
        })
    })
    .await??;
    Ok(HttpResponse::Created().json(outcome))
}
