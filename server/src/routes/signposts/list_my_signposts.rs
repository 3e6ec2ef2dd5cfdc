use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::ids::ServiceId;
use crate::db::signposts::{self, Signpost};
use crate::db::users::Role;
use crate::db::{AnyConnection, DbPool, directory_services};
use crate::error::ApiError;
use crate::routes::directory::DirectoryView;
use crate::routes::with_conn;

#[derive(Serialize)]
pub struct SignpostView {
    /// The `subject_id` of its inbox line.
    id: String,
    /// The worker's display name.
    from: String,
    note: Option<String>,
    at: DateTime<Utc>,
    /// The name when it was sent, so it reads even if the entry is gone.
    service_name: String,
    /// The directory entry now, or null if it was removed.
    service: Option<DirectoryView>,
}

pub fn view(
    conn: &mut AnyConnection,
    service: &ServiceId,
    signpost: Signpost,
    from: String,
) -> Result<SignpostView, ApiError> {
    let entry = directory_services::find_visible(conn, service, &signpost.directory_service_id)?;
    Ok(SignpostView {
        id: signpost.id,
        from,
        note: signpost.note,
        at: signpost.created_at.and_utc(),
        service_name: signpost.service_name,
        service: entry.map(DirectoryView::from),
    })
}

#[derive(Serialize)]
struct MySignposts {
    signposts: Vec<SignpostView>,
}

/// The services the young person's workers suggested, newest first.
pub async fn list_my_signposts(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let list = with_conn(&pool, move |conn| {
        let rows = signposts::for_young_person(conn, &caller.id)?;
        let signposts = rows
            .into_iter()
            .map(|(signpost, from)| view(conn, &caller.service, signpost, from))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(MySignposts { signposts })
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}
