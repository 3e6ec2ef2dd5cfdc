use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::DbPool;
use crate::db::users::{self, Role};
use crate::error::ApiError;
use crate::routes::with_conn;

#[derive(Serialize)]
struct AssignedWorker {
    id: String,
    display_name: String,
    /// A disabled worker's assignment stays on record but nobody acts on it.
    active: bool,
}

#[derive(Serialize)]
struct YoungPersonView {
    id: String,
    display_name: String,
    joined_at: DateTime<Utc>,
    active: bool,
    workers: Vec<AssignedWorker>,
}

/// The service's young people and who is assigned to each, so an admin
/// can give a young person a worker (when theirs leaves, say). Names only:
/// nothing a young person records or shares is here.
pub async fn list_young_people(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Admin)?;
    let list = with_conn(&pool, move |conn| {
        let assignments = users::open_assignments_in(conn, &caller.service)?;
        let list: Vec<YoungPersonView> = users::young_people_of(conn, &caller.service)?
            .into_iter()
            .map(|person| YoungPersonView {
                workers: assignments
                    .iter()
                    .filter(|(young_person, _)| *young_person == person.id)
                    .map(|(_, worker)| AssignedWorker {
                        id: worker.id.clone(),
                        display_name: worker.display_name.clone(),
                        active: worker.is_active(),
                    })
                    .collect(),
                active: person.is_active(),
                joined_at: person.created_at.and_utc(),
                id: person.id,
                display_name: person.display_name,
            })
            .collect();
        Ok::<_, ApiError>(list)
    })
    .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "young_people": list })))
}
