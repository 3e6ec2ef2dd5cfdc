use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::auth::AuthUser;
use crate::db::ids::{ServiceId, UserId};
use crate::db::users::{self, Role};
use crate::db::{
    AnyConnection, DbPool, alerts, audit, check_ins, consents, encouragements,
    notification_settings, notifications, parent_link_codes, parent_links, parent_nudges,
    push_subscriptions, reminders, services, shared_records, signposts, thrive, tip_deliveries,
    tip_preferences, tombstones,
};
use crate::error::ApiError;
use crate::routes::signposts::{SignpostView, view as signpost_view};
use crate::routes::with_conn;
use crate::routes::young_people::list_outcome_records::{RecordView, records_view};

/// The export's format; docs/export.md describes every field.
const FORMAT: &str = "lantern-export";
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Export {
    format: &'static str,
    version: u32,
    exported_at: DateTime<Utc>,
    account: Account,
    /// Assignments between workers and young people this account is part of.
    assignments: Vec<AssignmentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    young_person: Option<YoungPersonData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<ParentData>,
    /// For staff: what they did with young people's data.
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Vec<EventView>>,
    /// For workers: the messages they sent young people.
    #[serde(skip_serializing_if = "Option::is_none")]
    sent_encouragements: Option<Vec<EncouragementView>>,
    /// The inbox: what this account has been told.
    notifications: Vec<NotificationView>,
    /// The browsers pushes go to.
    push_subscriptions: Vec<SubscriptionView>,
    /// Time zone and quiet hours as they apply now.
    notification_settings: crate::routes::notifications::SettingsBody,
}

