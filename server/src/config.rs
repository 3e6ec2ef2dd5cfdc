//! Typed settings. Defaults run on a laptop; `LANTERN_*` environment
//! variables override them.

use std::path::PathBuf;

use crate::db::{describe_url, is_postgres_url};
use crate::edges::EdgeSettings;
use crate::notify::sender::PushSettings;
use crate::notify::subscription::PushOrigins;
use crate::rate_limit::RateLimits;

#[derive(Clone)]
pub struct Settings {
    /// `LANTERN_BIND`: address to listen on.
    pub bind: String,
    /// `LANTERN_DATA_DIR`: where the SQLite file lives by default.
    pub data_dir: PathBuf,
    /// `LANTERN_DATABASE_URL`: a SQLite path, or `postgres://…`.
    pub database_url: String,
    /// `LANTERN_WEB_ROOT`: the built web client served at `/`.
    pub web_root: PathBuf,
    /// `LANTERN_DB_POOL_SIZE`.
    pub pool_size: u32,
    /// `LANTERN_RATE_LIMIT_*` and `LANTERN_TRUSTED_PROXIES`.
    pub rate_limits: RateLimits,
    /// `LANTERN_CORS_ORIGINS`, `LANTERN_HSTS`, `LANTERN_METRICS`,
    /// `LANTERN_METRICS_BIND`.
    pub edges: EdgeSettings,
    /// `LANTERN_PUSH_ORIGINS`: push-service origins allowed beside the
    /// browsers' own, e.g. a push service of your own or a test peer.
    pub push_origins: PushOrigins,
    /// `LANTERN_PUSH_SUBJECT`, `LANTERN_PUSH_SEND` and the sender's limits.
    pub push: PushSettings,
    /// `LANTERN_JOBS` (on/off): whether this instance runs the background
    /// jobs. Every instance may; tests turn them off and run each job at a
    /// time they choose, so a real tick never lands beside a simulated one.
    pub jobs: bool,
}

// The URL may hold a password: never print it.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database", &describe_url(&self.database_url))
            .field("web_root", &self.web_root)
            .field("pool_size", &self.pool_size)
            .field("rate_limits", &self.rate_limits)
            .field("edges", &self.edges)
            .field("push_origins", &self.push_origins)
            .field("push", &self.push)
            .field("jobs", &self.jobs)
            .finish()
    }
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Settings> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process
    /// environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Settings> {
        let data_dir = PathBuf::from(lookup("LANTERN_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = lookup("LANTERN_DATABASE_URL").unwrap_or_else(|| {
            data_dir
                .join("lantern.sqlite")
                .to_string_lossy()
                .into_owned()
        });
        let pool_size = match number(&lookup, "LANTERN_DB_POOL_SIZE")? {
            Some(size) => size,
            None if is_postgres_url(&database_url) => 10,
            None => 8,
        };
        let defaults = RateLimits::default();
        let rate_limits = RateLimits {
            sign_in: number(&lookup, "LANTERN_RATE_LIMIT_SIGN_IN")?.unwrap_or(defaults.sign_in),
            codes: number(&lookup, "LANTERN_RATE_LIMIT_CODES")?.unwrap_or(defaults.codes),
            reminders: number(&lookup, "LANTERN_RATE_LIMIT_REMINDERS")?
                .unwrap_or(defaults.reminders),
            refresh: number(&lookup, "LANTERN_RATE_LIMIT_REFRESH")?.unwrap_or(defaults.refresh),
            per_user: number(&lookup, "LANTERN_RATE_LIMIT_PER_USER")?.unwrap_or(defaults.per_user),
            trusted_proxies: number(&lookup, "LANTERN_TRUSTED_PROXIES")?
                .unwrap_or(defaults.trusted_proxies),
        };
        Ok(Settings {
            bind: lookup("LANTERN_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            data_dir,
            database_url,
            web_root: PathBuf::from(
                lookup("LANTERN_WEB_ROOT").unwrap_or_else(|| "web-client/dist".into()),
            ),
            pool_size,
            rate_limits,
            edges: EdgeSettings::from_lookup(&lookup)?,
            push_origins: PushOrigins::parse(&lookup("LANTERN_PUSH_ORIGINS").unwrap_or_default())
                .map_err(|e| anyhow::anyhow!("LANTERN_PUSH_ORIGINS: {e}"))?,
            push: PushSettings::from_lookup(&lookup)?,
            jobs: switch(&lookup, "LANTERN_JOBS")?.unwrap_or(true),
        })
    }
}

