//! A tip as parents and workers see it, with the helplines it gives.

use serde::Serialize;

use crate::error::ApiError;
use crate::tips::{self, Helpline, Tip, TipCatalogue, Topic};

#[derive(Serialize)]
pub struct TipView {
    pub id: String,
    pub topic: Topic,
    pub title: String,
    pub body: String,
    /// The helplines the tip gives the number of.
    pub helplines: Vec<Helpline>,
}

impl TipView {
    pub fn of(catalogue: &TipCatalogue, tip: &Tip) -> TipView {
        TipView {
            id: tip.id.clone(),
            topic: tip.topic,
            title: tip.title.clone(),
            body: tip.body.clone(),
            helplines: catalogue.helplines_in(tip).into_iter().cloned().collect(),
        }
    }
}

/// The shipped catalogue; it is checked at start-up, so failing here is a
/// bug, not bad input.
pub fn catalogue() -> Result<&'static TipCatalogue, ApiError> {
    tips::catalogue()
        .map_err(|error| ApiError::Internal(anyhow::anyhow!("parent tips do not load: {error}")))
}
