//! Byte decoding: newspaper pages arrive as UTF-8 (with or without BOM), GBK/GB18030 or UTF-16.
//!
//! Decoding is strict: a file that is not valid in any supported encoding, or that contains
//! binary control bytes, is reported as "not text" so the caller can skip it with a warning
//! instead of feeding garbage into extraction.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use std::fmt;

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl SourceEncoding {
    pub fn label(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Gb18030 => "GB18030/GBK",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Control bytes (NUL and friends) at the given byte offset: a binary file.
    Binary { offset: usize },
    /// Neither valid UTF-8 nor valid GB18030; the offset is the first invalid UTF-8 byte.
    UnknownEncoding { offset: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "not a text file (binary byte at offset {offset})")
            }
            DecodeError::UnknownEncoding { offset } => write!(
                f,
                "not valid UTF-8, GBK/GB18030 or UTF-16 (first invalid byte at offset {offset})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a file's bytes. The returned text never contains a BOM.
pub fn decode(bytes: &[u8]) -> Result<(String, SourceEncoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => check_controls(s).map(|()| (s.to_owned(), SourceEncoding::Utf8Bom)),
            Err(e) => Err(DecodeError::UnknownEncoding {
                offset: e.valid_up_to() + 3,
            }),
        };
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return decode_utf16(&bytes[2..], true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(&bytes[2..], false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_controls(s).map(|()| (s.to_owned(), SourceEncoding::Utf8)),
        Err(utf8_error) => {
            let offset = utf8_error.valid_up_to();
            if let Some(pos) = bytes.iter().position(|&b| is_binary_byte(b)) {
                return Err(DecodeError::Binary { offset: pos });
            }
            let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(DecodeError::UnknownEncoding { offset });
            }
            Ok((text.into_owned(), SourceEncoding::Gb18030))
        }
    }
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<(String, SourceEncoding), DecodeError> {
    let (encoding, label) = if little_endian {
        (UTF_16LE, SourceEncoding::Utf16Le)
    } else {
        (UTF_16BE, SourceEncoding::Utf16Be)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding { offset: 2 });
    }
    check_controls(&text)?;
    Ok((text.into_owned(), label))
}

fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F)
}

fn check_controls(text: &str) -> Result<(), DecodeError> {
    match text.bytes().position(is_binary_byte) {
        Some(offset) => Err(DecodeError::Binary { offset }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_plain_and_bom() {
        let (t, e) = decode("涪陵区".as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("涪陵区", SourceEncoding::Utf8));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("重庆".as_bytes());
        let (t, e) = decode(&bom).unwrap();
        assert_eq!((t.as_str(), e), ("重庆", SourceEncoding::Utf8Bom));
    }

    #[test]
    fn gbk_is_decoded() {
        let (bytes, _, _) = GB18030.encode("永川区委书记李明远表示");
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!(t, "永川区委书记李明远表示");
        assert_eq!(e, SourceEncoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "两江新区".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!((t.as_str(), e), ("两江新区", SourceEncoding::Utf16Le));
    }

    #[test]
    fn binary_is_rejected() {
        let bytes = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00];
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary { .. })));
        assert!(matches!(decode(b"abc\x00def"), Err(DecodeError::Binary { offset: 3 })));
    }
}
