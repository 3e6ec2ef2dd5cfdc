//! The OpenAPI document is a contract: the served one matches the committed
//! snapshot (docs/openapi.json), and docs/API.md names every operation and
//! every error code. Set LANTERN_UPDATE_SNAPSHOTS=1 to rewrite the snapshot
//! after a deliberate change, then review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use lantern_server::error::ApiError;
use lantern_server::routes::{endpoints, openapi};
use lantern_tests::{TestApp, on_both_backends};
use serde_json::Value;

on_both_backends!(the_served_document_is_the_one_built_from_the_endpoints);

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
const API_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/API.md");

async fn the_served_document_is_the_one_built_from_the_endpoints(app: TestApp) {
    let served: Value = app
        .get("/api/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(served, openapi::document(&endpoints()));
}

#[test]
fn the_document_matches_its_snapshot() {
    let built = serde_json::to_string_pretty(&openapi::document(&endpoints())).unwrap() + "\n";
    if std::env::var("LANTERN_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(SNAPSHOT, &built).unwrap();
    }
    let committed = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        committed == built,
        "docs/openapi.json is not the document the server builds; run \
         LANTERN_UPDATE_SNAPSHOTS=1 cargo test -p lantern-tests --test openapi and review the diff"
    );
}

#[test]
fn api_md_names_every_operation() {
    let api_md = std::fs::read_to_string(API_DOC).unwrap();
    for endpoint in endpoints() {
        let line = format!("`{} {}`", endpoint.method.to_uppercase(), endpoint.path);
        assert!(api_md.contains(&line), "docs/API.md does not list {line}");
    }
}

#[test]
fn api_md_lists_every_error_code() {
    let api_md = std::fs::read_to_string(API_DOC).unwrap();
    for code in ApiError::ALL_CODES {
        assert!(
            api_md.contains(&format!("`{code}`")),
            "docs/API.md does not list the error code {code}"
        );
    }
}
