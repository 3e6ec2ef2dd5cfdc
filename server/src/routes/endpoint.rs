//! Every API operation is declared once, as an `Endpoint`: the route actix
//! mounts and the facts the OpenAPI document states about it (who may call
//! it, its parameters, what it returns) come from the same value, so the
//! document cannot miss a route or describe one that is not there.

use actix_web::middleware::from_fn;
use actix_web::web;
use lantern_core::ConsentScope;

use crate::db::users::Role;
use crate::rate_limit;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callers {
    /// No sign-in needed.
    Anyone,
    /// Anyone signed in, acting on their own account.
    SignedIn,
    /// Only these roles.
    Roles(&'static [Role]),
}

/// Per-IP rate limits for the routes that take secrets from strangers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpLimit {
    SignIn,
    Codes,
    Reminders,
    Refresh,
}

#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub description: &'static str,
    /// JSON Schema type: "string", "integer".
    pub kind: &'static str,
    /// "YYYY-MM-DD" and the like, for strings.
    pub format: Option<&'static str>,
}

pub struct Endpoint {
    pub method: &'static str,
    /// Under `/api/v1`, with `{name}` path parameters.
    pub path: &'static str,
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub callers: Callers,
    /// A worker must be assigned to the young person in the path now.
    pub assigned_worker: bool,
    /// The consent scope a worker's read needs, if any.
    pub scope: Option<ConsentScope>,
    pub query: &'static [Param],
    /// What the body is, in words and by type name; None for no body.
    pub body: Option<&'static str>,
    pub success: u16,
    pub ip_limit: Option<IpLimit>,
    route: fn() -> actix_web::Route,
}

impl Endpoint {
    fn new(
        method: &'static str,
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Endpoint {
            method,
            path,
            operation_id,
            summary: "",
            callers: Callers::SignedIn,
            assigned_worker: false,
            scope: None,
            query: &[],
            body: None,
            success: 200,
            ip_limit: None,
            route,
        }
    }

    pub fn get(
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Self::new("get", path, operation_id, route)
    }

    pub fn post(
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Self::new("post", path, operation_id, route)
    }

    pub fn put(
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Self::new("put", path, operation_id, route)
    }

    pub fn patch(
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Self::new("patch", path, operation_id, route)
    }

    pub fn delete(
        path: &'static str,
        operation_id: &'static str,
        route: fn() -> actix_web::Route,
    ) -> Self {
        Self::new("delete", path, operation_id, route)
    }

    pub fn summary(mut self, summary: &'static str) -> Self {
        self.summary = summary;
        self
    }

    pub fn callers(mut self, callers: Callers) -> Self {
        self.callers = callers;
        self
    }

    pub fn roles(self, roles: &'static [Role]) -> Self {
        self.callers(Callers::Roles(roles))
    }

    pub fn anyone(self) -> Self {
        self.callers(Callers::Anyone)
    }

    /// Only a worker assigned now to the young person named in the path.
    pub fn assigned_worker(mut self) -> Self {
        self.assigned_worker = true;
        self.roles(&[Role::Worker])
    }

    pub fn scope(mut self, scope: ConsentScope) -> Self {
        self.scope = Some(scope);
        self
    }

    pub fn query(mut self, query: &'static [Param]) -> Self {
        self.query = query;
        self
    }

    pub fn body(mut self, body: &'static str) -> Self {
        self.body = Some(body);
        self
    }

    pub fn created(mut self) -> Self {
        self.success = 201;
        self
    }

    pub fn no_content(mut self) -> Self {
        self.success = 204;
        self
    }

    pub fn ip_limit(mut self, limit: IpLimit) -> Self {
        self.ip_limit = Some(limit);
        self
    }

    /// Path parameter names, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
    }
}

/// Mounts every endpoint, one actix resource per path with a route per
/// method, so a path with several methods answers each of them.
pub fn mount_all(endpoints: &[Endpoint], cfg: &mut web::ServiceConfig) {
    let mut paths: Vec<&'static str> = Vec::new();
    for endpoint in endpoints {
        if !paths.contains(&endpoint.path) {
            paths.push(endpoint.path);
        }
    }
    for path in paths {
        let group: Vec<&Endpoint> = endpoints.iter().filter(|e| e.path == path).collect();
        let mut resource = web::resource(path).default_service(web::to(|| async {
            Err::<actix_web::HttpResponse, _>(crate::error::ApiError::MethodNotAllowed)
        }));
        for endpoint in &group {
            resource = resource.route((endpoint.route)());
        }
        // Limited paths have one method each, so the limit is the path's.
        match group.iter().find_map(|e| e.ip_limit) {
            None => cfg.service(resource),
            Some(IpLimit::SignIn) => cfg.service(resource.wrap(from_fn(rate_limit::sign_in_by_ip))),
            Some(IpLimit::Codes) => cfg.service(resource.wrap(from_fn(rate_limit::codes_by_ip))),
            Some(IpLimit::Reminders) => {
                cfg.service(resource.wrap(from_fn(rate_limit::reminders_by_ip)))
            }
            Some(IpLimit::Refresh) => {
                cfg.service(resource.wrap(from_fn(rate_limit::refresh_by_ip)))
            }
        };
    }
}

/// A query parameter.
pub const fn param(name: &'static str, kind: &'static str, description: &'static str) -> Param {
    Param {
        name,
        description,
        kind,
        format: None,
    }
}

/// A date query parameter (YYYY-MM-DD).
pub const fn date_param(name: &'static str, description: &'static str) -> Param {
    Param {
        name,
        description,
        kind: "string",
        format: Some("date"),
    }
}
