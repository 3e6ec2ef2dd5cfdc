//! Outcome reports for service leads: figures about many young people
//! from the lead's own service, never about one (`crate::reports`).

mod get_report;

use actix_web::web;

use super::endpoint::{Endpoint, Param, param};
use crate::db::users::Role;

pub fn endpoints() -> Vec<Endpoint> {
    const REPORT: &[Param] = &[
        param("from", "string", "first month, YYYY-MM"),
        param(
            "to",
            "string",
            "last month, YYYY-MM; at most 24 months in all",
        ),
        param("group", "string", "only this group's young people"),
        param(
            "school",
            "string",
            "only young people in groups at this school",
        ),
    ];
    const CSV: &[Param] = &[
        param(
            "table",
            "string",
            "activity, mood, thrive, wheel, goals, alerts or school",
        ),
        param("from", "string", "first month, YYYY-MM"),
        param(
            "to",
            "string",
            "last month, YYYY-MM; at most 24 months in all",
        ),
        param("group", "string", "only this group's young people"),
        param(
            "school",
            "string",
            "only young people in groups at this school",
        ),
    ];
    vec![
        Endpoint::get("/reports/outcomes", "get_outcome_report", || {
            web::get().to(get_report::get_report)
        })
        .summary("The service's outcomes for whole months, for everyone or one group or school; any figure from fewer than 5 young people, or that would let one be worked out, says \"fewer than 5\"; audited.")
        .roles(&[Role::ServiceLead])
        .query(REPORT),
        Endpoint::get("/reports/outcomes.csv", "get_outcome_report_csv", || {
            web::get().to(get_report::get_report_csv)
        })
        .summary("One table of the outcome report as CSV, with the same hidden figures; audited.")
        .roles(&[Role::ServiceLead])
        .query(CSV),
        Endpoint::get("/reports/filters", "list_report_filters", || {
            web::get().to(get_report::list_filters)
        })
        .summary("The groups and schools a report can be narrowed to.")
        .roles(&[Role::ServiceLead]),
    ]
}
