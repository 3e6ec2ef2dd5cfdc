use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::RecordId;
use lantern_core::shared_progress::{SharedData, shared_progress};
use lantern_core::sync::RecordKind;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::access::{self, assigned_worker};
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::{AnyConnection, DbPool, check_ins, shared_records, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "read_progress";
/// A school year, and a little more.
const MAX_WEEKS: u32 = 60;

#[derive(Deserialize)]
pub struct ProgressQuery {
    /// Weeks of mood and feelings to show, up to this week; 8 by default.
    weeks: Option<u32>,
}

/// The young person's progress as their assigned worker sees it: the core's
/// numbers from what is shared now, each section not shared saying only
/// that. Audited.
pub async fn get_progress(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    query: web::Query<ProgressQuery>,
) -> Result<HttpResponse, ApiError> {
    let weeks = query.weeks.unwrap_or(8);
    if !(1..=MAX_WEEKS).contains(&weeks) {
        return Err(ApiError::validation(
            "weeks",
            "weeks_out_of_range",
            format!("Ask for 1 to {MAX_WEEKS} weeks."),
        ));
    }
    let young_person = UserId(path.into_inner());
    let progress = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let allowed =
                match assigned_worker(conn, &caller, &young_person, ACTION, now.naive_utc())? {
                    Ok(allowed) => allowed,
                    Err(refused) => return Ok(Err(refused)),
                };
            let stored_check_ins = check_ins::list(conn, &young_person)?
                .iter()
                .map(|row| row.to_shared())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("bad stored check-in: {e}")))?;
            let strategy_uses = records(conn, &young_person, RecordKind::StrategyUse)?;
            let goals = records(conn, &young_person, RecordKind::Goal)?;
            let goal_ratings = records(conn, &young_person, RecordKind::GoalRating)?;
            let measure_responses = records(conn, &young_person, RecordKind::MeasureResponse)?;
            let wheel = lantern_core::measures::catalogue()
                .ok()
                .and_then(|catalogue| catalogue.wheel())
                .ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!("the wheel is not in the catalogue"))
                })?;
            let data = SharedData {
                check_ins: &stored_check_ins,
                strategy_uses: &strategy_uses,
                goals: &goals,
                goal_ratings: &goal_ratings,
                measure_responses: &measure_responses,
                wheel,
            };
            let seen = shared_progress(&data, &allowed.grants, now.date_naive(), weeks);
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now.naive_utc(),
            )?;
            Ok::<_, ApiError>(Ok(seen))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(progress))
}

/// Stored records of one kind, parsed back into the core's type. They were
/// validated by the core on the way in, so a failure is a server fault.
pub(super) fn records<T: DeserializeOwned>(
    conn: &mut AnyConnection,
    young_person: &UserId,
    kind: RecordKind,
) -> Result<Vec<T>, ApiError> {
    shared_records::list(conn, young_person, kind)?
        .into_iter()
        .map(|row| {
            serde_json::from_str(&row.payload).map_err(|e| {
                let id = RecordId::parse(&row.id).map_or_else(String::new, |id| id.to_string());
                ApiError::Internal(anyhow::anyhow!(
                    "stored {} {id} does not parse: {e}",
                    kind.as_str()
                ))
            })
        })
        .collect()
}
