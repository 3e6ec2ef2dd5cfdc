use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::tip_view::catalogue;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::tip_deliveries::{NewDelivery, Source};
use crate::db::users::Role;
use crate::db::{DbPool, parent_links, write};
use crate::error::ApiError;
use crate::parents::deliver::deliver;
use crate::routes::with_conn;
use crate::routes::young_people::access::{assigned_worker, log};

const ACTION: &str = "send_parent_tip";

#[derive(Deserialize)]
pub struct ChosenTip {
    tip_id: String,
}

#[derive(Serialize)]
struct Sent {
    tip_id: String,
    /// How many linked parents it went to (none if nobody is linked).
    sent_to: usize,
}

/// A worker sends a tip they chose to every parent linked to a young person
/// on their caseload. The worker learns only how many; audited, so the
/// young person sees it.
pub async fn send_tip_to_parents(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<ChosenTip>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let young_person = UserId(path.into_inner());
    let tip_id = body.into_inner().tip_id;
    if catalogue()?.find(&tip_id).is_none() {
        return Err(ApiError::validation(
            "tip_id",
            "unknown_tip",
            "Choose a tip from the parent tips list.",
        ));
    }
    let sent = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            let parents = parent_links::parents_of(conn, &young_person)?;
            for link in &parents {
                deliver(
                    conn,
                    NewDelivery {
                        parent: &link.parent.user_id(),
                        tip_id: &tip_id,
                        source: Source::Worker,
                        sent_by: Some(&caller.id),
                        nudge_id: None,
                    },
                    now,
                )?;
            }
            let detail = format!("{} parents", parents.len());
            log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                Some(&detail),
                now,
            )?;
            Ok::<_, ApiError>(Ok(Sent {
                tip_id,
                sent_to: parents.len(),
            }))
        })
    })
    .await??;
    Ok(HttpResponse::Created().json(sent))
}
