//! The signposting directory: anyone finds national services by need and
//! age, everyone signed in their service's own too (and the app caches the
//! list for offline use); a service's admins add,
//! change, remove and import their own. National services come from the
//! shipped file and cannot be changed here.

mod create_directory_service;
mod delete_directory_service;
mod import_directory;
mod list_directory;
mod update_directory_service;

use actix_web::web;
use serde::Serialize;

use super::endpoint::{Endpoint, Param, param};
use crate::db::directory_services::DirectoryRow;
use crate::db::users::Role;

pub fn endpoints() -> Vec<Endpoint> {
    const FILTERS: &[Param] = &[
        param(
            "need",
            "string",
            "only services that help with this need (or with anything)",
        ),
        param("age", "integer", "only services for this age, 0 to 25"),
    ];
    vec![
        Endpoint::get("/directory", "list_directory", || {
            web::get().to(list_directory::list_directory)
        })
        .summary("Services that can help: national ones, and the caller's service's own when signed in, with a version (also the ETag) to cache them offline.")
        .anyone()
        .query(FILTERS),
        Endpoint::post("/admin/directory", "create_directory_service", || {
            web::post().to(create_directory_service::create_directory_service)
        })
        .summary("Add a service to the service's own directory.")
        .roles(&[Role::Admin])
        .body("DirectoryService")
        .created(),
        // Before `{id}`, so "import" is never taken for an id.
        Endpoint::post("/admin/directory/import", "import_directory", || {
            web::post().to(import_directory::import_directory)
        })
        .summary("Add services from a CSV file (docs/directory.md); good rows are kept, bad ones named by line.")
        .roles(&[Role::Admin])
        .body("text/csv"),
        Endpoint::patch(
            "/admin/directory/{id}",
            "update_directory_service",
            || web::patch().to(update_directory_service::update_directory_service),
        )
        .summary("Change one of the service's own directory entries; fields left out stay.")
        .roles(&[Role::Admin])
        .body("any fields of DirectoryService"),
        Endpoint::delete(
            "/admin/directory/{id}",
            "delete_directory_service",
            || web::delete().to(delete_directory_service::delete_directory_service),
        )
        .summary("Remove one of the service's own directory entries.")
        .roles(&[Role::Admin])
        .no_content(),
    ]
}

/// A directory entry as everyone sees it.
#[derive(Serialize)]
pub struct DirectoryView {
    id: String,
    /// Shipped with Lantern for the whole country, not added by the service.
    national: bool,
    name: String,
    description: String,
    needs: Vec<String>,
    thrive: Vec<String>,
    min_age: i32,
    max_age: i32,
    area: String,
    phone: Option<String>,
    text_number: Option<String>,
    text_keyword: Option<String>,
    website: Option<String>,
    self_referral: bool,
    hours: String,
    /// Where a national service's details were confirmed.
    source: Option<String>,
}

impl From<DirectoryRow> for DirectoryView {
    fn from(row: DirectoryRow) -> Self {
        DirectoryView {
            needs: row.needs(),
            thrive: row.thrive(),
            national: row.service_id.is_none(),
            id: row.id,
            name: row.name,
            description: row.description,
            min_age: row.min_age,
            max_age: row.max_age,
            area: row.area,
            phone: row.phone,
            text_number: row.text_number,
            text_keyword: row.text_keyword,
            website: row.website,
            self_referral: row.self_referral,
            hours: row.hours,
            source: row.source,
        }
    }
}
