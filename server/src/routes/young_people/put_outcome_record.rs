use actix_web::{HttpResponse, web};
use chrono::Utc;
use lantern_core::ValidationErrors;
use serde_json::Value;

use super::access::{self, assigned_worker};
use super::list_outcome_records::records_view;
use crate::auth::AuthUser;
use crate::db::audit::Outcome;
use crate::db::ids::UserId;
use crate::db::users::Role;
use crate::db::{DbPool, outcome_records, write};
use crate::error::ApiError;
use crate::outcome::{checked_outcome, checked_term};
use crate::routes::with_conn;

const ACTION: &str = "record_outcome";

/// An assigned worker records a term's school outcomes for a young person.
/// A term has one record: writing it again replaces it and names the new
/// writer. Every bad field is named and nothing is stored.
pub async fn put_outcome_record(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<(String, String)>,
    body: web::Json<Value>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let (young_person, term) = path.into_inner();
    let term = checked_term(&term);
    let outcome = checked_outcome(&body);
    let (term, outcome) = match (term, outcome) {
        (Ok(term), Ok(outcome)) => (term.to_string(), outcome),
        (term, outcome) => {
            let mut errors = term.err().into_iter().collect::<Vec<_>>();
            errors.extend(outcome.err().map(|e| e.0).unwrap_or_default());
            return Err(ValidationErrors(errors).into());
        }
    };
    let young_person = UserId(young_person);
    let list = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if let Err(refused) = assigned_worker(conn, &caller, &young_person, ACTION, now)? {
                return Ok(Err(refused));
            }
            outcome_records::upsert(conn, &young_person, &term, outcome, &caller.id, now)?;
            access::log(
                conn,
                &caller,
                &young_person,
                ACTION,
                Outcome::Allowed,
                Some(&term),
                now,
            )?;
            Ok::<_, ApiError>(Ok(records_view(conn, &young_person)?))
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(list))
}
