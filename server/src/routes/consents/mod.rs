mod list_consents;
mod set_consent;

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use lantern_core::{ConsentGrant, ConsentScope};
use serde::Serialize;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/me/consents", web::get().to(list_consents::list_consents))
        .route(
            "/me/consents/{scope}",
            web::put().to(set_consent::set_consent),
        );
}

/// One row per scope, shared or not, so the client shows every choice.
#[derive(Serialize)]
struct ConsentState {
    scope: ConsentScope,
    granted: bool,
    granted_at: Option<DateTime<FixedOffset>>,
    include_past: bool,
}

#[derive(Serialize)]
struct ConsentList {
    consents: Vec<ConsentState>,
}

fn consent_list(grants: &[ConsentGrant]) -> ConsentList {
    let consents = ConsentScope::ALL
        .into_iter()
        .map(|scope| match grants.iter().find(|g| g.scope == scope) {
            Some(grant) => ConsentState {
                scope,
                granted: true,
                granted_at: Some(grant.granted_at),
                include_past: grant.include_past,
            },
            None => ConsentState {
                scope,
                granted: false,
                granted_at: None,
                include_past: false,
            },
        })
        .collect();
    ConsentList { consents }
}
