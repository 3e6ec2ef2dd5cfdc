//! Who a report is about: the young people of the lead's service, or of
//! one of its groups, or of the groups that run at one school.

use diesel::prelude::*;
use serde::Serialize;

use crate::db::AnyConnection;
use crate::db::ids::ServiceId;
use crate::db::schema::{group_members, support_groups, users};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Everyone,
    Group(String),
    School(String),
}

/// The groups and schools a lead can choose from.
#[derive(Debug, Serialize)]
pub struct Choices {
    pub groups: Vec<GroupChoice>,
    pub schools: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GroupChoice {
    pub id: String,
    pub name: String,
    pub school: Option<String>,
}

pub fn choices(conn: &mut AnyConnection, service: &ServiceId) -> QueryResult<Choices> {
    let rows: Vec<(String, String, Option<String>)> = support_groups::table
        .filter(support_groups::service_id.eq(service.as_str()))
        .order((support_groups::name.asc(), support_groups::id.asc()))
        .select((
            support_groups::id,
            support_groups::name,
            support_groups::school,
        ))
        .load(conn)?;
    let mut schools: Vec<String> = rows.iter().filter_map(|r| r.2.clone()).collect();
    schools.sort();
    schools.dedup();
    let groups = rows
        .into_iter()
        .map(|(id, name, school)| GroupChoice { id, name, school })
        .collect();
    Ok(Choices { groups, schools })
}

/// The young people of the service.
pub fn everyone(conn: &mut AnyConnection, service: &ServiceId) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::service_id.eq(service.as_str()))
        .filter(users::role.eq("young_person"))
        .order(users::id.asc())
        .select(users::id)
        .load(conn)
}

/// The young people the filter picks out, or `None` when the group or
/// school is not one of the service's.
pub fn members(
    conn: &mut AnyConnection,
    service: &ServiceId,
    filter: &Filter,
) -> QueryResult<Option<Vec<String>>> {
    let groups = support_groups::table
        .filter(support_groups::service_id.eq(service.as_str()))
        .into_boxed();
    let groups: Vec<String> = match filter {
        Filter::Everyone => return everyone(conn, service).map(Some),
        Filter::Group(id) => groups.filter(support_groups::id.eq(id)),
        Filter::School(school) => groups.filter(support_groups::school.eq(school)),
    }
    .select(support_groups::id)
    .load(conn)?;
    if groups.is_empty() {
        return Ok(None);
    }
    let mut people: Vec<String> = group_members::table
        .filter(group_members::group_id.eq_any(&groups))
        .select(group_members::young_person_id)
        .load(conn)?;
    people.sort();
    people.dedup();
    Ok(Some(people))
}
