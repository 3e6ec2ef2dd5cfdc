//! Time-based one-time passwords (RFC 6238): HMAC-SHA-1, 6 digits, 30-second
//! steps, accepting the step before and after for clock drift. What every
//! authenticator app speaks. Pure functions: the caller passes the time and
//! remembers the last step used, so a code cannot be used twice.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const DIGITS: u32 = 6;
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now that are still accepted.
const DRIFT_STEPS: i64 = 1;
/// 160 bits, the size RFC 4226 recommends for HMAC-SHA-1.
pub const SECRET_BYTES: usize = 20;
const ISSUER: &str = "Lantern";

/// A new random secret, base32 (as authenticator apps take it).
pub fn new_secret() -> anyhow::Result<String> {
    Ok(base32_encode(
        &super::secrets::random_bytes::<SECRET_BYTES>()?,
    ))
}

/// The `otpauth://` URI a QR code carries. The label is the account name
/// the app shows.
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        issuer = ISSUER,
        account = percent_encode(account),
    )
}

pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The HOTP value (RFC 4226) for `counter`, with `digits` digits.
fn hotp(key: &[u8], counter: u64, digits: u32) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bytes: [u8; 4] = digest.get(offset..offset + 4)?.try_into().ok()?;
    let binary = u32::from_be_bytes(bytes) & 0x7fff_ffff;
    Some(binary % 10u32.pow(digits))
}

/// The step whose code `code` is, if it is the code of a step within the
/// drift window around `unix_seconds` and later than `last_used_step`.
/// Spaces in the typed code are ignored.
pub fn matching_step(
    secret: &str,
    code: &str,
    unix_seconds: i64,
    last_used_step: Option<i64>,
) -> Option<i64> {
    let key = base32_decode(secret)?;
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS as usize || !typed.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let typed: u32 = typed.parse().ok()?;
    let now = step_at(unix_seconds);
    let mut found = None;
    // Every candidate is computed, so the time taken does not depend on
    // which one matched.
    for step in (now - DRIFT_STEPS)..=(now + DRIFT_STEPS) {
        let Ok(counter) = u64::try_from(step) else {
            continue;
        };
        let fresh = last_used_step.is_none_or(|last| step > last);
        if hotp(&key, counter, DIGITS) == Some(typed) && fresh && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// The current code, for tests and for nothing else in the server.
pub fn code_at(secret: &str, unix_seconds: i64) -> Option<String> {
    let key = base32_decode(secret)?;
    let counter = u64::try_from(step_at(unix_seconds)).ok()?;
    Some(format!(
        "{:0width$}",
        hotp(&key, counter, DIGITS)?,
        width = DIGITS as usize
    ))
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let value = BASE32
            .iter()
            .position(|b| char::from(*b) == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
    fn rfc_secret() -> String {
        base32_encode(b"12345678901234567890")
    }

    #[test]
    fn rfc_6238_test_vectors() {
        // Appendix B gives 8-digit values; 6 digits are their last six.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(code_at(&rfc_secret(), time).unwrap(), eight[2..], "{time}");
        }
    }

    #[test]
    fn rfc_4226_hotp_vectors() {
        let expected = [755224, 287082, 359152, 969429, 338314, 254676];
        for (counter, value) in expected.into_iter().enumerate() {
            assert_eq!(
                hotp(b"12345678901234567890", counter as u64, 6),
                Some(value)
            );
        }
    }

    #[test]
    fn a_code_matches_its_step_and_one_either_side_only() {
        let secret = new_secret().unwrap();
        let now = 1_700_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code, now, None), Some(step_at(now)));
        assert!(matching_step(&secret, &code, now + 30, None).is_some());
        assert!(matching_step(&secret, &code, now - 30, None).is_some());
        assert!(matching_step(&secret, &code, now + 90, None).is_none());
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(matching_step(&secret, &spaced, now, None).is_some());
        assert!(matching_step(&secret, "12345", now, None).is_none());
        assert!(matching_step(&secret, "abcdef", now, None).is_none());
    }

    #[test]
    fn a_used_step_cannot_be_used_again() {
        let secret = new_secret().unwrap();
        let now = 1_700_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = step_at(now);
        assert_eq!(matching_step(&secret, &code, now, Some(step)), None);
        assert_eq!(
            matching_step(&secret, &code, now, Some(step - 1)),
            Some(step)
        );
    }

    #[test]
    fn base32_round_trips_and_the_uri_names_the_parameters() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), SECRET_BYTES);
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi").unwrap(), b"foobar");
        let uri = otpauth_uri("ABC", "sam@example.org");
        assert_eq!(
            uri,
            "otpauth://totp/Lantern:sam%40example.org?secret=ABC&issuer=Lantern&algorithm=SHA1&digits=6&period=30"
        );
    }
}
