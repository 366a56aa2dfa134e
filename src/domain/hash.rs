//! Content hashes: files, texts and the archive version are named by them.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256.
pub fn hex_sha256(bytes: &[u8]) -> String {
    // Written digit by digit into one string: a `format!` per byte made 32
    // strings for each hash (every ETag, every text's content hash).
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    hex
}

/// The SHA-256 digest itself.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hex_digest_is_sha256s_in_lower_case() {
        // FIPS 180-2's examples.
        assert_eq!(
            hex_sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hex_sha256(b"abc").as_bytes(), &{
            let mut hex = [0u8; 64];
            for (i, b) in sha256(b"abc").iter().enumerate() {
                hex[2 * i..2 * i + 2].copy_from_slice(format!("{b:02x}").as_bytes());
            }
            hex
        });
    }
}
