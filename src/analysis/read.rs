//! Reading input: walk the given paths, decode each file to normalised text.
//!
//! Decoding follows what real dumps contain: UTF-8 with or without a BOM, UTF-16
//! with a BOM, and Windows-1252 when the bytes are not valid UTF-8. The text is
//! then normalised once, here, so that every later step sees LF line ends, plain
//! spaces and NFC.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::domain::hash::hex_sha256;

/// Files larger than this are refused: a dump of a few pages is kilobytes; a
/// bigger file is almost surely not a text dump and would only eat memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// One paragraph of a communiqué is at most a few thousand characters; a longer
/// line is a serialised blob, not prose.
pub const MAX_LINE_CHARS: usize = 100_000;

/// A decoded, normalised input file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or as found under a given folder).
    pub path: PathBuf,
    /// SHA-256 of the raw bytes: identifies the file whatever its path.
    pub sha256: String,
    /// The encoding it was decoded from.
    pub encoding: &'static str,
    /// Normalised text: LF line ends, plain spaces, NFC.
    pub text: String,
}

/// Why a file could not be read as a text dump. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: cannot read: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: no such file or folder", path.display())]
    Missing { path: PathBuf },
    #[error("{}: empty file", path.display())]
    Empty { path: PathBuf },
    #[error("{}: binary file (NUL byte at offset {offset}), not a text dump", path.display())]
    Binary { path: PathBuf, offset: usize },
    #[error("{}: binary file ({percent} % of its first characters are control characters), not a text dump", path.display())]
    ControlCharacters { path: PathBuf, percent: usize },
    #[error("{}: file too large ({size} bytes, the limit is {MAX_FILE_BYTES})", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: {} again, through a symbolic link: read once", path.display(), first.display())]
    Again { path: PathBuf, first: PathBuf },
    #[error("{}: line {line} has {chars} characters (the limit is {MAX_LINE_CHARS}); not a text dump", path.display())]
    LineTooLong {
        path: PathBuf,
        line: usize,
        chars: usize,
    },
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Missing { path }
            | Self::Empty { path }
            | Self::Binary { path, .. }
            | Self::ControlCharacters { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Again { path, .. }
            | Self::LineTooLong { path, .. } => path,
        }
    }
}

/// A file to ingest: where it is on this machine, and the name the archive
/// keeps for it (its provenance, shown to readers): the folder given and the
/// path below it ("seeds/000_….txt", "in/depeche.txt" for `/tmp/…/in`), or
/// the file's name when a file was given, never the machine's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub name: String,
}

impl InputFile {
    /// A file given by itself: its name is the file's name.
    pub fn given(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            name: last_name(path),
        }
    }
}

/// The last component of `path`, resolved when it is "." or "..".
fn last_name(path: &Path) -> String {
    let named = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    named(path)
        .filter(|n| n != "." && n != "..")
        .or_else(|| fs::canonicalize(path).ok().as_deref().and_then(named))
        .unwrap_or_default()
}

/// Expands the given paths into the files to ingest, in a stable order: files as
/// given, folders walked recursively for `*.txt` (hidden entries skipped), each
/// folder's files sorted by name so that every machine ingests in the same order.
///
/// Symbolic links are followed, but each folder is walked once and each file
/// listed once, however many links lead to it: a link back to a folder being
/// walked (`a -> .`, `loop/up -> ..`) would otherwise never end. Each second
/// way in is reported (`ReadError::Again`), naming the first.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<ReadError>) {
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.folder(path, &last_name(path)),
            Ok(_) => walk.file(InputFile::given(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                walk.errors.push(ReadError::Missing { path: path.clone() })
            }
            Err(source) => walk.errors.push(ReadError::Io {
                path: path.clone(),
                source,
            }),
        }
    }
    (walk.files, walk.errors)
}

/// The state of `collect_files`: what was found, and where each folder and
/// file was first met, by what it is on disk.
#[derive(Default)]
struct Walk {
    files: Vec<InputFile>,
    errors: Vec<ReadError>,
    seen: std::collections::HashMap<Identity, PathBuf>,
}

