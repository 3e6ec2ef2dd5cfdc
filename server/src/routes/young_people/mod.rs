//! A young person's data as their assigned worker sees it. Every handler
//! passes through `access::assigned_worker`, and every read is audited.

pub(crate) mod access;
mod get_progress;
mod get_safety_plan;
mod list_check_ins;
pub(crate) mod list_outcome_records;
mod list_thrive_groupings;
mod put_outcome_record;
mod record_thrive_grouping;

use super::endpoint::{Endpoint, Param, date_param, param};
use crate::db::users::Role;
use actix_web::web;
use lantern_core::ConsentScope;

pub fn endpoints() -> Vec<Endpoint> {
    const PAGE: &[Param] = &[
        date_param("from", "first day to include"),
        date_param("to", "last day to include"),
        param("limit", "integer", "1 to 200; 50 by default"),
        param("after", "string", "`next` from the previous page"),
    ];
    const WEEKS: &[Param] = &[param("weeks", "integer", "1 to 60; 8 by default")];
    vec![
        Endpoint::get("/young-people/{id}/check-ins", "list_check_ins", || {
            web::get().to(list_check_ins::list_check_ins)
        })
        .summary("The young person's shared check-ins, newest first, a page at a time; audited.")
        .assigned_worker()
        .scope(ConsentScope::Mood)
        .query(PAGE),
        Endpoint::get("/young-people/{id}/progress", "get_progress", || {
            web::get().to(get_progress::get_progress)
        })
        .summary("Progress computed by the core from what is shared now; each section not shared says only that; audited.")
        .assigned_worker()
        .query(WEEKS),
        Endpoint::get("/young-people/{id}/safety-plan", "get_safety_plan", || {
            web::get().to(get_safety_plan::get_safety_plan)
        })
        .summary("The young person's safety plan, in their words, when they share it; audited.")
        .assigned_worker()
        .scope(ConsentScope::SafetyPlan),
        Endpoint::get("/young-people/{id}/thrive", "list_thrive_groupings", || {
            web::get().to(list_thrive_groupings::list_thrive_groupings)
        })
        .summary("THRIVE groupings agreed with the young person, newest first; audited.")
        .assigned_worker(),
        Endpoint::post(
            "/young-people/{id}/thrive",
            "record_thrive_grouping",
            || web::post().to(record_thrive_grouping::record_thrive_grouping),
        )
        .summary("Record the THRIVE grouping agreed with the young person, with a reason.")
        .assigned_worker()
        .body("{grouping, reason, agreed_with_young_person: true}")
        .created(),
        Endpoint::get("/me/thrive", "list_my_thrive_groupings", || {
            web::get().to(list_thrive_groupings::list_my_thrive_groupings)
        })
        .summary("The THRIVE grouping the young person agreed with their worker, and why.")
        .roles(&[Role::YoungPerson]),
        Endpoint::put(
            "/young-people/{id}/outcome-records/{term}",
            "put_outcome_record",
            || web::put().to(put_outcome_record::put_outcome_record),
        )
        .summary("Record a school term's attendance, exclusions and timetable for the young person; one record a term, the last writer wins; audited.")
        .assigned_worker()
        .body("{attendance_percent, fixed_term_exclusions: {count, days}, permanent_exclusion, part_time_timetable}"),
        Endpoint::get(
            "/young-people/{id}/outcome-records",
            "list_outcome_records",
            || web::get().to(list_outcome_records::list_outcome_records),
        )
        .summary("The young person's school outcome records, newest term first; audited.")
        .assigned_worker(),
        Endpoint::get("/me/outcome-records", "list_my_outcome_records", || {
            web::get().to(list_outcome_records::list_my_outcome_records)
        })
        .summary("What the young person's workers wrote down about school, newest term first.")
        .roles(&[Role::YoungPerson]),
    ]
}
