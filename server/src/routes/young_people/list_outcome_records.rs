use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::access::{self, assigned_worker};
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::outcome_records::OutcomeRow;
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, outcome_records, write};
use crate::error::ApiError;
use crate::outcome::Term;
use crate::routes::with_conn;

const ACTION: &str = "read_outcome_records";

#[derive(Serialize)]
struct Exclusions {
    count: i32,
    days: f64,
}

#[derive(Serialize)]
struct RecordedBy {
    id: String,
    display_name: String,
}

#[derive(Serialize)]
pub struct RecordView {
    term: String,
    attendance_percent: f64,
    fixed_term_exclusions: Exclusions,
    permanent_exclusion: bool,
    part_time_timetable: bool,
    recorded_by: RecordedBy,
    recorded_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct RecordList {
    /// Newest term first.
    pub outcome_records: Vec<RecordView>,
}

fn view(row: OutcomeRow, display_name: String) -> RecordView {
    RecordView {
        attendance_percent: f64::from(row.attendance_tenths) / 10.0,
        fixed_term_exclusions: Exclusions {
            count: row.fixed_term_exclusions,
            days: f64::from(row.fixed_term_exclusion_day_tenths) / 10.0,
        },
        permanent_exclusion: row.permanent_exclusion,
        part_time_timetable: row.part_time_timetable,
        recorded_by: RecordedBy {
            id: row.recorded_by,
            display_name,
        },
        recorded_at: row.recorded_at.and_utc(),
        term: row.term,
    }
}

/// A young person's records, newest term first (as the school year runs,
/// not as the names sort).
pub fn records_view(
    conn: &mut AnyConnection,
    young_person: &UserId,
) -> Result<RecordList, ApiError> {
    let mut rows = outcome_records::for_young_person(conn, young_person)?;
    rows.sort_by_key(|(row, _)| std::cmp::Reverse(Term::parse(&row.term)));
    Ok(RecordList {
        outcome_records: rows
            .into_iter()
            .map(|(row, name)| view(row, name))
            .collect(),
    })
}

/// An assigned worker reads the school records kept for a young person.
pub async fn list_outcome_records(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let young_person = UserId(path.into_inner());
    let list = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                None,
                now,
            )?;
            Ok::<_, ApiError>(Ok(records_view(conn, &young_person)?))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(list))
}

/// The young person sees what their workers wrote down about school.
pub async fn list_my_outcome_records(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let list = with_conn(&pool, move |conn| records_view(conn, &caller.id)).await?;
    Ok(HttpResponse::Ok().json(list))
}
