//! Random secrets and their stored hashes. Refresh tokens and invite codes
//! are kept only as SHA-256 hashes: a copy of the database cannot sign in.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

pub fn random_bytes<const N: usize>() -> anyhow::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no system randomness: {e}"))?;
    Ok(bytes)
}

/// An opaque token of 256 random bits.
pub fn new_token() -> anyhow::Result<String> {
    Ok(URL_SAFE_NO_PAD.encode(random_bytes::<32>()?))
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const INVITE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const INVITE_LEN: usize = 8;

/// A new invite code like `K7QM-P2XD`: 8 symbols from 31, about 40 bits.
/// Codes expire and are single-use, which keeps guessing hopeless.
pub fn new_invite_code() -> anyhow::Result<String> {
    let bytes = random_bytes::<INVITE_LEN>()?;
    // 256 is not a multiple of 31; the bias this leaves is far too small to
    // help a guesser and keeps the code simple.
    let symbols: String = bytes
        .iter()
        .map(|b| INVITE_ALPHABET[usize::from(*b) % INVITE_ALPHABET.len()] as char)
        .collect();
    Ok(format!("{}-{}", &symbols[..4], &symbols[4..]))
}

/// The form a code is hashed in: case and separators don't matter.
pub fn normalise_invite_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn invite_code_hash(code: &str) -> String {
    sha256_hex(&normalise_invite_code(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_codes_match_however_they_are_typed() {
        let code = new_invite_code().unwrap();
        assert_eq!(code.len(), 9);
        let typed = code.replace('-', " ").to_lowercase();
        assert_eq!(invite_code_hash(&code), invite_code_hash(&typed));
    }

    #[test]
    fn invite_codes_avoid_confusable_symbols() {
        for _ in 0..50 {
            let code = new_invite_code().unwrap();
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
    }

    #[test]
    fn tokens_are_unique_and_long() {
        let a = new_token().unwrap();
        assert_ne!(a, new_token().unwrap());
        assert_eq!(a.len(), 43);
    }
}
