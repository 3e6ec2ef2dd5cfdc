//! The Web Push sender. It claims due pushes from the outbox in batches
//! (a lease, so a crashed sender's pushes come back), sends them with
//! bounded concurrency, and settles each as soon as its answer is in:
//! sent and refused pushes are deleted, dead subscriptions removed, and
//! "not now" rescheduled with back-off. Every instance runs one; claims
//! keep them off each other's rows. Delivery is at least once: a crash
//! can repeat at most the pushes that were in flight, and the device
//! shows a repeated id once.

pub mod backoff;
pub mod counters;
pub mod deliver;
pub mod settings;
pub mod vapid;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::{NaiveDateTime, Utc};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::db::push_delivery::{self, Destination, OutboxRow};
use crate::db::{DbPool, push_subscriptions};
use crate::notify::subscription::PushOrigins;
pub use counters::PushCounters;
use deliver::{Delivery, Outcome};
pub use settings::PushSettings;
use vapid::Signer;
pub use vapid::VapidKey;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub sent: u64,
    pub pruned: u64,
    pub retried: u64,
    pub expired: u64,
    pub failed: u64,
}

impl Tally {
    pub fn total(&self) -> u64 {
        self.sent + self.pruned + self.retried + self.expired + self.failed
    }

    fn plus(self, other: Tally) -> Tally {
        Tally {
            sent: self.sent + other.sent,
            pruned: self.pruned + other.pruned,
            retried: self.retried + other.retried,
            expired: self.expired + other.expired,
            failed: self.failed + other.failed,
        }
    }

