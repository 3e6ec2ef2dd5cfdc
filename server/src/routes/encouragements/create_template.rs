use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use super::TemplateView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, encouragement_templates, write};
use crate::encouragement;
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct NewTemplate {
    text: String,
}

/// An admin adds a message to the end of the service's list.
pub async fn create_template(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    body: web::Json<NewTemplate>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let text = encouragement::checked_text("text", &body.text)?;
    let template = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            // Seed first, or adding one would stop the shipped ones coming.
            encouragement::seed_templates(conn, &caller.service, now)?;
            let id = encouragement_templates::insert(conn, &caller.service, &text, now)?;
            encouragement_templates::find(conn, &caller.service, &id)?.ok_or(ApiError::NotFound)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(TemplateView::from(template)))
}
