use actix_web::HttpResponse;
use serde::Serialize;

use super::tip_view::{TipView, catalogue};
use crate::auth::AuthUser;
use crate::db::users::Role;
use crate::error::ApiError;
use crate::tips::Topic;
use lantern_core::AgeBand;

#[derive(Serialize)]
struct CatalogueTip {
    #[serde(flatten)]
    tip: TipView,
    age_bands: Vec<AgeBand>,
}

#[derive(Serialize)]
struct Catalogue {
    topics: Vec<Topic>,
    tips: Vec<CatalogueTip>,
}

/// Every parent tip, for a worker choosing one to send and for a parent
/// choosing topics.
pub async fn list_tip_catalogue(caller: AuthUser) -> Result<HttpResponse, ApiError> {
    if !matches!(caller.role, Role::Worker | Role::Parent) {
        return Err(ApiError::Forbidden);
    }
    let catalogue = catalogue()?;
    let tips = catalogue
        .tips
        .iter()
        .map(|tip| CatalogueTip {
            tip: TipView::of(catalogue, tip),
            age_bands: tip.age_bands.clone(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Catalogue {
        topics: Topic::ALL.to_vec(),
        tips,
    }))
}
