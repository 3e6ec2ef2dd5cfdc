//! Outcome reports for service leads: figures about many young people,
//! never about one. Each figure knows how many young people it is built
//! from, so the small-number rule (`suppress`) can hide it.

pub mod cohort;
pub mod figures;
pub mod range;
pub mod suppress;
pub mod table;

use lantern_core::ValidationError;
use lantern_core::measures::MeasureDefinition;

use crate::db::AnyConnection;
use crate::db::ids::ServiceId;
use cohort::Filter;
use range::Range;
use table::Table;

/// Why a report cannot be made.
#[derive(Debug)]
pub enum Refused {
    /// The group or school is not one of the service's.
    UnknownFilter(ValidationError),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for Refused {
    fn from(error: diesel::result::Error) -> Refused {
        Refused::Database(error)
    }
}

/// The report for the service, or for part of it, with the small-number
/// rule applied. For part of the service the whole is built too, so that
/// no figure can be found by subtracting one report from the other.
pub fn build(
    conn: &mut AnyConnection,
    service: &ServiceId,
    range: Range,
    filter: &Filter,
    wheel: &MeasureDefinition,
) -> Result<Vec<Table>, Refused> {
    let everyone = cohort::everyone(conn, service)?;
    let whole = figures::tables(&figures::load(conn, &everyone)?, range, wheel);
    if *filter == Filter::Everyone {
        return Ok(whole
            .into_iter()
            .map(|mut table| {
                suppress::apply(&mut table);
                table
            })
            .collect());
    }
    let Some(members) = cohort::members(conn, service, filter)? else {
        let (field, code) = match filter {
            Filter::School(_) => ("school", "unknown_school"),
            _ => ("group", "unknown_group"),
        };
        return Err(Refused::UnknownFilter(ValidationError::new(
            field,
            code,
            "Choose one of the service's groups or schools.",
        )));
    };
    let part = figures::tables(&figures::load(conn, &members)?, range, wheel);
    Ok(part
        .into_iter()
        .zip(&whole)
        .map(|(mut table, whole)| {
            suppress::apply_against_whole(&mut table, whole);
            table
        })
        .collect())
}
