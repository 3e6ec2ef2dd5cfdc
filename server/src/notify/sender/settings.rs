//! `LANTERN_PUSH_*`: who we say we are to push services, and how hard the
//! sender pushes. Defaults suit one laptop and a small service alike.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSettings {
    /// `LANTERN_PUSH_SUBJECT`: the contact push services may use when our
    /// pushes misbehave (RFC 8292 `sub`): `mailto:…` or `https://…`.
    /// Required where this instance sends.
    pub subject: Option<String>,
    /// `LANTERN_PUSH_SEND` (on/off): whether this instance sends pushes.
    /// Every instance may; they share the work.
    pub send: bool,
    /// `LANTERN_PUSH_BATCH`: pushes claimed at a time (4 × concurrency).
    pub batch: i64,
    /// `LANTERN_PUSH_CONCURRENCY`: pushes in flight at once. Also the most
    /// a crash can deliver twice.
    pub concurrency: usize,
    /// `LANTERN_PUSH_TIMEOUT_MS`: how long one push may take.
    pub timeout: Duration,
    /// `LANTERN_PUSH_LEASE_SECONDS`: how long a claim holds; a crashed
    /// sender's pushes are sent by another after this.
    pub lease: Duration,
    /// `LANTERN_PUSH_RETRY_BASE_SECONDS`: the first wait after a failure
    /// worth retrying; each further failure doubles it.
    pub retry_base: Duration,
    /// `LANTERN_PUSH_RETRY_MAX_SECONDS`: the longest wait we choose.
    pub retry_max: Duration,
    /// `LANTERN_PUSH_POLL_MS`: how often an idle sender looks for work.
    pub poll: Duration,
}

impl Default for PushSettings {
    fn default() -> Self {
        PushSettings {
            subject: None,
            send: true,
            batch: 128,
            concurrency: 32,
            timeout: Duration::from_secs(10),
            lease: Duration::from_secs(120),
            retry_base: Duration::from_secs(30),
            retry_max: Duration::from_secs(60 * 60),
            poll: Duration::from_secs(1),
        }
    }
}

impl PushSettings {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<PushSettings> {
        let defaults = PushSettings::default();
        let subject = lookup("LANTERN_PUSH_SUBJECT")
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .map(|text| check_subject(&text).map(|()| text))
            .transpose()?;
        let send = crate::config::switch(lookup, "LANTERN_PUSH_SEND")?.unwrap_or(true);
        let concurrency =
            number(lookup, "LANTERN_PUSH_CONCURRENCY")?.unwrap_or(defaults.concurrency);
        let settings = PushSettings {
            subject,
            send,
            // Four rounds of sends per claim unless told otherwise.
            batch: number(lookup, "LANTERN_PUSH_BATCH")?
                .unwrap_or(i64::try_from(concurrency.saturating_mul(4)).unwrap_or(i64::MAX)),
            concurrency,
            timeout: millis(lookup, "LANTERN_PUSH_TIMEOUT_MS")?.unwrap_or(defaults.timeout),
            lease: seconds(lookup, "LANTERN_PUSH_LEASE_SECONDS")?.unwrap_or(defaults.lease),
            retry_base: seconds(lookup, "LANTERN_PUSH_RETRY_BASE_SECONDS")?
                .unwrap_or(defaults.retry_base),
            retry_max: seconds(lookup, "LANTERN_PUSH_RETRY_MAX_SECONDS")?
                .unwrap_or(defaults.retry_max),
            poll: millis(lookup, "LANTERN_PUSH_POLL_MS")?.unwrap_or(defaults.poll),
        };
        settings.check()?;
        Ok(settings)
    }

    /// Limits that would make the sender stall or send twice.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.batch < 1 || self.concurrency < 1 {
            anyhow::bail!("LANTERN_PUSH_BATCH and LANTERN_PUSH_CONCURRENCY must be at least 1");
        }
        if self.timeout.is_zero() || self.poll.is_zero() || self.retry_base.is_zero() {
            anyhow::bail!(
                "LANTERN_PUSH_TIMEOUT_MS, LANTERN_PUSH_POLL_MS and LANTERN_PUSH_RETRY_BASE_SECONDS must be above 0"
            );
        }
        if self.retry_max < self.retry_base {
            anyhow::bail!(
                "LANTERN_PUSH_RETRY_MAX_SECONDS must be at least LANTERN_PUSH_RETRY_BASE_SECONDS"
            );
        }
        // A claimed batch must be done before its lease ends, or another
        // sender takes it over and pushes go out twice.
        let rounds = u32::try_from(self.batch.unsigned_abs().div_ceil(self.concurrency as u64))
            .unwrap_or(u32::MAX);
        if self.lease < self.timeout.saturating_mul(rounds).saturating_mul(2) {
            anyhow::bail!(
                "LANTERN_PUSH_LEASE_SECONDS is too short: a batch of {} pushes, {} at a time, each up to {} ms, needs a lease of at least twice that long",
                self.batch,
                self.concurrency,
                self.timeout.as_millis()
            );
        }
        Ok(())
    }
}

