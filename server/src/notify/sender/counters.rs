//! `lantern_push_total{outcome}`: what became of pushes, for `/metrics`.

use prometheus::{IntCounterVec, Opts};

pub const OUTCOMES: [&str; 6] = ["queued", "sent", "pruned", "retried", "expired", "failed"];

#[derive(Clone)]
pub struct PushCounters {
    total: IntCounterVec,
}

impl PushCounters {
    pub fn new() -> prometheus::Result<PushCounters> {
        let total = IntCounterVec::new(
            Opts::new(
                "lantern_push_total",
                "Pushes by outcome: queued in the outbox, sent, pruned (subscription gone), retried, expired, failed",
            ),
            &["outcome"],
        )?;
        // Every outcome shows from the start, at 0.
        for outcome in OUTCOMES {
            total.with_label_values(&[outcome]);
        }
        Ok(PushCounters { total })
    }

    pub fn count(&self, outcome: &str) {
        self.total.with_label_values(&[outcome]).inc();
    }

    pub fn get(&self, outcome: &str) -> u64 {
        self.total.with_label_values(&[outcome]).get()
    }

    /// Raises `queued` to the number this process has queued.
    pub fn catch_up_queued(&self, queued: u64) {
        let counter = self.total.with_label_values(&["queued"]);
        let seen = counter.get();
        if queued > seen {
            counter.inc_by(queued - seen);
        }
    }

    pub fn collector(&self) -> Box<dyn prometheus::core::Collector> {
        Box::new(self.total.clone())
    }
}
