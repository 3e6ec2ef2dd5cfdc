mod list_consents;
mod set_consent;

use super::endpoint::Endpoint;
use crate::db::users::Role;
use actix_web::web;
use chrono::{DateTime, FixedOffset};
use lantern_core::{ConsentGrant, ConsentScope};
use serde::Serialize;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get("/me/consents", "list_consents", || {
            web::get().to(list_consents::list_consents)
        })
        .summary("What the young person shares, one row per scope.")
        .roles(&[Role::YoungPerson]),
        Endpoint::put("/me/consents/{scope}", "set_consent", || {
            web::put().to(set_consent::set_consent)
        })
        .summary(
            "Share a scope (from now, or including the past), stop sharing, or stop and delete.",
        )
        .roles(&[Role::YoungPerson])
        .body("{granted, include_past, wording_version, delete_shared}"),
    ]
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
