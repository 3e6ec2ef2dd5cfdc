use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use lantern_core::ConsentScope;
use lantern_core::consent::visible_to_worker;
use lantern_core::progress::{RecentMood, recent_mood};
use lantern_core::thrive::ThriveGrouping;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::check_ins::{self, PageQuery};
use crate::db::ids::UserId;
use crate::db::users::{self, Role};
use crate::db::{AnyConnection, DbPool, alerts, consents, thrive, write};
use crate::error::ApiError;
use crate::routes::with_conn;

/// Why a young person is where they are in the list. Most urgent first;
/// these are facts about what they told or shared, never a risk score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
enum Need {
    UnacknowledgedDisclosure,
    NoCheckInForAWeek,
    MoodFalling,
    None,
}

#[derive(Serialize)]
struct CaseloadEntry {
    id: String,
    display_name: String,
    age_band: Option<String>,
    joined_at: DateTime<Utc>,
    need: Need,
    open_alerts: i64,
    shared_scopes: Vec<ConsentScope>,
    /// Only when mood is shared: when they last checked in is mood data.
    last_check_in_at: Option<DateTime<Utc>>,
    /// Weekly mood over the last four weeks and its direction; only when
    /// mood is shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    recent_mood: Option<RecentMood>,
    thrive: Option<ThriveGrouping>,
}

#[derive(Serialize)]
struct Caseload {
    young_people: Vec<CaseloadEntry>,
}

/// The worker's caseload, ordered by need: unacknowledged disclosures, then
/// no check-in for a week, then a falling mood, then everyone else by name.
pub async fn list_caseload(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::Worker)?;
    let caseload = with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let now = Utc::now();
            let mut entries = Vec::new();
            for young_person in users::caseload(conn, &caller.id)? {
                let entry = caseload_entry(conn, &caller, young_person, now)?;
                entries.push(entry);
            }
            entries.sort_by(|a, b| {
                a.need
                    .cmp(&b.need)
                    .then_with(|| a.display_name.cmp(&b.display_name))
            });
            Ok::<_, ApiError>(Caseload {
                young_people: entries,
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(caseload))
}

fn caseload_entry(
    conn: &mut AnyConnection,
    caller: &AuthUser,
    young_person: users::User,
    now: DateTime<Utc>,
) -> Result<CaseloadEntry, ApiError> {
    let id = young_person.user_id();
    let grants = consents::current_grants(conn, &id)?;
    let shared_scopes: Vec<_> = grants.iter().map(|g| g.scope).collect();
    let open_alerts = alerts::open_count(conn, &id)?;
    let mood_shared = shared_scopes.contains(&ConsentScope::Mood);
    let (last_check_in_at, recent) = if mood_shared {
        let four_weeks = PageQuery {
            from: Some((now - Duration::weeks(5)).naive_utc()),
            to: None,
            after: None,
            limit: 500,
        };
        let shared: Vec<_> = check_ins::list_page(conn, &id, &four_weeks)?
            .iter()
            .filter_map(|row| row.to_shared().ok())
            .filter_map(|check_in| visible_to_worker(&check_in, &grants))
            .collect();
        let last = check_ins::latest_recorded_at(conn, &id)?.map(utc);
        (last, Some(recent_mood(&shared, now.date_naive())))
    } else {
        (None, None)
    };
    if mood_shared || open_alerts > 0 {
        // Seeing how someone's mood has gone, or that they told us
        // something, is a read of their data.
        audit::record(
            conn,
            Entry {
                service: &caller.service,
                actor: &caller.id,
                request_id: caller.request_id.as_str(),
                action: "view_caseload_entry",
                subject: Some(&id),
                outcome: Outcome::Allowed,
                detail: None,
            },
            now.naive_utc(),
        )?;
    }
    let week_ago = now - Duration::weeks(1);
    let need = if open_alerts > 0 {
        Need::UnacknowledgedDisclosure
    } else if mood_shared
        && last_check_in_at.unwrap_or_else(|| utc(young_person.created_at)) < week_ago
    {
        Need::NoCheckInForAWeek
    } else if recent
        .as_ref()
        .is_some_and(|mood| mood.trend == lantern_core::progress::Trend::Falling)
    {
        Need::MoodFalling
    } else {
        Need::None
    };
    Ok(CaseloadEntry {
        thrive: thrive::current(conn, &UserId(young_person.id.clone()))?,
        id: young_person.id,
        display_name: young_person.display_name,
        age_band: young_person.age_band,
        joined_at: utc(young_person.created_at),
        need,
        open_alerts,
        shared_scopes,
        last_check_in_at,
        recent_mood: recent,
    })
}

fn utc(time: NaiveDateTime) -> DateTime<Utc> {
    time.and_utc()
}
