//! The national services shipped in `data/directory.json`, checked like
//! any other entry and written to the database at start-up: the file is
//! the source of truth for national rows (an admin cannot change them).

use std::sync::OnceLock;

use chrono::NaiveDateTime;
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error};
use lantern_core::data_file::{self, DataFileError};
use serde::Deserialize;

use super::{Draft, check};
use crate::db::{AnyConnection, directory_services, write};

pub const DIRECTORY_JSON: &str = include_str!("../../data/directory.json");

#[derive(Debug, Deserialize)]
pub struct NationalFile {
    pub version: u32,
    pub notes: String,
    pub services: Vec<NationalService>,
}

#[derive(Debug, Deserialize)]
pub struct NationalService {
    pub id: String,
    /// Where its details were confirmed.
    pub source: String,
    #[serde(flatten)]
    pub draft: Draft,
}

impl NationalFile {
    fn check(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for (i, service) in self.services.iter().enumerate() {
            if self.services[..i].iter().any(|s| s.id == service.id) {
                problems.push(format!("{} is listed twice", service.id));
            }
            if let Err(errors) = check(service.draft.clone()) {
                for error in errors {
                    problems.push(format!(
                        "{}: {}: {}",
                        service.id, error.field, error.message
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// The shipped file, parsed and checked once.
pub fn national() -> Result<&'static NationalFile, &'static DataFileError> {
    static FILE: OnceLock<Result<NationalFile, DataFileError>> = OnceLock::new();
    FILE.get_or_init(|| data_file::load("national directory", DIRECTORY_JSON, NationalFile::check))
        .as_ref()
}

/// Makes the national rows match the file: adds new ones, updates changed
/// ones, removes those no longer listed. Safe to run on every start and on
/// several instances at once (one write transaction).
pub fn sync(conn: &mut AnyConnection, now: NaiveDateTime) -> anyhow::Result<()> {
    let file = national().map_err(|e| anyhow::anyhow!("{e}"))?;
    write(conn, |conn| {
        let stored = directory_services::national_ids(conn)?;
        for service in &file.services {
            let draft = check(service.draft.clone())
                .map_err(|_| anyhow::anyhow!("{} was checked on load", service.id))?;
            match directory_services::find(conn, &service.id)? {
                None => {
                    // In a savepoint: another instance starting at the same
                    // moment may have added it, which is as good.
                    let added = conn.transaction(|conn| {
                        directory_services::insert(
                            conn,
                            &service.id,
                            None,
                            &draft,
                            Some(&service.source),
                            now,
                        )
                    });
                    match added {
                        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {}
                        other => other?,
                    }
                }
                Some(row) => {
                    if row.draft() != draft || row.source.as_deref() != Some(&service.source) {
                        directory_services::update(conn, &service.id, &draft, now)?;
                        directory_services::set_source(conn, &service.id, Some(&service.source))?;
                    }
                }
            }
        }
        for id in stored {
            if !file.services.iter().any(|s| s.id == id) {
                directory_services::delete(conn, &id)?;
            }
        }
        Ok::<_, anyhow::Error>(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_loads_and_every_service_names_its_source() {
        let file = national().unwrap();
        assert!(file.services.len() >= 5);
        for service in &file.services {
            assert!(service.source.contains("clinical.md"), "{}", service.id);
        }
    }
}
