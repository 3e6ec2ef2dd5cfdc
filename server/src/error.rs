//! One error type for HTTP. Every error leaves as `application/problem+json`
//! with a stable snake_case `code`; unexpected failures are logged once,
//! here, and leave as an opaque 500.

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use lantern_core::{ConsentScope, ValidationError, ValidationErrors};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("sign in to do this")]
    Unauthenticated,
    #[error("that email and password don't match")]
    InvalidCredentials,
    #[error("this sign-in has ended; sign in again")]
    InvalidRefreshToken,
    #[error("this sign-in was used twice, so it has been ended everywhere for safety")]
    RefreshTokenReused,
    #[error("you can't do this")]
    Forbidden,
    #[error("your service asks for two-step sign-in: set up an authenticator app first")]
    TotpEnrolmentRequired,
    #[error("your service asks for two-step sign-in, so it can't be switched off")]
    TotpRequiredByService,
    #[error("that code from your authenticator app doesn't match; try the newest one")]
    InvalidTotpCode,
    #[error("this sign-in attempt has ended; enter your email and password again")]
    InvalidTotpChallenge,
    #[error("two-step sign-in is on already; switch it off first to set up a new app")]
    TotpAlreadyEnabled,
    #[error("start setting up two-step sign-in first")]
    TotpNotStarted,
    #[error("that code doesn't work: it may be mistyped, used already or out of date")]
    InvalidRelinkCode,
    #[error("that email has an account already")]
    EmailTaken,
    /// `why` says which limit, in words; most are [`ApiError::TOO_MANY_ATTEMPTS`].
    #[error("{why}")]
    RateLimited {
        retry_after: Duration,
        why: &'static str,
    },
    #[error("the young person does not share their {}", .0.as_str())]
    ConsentRequired(ConsentScope),
    #[error("not found")]
    NotFound,
    #[error("this address does not take that method")]
    MethodNotAllowed,
    #[error("that code doesn't work: it may be mistyped, used already or out of date")]
    InvalidInvite,
    #[error("someone has already acknowledged this alert")]
    AlreadyAcknowledged,
    #[error("this message is showing already, so it can't be taken back")]
    AlreadyShown,
    #[error("the request is too large")]
    PayloadTooLarge,
    #[error("{0}")]
    Validation(ValidationErrors),
    #[error("the database is not answering")]
    NotReady,
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// What the per-minute limits say.
    pub const TOO_MANY_ATTEMPTS: &'static str = "too many attempts; wait a little and try again";

    /// Every code `code` can return; docs/API.md must list each one.
    pub const ALL_CODES: [&'static str; 25] = [
        "bad_request",
        "unauthenticated",
        "invalid_credentials",
        "invalid_refresh_token",
        "refresh_token_reused",
        "forbidden",
        "totp_enrolment_required",
        "totp_required_by_service",
        "invalid_totp_code",
        "invalid_totp_challenge",
        "totp_already_enabled",
        "totp_not_started",
        "invalid_relink_code",
        "email_taken",
        "rate_limited",
        "consent_required",
        "not_found",
        "method_not_allowed",
        "invalid_invite",
        "already_acknowledged",
        "already_shown",
        "payload_too_large",
        "validation_failed",
        "not_ready",
        "internal",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::InvalidRefreshToken => "invalid_refresh_token",
            ApiError::RefreshTokenReused => "refresh_token_reused",
            ApiError::Forbidden => "forbidden",
            ApiError::TotpEnrolmentRequired => "totp_enrolment_required",
            ApiError::TotpRequiredByService => "totp_required_by_service",
            ApiError::InvalidTotpCode => "invalid_totp_code",
            ApiError::InvalidTotpChallenge => "invalid_totp_challenge",
            ApiError::TotpAlreadyEnabled => "totp_already_enabled",
            ApiError::TotpNotStarted => "totp_not_started",
            ApiError::InvalidRelinkCode => "invalid_relink_code",
            ApiError::EmailTaken => "email_taken",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::ConsentRequired(_) => "consent_required",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::InvalidInvite => "invalid_invite",
            ApiError::AlreadyAcknowledged => "already_acknowledged",
            ApiError::AlreadyShown => "already_shown",
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::Validation(_) => "validation_failed",
            ApiError::NotReady => "not_ready",
            ApiError::Internal(_) => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "The request could not be read",
            ApiError::Unauthenticated
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::RefreshTokenReused
            | ApiError::InvalidTotpCode
            | ApiError::InvalidTotpChallenge => "Not signed in",
            ApiError::Forbidden
            | ApiError::ConsentRequired(_)
            | ApiError::TotpEnrolmentRequired
            | ApiError::TotpRequiredByService => "Not allowed",
            ApiError::NotFound | ApiError::InvalidInvite | ApiError::InvalidRelinkCode => {
                "Not found"
            }
            ApiError::TotpAlreadyEnabled | ApiError::TotpNotStarted | ApiError::EmailTaken => {
                "Conflict"
            }
            ApiError::RateLimited { .. } => "Too many requests",
            ApiError::AlreadyAcknowledged | ApiError::AlreadyShown => "Already done",
            ApiError::MethodNotAllowed => "Method not allowed",
            ApiError::PayloadTooLarge => "Too large",
            ApiError::Validation(_) => "Some of what was sent is not right",
            ApiError::NotReady => "Not ready",
            ApiError::Internal(_) => "Something went wrong on our side",
        }
    }

    pub fn validation(field: &str, code: &str, message: impl Into<String>) -> ApiError {
        ApiError::Validation(ValidationErrors::one(field, code, message))
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        ApiError::Validation(errors)
    }
}

