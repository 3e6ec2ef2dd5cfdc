//! Rate limits, kept in memory per server instance: several instances each
//! keep their own counters, so the effective limit is the sum over
//! instances (acceptable: the limits exist to make guessing hopeless and
//! to blunt floods, not to meter use).
//!
//! Sign-in, joining, re-linking and refreshing are limited per client IP
//! (the routes' `wrap(from_fn(..))`); everything signed in is limited per
//! user in `AuthUser`. A token bucket per key: the limit per minute is both
//! the burst and the refill rate.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};

use crate::error::ApiError;

/// Limits per minute; 0 switches a limit off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    /// `LANTERN_RATE_LIMIT_SIGN_IN`: password and TOTP sign-in attempts per IP.
    pub sign_in: u32,
    /// `LANTERN_RATE_LIMIT_CODES`: invite and re-link code attempts per IP.
    /// A class joining together shares one school IP, so not too tight.
    pub codes: u32,
    /// `LANTERN_RATE_LIMIT_REMINDERS`: reminder registrations and changes
    /// per IP, apart from codes so a class turning reminders on as it joins
    /// does not use up its joining allowance.
    pub reminders: u32,
    /// `LANTERN_RATE_LIMIT_REFRESH`: token refreshes per IP.
    pub refresh: u32,
    /// `LANTERN_RATE_LIMIT_PER_USER`: signed-in requests per user.
    pub per_user: u32,
    /// `LANTERN_TRUSTED_PROXIES`: how many proxies in front of the server
    /// append to `X-Forwarded-For`. 0 (the default) ignores the header and
    /// uses the connection's address, since anyone can send the header.
    pub trusted_proxies: usize,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            sign_in: 20,
            codes: 30,
            reminders: 60,
            refresh: 120,
            per_user: 600,
            trusted_proxies: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    SignIn,
    Codes,
    Reminders,
    Refresh,
    User,
}

struct Allowance {
    tokens: f64,
    updated: Instant,
}

/// Above this many keys, full buckets are dropped (they hold no state).
const PRUNE_ABOVE_KEYS: usize = 50_000;

pub struct RateLimiter {
    limits: RateLimits,
    buckets: Mutex<HashMap<(Bucket, String), Allowance>>,
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> Self {
        RateLimiter {
            limits,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn per_minute(&self, bucket: Bucket) -> u32 {
        match bucket {
            Bucket::SignIn => self.limits.sign_in,
            Bucket::Codes => self.limits.codes,
            Bucket::Reminders => self.limits.reminders,
            Bucket::Refresh => self.limits.refresh,
            Bucket::User => self.limits.per_user,
        }
    }

    /// Takes one request from `key`'s allowance, or says how long to wait.
    pub fn check(&self, bucket: Bucket, key: &str, now: Instant) -> Result<(), ApiError> {
        let per_minute = self.per_minute(bucket);
        if per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(per_minute);
        let per_second = capacity / 60.0;
        // A poisoned lock only means another request panicked mid-update;
        // the counters are still usable.
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > PRUNE_ABOVE_KEYS {
            buckets.retain(|(b, _), a| {
                let rate = f64::from(self.per_minute(*b)) / 60.0;
                let refilled = a.tokens + now.duration_since(a.updated).as_secs_f64() * rate;
                refilled < f64::from(self.per_minute(*b))
            });
        }
        let allowance = buckets
            .entry((bucket, key.to_owned()))
            .or_insert(Allowance {
                tokens: capacity,
                updated: now,
            });
        let elapsed = now.duration_since(allowance.updated).as_secs_f64();
        allowance.tokens = (allowance.tokens + elapsed * per_second).min(capacity);
        allowance.updated = now;
        if allowance.tokens >= 1.0 {
            allowance.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - allowance.tokens) / per_second;
            Err(ApiError::RateLimited {
                retry_after: Duration::from_secs_f64(wait.ceil().max(1.0)),
                why: ApiError::TOO_MANY_ATTEMPTS,
            })
        }
    }

    /// The client's address: the connection's, or with trusted proxies the
    /// entry the nearest trusted proxy added to `X-Forwarded-For`.
    pub fn client_ip(&self, req: &HttpRequest) -> String {
        let peer = req
            .peer_addr()
            .map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        let hops = self.limits.trusted_proxies;
        if hops == 0 {
            return peer;
        }
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .collect();
        forwarded
            .len()
            .checked_sub(hops)
            .and_then(|index| forwarded.get(index))
            .and_then(|entry| entry.parse::<IpAddr>().ok())
            .map_or(peer, |ip| ip.to_string())
    }
}

async fn limit_by_ip(
    bucket: Bucket,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(limiter) = req.app_data::<web::Data<RateLimiter>>() {
        let ip = limiter.client_ip(req.request());
        if let Err(error) = limiter.check(bucket, &ip, Instant::now()) {
            tracing::warn!(bucket = ?bucket, "rate limited");
            // An answer, not an `Err`: errors returned from middleware skip
            // the edge middleware's headers (no-store, the request id).
            return Ok(req.error_response(error).map_into_right_body());
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

pub async fn sign_in_by_ip(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    limit_by_ip(Bucket::SignIn, req, next).await
}

pub async fn codes_by_ip(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    limit_by_ip(Bucket::Codes, req, next).await
}

pub async fn reminders_by_ip(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    limit_by_ip(Bucket::Reminders, req, next).await
}

pub async fn refresh_by_ip(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    limit_by_ip(Bucket::Refresh, req, next).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(sign_in: u32) -> RateLimiter {
        RateLimiter::new(RateLimits {
            sign_in,
            ..RateLimits::default()
        })
    }

    #[test]
    fn a_burst_up_to_the_limit_passes_then_waits_for_refill() {
        let limiter = limiter(3);
        let start = Instant::now();
        for _ in 0..3 {
            limiter.check(Bucket::SignIn, "a", start).unwrap();
        }
        let Err(ApiError::RateLimited { retry_after, .. }) =
            limiter.check(Bucket::SignIn, "a", start)
        else {
            panic!("the fourth should be refused");
        };
        assert_eq!(retry_after, Duration::from_secs(20));
        limiter.check(Bucket::SignIn, "b", start).unwrap();
        limiter
            .check(Bucket::SignIn, "a", start + Duration::from_secs(20))
            .unwrap();
    }

    #[test]
    fn buckets_are_separate_and_zero_means_no_limit() {
        let limiter = limiter(1);
        let now = Instant::now();
        limiter.check(Bucket::SignIn, "a", now).unwrap();
        limiter.check(Bucket::Codes, "a", now).unwrap();
        assert!(limiter.check(Bucket::SignIn, "a", now).is_err());
        let off = self::limiter(0);
        for _ in 0..1000 {
            off.check(Bucket::SignIn, "a", now).unwrap();
        }
    }
}
