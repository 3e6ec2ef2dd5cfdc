//! The service admin's API: staff, assignments, accounts, the service's
//! settings. Role admin only, and only within the admin's own service:
//! anyone else's people are "not found".

mod assign_worker;
mod create_staff;
mod disable_user;
mod enable_user;
mod end_assignment;
mod get_service;
mod list_staff;
mod list_young_people;
mod update_service;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;

/// A service's settings as its admins see them.
#[derive(serde::Serialize)]
struct ServiceView {
    require_totp: bool,
    duty_contact_id: Option<String>,
    alert_escalation_minutes: i32,
    retention_months: i32,
}

impl ServiceView {
    fn new(require_totp: bool, settings: crate::db::service_settings::ServiceSettings) -> Self {
        ServiceView {
            require_totp,
            duty_contact_id: settings.duty_contact_id,
            alert_escalation_minutes: settings.alert_escalation_minutes,
            retention_months: settings.retention_months,
        }
    }
}

/// Writes what an admin did to a person's account to the audit log, which
/// the young person sees.
fn audit(
    conn: &mut crate::db::AnyConnection,
    caller: &crate::auth::AuthUser,
    subject: &crate::db::ids::UserId,
    action: &str,
) -> Result<(), crate::error::ApiError> {
    crate::db::write(conn, |conn| {
        crate::db::audit::record(
            conn,
            crate::db::audit::Entry {
                service: &caller.service,
                actor: &caller.id,
                action,
                subject: Some(subject),
                outcome: crate::db::audit::Outcome::Allowed,
                detail: None,
                request_id: caller.request_id.as_str(),
            },
            chrono::Utc::now().naive_utc(),
        )
    })?;
    Ok(())
}

pub fn endpoints() -> Vec<Endpoint> {
    const ADMIN: &[Role] = &[Role::Admin];
    vec![
        Endpoint::get("/admin/staff", "list_staff", || {
            web::get().to(list_staff::list_staff)
        })
        .summary("The service's workers, leads and admins, disabled ones too, with each one's number of young people.")
        .roles(ADMIN),
        Endpoint::get("/admin/young-people", "list_young_people", || {
            web::get().to(list_young_people::list_young_people)
        })
        .summary("The service's young people by name, with the workers assigned to each now; nothing they record or share.")
        .roles(ADMIN),
        Endpoint::post("/admin/staff", "create_staff", || {
            web::post().to(create_staff::create_staff)
        })
        .summary("Create a worker, service lead or admin in the caller's service.")
        .roles(ADMIN)
        .body("NewStaff {role, email, display_name, password}")
        .created(),
        Endpoint::put(
            "/admin/assignments/{worker_id}/{young_person_id}",
            "assign_worker",
            || web::put().to(assign_worker::assign_worker),
        )
        .summary("Assign a worker to a young person of the same service.")
        .roles(ADMIN)
        .no_content(),
        Endpoint::delete(
            "/admin/assignments/{worker_id}/{young_person_id}",
            "end_assignment",
            || web::delete().to(end_assignment::end_assignment),
        )
        .summary("End an assignment; the worker's access ends at once.")
        .roles(ADMIN)
        .no_content(),
        Endpoint::post("/admin/users/{id}/disable", "disable_user", || {
            web::post().to(disable_user::disable_user)
        })
        .summary("Disable an account; its sign-ins end at once.")
        .roles(ADMIN)
        .no_content(),
        Endpoint::post("/admin/users/{id}/enable", "enable_user", || {
            web::post().to(enable_user::enable_user)
        })
        .summary("Turn a disabled account back on; it signs in afresh.")
        .roles(ADMIN)
        .no_content(),
        Endpoint::get("/admin/service", "get_service", || {
            web::get().to(get_service::get_service)
        })
        .summary("The service's settings: two-step sign-in, duty contact, alert escalation time, retention.")
        .roles(ADMIN),
        Endpoint::patch("/admin/service", "update_service", || {
            web::patch().to(update_service::update_service)
        })
        .summary("Change any of the service's settings; those left out stay as they are.")
        .roles(ADMIN)
        .body("{require_totp?, duty_contact_id?, alert_escalation_minutes?, retention_months?}"),
    ]
}
