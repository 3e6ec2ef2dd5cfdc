//! Erasing an account. A young person's every row goes — shared copies,
//! alerts, messages, the audit trail about them — leaving one content-free
//! tombstone that says an account was erased, and nothing about whose.
//! Parents are deleted too: no trail about others holds them.
//! Staff accounts are anonymised instead of deleted: their past actions
//! are part of young people's audit trails, which must stay whole.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::AnyConnection;
use super::audit;
use super::ids::{ServiceId, UserId};
use super::schema::{
    alerts, assignments, audit_events, check_ins, consent_events, invites, notifications,
    parent_link_codes, parent_links, parent_nudges, parent_tip_deliveries, record_tombstones,
    refresh_tokens, relink_codes, service_settings, shared_records, thrive_groupings,
    totp_challenges, totp_credentials, users,
};

pub fn erase_young_person(
    conn: &mut AnyConnection,
    young_person: &UserId,
    service: &ServiceId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let id = young_person.as_str();
    diesel::delete(check_ins::table.filter(check_ins::young_person_id.eq(id))).execute(conn)?;
    diesel::delete(shared_records::table.filter(shared_records::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(record_tombstones::table.filter(record_tombstones::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(consent_events::table.filter(consent_events::young_person_id.eq(id)))
        .execute(conn)?;
    // Workers' inbox lines about this young person's alerts go first.
    let their_alerts = alerts::table
        .filter(alerts::young_person_id.eq(id))
        .select(alerts::id);
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq("alert"))
            .filter(notifications::subject_id.eq_any(their_alerts)),
    )
    .execute(conn)?;
    diesel::delete(alerts::table.filter(alerts::young_person_id.eq(id))).execute(conn)?;
    // Their messages and replies, and their workers' inbox lines about them.
    super::encouragements::delete_for_young_person(conn, young_person)?;
    super::signposts::delete_for_young_person(conn, young_person)?;
    forget_notifications(conn, young_person)?;
    super::outcome_records::delete_for(conn, young_person)?;
    super::groups::forget(conn, young_person)?;
    forget_parent_links(conn, young_person)?;
    diesel::delete(thrive_groupings::table.filter(thrive_groupings::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(assignments::table.filter(assignments::young_person_id.eq(id))).execute(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::user_id.eq(id))).execute(conn)?;
    diesel::delete(relink_codes::table.filter(relink_codes::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::update(invites::table.filter(invites::used_by.eq(id)))
        .set(invites::used_by.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(audit_events::table.filter(audit_events::subject_id.eq(id))).execute(conn)?;
    diesel::update(audit_events::table.filter(audit_events::actor_id.eq(id)))
        .set(audit_events::actor_id.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(users::table.find(id)).execute(conn)?;
    audit::record_anonymous(conn, service, "erase_account", Some("young_person"), now)
}

/// Removes everything that identifies a staff member and ends their access;
/// their id stays so the audit trails they appear in still add up.
pub fn anonymise_staff(
    conn: &mut AnyConnection,
    staff: &UserId,
    service: &ServiceId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let id = staff.as_str();
    diesel::update(users::table.find(id))
        .set((
            users::email.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::display_name.eq("Former staff member"),
            users::disabled_at.eq(Some(now)),
        ))
        .execute(conn)?;
    diesel::update(
        assignments::table
            .filter(assignments::worker_id.eq(id))
            .filter(assignments::ended_at.is_null()),
    )
    .set(assignments::ended_at.eq(now))
    .execute(conn)?;
    diesel::update(refresh_tokens::table.filter(refresh_tokens::user_id.eq(id)))
        .set(refresh_tokens::revoked_at.eq(Some(now)))
        .execute(conn)?;
    diesel::delete(totp_credentials::table.filter(totp_credentials::user_id.eq(id)))
        .execute(conn)?;
    diesel::delete(totp_challenges::table.filter(totp_challenges::user_id.eq(id))).execute(conn)?;
    diesel::update(service_settings::table.filter(service_settings::duty_contact_id.eq(id)))
        .set(service_settings::duty_contact_id.eq(None::<String>))
        .execute(conn)?;
    // Messages already shown stay with their young people, from "Former
    // staff member"; those not yet shown are withdrawn.
    super::encouragements::delete_unshown_from(conn, staff, now)?;
    forget_notifications(conn, staff)?;
    audit::record_anonymous(conn, service, "erase_account", Some("staff"), now)
}

/// A young person's parent links and link codes, and what they asked their
/// parents: the nudges, the tips sent with them and the parents' inbox
/// lines about them. Tips parents got otherwise stay theirs.
fn forget_parent_links(conn: &mut AnyConnection, young_person: &UserId) -> QueryResult<()> {
    let id = young_person.as_str();
    let their_nudges = parent_nudges::table
        .filter(parent_nudges::young_person_id.eq(id))
        .select(parent_nudges::id.nullable());
    let nudge_deliveries: Vec<String> = parent_tip_deliveries::table
        .filter(parent_tip_deliveries::nudge_id.eq_any(their_nudges))
        .select(parent_tip_deliveries::id)
        .load(conn)?;
    diesel::delete(
        notifications::table
            .filter(notifications::kind.eq("parent_nudge"))
            .filter(notifications::subject_id.eq_any(&nudge_deliveries)),
    )
    .execute(conn)?;
    diesel::delete(
        parent_tip_deliveries::table.filter(parent_tip_deliveries::id.eq_any(&nudge_deliveries)),
    )
    .execute(conn)?;
    diesel::delete(parent_nudges::table.filter(parent_nudges::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(parent_links::table.filter(parent_links::young_person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(parent_link_codes::table.filter(parent_link_codes::young_person_id.eq(id)))
        .execute(conn)?;
    Ok(())
}

/// A parent or carer is deleted like a young person: nobody's audit trail
/// needs them (they never read anyone's data). Their links, tips and
/// preferences go; codes they used stay with the young person who made
/// them, without their id.
pub fn erase_parent(
    conn: &mut AnyConnection,
    parent: &UserId,
    service: &ServiceId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let id = parent.as_str();
    forget_notifications(conn, parent)?;
    super::tip_deliveries::delete_for(conn, parent)?;
    super::tip_preferences::delete_for(conn, parent)?;
    diesel::delete(parent_links::table.filter(parent_links::parent_id.eq(id))).execute(conn)?;
    diesel::update(parent_link_codes::table.filter(parent_link_codes::used_by.eq(id)))
        .set(parent_link_codes::used_by.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::user_id.eq(id))).execute(conn)?;
    diesel::delete(audit_events::table.filter(audit_events::subject_id.eq(id))).execute(conn)?;
    diesel::update(audit_events::table.filter(audit_events::actor_id.eq(id)))
        .set(audit_events::actor_id.eq(None::<String>))
        .execute(conn)?;
    diesel::delete(users::table.find(id)).execute(conn)?;
    audit::record_anonymous(conn, service, "erase_account", Some("parent"), now)
}

/// A person's inbox, push subscriptions (their queued pushes go with them)
/// and quiet hours.
fn forget_notifications(conn: &mut AnyConnection, user: &UserId) -> QueryResult<()> {
    super::notifications::delete_for(conn, user)?;
    super::push_subscriptions::delete_for(conn, user)?;
    super::notification_settings::delete_for(conn, user)?;
    Ok(())
}
