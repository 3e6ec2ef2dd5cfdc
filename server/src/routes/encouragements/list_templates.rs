use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Serialize;

use super::TemplateView;
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::db::{DbPool, encouragement_templates, write};
use crate::encouragement;
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct TemplateList {
    templates: Vec<TemplateView>,
}

/// The service's templates in order. A service that has never had any
/// gets the shipped ones first.
pub async fn list_templates(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    if !matches!(caller.role, Role::Worker | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let include_retired = caller.role == Role::Admin;
    let templates = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            encouragement::seed_templates(conn, &caller.service, Utc::now().naive_utc())?;
            Ok::<_, ApiError>(encouragement_templates::list(
                conn,
                &caller.service,
                include_retired,
            )?)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(TemplateList {
        templates: templates.into_iter().map(TemplateView::from).collect(),
    }))
}
