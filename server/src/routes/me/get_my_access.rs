use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, Utc};
use lantern_core::ConsentScope;
use serde::Serialize;

use crate::auth::AuthUser;
use crate::db::users::{self, Role};
use crate::db::{DbPool, consents, groups, outcome_records, parent_links, service_settings};
use crate::error::ApiError;
use crate::routes::parents::list_my_parents::{
    LinkedParentView, WHAT_PARENTS_NEVER_GET, view as parent_view,
};
use crate::routes::with_conn;

#[derive(Serialize)]
struct Person {
    display_name: String,
    role: Role,
    since: DateTime<Utc>,
}

#[derive(Serialize)]
struct SharedScope {
    scope: ConsentScope,
    explanation: &'static str,
    since: DateTime<FixedOffset>,
    /// Whether what was recorded before sharing started is included.
    include_past: bool,
}

#[derive(Serialize)]
struct Group {
    name: String,
    school: Option<String>,
    /// The worker who runs it and keeps its register.
    run_by: String,
}

#[derive(Serialize)]
struct Access {
    /// Workers who can see what is shared, now.
    workers: Vec<Person>,
    /// What they can see.
    shared: Vec<SharedScope>,
    /// What happens to an answer about hurting yourself, in plain words.
    about_answers: String,
    /// Parents and carers linked now, and what each gets.
    parents: Vec<LinkedParentView>,
    /// What parents get and never get, in plain words.
    about_parents: String,
    /// Groups the young person is in now.
    groups: Vec<Group>,
    /// What a group's worker writes down, in plain words.
    about_groups: String,
    /// How many school terms a worker has written a record for.
    school_record_terms: i64,
    /// What school records hold and who sees them, in plain words.
    about_school_records: String,
}

/// Exactly who can see what, now: the young person can ask at any time.
pub async fn get_my_access(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::YoungPerson)?;
    let access = with_conn(&pool, move |conn| {
        let workers = users::assigned_workers(conn, &caller.id)?
            .into_iter()
            .map(|(worker, since)| Person {
                role: worker.role(),
                display_name: worker.display_name,
                since: since.and_utc(),
            })
            .collect::<Vec<_>>();
        let shared = consents::current_grants(conn, &caller.id)?
            .into_iter()
            .map(|grant| SharedScope {
                scope: grant.scope,
                explanation: grant.scope.explanation(),
                since: grant.granted_at,
                include_past: grant.include_past,
            })
            .collect();
        let has_duty_contact = service_settings::get(conn, &caller.service)?
            .duty_contact_id
            .is_some();
        let about_answers = if workers.is_empty() && !has_duty_contact {
            "Right now no worker is linked to you, so nobody is told about your answers. \
             If you need help now, tap Get help."
                .to_owned()
        } else {
            "If you answer \u{201c}a little\u{201d} or \u{201c}yes\u{201d} to the question about \
             hurting yourself, your worker is told what you answered, so they can help. \
             If they can't see it soon, someone else at your service who looks after \
             safety is told. Nothing else you write is passed on unless you share it."
                .to_owned()
        };
        let parents: Vec<LinkedParentView> = parent_links::parents_of(conn, &caller.id)?
            .into_iter()
            .map(parent_view)
            .collect();
        let about_parents = if parents.is_empty() {
            format!("No parent or carer is linked to you. {WHAT_PARENTS_NEVER_GET}")
        } else {
            format!(
                "Your linked parents and carers get tips about helping young people, and your \
                 \u{201c}let my parent know\u{201d} messages when you send one. \
                 {WHAT_PARENTS_NEVER_GET} You can remove a link at any time."
            )
        };
        let groups: Vec<Group> = groups::current_groups_of(conn, &caller.id)?
            .into_iter()
            .map(|(name, school, run_by)| Group {
                name,
                school,
                run_by,
            })
            .collect();
        let about_groups = if groups.is_empty() {
            "You are not in a group right now.".to_owned()
        } else {
            "The worker who runs a group writes down if you came to each session. \
             Other people in the group never see your check-ins or anything you share."
                .to_owned()
        };
        let school_record_terms = outcome_records::terms_recorded(conn, &caller.id)?;
        let about_school_records = school_records_words(school_record_terms);
        Ok(Access {
            workers,
            shared,
            about_answers,
            parents,
            about_parents,
            groups,
            about_groups,
            school_record_terms,
            about_school_records,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(access))
}

/// School records are written by workers, not shared by the young person,
/// so they are told plainly what is kept and who sees it.
fn school_records_words(terms: i64) -> String {
    let kept = match terms {
        0 => "No school records have been written about you.".to_owned(),
        1 => "Your worker has written a school record for 1 term.".to_owned(),
        n => format!("Your worker has written school records for {n} terms."),
    };
    format!(
        "{kept} A school record says how much you were at school in a term, if you were \
         excluded (told not to come in for a while), and if you had a shorter school day. \
         Your workers can see it, and so can you, here. People who run the service only see \
         totals for 5 or more young people, never your name."
    )
}
