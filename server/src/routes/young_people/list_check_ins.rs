use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use lantern_core::consent::visible_to_worker;
use lantern_core::{ConsentScope, SharedCheckIn};
use serde::{Deserialize, Serialize};

use super::access::{self, assigned_worker_sharing};
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::check_ins::{self, PageQuery};
use crate::db::ids::UserId;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::routes::with_conn;

const ACTION: &str = "read_check_ins";
const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

#[derive(Deserialize)]
pub struct CheckInQuery {
    /// First day to include (YYYY-MM-DD, UTC).
    from: Option<NaiveDate>,
    /// Last day to include.
    to: Option<NaiveDate>,
    limit: Option<i64>,
    /// `next` from the previous page.
    after: Option<String>,
}

#[derive(Serialize)]
struct WorkerCheckIn {
    #[serde(flatten)]
    check_in: SharedCheckIn,
    received_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct CheckInList {
    check_ins: Vec<WorkerCheckIn>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A worker reads a young person's shared check-ins, newest first, a page at
/// a time. Allowed only to a worker assigned to them now, only for what they
/// share now; every attempt, allowed or refused, is written to the audit log.
pub async fn list_check_ins(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    query: web::Query<CheckInQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = page_query(query.into_inner())?;
    let young_person = UserId(path.into_inner());
    // A refusal's audit row must be committed, so it is an `Ok` value inside
    // the transaction and an error outside.
    let list = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let allowed = match assigned_worker_sharing(
                conn,
                &caller,
                &young_person,
                ACTION,
                ConsentScope::Mood,
                now,
            )? {
                Ok(allowed) => allowed,
                Err(refused) => return Ok(Err(refused)),
            };
            let grants = allowed.grants;
            let rows = check_ins::list_page(conn, &young_person, &page)?;
            let next = (rows.len() as i64 == page.limit)
                .then(|| rows.last().map(|row| cursor(row.recorded_at, &row.id)))
                .flatten();
            let mut list = Vec::new();
            for row in rows {
                let shared = row
                    .to_shared()
                    .map_err(|e| ApiError::Internal(anyhow::anyhow!("bad stored check-in: {e}")))?;
                if let Some(check_in) = visible_to_worker(&shared, &grants) {
                    list.push(WorkerCheckIn {
                        check_in,
                        received_at: row.received_at.and_utc(),
                    });
                }
            }
            let detail = format!("{} check-ins", list.len());
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                Some(&detail),
                now,
            )?;
            Ok::<_, ApiError>(Ok(CheckInList {
                check_ins: list,
                next,
            }))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(list))
}

fn page_query(query: CheckInQuery) -> Result<PageQuery, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::validation(
            "limit",
            "limit_out_of_range",
            format!("Ask for 1 to {MAX_LIMIT} check-ins at a time."),
        ));
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(ApiError::validation(
                "from",
                "from_after_to",
                "The first day must not be after the last.",
            ));
        }
    }
    let after = query
        .after
        .map(|text| {
            parse_cursor(&text).ok_or_else(|| {
                ApiError::validation(
                    "after",
                    "invalid_cursor",
                    "Use the `next` value you were given.",
                )
            })
        })
        .transpose()?;
    Ok(PageQuery {
        from: query.from.and_then(|day| day.and_hms_opt(0, 0, 0)),
        to: query
            .to
            .and_then(|day| day.succ_opt())
            .and_then(|day| day.and_hms_opt(0, 0, 0)),
        after,
        limit,
    })
}

/// `<milliseconds since 1970>.<record id>` of the last row of a page.
fn cursor(recorded_at: NaiveDateTime, id: &str) -> String {
    format!("{}.{id}", recorded_at.and_utc().timestamp_millis())
}

fn parse_cursor(text: &str) -> Option<(NaiveDateTime, String)> {
    let (millis, id) = text.split_once('.')?;
    let at = DateTime::from_timestamp_millis(millis.parse().ok()?)?.naive_utc();
    lantern_core::RecordId::parse(id)?;
    Some((at, id.to_owned()))
}
