//! Settings a service chooses for itself; a service without a row has the
//! defaults.

use diesel::prelude::*;

use super::AnyConnection;
use super::ids::{ServiceId, UserId};
use super::schema::service_settings;

/// Unacknowledged alerts go to the duty contact after this long unless the
/// service chooses otherwise: within a school day.
pub const DEFAULT_ALERT_ESCALATION_MINUTES: i32 = 4 * 60;
/// Shared data of a young person inactive this long is deleted.
pub const DEFAULT_RETENTION_MONTHS: i32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = service_settings, treat_none_as_null = true)]
pub struct ServiceSettings {
    pub service_id: String,
    pub duty_contact_id: Option<String>,
    pub alert_escalation_minutes: i32,
    pub retention_months: i32,
}

impl ServiceSettings {
    pub fn defaults(service: &ServiceId) -> ServiceSettings {
        ServiceSettings {
            service_id: service.to_string(),
            duty_contact_id: None,
            alert_escalation_minutes: DEFAULT_ALERT_ESCALATION_MINUTES,
            retention_months: DEFAULT_RETENTION_MONTHS,
        }
    }

    pub fn duty_contact(&self) -> Option<UserId> {
        self.duty_contact_id.clone().map(UserId)
    }
}

pub fn get(conn: &mut AnyConnection, service: &ServiceId) -> QueryResult<ServiceSettings> {
    Ok(service_settings::table
        .find(service.as_str())
        .select(ServiceSettings::as_select())
        .first(conn)
        .optional()?
        .unwrap_or_else(|| ServiceSettings::defaults(service)))
}

pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<ServiceSettings>> {
    service_settings::table
        .select(ServiceSettings::as_select())
        .load(conn)
}

pub fn save(conn: &mut AnyConnection, settings: &ServiceSettings) -> QueryResult<()> {
    let existing: i64 = service_settings::table
        .find(&settings.service_id)
        .count()
        .get_result(conn)?;
    if existing > 0 {
        diesel::update(service_settings::table.find(&settings.service_id))
            .set(settings)
            .execute(conn)?;
    } else {
        diesel::insert_into(service_settings::table)
            .values(settings)
            .execute(conn)?;
    }
    Ok(())
}