    fn add(&mut self, settled: Settled) {
        match settled {
            Settled::Sent => self.sent += 1,
            Settled::Pruned => self.pruned += 1,
            Settled::Retried => self.retried += 1,
            Settled::Expired => self.expired += 1,
            Settled::Failed => self.failed += 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Settled {
    Sent,
    Pruned,
    Retried,
    Expired,
    Failed,
}

impl Settled {
    fn label(self) -> &'static str {
        match self {
            Settled::Sent => "sent",
            Settled::Pruned => "pruned",
            Settled::Retried => "retried",
            Settled::Expired => "expired",
            Settled::Failed => "failed",
        }
    }
}

pub struct Sender {
    pool: DbPool,
    delivery: Delivery,
    settings: PushSettings,
    counters: PushCounters,
}

impl Sender {
    /// A sender signing with `key`. Refuses to exist without a subject:
    /// push services may reject, or later block, anonymous senders.
    pub fn new(
        pool: DbPool,
        settings: &PushSettings,
        origins: PushOrigins,
        key: VapidKey,
        counters: PushCounters,
    ) -> anyhow::Result<Arc<Sender>> {
        settings.check()?;
        let subject = settings.subject.clone().context(
            "LANTERN_PUSH_SUBJECT is not set. Push services need a contact for whoever sends \
             pushes (RFC 8292): set it to mailto:you@your-service.example or \
             https://your-service.example, or set LANTERN_PUSH_SEND=off on an instance that \
             should not send pushes",
        )?;
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            // A push service answers; it never sends us elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(settings.concurrency)
            .build()
            .context("cannot build the push HTTP client")?;
        Ok(Arc::new(Sender {
            pool,
            delivery: Delivery {
                client,
                signer: Signer::new(key, subject),
                origins,
            },
            settings: settings.clone(),
            counters,
        }))
    }

    pub fn counters(&self) -> &PushCounters {
        &self.counters
    }

    /// Sends everything due at `now` that no other sender holds, batch by
    /// batch, until a batch comes back short. For tests and tools: the
    /// server's own loop reads the clock again for every batch.
    pub async fn run_once(self: &Arc<Self>, now: NaiveDateTime) -> anyhow::Result<Tally> {
        let mut tally = Tally::default();
        loop {
            let (round, full) = self.run_batch(now).await?;
            tally = tally.plus(round);
            if !full {
                return Ok(tally);
            }
        }
    }

    /// Runs for as long as the server does: batch after batch while there
    /// is work, each with its lease counted from its own start, then a
    /// look every poll.
    pub async fn run_forever(self: Arc<Self>) {
        loop {
            match self.run_batch(Utc::now().naive_utc()).await {
                Ok((tally, full)) => {
                    if tally.total() > 0 {
                        tracing::debug!(
                            sent = tally.sent,
                            pruned = tally.pruned,
                            retried = tally.retried,
                            expired = tally.expired,
                            failed = tally.failed,
                            "push batch"
                        );
                    }
                    if full {
                        continue;
                    }
                }
                Err(error) => tracing::error!(error = format!("{error:#}"), "push sender failed"),
            }
            tokio::time::sleep(self.settings.poll).await;
        }
    }

    /// Claims one batch due at `now` and settles every push in it; says
    /// whether the batch was full (so more may be waiting).
    async fn run_batch(self: &Arc<Self>, now: NaiveDateTime) -> anyhow::Result<(Tally, bool)> {
        let mut tally = Tally::default();
        let (rows, destinations) = self.claim(now).await?;
        let claimed = rows.len();
        let destinations: HashMap<String, Destination> = destinations
            .into_iter()
            .map(|d| (d.subscription_id.clone(), d))
            .collect();
        let slots = Arc::new(Semaphore::new(self.settings.concurrency));
        let mut tasks = JoinSet::new();
        for row in rows {
            let slot = slots.clone().acquire_owned().await?;
            let to = destinations.get(&row.subscription_id).cloned();
            let sender = self.clone();
            tasks.spawn(async move {
                let settled = sender.send_one(row, to, now).await;
                drop(slot);
                settled
            });
        }
        while let Some(joined) = tasks.join_next().await {
            let settled = joined.context("a push task panicked")??;
            self.counters.count(settled.label());
            tally.add(settled);
        }
        let full = claimed > 0 && i64::try_from(claimed).unwrap_or(i64::MAX) >= self.settings.batch;
        Ok((tally, full))
    }

    async fn claim(
        &self,
        now: NaiveDateTime,
    ) -> anyhow::Result<(Vec<OutboxRow>, Vec<Destination>)> {
        let lease = chrono::Duration::from_std(self.settings.lease)?;
        let limit = self.settings.batch;
        self.with_conn(move |conn| push_delivery::claim_due(conn, now, now + lease, limit))
            .await
            .context("claiming due pushes")
    }

    async fn send_one(
        &self,
        row: OutboxRow,
        to: Option<Destination>,
        now: NaiveDateTime,
    ) -> anyhow::Result<Settled> {
        let Some(to) = to else {
            // Its subscription went between claim and send; so did the row.
            return Ok(Settled::Pruned);
        };
        if row.expires_at <= now {
            let id = row.id.clone();
            self.with_conn(move |conn| push_delivery::delete(conn, &id))
                .await?;
            return Ok(Settled::Expired);
        }
        let outcome = self.delivery.deliver(&row, &to, now).await;
        let settled = match &outcome {
            Outcome::Sent => Settled::Sent,
            Outcome::Gone { .. } => Settled::Pruned,
            Outcome::Failed { reason } => {
                tracing::warn!(%reason, kind = %row.kind, "push refused; dropped");
                Settled::Failed
            }
            Outcome::Retry { .. } => Settled::Retried,
        };
        let due_at = match &outcome {
            Outcome::Retry { wait, .. } => {
                let wait = wait.unwrap_or_else(|| {
                    backoff::backoff(
                        row.attempts,
                        self.settings.retry_base,
                        self.settings.retry_max,
                        backoff::jitter(),
                    )
                });
                now + chrono::Duration::from_std(wait)?
            }
            _ => now,
        };
        self.with_conn(move |conn| match outcome {
            Outcome::Sent | Outcome::Failed { .. } => push_delivery::delete(conn, &row.id),
            Outcome::Gone { .. } => push_subscriptions::delete(conn, &to.subscription_id),
            Outcome::Retry { reason, .. } => {
                let due_at =
                    crate::notify::retry_due(conn, &to.subscription_id, &row.kind, due_at)?;
                push_delivery::reschedule(conn, &row, due_at, &reason)
            }
        })
        .await?;
        Ok(settled)
    }

    async fn with_conn<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut crate::db::AnyConnection) -> diesel::QueryResult<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<T> {
            let mut conn = pool
                .get()
                .context("no database connection for the push sender")?;
            Ok(work(&mut conn)?)
        })
        .await
        .context("a push database task panicked")?
    }
}
