use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{DbPool, alerts, write};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct AlertQuery {
    /// `open` (the default) or `all`.
    #[serde(default)]
    status: Option<String>,
}

#[derive(Serialize)]
pub struct AlertView {
    id: String,
    young_person_id: String,
    display_name: String,
    /// What the young person answered, in words. Never a score.
    summary: String,
    disclosed_at: DateTime<Utc>,
    raised_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    acknowledgement_note: Option<String>,
    escalated_at: Option<DateTime<Utc>>,
    /// True when it reached this worker as the service's duty contact.
    escalated_to_me: bool,
}

#[derive(Serialize)]
struct AlertList {
    alerts: Vec<AlertView>,
}

/// A worker's alerts: those of young people assigned to them and those
/// escalated to them as duty contact, open first. Reading them is a read of
/// each young person's data, so each is audited.
pub async fn list_alerts(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<AlertQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let open_only = match query.status.as_deref() {
        None | Some("open") => true,
        Some("all") => false,
        Some(_) => {
            return Err(ApiError::validation(
                "status",
                "unknown_status",
                "Use open or all.",
            ));
        }
    };
    let list = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            let found = alerts::for_worker(conn, &caller.id, open_only)?;
            let mut views = Vec::with_capacity(found.len());
            let mut audited: Vec<String> = Vec::new();
            for alert in found {
                let young_person = UserId(alert.young_person_id.clone());
                let Some(user) = users::find(conn, &young_person)? else {
                    continue;
                };
                if user.service() != caller.service {
                    continue;
                }
                if !audited.contains(&alert.young_person_id) {
                    audit::record(
                        conn,
                        Entry {
                            service: &caller.service,
                            actor: &caller.id,
                            request_id: caller.request_id.as_str(),
                            action: "read_alerts",
                            subject: Some(&young_person),
                            outcome: Outcome::Allowed,
                            detail: None,
                        },
                        now,
                    )?;
                    audited.push(alert.young_person_id.clone());
                }
                views.push(AlertView {
                    escalated_to_me: alert.escalated_to.as_deref() == Some(caller.id.as_str()),
                    id: alert.id,
                    young_person_id: alert.young_person_id,
                    display_name: user.display_name,
                    summary: alert.summary,
                    disclosed_at: utc(alert.disclosed_at),
                    raised_at: utc(alert.created_at),
                    acknowledged_at: alert.acknowledged_at.map(utc),
                    acknowledgement_note: alert.acknowledgement_note,
                    escalated_at: alert.escalated_at.map(utc),
                });
            }
            Ok::<_, ApiError>(AlertList { alerts: views })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

fn utc(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}