/// RFC 8292: the subject is a contact URI, mailto: or https:.
fn check_subject(text: &str) -> anyhow::Result<()> {
    let ok = match text.split_once(':') {
        Some(("mailto", rest)) => rest.contains('@') && !rest.contains(char::is_whitespace),
        Some(("https", _)) => url::Url::parse(text).is_ok_and(|url| url.host_str().is_some()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        anyhow::bail!(
            "LANTERN_PUSH_SUBJECT must be a mailto: address or an https:// URL where push services can reach you, not {text:?}"
        )
    }
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

fn millis(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> anyhow::Result<Option<Duration>> {
    Ok(number::<u64>(lookup, name)?.map(Duration::from_millis))
}

fn seconds(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> anyhow::Result<Option<Duration>> {
    Ok(number::<u64>(lookup, name)?.map(Duration::from_secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(vars: &[(&str, &str)]) -> anyhow::Result<PushSettings> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        PushSettings::from_lookup(&|name: &str| vars.get(name).cloned())
    }

    #[test]
    fn defaults_send_32_at_a_time_with_a_lease_that_covers_a_batch() {
        let s = parse(&[]).unwrap();
        assert_eq!(s, PushSettings::default());
        assert!(s.send);
        assert_eq!(s.subject, None);
        assert_eq!(s.concurrency, 32);
        assert_eq!(s.timeout, Duration::from_secs(10));
        s.check().unwrap();
    }

    #[test]
    fn subjects_are_mailto_or_https_only() {
        for good in [
            "mailto:ops@lantern.example",
            "https://lantern.example/contact",
        ] {
            assert_eq!(
                parse(&[("LANTERN_PUSH_SUBJECT", good)])
                    .unwrap()
                    .subject
                    .as_deref(),
                Some(good)
            );
        }
        for bad in [
            "ops@lantern.example",
            "http://lantern.example",
            "mailto:nobody",
            "https://",
            "tel:+441234",
        ] {
            let error = parse(&[("LANTERN_PUSH_SUBJECT", bad)]).unwrap_err();
            assert!(
                error.to_string().contains("LANTERN_PUSH_SUBJECT"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn every_knob_can_be_set_and_bad_values_are_named() {
        let s = parse(&[
            ("LANTERN_PUSH_SEND", "off"),
            ("LANTERN_PUSH_BATCH", "10"),
            ("LANTERN_PUSH_CONCURRENCY", "5"),
            ("LANTERN_PUSH_TIMEOUT_MS", "250"),
            ("LANTERN_PUSH_LEASE_SECONDS", "2"),
            ("LANTERN_PUSH_RETRY_BASE_SECONDS", "1"),
            ("LANTERN_PUSH_RETRY_MAX_SECONDS", "8"),
            ("LANTERN_PUSH_POLL_MS", "100"),
        ])
        .unwrap();
        assert!(!s.send);
        assert_eq!((s.batch, s.concurrency), (10, 5));
        assert_eq!(s.timeout, Duration::from_millis(250));
        assert_eq!(s.lease, Duration::from_secs(2));
        assert_eq!(s.retry_max, Duration::from_secs(8));
        assert_eq!(s.poll, Duration::from_millis(100));
        for (name, value) in [
            ("LANTERN_PUSH_SEND", "maybe"),
            ("LANTERN_PUSH_BATCH", "many"),
            ("LANTERN_PUSH_CONCURRENCY", "0"),
            ("LANTERN_PUSH_TIMEOUT_MS", "0"),
        ] {
            let error = parse(&[(name, value)]).unwrap_err();
            assert!(error.to_string().contains(name), "{name}: {error}");
        }
    }

    #[test]
    fn a_lease_shorter_than_a_batch_takes_is_refused() {
        let error = parse(&[("LANTERN_PUSH_LEASE_SECONDS", "5")]).unwrap_err();
        assert!(
            error.to_string().contains("LANTERN_PUSH_LEASE_SECONDS"),
            "{error}"
        );
        let error = parse(&[
            ("LANTERN_PUSH_RETRY_BASE_SECONDS", "60"),
            ("LANTERN_PUSH_RETRY_MAX_SECONDS", "10"),
        ])
        .unwrap_err();
        assert!(error.to_string().contains("RETRY_MAX"), "{error}");
    }
}
