//! Content shipped as data files inside the crate (the toolbox, the
//! questionnaires, the crisis contacts): parsed once and checked before use,
//! so broken content is reported, never panicked on.

use serde::de::DeserializeOwned;

use crate::validation::parse_json;

#[derive(Debug, thiserror::Error)]
#[error("the {file} shipped with the app is broken: {problem}")]
pub struct DataFileError {
    pub file: &'static str,
    pub problem: String,
}

/// Parses `json` and runs `check`, which lists every problem it finds.
///
/// Parsed by the same path as input from outside ([`parse_json`]) so types
/// shared with it (feelings, places…) are not compiled twice into the wasm
/// module; a problem is named by its path in the file.
pub fn load<T: DeserializeOwned>(
    file: &'static str,
    json: &str,
    check: impl FnOnce(&T) -> Result<(), Vec<String>>,
) -> Result<T, DataFileError> {
    let value: T = parse_json(json).map_err(|e| DataFileError {
        file,
        problem: e.to_string(),
    })?;
    check(&value).map_err(|problems| DataFileError {
        file,
        problem: problems.join("; "),
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_and_failed_checks_name_the_file() {
        let broken = load::<Vec<u8>>("test data", "[1,", |_| Ok(())).unwrap_err();
        assert!(
            broken
                .to_string()
                .starts_with("the test data shipped with the app is broken")
        );
        let mistyped = load::<Vec<u8>>("test data", "[1, 300]", |_| Ok(())).unwrap_err();
        assert!(
            mistyped.problem.starts_with("[1]: "),
            "names where: {}",
            mistyped.problem
        );
        let refused =
            load::<Vec<u8>>("test data", "[1]", |_| Err(vec!["a".into(), "b".into()])).unwrap_err();
        assert_eq!(refused.problem, "a; b");
    }
}