/// An on/off setting; `None` when it is not set.
pub(crate) fn switch(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> anyhow::Result<Option<bool>> {
    lookup(name)
        .map(|text| match text.trim().to_ascii_lowercase().as_str() {
            "1" | "on" | "true" | "yes" => Ok(true),
            "0" | "off" | "false" | "no" => Ok(false),
            _ => Err(anyhow::anyhow!("{name} must be on or off, not {text:?}")),
        })
        .transpose()
}

fn number<T: std::str::FromStr>(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> anyhow::Result<Option<T>> {
    lookup(name)
        .map(|text| {
            text.trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("{name} must be a whole number, not {text:?}"))
        })
        .transpose()
}

impl Settings {
    /// Creates the data folder for a SQLite database if needed.
    pub fn prepare_data_dir(&self) -> anyhow::Result<()> {
        if !is_postgres_url(&self.database_url) {
            if let Some(parent) = PathBuf::from(&self.database_url).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> anyhow::Result<Settings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_run_on_a_laptop_with_sqlite() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.database_url, "data/lantern.sqlite");
        assert!(!is_postgres_url(&s.database_url));
        assert!(s.push.send);
        assert_eq!(s.push.subject, None);
    }

    #[test]
    fn push_settings_are_read_and_a_bad_subject_is_a_clear_error() {
        let s = settings(&[
            ("LANTERN_PUSH_SUBJECT", "mailto:ops@lantern.example"),
            ("LANTERN_PUSH_CONCURRENCY", "8"),
        ])
        .unwrap();
        assert_eq!(
            s.push.subject.as_deref(),
            Some("mailto:ops@lantern.example")
        );
        assert_eq!(s.push.concurrency, 8);
        let error = settings(&[("LANTERN_PUSH_SUBJECT", "example@example.com")])
            .err()
            .unwrap();
        assert!(
            error.to_string().contains("LANTERN_PUSH_SUBJECT"),
            "{error}"
        );
    }

    #[test]
    fn a_postgres_url_switches_backend_and_is_never_printed_with_its_password() {
        let s = settings(&[(
            "LANTERN_DATABASE_URL",
            "postgres://u:secret@db:5432/lantern",
        )])
        .unwrap();
        assert!(is_postgres_url(&s.database_url));
        assert_eq!(s.pool_size, 10);
        let shown = format!("{s:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("db:5432/lantern"));
    }

    #[test]
    fn a_bad_number_is_a_clear_error() {
        let error = settings(&[("LANTERN_DB_POOL_SIZE", "lots")]).err().unwrap();
        assert!(error.to_string().contains("LANTERN_DB_POOL_SIZE"));
        let error = settings(&[("LANTERN_RATE_LIMIT_SIGN_IN", "-1")])
            .err()
            .unwrap();
        assert!(error.to_string().contains("LANTERN_RATE_LIMIT_SIGN_IN"));
    }

    #[test]
    fn edges_default_to_same_origin_no_hsts_and_metrics_beside_the_api() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.edges, EdgeSettings::default());
        assert!(s.edges.cors_origins.is_empty());
        assert!(!s.edges.hsts);
        assert!(s.edges.metrics);
        let s = settings(&[
            (
                "LANTERN_CORS_ORIGINS",
                "https://app.example.org,https://b.example.org",
            ),
            ("LANTERN_HSTS", "on"),
            ("LANTERN_METRICS", "off"),
            ("LANTERN_METRICS_BIND", "127.0.0.1:9100"),
        ])
        .unwrap();
        assert_eq!(s.edges.cors_origins.len(), 2);
        assert!(s.edges.hsts);
        assert!(!s.edges.metrics);
        assert_eq!(s.edges.metrics_bind.as_deref(), Some("127.0.0.1:9100"));
        let error = settings(&[("LANTERN_HSTS", "maybe")]).err().unwrap();
        assert!(error.to_string().contains("LANTERN_HSTS"));
        let error = settings(&[("LANTERN_CORS_ORIGINS", "*")]).err().unwrap();
        assert!(error.to_string().contains("LANTERN_CORS_ORIGINS"));
    }

    #[test]
    fn jobs_run_unless_switched_off_and_a_bad_value_is_a_clear_error() {
        assert!(settings(&[]).unwrap().jobs);
        assert!(!settings(&[("LANTERN_JOBS", "off")]).unwrap().jobs);
        let error = settings(&[("LANTERN_JOBS", "sometimes")]).err().unwrap();
        assert!(error.to_string().contains("LANTERN_JOBS"), "{error}");
    }

    #[test]
    fn rate_limits_have_laptop_defaults_and_can_be_raised() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.rate_limits.sign_in, 20);
        assert_eq!(s.rate_limits.trusted_proxies, 0);
        let s = settings(&[
            ("LANTERN_RATE_LIMIT_SIGN_IN", "1000"),
            ("LANTERN_TRUSTED_PROXIES", "1"),
        ])
        .unwrap();
        assert_eq!(s.rate_limits.sign_in, 1000);
        assert_eq!(s.rate_limits.trusted_proxies, 1);
    }
}
