//! The OpenAPI 3.1 document, built from the same `Endpoint` values the
//! server mounts. Who may call each operation is stated in
//! `x-lantern-callers`; a worker's read of a young person's data also states
//! that the worker must be assigned (`x-lantern-assigned-worker`) and which
//! consent scope it needs (`x-lantern-consent-scope`).

use actix_web::HttpResponse;
use serde_json::{Map, Value, json};

use super::endpoint::{Callers, Endpoint};
use crate::db::users::Role;

pub async fn get_openapi() -> HttpResponse {
    HttpResponse::Ok().json(document(&super::endpoints()))
}

pub fn document(endpoints: &[Endpoint]) -> Value {
    let mut paths = Map::new();
    for endpoint in endpoints {
        let item = paths
            .entry(format!("/api/v1{}", endpoint.path))
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(endpoint.method.to_owned(), operation(endpoint));
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Lantern API",
            "version": "1",
            "description": "Errors are application/problem+json with a stable `code` (docs/API.md). \
                            Every worker read of a young person's data is consented, assigned and audited."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT (EdDSA)" }
            },
            "schemas": { "Problem": problem_schema() }
        }
    })
}

fn operation(endpoint: &Endpoint) -> Value {
    let mut parameters: Vec<Value> = endpoint
        .path_params()
        .map(|name| {
            json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } })
        })
        .collect();
    for param in endpoint.query {
        let mut schema = json!({ "type": param.kind });
        if let Some(format) = param.format {
            schema["format"] = json!(format);
        }
        parameters.push(json!({
            "name": param.name, "in": "query", "required": false,
            "description": param.description, "schema": schema
        }));
    }
    let mut op = json!({
        "operationId": endpoint.operation_id,
        "summary": endpoint.summary,
        "x-lantern-callers": callers(endpoint.callers),
        "responses": responses(endpoint),
    });
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    if endpoint.callers != Callers::Anyone {
        op["security"] = json!([{ "bearer": [] }]);
    }
    if endpoint.assigned_worker {
        op["x-lantern-assigned-worker"] = json!(true);
    }
    if let Some(scope) = endpoint.scope {
        op["x-lantern-consent-scope"] = json!(scope.as_str());
    }
    if let Some(body) = endpoint.body {
        op["requestBody"] = json!({
            "required": true,
            "description": body,
            "content": { "application/json": { "schema": { "type": "object" } } }
        });
    }
    op
}

fn callers(callers: Callers) -> Value {
    match callers {
        Callers::Anyone => json!(["anyone"]),
        Callers::SignedIn => json!(["signed_in"]),
        Callers::Roles(roles) => json!(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
    }
}

fn responses(endpoint: &Endpoint) -> Value {
    let problem = |description: &str| {
        json!({
            "description": description,
            "content": { "application/problem+json": {
                "schema": { "$ref": "#/components/schemas/Problem" } } }
        })
    };
    let mut responses = Map::new();
    let success = match endpoint.success {
        204 => json!({ "description": "Done; no body" }),
        _ => json!({ "description": "Done", "content": { "application/json": {} } }),
    };
    responses.insert(endpoint.success.to_string(), success);
    if endpoint.body.is_some() || !endpoint.query.is_empty() {
        responses.insert("400".into(), problem("The request could not be read"));
        responses.insert(
            "422".into(),
            problem("A rule failed; `errors` names each field"),
        );
    }
    if endpoint.callers != Callers::Anyone {
        responses.insert(
            "401".into(),
            problem("Not signed in, or the sign-in has ended"),
        );
    }
    if matches!(endpoint.callers, Callers::Roles(roles) if roles.len() < Role::ALL.len()) {
        responses.insert("403".into(), problem("The caller's role may not do this"));
    }
    if endpoint.scope.is_some() {
        responses.insert(
            "403".into(),
            problem("The role may not, or the young person does not share this (consent_required)"),
        );
    }
    if endpoint.path.contains('{') {
        responses.insert(
            "404".into(),
            problem("Nothing of that id visible to the caller (other services and unassigned young people included)"),
        );
    }
    if endpoint.ip_limit.is_some() {
        responses.insert("429".into(), problem("Too many attempts; see Retry-After"));
    }
    Value::Object(responses)
}

fn problem_schema() -> Value {
    json!({
        "type": "object",
        "required": ["type", "title", "status", "code", "detail"],
        "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "code": { "type": "string", "description": "stable snake_case; see docs/API.md" },
            "detail": { "type": "string" },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "code", "message"],
                    "properties": {
                        "field": { "type": "string" },
                        "code": { "type": "string" },
                        "message": { "type": "string" }
                    }
                }
            }
        }
    })
}
