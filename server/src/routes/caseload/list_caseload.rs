use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use lantern_core::ConsentScope;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::users::{self, Role};
use crate::db::{DbPool, check_ins, consents, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct CaseloadEntry {
    id: String,
    display_name: String,
    age_band: Option<String>,
    joined_at: DateTime<Utc>,
    shared_scopes: Vec<ConsentScope>,
    /// Only when mood is shared: when they last checked in is mood data.
    last_check_in_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct Caseload {
    young_people: Vec<CaseloadEntry>,
}

pub async fn list_caseload(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let caseload = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let mut entries = Vec::new();
            for young_person in users::caseload(conn, &caller.id)? {
                let id = young_person.user_id();
                let grants = consents::current_grants(conn, &id)?;
                let shared_scopes: Vec<_> = grants.iter().map(|g| g.scope).collect();
                let last_check_in_at = if shared_scopes.contains(&ConsentScope::Mood) {
                    // Seeing when someone last checked in is a read of their data.
                    audit::record(
                        conn,
                        Entry {
                            service: &caller.service,
                            actor: &caller.id,
                            action: "view_caseload_entry",
                            subject: Some(&id),
                            outcome: Outcome::Allowed,
                            detail: None,
                        },
                        now,
                    )?;
                    check_ins::latest_recorded_at(conn, &id)?.map(utc)
                } else {
                    None
                };
                entries.push(CaseloadEntry {
                    id: young_person.id,
                    display_name: young_person.display_name,
                    age_band: young_person.age_band,
                    joined_at: utc(young_person.created_at),
                    shared_scopes,
                    last_check_in_at,
                });
            }
            Ok::<_, ApiError>(Caseload {
                young_people: entries,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(caseload))
}

fn utc(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}
