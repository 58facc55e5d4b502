//! Content fingerprints: the sha256 of some bytes, written as lateral writes
//! it in quiz and attempt files.
//!
//! A quiz pins each source text by its hash, and an attempt records the hash
//! of the questions it was taken on. Both are lowercase hexadecimal, 64
//! digits, so a pinned hash can be compared with a fresh one as text.

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// A digest (of a whole text or one hashed as it was read) in lowercase
/// hexadecimal.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