#[derive(Serialize)]
struct NotificationView {
    id: String,
    kind: String,
    subject_id: String,
    title: String,
    at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct SubscriptionView {
    id: String,
    endpoint: String,
    created_at: DateTime<Utc>,
    /// The daily check-in reminder on this browser, if asked for.
    reminder: Option<ReminderView>,
}

#[derive(Serialize)]
struct ReminderView {
    id: String,
    time: String,
    time_zone: String,
    next_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct Account {
    id: String,
    role: Role,
    display_name: String,
    email: Option<String>,
    age_band: Option<String>,
    created_at: DateTime<Utc>,
    service_id: String,
    service_name: String,
}

#[derive(Serialize)]
struct AssignmentView {
    worker_id: String,
    young_person_id: String,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct YoungPersonData {
    consent_history: Vec<ConsentView>,
    check_ins: Vec<Value>,
    shared_records: Vec<SharedRecordView>,
    deleted_records: Vec<DeletedView>,
    alerts: Vec<AlertView>,
    thrive_groupings: Vec<ThriveView>,
    /// What workers wrote down about school, newest term first.
    outcome_records: Vec<RecordView>,
    /// Services workers suggested, newest first.
    signposts: Vec<SignpostView>,
    /// Groups they are or were in, and the sessions they came to.
    groups: Vec<super::list_my_groups::GroupView>,
    /// Messages from workers that have shown, with the young person's reply.
    encouragements: Vec<EncouragementView>,
    /// Who looked at or changed this young person's data.
    audit_events: Vec<EventView>,
    /// Parents and carers linked now.
    parent_links: Vec<LinkView>,
    /// Codes made for parents, and whether each was used.
    parent_link_codes: Vec<LinkCodeView>,
    /// Each "let my parent know", and how many parents it reached.
    parent_nudges: Vec<NudgeView>,
}

#[derive(Serialize)]
struct LinkView {
    display_name: String,
    since: DateTime<Utc>,
}

#[derive(Serialize)]
struct LinkCodeView {
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct NudgeView {
    id: String,
    message: Option<String>,
    topic: String,
    sent_at: DateTime<Utc>,
    reached: i64,
}

#[derive(Serialize)]
struct ParentData {
    /// The young people this parent is linked to now.
    children: Vec<LinkView>,
    tip_preferences: Option<PreferencesView>,
    tips_received: Vec<TipReceivedView>,
}

#[derive(Serialize)]
struct PreferencesView {
    topics: String,
    weekday: String,
    time: String,
    frequency: String,
    next_due_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct TipReceivedView {
    id: String,
    tip_id: String,
    from: String,
    sent_at: DateTime<Utc>,
    /// The young person's own words, when they asked.
    message: Option<String>,
}

#[derive(Serialize)]
struct ConsentView {
    scope: String,
    granted: bool,
    include_past: bool,
    wording_version: i32,
    at: DateTime<Utc>,
}

#[derive(Serialize)]
struct SharedRecordView {
    kind: String,
    id: String,
    recorded_at: Option<DateTime<Utc>>,
    received_at: DateTime<Utc>,
    record: Value,
}

#[derive(Serialize)]
struct DeletedView {
    kind: String,
    id: String,
    deleted_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct AlertView {
    disclosure_id: String,
    summary: String,
    disclosed_at: DateTime<Utc>,
    raised_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    escalated_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct ThriveView {
    grouping: String,
    reason: String,
    recorded_by: String,
    recorded_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct EncouragementView {
    id: String,
    worker_id: String,
    young_person_id: String,
    text: String,
    sent_at: DateTime<Utc>,
    shows_at: DateTime<Utc>,
    reply: Option<String>,
    replied_at: Option<DateTime<Utc>>,
}

impl From<encouragements::Encouragement> for EncouragementView {
    fn from(message: encouragements::Encouragement) -> Self {
        EncouragementView {
            id: message.id,
            worker_id: message.worker_id,
            young_person_id: message.young_person_id,
            text: message.text,
            sent_at: message.created_at.and_utc(),
            shows_at: message.deliver_at.and_utc(),
            reply: message.reply,
            replied_at: message.replied_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Serialize)]
struct EventView {
    at: DateTime<Utc>,
    actor_id: Option<String>,
    subject_id: Option<String>,
    action: String,
    outcome: String,
    detail: Option<String>,
}

/// Everything the server holds about the caller, as one JSON document.
pub async fn export_my_data(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let export = with_conn(&pool, move |conn| build(conn, &caller.id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"lantern-export.json\"",
        ))
        .json(export))
}

fn build(conn: &mut AnyConnection, id: &UserId) -> Result<Export, ApiError> {
    let user = users::find(conn, id)?.ok_or(ApiError::Unauthenticated)?;
    let service = services::find(conn, &user.service())?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("user without a service")))?;
    let role = user.role();
    let assignments = users::assignment_history(conn, id)?
        .into_iter()
        .map(
            |(worker_id, young_person_id, started, ended)| AssignmentView {
                worker_id,
                young_person_id,
                started_at: started.and_utc(),
                ended_at: ended.map(|t| t.and_utc()),
            },
        )
        .collect();
    let now = Utc::now().naive_utc();
    let parent = if role == Role::Parent {
        Some(parent_data(conn, id)?)
    } else {
        None
    };
    let (young_person, actions) = if role == Role::YoungPerson {
        (
            Some(young_person_data(conn, id, &user.service(), now)?),
            None,
        )
    } else {
        let actions = audit::by_actor(conn, id)?
            .into_iter()
            .map(event_view)
            .collect();
        (None, Some(actions))
    };
    let sent_encouragements = if role == Role::Worker {
        Some(
            // The worker's own words; the replies are the young people's,
            // seen in the app while they are assigned.
            encouragements::all_from(conn, id)?
                .into_iter()
                .map(|message| EncouragementView {
                    reply: None,
                    replied_at: None,
                    ..message.into()
                })
                .collect(),
        )
    } else {
        None
    };
    let notifications = notifications::visible(conn, id, now, i64::MAX)?
        .into_iter()
        .map(|row| NotificationView {
            id: row.id,
            kind: row.kind,
            subject_id: row.subject_id,
            title: row.title,
            at: row.visible_at.and_utc(),
            read_at: row.read_at.map(|t| t.and_utc()),
        })
        .collect();
    let mut reminders = reminders::of_user(conn, id)?;
    let push_subscriptions = push_subscriptions::list_of(conn, id)?
        .into_iter()
        .map(|row| SubscriptionView {
            reminder: reminders
                .iter()
                .position(|r| r.subscription_id == row.id)
                .map(|at| reminders.swap_remove(at))
                .map(|r| ReminderView {
                    id: r.id,
                    time: r.local_time,
                    time_zone: r.time_zone,
                    next_at: r.next_due_at.and_utc(),
                }),
            id: row.id,
            endpoint: row.endpoint,
            created_at: row.created_at.and_utc(),
        })
        .collect();
    let notification_settings = (&notification_settings::schedule_of(conn, id)?).into();
    Ok(Export {
        format: FORMAT,
        version: VERSION,
        exported_at: Utc::now(),
        account: Account {
            id: user.id.clone(),
            role,
            display_name: user.display_name,
            email: user.email,
            age_band: user.age_band,
            created_at: user.created_at.and_utc(),
            service_id: service.id,
            service_name: service.name,
        },
        assignments,
        young_person,
        parent,
        actions,
        sent_encouragements,
        notifications,
        push_subscriptions,
        notification_settings,
    })
}

fn young_person_data(
    conn: &mut AnyConnection,
    id: &UserId,
    service: &ServiceId,
    now: chrono::NaiveDateTime,
) -> Result<YoungPersonData, ApiError> {
    let consent_history = consents::history(conn, id)?
        .into_iter()
        .map(|event| ConsentView {
            scope: event.scope,
            granted: event.granted,
            include_past: event.include_past,
            wording_version: event.wording_version,
            at: event.created_at.and_utc(),
        })
        .collect();
    let mut check_in_values = Vec::new();
    for row in check_ins::list(conn, id)? {
        let shared = row
            .to_shared()
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("bad stored check-in: {e}")))?;
        let mut value =
            serde_json::to_value(&shared).map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
        value["received_at"] = Value::String(row.received_at.and_utc().to_rfc3339());
        check_in_values.push(value);
    }
    let shared = shared_records::list_all(conn, id)?
        .into_iter()
        .map(|row| SharedRecordView {
            record: serde_json::from_str(&row.payload).unwrap_or(Value::String(row.payload)),
            kind: row.kind,
            id: row.id,
            recorded_at: row.recorded_at.map(|t| t.and_utc()),
            received_at: row.received_at.and_utc(),
        })
        .collect();
    let deleted = tombstones::list(conn, id)?
        .into_iter()
        .map(|(kind, id, deleted_at)| DeletedView {
            kind,
            id,
            deleted_at: deleted_at.and_utc(),
        })
        .collect();
    let alert_views = alerts::for_young_person(conn, id)?
        .into_iter()
        .map(|alert| AlertView {
            disclosure_id: alert.disclosure_id,
            summary: alert.summary,
            disclosed_at: alert.disclosed_at.and_utc(),
            raised_at: alert.created_at.and_utc(),
            acknowledged_at: alert.acknowledged_at.map(|t| t.and_utc()),
            escalated_at: alert.escalated_at.map(|t| t.and_utc()),
        })
        .collect();
    let thrive_groupings = thrive::history(conn, id)?
        .into_iter()
        .map(|row| ThriveView {
            grouping: row.grouping,
            reason: row.reason,
            recorded_by: row.recorded_by,
            recorded_at: row.recorded_at.and_utc(),
        })
        .collect();
    // Messages written for later appear once they show, as in the app.
    let encouragements = encouragements::shown_to(conn, id, now)?
        .into_iter()
        .map(|(message, _)| EncouragementView::from(message))
        .collect();
    let audit_events = audit::for_subject(conn, id)?
        .into_iter()
        .map(event_view)
        .collect();
    let outcome_records = records_view(conn, id)?.outcome_records;
    let signposts = signposts::for_young_person(conn, id)?
        .into_iter()
        .map(|(signpost, from)| signpost_view(conn, service, signpost, from))
        .collect::<Result<_, _>>()?;
    let groups = super::list_my_groups::groups_of(conn, id)?;
    let parent_links = parent_links::parents_of(conn, id)?
        .into_iter()
        .map(|link| LinkView {
            display_name: link.parent.display_name,
            since: link.since.and_utc(),
        })
        .collect();
    let parent_link_codes = parent_link_codes::made_by(conn, id)?
        .into_iter()
        .map(|code| LinkCodeView {
            created_at: code.created_at.and_utc(),
            expires_at: code.expires_at.and_utc(),
            used_at: code.used_at.map(|t| t.and_utc()),
        })
        .collect();
    let parent_nudges = parent_nudges::sent_by(conn, id)?
        .into_iter()
        .map(|(nudge, reached)| NudgeView {
            id: nudge.id,
            message: nudge.message,
            topic: nudge.topic,
            sent_at: nudge.created_at.and_utc(),
            reached,
        })
        .collect();
    Ok(YoungPersonData {
        parent_links,
        parent_link_codes,
        parent_nudges,
        consent_history,
        check_ins: check_in_values,
        shared_records: shared,
        deleted_records: deleted,
        alerts: alert_views,
        thrive_groupings,
        outcome_records,
        signposts,
        groups,
        encouragements,
        audit_events,
    })
}

fn parent_data(conn: &mut AnyConnection, id: &UserId) -> Result<ParentData, ApiError> {
    let children = parent_links::children_of(conn, id)?
        .into_iter()
        .map(|(child, since)| LinkView {
            display_name: child.display_name,
            since: since.and_utc(),
        })
        .collect();
    let tip_preferences = tip_preferences::get(conn, id)?.map(|row| PreferencesView {
        topics: row.topics,
        weekday: row.weekday,
        time: row.local_time,
        frequency: row.frequency,
        next_due_at: row.next_due_at.map(|t| t.and_utc()),
    });
    let mut tips_received = Vec::new();
    for delivery in tip_deliveries::for_parent(conn, id, i64::MAX)? {
        let message = match &delivery.nudge_id {
            Some(nudge) => parent_nudges::find(conn, nudge)?.and_then(|n| n.message),
            None => None,
        };
        tips_received.push(TipReceivedView {
            id: delivery.id,
            tip_id: delivery.tip_id,
            from: delivery.source,
            sent_at: delivery.sent_at.and_utc(),
            message,
        });
    }
    Ok(ParentData {
        children,
        tip_preferences,
        tips_received,
    })
}

fn event_view(event: audit::AuditEvent) -> EventView {
    EventView {
        at: event.created_at.and_utc(),
        actor_id: event.actor_id,
        subject_id: event.subject_id,
        action: event.action,
        outcome: event.outcome,
        detail: event.detail,
    }
}
