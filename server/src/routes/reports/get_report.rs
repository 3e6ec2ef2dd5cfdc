use actix_web::{HttpResponse, http::header, web};
use chrono::Utc;
use lantern_core::{ValidationError, ValidationErrors};
use serde::{Deserialize, Serialize};

use crate::auth::AuthUser;
use crate::db::audit::{self, Entry, Outcome};
use crate::db::users::Role;
use crate::db::{DbPool, write};
use crate::error::ApiError;
use crate::reports::cohort::{self, Filter};
use crate::reports::range::Range;
use crate::reports::table::{FEWER_THAN_FIVE, Table};
use crate::reports::{self, Refused};
use crate::routes::with_conn;

#[derive(Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
    group: Option<String>,
    school: Option<String>,
    /// Only for the CSV.
    table: Option<String>,
}

#[derive(Serialize)]
struct Report {
    from: String,
    to: String,
    group: Option<String>,
    school: Option<String>,
    /// What a hidden figure says.
    hidden: &'static str,
    tables: Vec<Table>,
}

fn checked(query: &ReportQuery) -> Result<(Range, Filter), ApiError> {
    let range = Range::parse(query.from.as_deref(), query.to.as_deref());
    let filter = match (&query.group, &query.school) {
        (Some(_), Some(_)) => Err(ValidationError::new(
            "school",
            "group_and_school",
            "Choose a group or a school, not both.",
        )),
        (Some(group), None) => Ok(Filter::Group(group.clone())),
        (None, Some(school)) => Ok(Filter::School(school.clone())),
        (None, None) => Ok(Filter::Everyone),
    };
    match (range, filter) {
        (Ok(range), Ok(filter)) => Ok((range, filter)),
        (range, filter) => {
            let mut errors = range.err().map(|e| e.0).unwrap_or_default();
            errors.extend(filter.err());
            Err(ValidationErrors(errors).into())
        }
    }
}

/// Builds the report for the lead's service and writes the audit row.
async fn report(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: &ReportQuery,
    action: &'static str,
) -> Result<Vec<Table>, ApiError> {
    caller.require(Role::ServiceLead)?;
    let (range, filter) = checked(query)?;
    let wheel = lantern_core::measures::catalogue()
        .ok()
        .and_then(|catalogue| catalogue.wheel().cloned())
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the wheel is not in the catalogue")))?;
    with_conn(&pool, move |conn| {
        write(conn, |conn| {
            let tables = match reports::build(conn, &caller.service, range, &filter, &wheel) {
                Ok(tables) => tables,
                Err(Refused::UnknownFilter(error)) => {
                    return Err(ValidationErrors(vec![error]).into());
                }
                Err(Refused::Database(error)) => return Err(error.into()),
            };
            let detail = match &filter {
                Filter::Everyone => "everyone".to_owned(),
                Filter::Group(id) => format!("group {id}"),
                Filter::School(_) => "school".to_owned(),
            };
            audit::record(
                conn,
                Entry {
                    service: &caller.service,
                    actor: &caller.id,
                    action,
                    subject: None,
                    outcome: Outcome::Allowed,
                    detail: Some(format!("{} to {}, {detail}", range.start, range.end)),
                    request_id: caller.request_id.as_str(),
                },
                Utc::now().naive_utc(),
            )?;
            Ok(tables)
        })
    })
    .await
}

pub async fn get_report(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let tables = report(pool, caller, &query, "read_outcome_report").await?;
    let query = query.into_inner();
    Ok(HttpResponse::Ok().json(Report {
        from: query.from.unwrap_or_default(),
        to: query.to.unwrap_or_default(),
        group: query.group,
        school: query.school,
        hidden: FEWER_THAN_FIVE,
        tables,
    }))
}

pub async fn get_report_csv(
    pool: web::Data<DbPool>,
    caller: AuthUser,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    const TABLES: [&str; 7] = [
        "activity", "mood", "thrive", "wheel", "goals", "alerts", "school",
    ];
    caller.require(Role::ServiceLead)?;
    let wanted = query.table.clone().unwrap_or_default();
    if !TABLES.contains(&wanted.as_str()) {
        return Err(ApiError::validation(
            "table",
            "unknown_table",
            format!("Use one of: {}.", TABLES.join(", ")),
        ));
    }
    let tables = report(pool, caller, &query, "export_outcome_report").await?;
    let table = tables
        .into_iter()
        .find(|t| t.id == wanted)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("report has no {wanted} table")))?;
    let name = format!(
        "lantern-{wanted}-{}-to-{}.csv",
        query.from.as_deref().unwrap_or_default(),
        query.to.as_deref().unwrap_or_default()
    );
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(table.csv()))
}

pub async fn list_filters(
    pool: web::Data<DbPool>,
    caller: AuthUser,
) -> Result<HttpResponse, ApiError> {
    caller.require(Role::ServiceLead)?;
    let choices = with_conn(&pool, move |conn| {
        Ok(cohort::choices(conn, &caller.service)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(choices))
}