impl From<crate::admin::AdminError> for ApiError {
    fn from(error: crate::admin::AdminError) -> Self {
        use crate::admin::AdminError;
        match error {
            AdminError::Invalid(errors) => ApiError::Validation(errors),
            AdminError::EmailTaken => ApiError::EmailTaken,
            AdminError::NotFound(_) => ApiError::NotFound,
            AdminError::Other(error) => ApiError::Internal(error),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        ApiError::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        ApiError::Internal(anyhow::Error::new(error).context("no database connection"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::Error::new(error).context("blocking task failed"))
    }
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    code: &'a str,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [ValidationError]>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated
            | ApiError::InvalidCredentials
            | ApiError::InvalidRefreshToken
            | ApiError::RefreshTokenReused
            | ApiError::InvalidTotpCode
            | ApiError::InvalidTotpChallenge => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden
            | ApiError::ConsentRequired(_)
            | ApiError::TotpEnrolmentRequired
            | ApiError::TotpRequiredByService => StatusCode::FORBIDDEN,
            ApiError::NotFound | ApiError::InvalidInvite | ApiError::InvalidRelinkCode => {
                StatusCode::NOT_FOUND
            }
            ApiError::TotpAlreadyEnabled | ApiError::TotpNotStarted | ApiError::EmailTaken => {
                StatusCode::CONFLICT
            }
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::AlreadyAcknowledged | ApiError::AlreadyShown => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(error) = self {
            tracing::error!(error = format!("{error:#}"), "request failed");
        }
        let status = self.status_code();
        let problem = Problem {
            kind: format!("urn:lantern:problem:{}", self.code()),
            title: self.title(),
            status: status.as_u16(),
            code: self.code(),
            detail: self.to_string(),
            errors: match self {
                ApiError::Validation(errors) => Some(errors.errors()),
                _ => None,
            },
        };
        let mut response = HttpResponse::build(status);
        if let ApiError::RateLimited { retry_after, .. } = self {
            response.insert_header(("Retry-After", retry_after.as_secs().max(1).to_string()));
        }
        response
            .content_type("application/problem+json")
            .json(problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each variant. Adding a variant means adding it here and to
    /// `ALL_CODES`, or this test fails on the count.
    fn one_of_each() -> Vec<ApiError> {
        vec![
            ApiError::BadRequest(String::new()),
            ApiError::Unauthenticated,
            ApiError::InvalidCredentials,
            ApiError::InvalidRefreshToken,
            ApiError::RefreshTokenReused,
            ApiError::Forbidden,
            ApiError::TotpEnrolmentRequired,
            ApiError::TotpRequiredByService,
            ApiError::InvalidTotpCode,
            ApiError::InvalidTotpChallenge,
            ApiError::TotpAlreadyEnabled,
            ApiError::TotpNotStarted,
            ApiError::InvalidRelinkCode,
            ApiError::EmailTaken,
            ApiError::RateLimited {
                retry_after: Duration::from_secs(1),
                why: ApiError::TOO_MANY_ATTEMPTS,
            },
            ApiError::ConsentRequired(ConsentScope::Mood),
            ApiError::NotFound,
            ApiError::MethodNotAllowed,
            ApiError::InvalidInvite,
            ApiError::AlreadyAcknowledged,
            ApiError::AlreadyShown,
            ApiError::PayloadTooLarge,
            ApiError::Validation(ValidationErrors::one("f", "c", "m")),
            ApiError::NotReady,
            ApiError::Internal(anyhow::anyhow!("x")),
        ]
    }

    #[test]
    fn every_code_is_listed_once_and_used() {
        let codes: Vec<&str> = one_of_each().iter().map(ApiError::code).collect();
        let mut listed = ApiError::ALL_CODES.to_vec();
        let mut used = codes.clone();
        listed.sort_unstable();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used.len(), codes.len(), "two variants share a code");
        assert_eq!(listed, used);
    }
}
