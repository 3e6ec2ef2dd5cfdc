//! Argon2id password hashes (the crate's defaults follow OWASP: 19 MiB, 2
//! passes, 1 lane), and the policy every new password must meet: at least
//! ten characters, and not one of the most common passwords.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use lantern_core::ValidationErrors;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// `field` names the form field in the errors.
pub fn check_strength(field: &str, password: &str) -> Result<(), ValidationErrors> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(ValidationErrors::one(
            field,
            "password_too_short",
            format!("Use at least {MIN_PASSWORD_CHARS} characters."),
        ));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(ValidationErrors::one(
            field,
            "password_too_long",
            format!("Use at most {MAX_PASSWORD_CHARS} characters."),
        ));
    }
    if is_common(password) {
        return Err(ValidationErrors::one(
            field,
            "password_too_common",
            "That password is one of the most used, so it is easy to guess. Choose another.",
        ));
    }
    Ok(())
}

/// See `data/README.md` for where the list comes from.
const COMMON_PASSWORDS: &str = include_str!("../../data/common-passwords.txt");

/// Whether `password` is on the shipped list, ignoring case and the spaces
/// around it.
pub fn is_common(password: &str) -> bool {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let list = LIST.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect()
    });
    list.contains(password.trim().to_lowercase().as_str())
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same time as a real check when the email is unknown, so
/// response times don't reveal which emails have accounts.
pub fn verify_against_nothing(password: &str) {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4xOR5d8nEUnUQ3PkFPHrDhx1XCw+QcQb1/fKcVLY4iI";
    let _ = verify(password, DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse battery!", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            check_strength("password", "short").unwrap_err().0[0].code,
            "password_too_short"
        );
        assert!(check_strength("password", "long enough now").is_ok());
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in ["password123", "Password123", "QWERTYUIOP", "1q2w3e4r5t"] {
            assert_eq!(
                check_strength("password", common).unwrap_err().0[0].code,
                "password_too_common",
                "{common}"
            );
        }
        assert!(!is_common("a long test password"));
    }

    #[test]
    fn the_shipped_list_is_lowercase_and_long_enough_to_matter() {
        let entries: Vec<&str> = COMMON_PASSWORDS.lines().collect();
        assert!(entries.len() > 1_500, "{}", entries.len());
        for entry in entries {
            assert_eq!(entry, entry.to_lowercase());
            assert!(entry.chars().count() >= MIN_PASSWORD_CHARS, "{entry}");
        }
    }
}