/// What a path leads to, links followed: on Unix its device and inode (one
/// `stat`, where resolving the path costs one per component, and a corpus
/// has a hundred thousand files); elsewhere its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &fs::Metadata) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(Identity::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        fs::canonicalize(path).ok().map(Identity::Path)
    }
}

impl Walk {
    /// Is `path` met for the first time? If not, says where it was met first.
    fn first_time(&mut self, path: &Path) -> bool {
        let Some(real) = fs::metadata(path)
            .ok()
            .and_then(|meta| identity(path, &meta))
        else {
            // Unresolvable (a dangling link): reading it will say why.
            return true;
        };
        match self.seen.get(&real) {
            Some(first) => {
                self.errors.push(ReadError::Again {
                    path: path.to_path_buf(),
                    first: first.clone(),
                });
                false
            }
            None => {
                self.seen.insert(real, path.to_path_buf());
                true
            }
        }
    }

    fn file(&mut self, file: InputFile) {
        if self.first_time(&file.path) {
            self.files.push(file);
        }
    }

    /// Walks `dir`, named `name` in the archive.
    fn folder(&mut self, dir: &Path, name: &str) {
        if !self.first_time(dir) {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(source) => {
                self.errors.push(ReadError::Io {
                    path: dir.to_path_buf(),
                    source,
                });
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
            })
            .collect();
        children.sort();
        for child in children {
            let child_name = match child.file_name() {
                Some(n) if name.is_empty() => n.to_string_lossy().into_owned(),
                Some(n) => format!("{name}/{}", n.to_string_lossy()),
                None => continue,
            };
            if child.is_dir() {
                self.folder(&child, &child_name);
            } else if child
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
            {
                self.file(InputFile {
                    path: child,
                    name: child_name,
                });
            }
        }
    }
}

/// Reads, checks and decodes one file.
pub fn read_file(path: &Path) -> Result<SourceFile, ReadError> {
    decode(path, &read_bytes(path)?)
}

/// The bytes of a file, refused when larger than any dump: what its hash is
/// taken of, before anything is decoded.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io_err = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(io_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    fs::read(path).map_err(io_err)
}

/// Decodes bytes already read; split out so tests can feed bytes directly.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<SourceFile, ReadError> {
    decode_hashed(path, bytes, hex_sha256(bytes))
}

/// Decodes bytes whose SHA-256 (`hex_sha256`) was taken already.
pub fn decode_hashed(path: &Path, bytes: &[u8], sha256: String) -> Result<SourceFile, ReadError> {
    let path_buf = || path.to_path_buf();
    let (raw, encoding): (String, &'static str) =
        if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            (text.into_owned(), enc.name())
        } else {
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(ReadError::Binary {
                    path: path_buf(),
                    offset,
                });
            }
            // simdutf8: several times faster than the standard library's
            // check where French has accents.
            match simdutf8::basic::from_utf8(bytes) {
                Ok(s) => (s.to_owned(), "UTF-8"),
                Err(_) => {
                    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    (text.into_owned(), "windows-1252")
                }
            }
        };
    if raw.contains('\0') {
        return Err(ReadError::Binary {
            path: path_buf(),
            offset: raw.find('\0').unwrap_or(0),
        });
    }
    if let Some(percent) = control_share(&raw).filter(|&p| p > MAX_CONTROL_PERCENT) {
        return Err(ReadError::ControlCharacters {
            path: path_buf(),
            percent,
        });
    }
    let text = normalize(&raw);
    if text.trim().is_empty() {
        return Err(ReadError::Empty { path: path_buf() });
    }
    if let Some((line, chars)) = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.chars().count()))
        .find(|&(_, n)| n > MAX_LINE_CHARS)
    {
        return Err(ReadError::LineTooLong {
            path: path_buf(),
            line,
            chars,
        });
    }
    Ok(SourceFile {
        path: path_buf(),
        sha256,
        encoding,
        text,
    })
}

