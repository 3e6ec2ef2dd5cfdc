//! Background jobs. Each is safe to run on every server instance at once:
//! work is claimed with conditional updates, so two instances never act on
//! the same row twice. Time is a parameter, so tests can run a job "later".

pub mod escalate_alerts;
pub mod expire_inactive;
pub mod send_parent_tips;
pub mod send_reminders;

use std::time::Duration;

use chrono::Utc;

use crate::db::DbPool;

/// How often the jobs look for work.
const INTERVAL: Duration = Duration::from_secs(60);
/// Retention scans every young person's data, so it runs hourly, not every tick.
const RETENTION_EVERY_TICKS: u64 = 60;

/// Runs every job once a minute (retention once an hour) for as long as the
/// server runs.
pub async fn run_forever(pool: DbPool) {
    let mut ticks = tokio::time::interval(INTERVAL);
    for tick in 0u64.. {
        ticks.tick().await;
        let pool = pool.clone();
        let with_retention = tick % RETENTION_EVERY_TICKS == 0;
        let outcome = tokio::task::spawn_blocking(move || run_once(&pool, with_retention)).await;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::error!(error = format!("{error:#}"), "background job failed")
            }
            Err(error) => tracing::error!(%error, "background job panicked"),
        }
    }
}

fn run_once(pool: &DbPool, with_retention: bool) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut conn = pool.get().context("no database connection for jobs")?;
    let now = Utc::now().naive_utc();
    let escalated =
        escalate_alerts::escalate_overdue(&mut conn, now).context("escalating overdue alerts")?;
    if escalated > 0 {
        tracing::warn!(escalated, "alerts escalated to duty contacts");
    }
    let reminded =
        send_reminders::queue_due(&mut conn, now).context("queueing check-in reminders")?;
    if reminded > 0 {
        tracing::info!(reminded, "check-in reminders queued");
    }
    // A failure here is logged, not returned: it must not hold up
    // retention, and the parents not reached stay due for the next tick.
    match send_parent_tips::send_due_tips(&mut conn, now) {
        Ok(0) => {}
        Ok(tips) => tracing::info!(tips, "scheduled parent tips sent"),
        Err(error) => tracing::error!(%error, "sending parents their scheduled tips failed"),
    }
    if with_retention {
        let expired = expire_inactive::expire_inactive(&mut conn, now)
            .context("deleting the shared data of inactive young people")?;
        if expired > 0 {
            tracing::info!(
                young_people = expired,
                "shared data of inactive young people deleted"
            );
        }
    }
    Ok(())
}
