use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::SentView;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{DbPool, encouragements, write};
use crate::error::ApiError;
use crate::routes::with_conn;
use crate::routes::young_people::access::{self, assigned_worker};

const ACTION: &str = "read_encouragement_replies";

#[derive(Deserialize)]
pub struct SentQuery {
    young_person_id: Option<String>,
}

#[derive(Serialize)]
struct SentList {
    messages: Vec<SentView>,
}

/// What the worker sent to young people assigned to them now, newest
/// first, scheduled ones included, with each reply. A reply is the young
/// person's, so seeing replies is audited, once per young person.
pub async fn list_sent_encouragements(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<SentQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let young_person = query.into_inner().young_person_id.map(UserId);
    let list = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Some(young_person) = &young_person {
                if let Err(refused) = assigned_worker(conn, &caller, young_person, ACTION, now)? {
                    return Ok(Err(refused));
                }
            }
            let sent = encouragements::sent_by(conn, &caller.id, young_person.as_ref())?;
            let mut audited: Vec<String> = Vec::new();
            let mut messages = Vec::with_capacity(sent.len());
            for (message, name) in sent {
                let replied = message.reply.is_some();
                if replied && !audited.contains(&message.young_person_id) {
                    let subject = UserId(message.young_person_id.clone());
                    access::log(conn, &caller, &subject, ACTION, Outcome::Allowed, None, now)?;
                    audited.push(message.young_person_id.clone());
                }
                messages.push(SentView::new(message, name, now));
            }
            Ok::<_, ApiError>(Ok(SentList { messages }))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(list))
}