/// Text with more control characters than this share (in percent) is a
/// binary format that happens to have no NUL byte (images, archives decoded
/// as Windows-1252).
const MAX_CONTROL_PERCENT: usize = 1;

/// The share, in percent rounded up, of control characters (other than line
/// ends, tabs and form feeds) among the first 64 Ki characters; None for an
/// empty text.
fn control_share(s: &str) -> Option<usize> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in s.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    (total > 0).then(|| (control * 100).div_ceil(total))
}

/// LF line ends, plain spaces for every kind of non-breaking or odd space, no
/// zero-width or control characters, tabs as spaces, NFC.
pub fn normalize(raw: &str) -> String {
    let unified: Cow<str> = if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    };
    let mut out = String::with_capacity(unified.len());
    // Most text is already NFC, which a quick check tells without composing.
    if is_nfc_quick(unified.chars()) == IsNormalized::Yes {
        push_all_plain(&unified, &mut out);
    } else {
        unified.nfc().for_each(|c| push_plain(c, &mut out));
    }
    out
}

/// `push_plain` for every character of `text`: runs of printable ASCII and
/// line ends, which it leaves as they are, are copied whole.
fn push_all_plain(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| b != b'\n' && !(0x20..0x7f).contains(&b))
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        let mut chars = rest[run..].chars();
        if let Some(c) = chars.next() {
            push_plain(c, out);
        }
        rest = chars.as_str();
    }
}

/// Pushes `c` with plain spaces for the odd ones, control characters dropped.
fn push_plain(c: char, out: &mut String) {
    match c {
        '\n' => out.push('\n'),
        '\t'
        | '\u{a0}'
        | '\u{202f}'
        | '\u{2007}'
        | '\u{2009}'
        | '\u{200a}'
        | '\u{3000}'
        | '\u{2002}'..='\u{2006}'
        | '\u{2008}' => out.push(' '),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        c if c.is_control() => {}
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<SourceFile, ReadError> {
        decode(Path::new("t.txt"), bytes)
    }

    #[test]
    fn decodes_utf8_with_bom_crlf_and_nbsp() {
        let f = dec(b"\xEF\xBB\xBFDiplomatie\xC2\xA0: le Mali\r\nsuite\r\n").unwrap();
        assert_eq!(f.text, "Diplomatie : le Mali\nsuite\n");
        assert_eq!(f.encoding, "UTF-8");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        let f = dec(b"Le Pr\xE9sident a re\xE7u \x93l\x92Ambassadeur\x94").unwrap();
        assert_eq!(f.text, "Le Président a reçu “l’Ambassadeur”");
        assert_eq!(f.encoding, "windows-1252");
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Coopération".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(dec(&bytes).unwrap().text, "Coopération");
    }

    #[test]
    fn composes_to_nfc() {
        let f = dec("Goi\u{308}ta".as_bytes()).unwrap();
        assert_eq!(f.text, "Goïta");
    }

    #[test]
    fn refuses_bad_input_with_the_file_name() {
        let empty = dec(b"  \n\n").unwrap_err();
        assert!(matches!(empty, ReadError::Empty { .. }));
        assert!(empty.to_string().starts_with("t.txt: empty file"));
        assert!(matches!(
            dec(b"PK\x03\x04\x00\x00"),
            Err(ReadError::Binary { offset: 4, .. })
        ));
        // Random bytes with no NUL: control characters, not a NUL, say so.
        let mut x: u32 = 7;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % 255 + 1) as u8
            })
            .collect();
        let err = dec(&noise).unwrap_err();
        assert!(matches!(err, ReadError::ControlCharacters { .. }), "{err}");
        assert!(!err.to_string().contains("NUL"), "{err}");
        assert!(err.to_string().starts_with("t.txt: binary file ("), "{err}");
        let long = "a".repeat(MAX_LINE_CHARS + 1);
        let err = dec(format!("titre\n{long}\n").as_bytes()).unwrap_err();
        assert!(
            matches!(err, ReadError::LineTooLong { line: 2, .. }),
            "{err}"
        );
    }
}
