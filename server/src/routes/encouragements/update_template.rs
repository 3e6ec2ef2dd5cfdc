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

/// Either or both; what is left out stays as it is.
#[derive(Deserialize)]
pub struct TemplateChange {
    text: Option<String>,
    /// True retires it (workers no longer see or use it); false brings it back.
    retired: Option<bool>,
}

/// An admin rewords, retires or restores one of the service's templates.
/// Messages already sent keep the words they were sent with.
pub async fn update_template(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    path: web::Path<String>,
    body: web::Json<TemplateChange>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let change = body.into_inner();
    let text = change
        .text
        .as_deref()
        .map(|text| encouragement::checked_text("text", text))
        .transpose()?;
    let id = path.into_inner();
    let template = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now().naive_utc();
            if encouragement_templates::find(conn, &caller.service, &id)?.is_none() {
                return Err(ApiError::NotFound);
            }
            if let Some(text) = &text {
                encouragement_templates::set_text(conn, &id, text, now)?;
            }
            if let Some(retired) = change.retired {
                encouragement_templates::set_retired(conn, &id, retired, now)?;
            }
            encouragement_templates::find(conn, &caller.service, &id)?.ok_or(ApiError::NotFound)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(TemplateView::from(template)))
}
