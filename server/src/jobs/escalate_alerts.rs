//! An alert nobody has acknowledged within the service's chosen time goes
//! to the service's duty contact, once.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::db::ids::ServiceId;
use crate::db::service_settings::{self, DEFAULT_ALERT_ESCALATION_MINUTES, ServiceSettings};
use crate::db::{AnyConnection, alerts, write};
use crate::notify::{Kind, Notice, notify};

/// Escalates every overdue alert whose service has a duty contact; returns
/// how many this call escalated. Alerts of a service with no duty contact
/// wait, and are escalated as soon as one is named.
pub fn escalate_overdue(conn: &mut AnyConnection, now: NaiveDateTime) -> QueryResult<usize> {
    let settings = service_settings::all(conn)?;
    let shortest = settings
        .iter()
        .map(|s| s.alert_escalation_minutes)
        .chain([DEFAULT_ALERT_ESCALATION_MINUTES])
        .min()
        .unwrap_or(DEFAULT_ALERT_ESCALATION_MINUTES);
    let candidates = alerts::unescalated_open(conn, now - Duration::minutes(shortest.into()))?;
    let mut escalated = 0;
    for alert in candidates {
        let service = ServiceId(alert.service_id.clone());
        let chosen = settings
            .iter()
            .find(|s| s.service_id == alert.service_id)
            .cloned()
            .unwrap_or_else(|| ServiceSettings::defaults(&service));
        let due = alert.created_at + Duration::minutes(chosen.alert_escalation_minutes.into());
        let Some(duty) = chosen.duty_contact() else {
            continue;
        };
        if due > now {
            continue;
        }
        let claimed = write(conn, |conn| {
            let claimed = alerts::claim_escalation(conn, &alert.id, Some(&duty), now)?;
            if claimed {
                // In the same transaction: the duty contact is told exactly
                // when the alert becomes theirs.
                notify(
                    conn,
                    Notice {
                        recipient: &duty,
                        kind: Kind::Alert,
                        subject_id: &alert.id,
                        at: now,
                    },
                    now,
                )?;
            }
            Ok::<_, diesel::result::Error>(claimed)
        })?;
        if claimed {
            escalated += 1;
        }
    }
    Ok(escalated)
}
