//! Lantern's server: the API, storage and the web client's host. Domain
//! rules come from `lantern-core`; this crate stores, authorises and serves.

pub mod admin;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod directory;
pub mod edges;
pub mod encouragement;
pub mod error;
pub mod jobs;
pub mod notify;
pub mod outcome;
pub mod parents;
pub mod rate_limit;
pub mod reports;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
pub mod tips;
mod web_client;
