//! Scenario packs: one file holding scenarios, their models and a manifest, signed by the
//! authoring centre's key, so that a drill made in one training centre can be trusted in another.
//!
//! A pack file is `CDPACK1\n`, the publisher's Ed25519 public key (32 bytes), the signature (64
//! bytes) of everything after it, then a gzip-compressed tar archive: `crossdock-pack.toml`, the
//! manifest (what the pack is, who published it, the same key, and every other file's path,
//! size and SHA-256), and the files it lists. The signature covers every byte of the archive, so
//! one changed byte anywhere refuses the pack. Reading a pack is the one way in: [`Pack::open`]
//! takes untrusted bytes and returns a pack whose every file is the one the publisher signed, or
//! says why not.
//! Whether the publisher is one this centre trusts is [`Trust`]'s question. The format is
//! documented in `server/scenarios/README.md`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path};

use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use crate::scenario::{Origin, Scenario};

/// The manifest's name inside a pack.
pub const MANIFEST: &str = "crossdock-pack.toml";
/// What a pack file starts with.
pub const MAGIC: &[u8; 8] = b"CDPACK1\n";
/// The pack file as it was imported, kept in the library beside its files.
pub const KEPT: &str = "pack.cdpack";
/// The largest pack file read.
pub const MAX_PACK: u64 = 64 * 1024 * 1024;
/// The most a pack unpacks to.
pub const MAX_UNPACKED: u64 = 128 * 1024 * 1024;
/// The most files a pack holds.
pub const MAX_FILES: usize = 256;
/// The largest manifest.
const MAX_MANIFEST: u64 = 256 * 1024;
/// What is signed: this, then the archive's bytes.
const DOMAIN: &[u8] = b"crossdock pack v1\n";
/// Magic, key and signature.
const HEAD: usize = 8 + 32 + 64;

/// What a pack is and who made it; signed with every file's hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The pack's name: lower-case letters, digits and dashes; its scenarios are listed as
    /// `NAME/SCENARIO`.
    pub name: String,
    /// Its version (semantic: `1.2.0`); a newer version of the same pack replaces the older in
    /// the library, drills recorded on the older keep their own copy.
    pub version: semver::Version,
    /// One line saying what its drills train.
    pub summary: String,
    /// The publishing centre.
    pub publisher: String,
    /// The publishing administration (ISO 3166 alpha-2, as learners' are).
    pub administration: String,
    /// Who wrote it.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Under what terms it may be used (an SPDX identifier or words).
    pub licence: String,
    /// The languages its texts are in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The curriculum level it is written for, if any (`basic`, `advanced`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The publisher's Ed25519 public key, hex: the key the signature is checked with.
    pub key: String,
    /// The scenario files, paths inside the pack.
    pub scenarios: Vec<String>,
    /// Every file but the manifest.
    pub files: Vec<PackFile>,
}

/// One file a manifest vouches for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Its path inside the pack.
    pub path: String,
    /// Its length.
    pub bytes: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// What the author says of a pack being made (the rest comes from its files and key).
#[derive(Debug, Clone)]
pub struct About {
    /// See [`Manifest::name`].
    pub name: String,
    /// See [`Manifest::version`].
    pub version: semver::Version,
    /// See [`Manifest::summary`].
    pub summary: String,
    /// See [`Manifest::publisher`].
    pub publisher: String,
    /// See [`Manifest::administration`].
    pub administration: String,
    /// See [`Manifest::authors`].
    pub authors: Vec<String>,
    /// See [`Manifest::licence`].
    pub licence: String,
    /// See [`Manifest::languages`].
    pub languages: Vec<String>,
    /// See [`Manifest::level`].
    pub level: Option<String>,
}

/// Why a pack was not made, opened or trusted. Each says what to do.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// Not a readable pack at all.
    #[error("this is not a Crossdock scenario pack ({0}): check that you have the whole .cdpack file")]
    Unreadable(String),
    /// Over a size limit.
    #[error("the pack is too large ({0}): a pack holds at most {MAX_FILES} files, 64 MiB packed and 128 MiB unpacked")]
    TooLarge(String),
    /// A file name that could reach outside the pack's folder, or is not a plain file.
    #[error("the pack holds `{0}`, which is not a plain file with a simple relative name: do not use this pack")]
    BadPath(String),
    /// No signature.
    #[error("the pack is not signed ({0}): ask its publisher for a pack made with `crossdock-server pack create`")]
    Unsigned(String),
    /// The signature or a file's hash does not match.
    #[error("the pack was changed after it was signed ({0}): do not use it; ask its publisher for a fresh copy")]
    Tampered(String),
    /// Signed, by a key this centre does not trust.
    #[error(
        "the pack is signed by \"{publisher}\" with key {key}, which this centre does not trust: confirm the key with the publisher by another channel (a call, a letter), then run `crossdock-server pack trust --name \"WHAT YOU CALL THEM\" --key {key}`"
    )]
    UnknownPublisher {
        /// Who the manifest says published it (not to be believed until the key is trusted).
        publisher: String,
        /// The key that signed it.
        key: String,
    },
    /// The manifest says something that is not allowed.
    #[error("the pack's manifest is not valid: {0}")]
    Manifest(String),
    /// A scenario in the pack does not load.
    #[error("a scenario in the pack does not load: {0}")]
    Scenario(crate::scenario::ScenarioError),
}

/// A pack whose files are the ones its manifest's key signed (whether that key is trusted is
/// [`Trust::check`]'s question).
#[derive(Debug, Clone)]
pub struct Pack {
    /// The manifest.
    pub manifest: Manifest,
    /// SHA-256 of the manifest as signed, hex: names this exact pack.
    pub sha256: String,
    manifest_bytes: Vec<u8>,
    files: BTreeMap<String, Vec<u8>>,
    /// The pack file: head and archive.
    bytes: Vec<u8>,
}

impl Pack {
    /// Makes a pack of the scenario files at `scenarios` (each with the models it names),
    /// signed with `key`. Every scenario must load first.
    pub fn create(scenarios: &[&Path], about: About, key: &Ed25519KeyPair) -> Result<Pack, PackError> {
        let mut files = BTreeMap::new();
        let mut paths = Vec::new();
        for path in scenarios {
            let text = std::fs::read_to_string(path)
                .map_err(|e| PackError::Unreadable(format!("cannot read {}: {e}", path.display())))?;
            let file = path.display().to_string();
            Scenario::parse(&file, &text, None).map_err(PackError::Scenario)?;
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let inside = format!("scenarios/{stem}.toml");
            check_path(&inside)?;
            if files.contains_key(&inside) {
                return Err(PackError::Manifest(format!("two scenario files are named {stem}.toml: rename one")));
            }
            let dir = path.parent().unwrap_or(Path::new("."));
            for model in model_files(&text) {
                let name = format!("scenarios/{model}");
                check_path(&name)?;
                let bytes = std::fs::read(dir.join(&model))
                    .map_err(|e| PackError::Unreadable(format!("cannot read the model {model}: {e}")))?;
                files.insert(name, bytes);
            }
            files.insert(inside.clone(), text.into_bytes());
            paths.push(inside);
        }
        let manifest = Manifest {
            name: about.name,
            version: about.version,
            summary: about.summary,
            publisher: about.publisher,
            administration: about.administration,
            authors: about.authors,
            licence: about.licence,
            languages: about.languages,
            level: about.level,
            key: crate::certificate::key_hex(key),
            scenarios: paths,
            files: files
                .iter()
                .map(|(path, bytes)| PackFile {
                    path: path.clone(),
                    bytes: bytes.len() as u64,
                    sha256: sha256_hex(bytes),
                })
                .collect(),
        };
        check_manifest(&manifest)?;
        let manifest_bytes = toml::to_string_pretty(&manifest)
            .map_err(|e| PackError::Manifest(format!("cannot write the manifest: {e}")))?
            .into_bytes();
        let archive = archive(&manifest_bytes, &files);
        let signature = key.sign(&[DOMAIN, &archive].concat());
        let bytes = [MAGIC.as_slice(), key.public_key().as_ref(), signature.as_ref(), &archive].concat();
        Ok(Pack { sha256: sha256_hex(&manifest_bytes), manifest, manifest_bytes, files, bytes })
    }

    /// The pack file.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// Reads untrusted bytes as a pack: the signature good for every byte after it, within
    /// the size limits, only plain files with simple names, a manifest naming the same key, and
    /// every file the one the manifest lists (no more, no fewer).
    pub fn open(bytes: &[u8]) -> Result<Pack, PackError> {
        if bytes.len() as u64 > MAX_PACK {
            return Err(PackError::TooLarge(format!("{} MiB", bytes.len() >> 20)));
        }
        if !bytes.starts_with(MAGIC) {
            return Err(PackError::Unreadable("it does not start as a pack does".into()));
        }
        if bytes.len() < HEAD {
            return Err(PackError::Unsigned("it ends before its signature".into()));
        }
        let (key, signature, archive) = (&bytes[8..40], &bytes[40..HEAD], &bytes[HEAD..]);
        UnparsedPublicKey::new(&ED25519, key)
            .verify(&[DOMAIN, archive].concat(), signature)
            .map_err(|_| PackError::Tampered("its signature does not match its contents".into()))?;
        let key = crossdock_protocol::invite::hex(key);
        let unpacked = flate2::read::GzDecoder::new(archive).take(MAX_UNPACKED + 1);
        let mut archive = tar::Archive::new(unpacked);
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        let entries = archive.entries().map_err(|e| PackError::Unreadable(e.to_string()))?;
        for entry in entries {
            let mut entry = entry.map_err(|e| PackError::Unreadable(e.to_string()))?;
            let path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            if entry.header().entry_type() != tar::EntryType::Regular {
                return Err(PackError::BadPath(path));
            }
            check_path(&path)?;
            if files.len() >= MAX_FILES + 2 {
                return Err(PackError::TooLarge(format!("more than {MAX_FILES} files")));
            }
            let size = entry.size();
            total += size;
            if total > MAX_UNPACKED {
                return Err(PackError::TooLarge(format!("over {} MiB unpacked", MAX_UNPACKED >> 20)));
            }
            let mut body = Vec::with_capacity(size.min(MAX_UNPACKED) as usize);
            entry.by_ref().take(size).read_to_end(&mut body).map_err(|e| PackError::Unreadable(e.to_string()))?;
            if files.insert(path.clone(), body).is_some() {
                return Err(PackError::Tampered(format!("{path} is in it twice")));
            }
        }
        let manifest_bytes =
            files.remove(MANIFEST).ok_or_else(|| PackError::Manifest(format!("there is no {MANIFEST}")))?;
        if manifest_bytes.len() as u64 > MAX_MANIFEST {
            return Err(PackError::TooLarge("the manifest".into()));
        }
        let text =
            std::str::from_utf8(&manifest_bytes).map_err(|_| PackError::Manifest("it is not UTF-8 text".into()))?;
        let manifest: Manifest = toml::from_str(text).map_err(|e| PackError::Manifest(e.message().to_owned()))?;
        if !manifest.key.eq_ignore_ascii_case(&key) {
            return Err(PackError::Tampered(format!("signed with key {key}, but the manifest names {}", manifest.key)));
        }
        check_manifest(&manifest)?;
        let listed: BTreeMap<&str, &PackFile> = manifest.files.iter().map(|f| (f.path.as_str(), f)).collect();
        for (path, body) in &files {
            let listed = listed
                .get(path.as_str())
                .ok_or_else(|| PackError::Tampered(format!("{path} is not in the manifest")))?;
            if listed.bytes != body.len() as u64 || !listed.sha256.eq_ignore_ascii_case(&sha256_hex(body)) {
                return Err(PackError::Tampered(format!("{path} is not the file that was signed")));
            }
        }
        if let Some(missing) = listed.keys().find(|p| !files.contains_key(**p)) {
            return Err(PackError::Tampered(format!("{missing} is missing")));
        }
        Ok(Pack { sha256: sha256_hex(&manifest_bytes), manifest, manifest_bytes, files, bytes: bytes.to_vec() })
    }

    /// The files to unpack (path inside the pack, bytes): the manifest, the listed files, and
    /// the pack file itself as [`KEPT`] (what the library exports again).
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        [(MANIFEST, self.manifest_bytes.as_slice()), (KEPT, self.bytes.as_slice())]
            .into_iter()
            .chain(self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
    }

    /// Where a scenario of this pack came from, for its drills' records and reports.
    pub fn origin(&self) -> Origin {
        let m = &self.manifest;
        Origin {
            pack: m.name.clone(),
            version: m.version.to_string(),
            publisher: m.publisher.clone(),
            administration: m.administration.clone(),
            key: m.key.clone(),
            sha256: self.sha256.clone(),
        }
    }
}

/// The model files a scenario's text names (`[[cargo]]`'s `model.file`), each once.
fn model_files(text: &str) -> Vec<String> {
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let mut files: Vec<String> = table
        .get("cargo")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("model")?.get("file")?.as_str().map(str::to_owned))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// The archive: gzip over tar, the manifest first, entries in a fixed order with fixed
/// metadata, so the same pack makes the same bytes.
fn archive(manifest: &[u8], files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let entries = std::iter::once((MANIFEST, manifest)).chain(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    for (path, bytes) in entries {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_entry_type(tar::EntryType::Regular);
        // Paths were checked short and plain when the pack was made.
        tar.append_data(&mut header, path, bytes).expect("writing to memory");
    }
    tar.into_inner().and_then(flate2::write::GzEncoder::finish).expect("writing to memory")
}

/// Hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crossdock_protocol::invite::hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
}

/// A path inside a pack: relative, at most three plain components of letters, digits, `.`, `_`
/// and `-`, none starting with a dot, at most 100 bytes.
fn check_path(path: &str) -> Result<(), PackError> {
    let bad = || PackError::BadPath(path.chars().take(120).collect());
    let p = Path::new(path);
    let components: Vec<_> = p.components().collect();
    if path.len() > 100 || components.is_empty() || components.len() > 3 {
        return Err(bad());
    }
    for c in components {
        let Component::Normal(name) = c else { return Err(bad()) };
        let name = name.to_str().ok_or_else(bad)?;
        if name.starts_with('.') || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            return Err(bad());
        }
    }
    Ok(())
}

fn check_manifest(m: &Manifest) -> Result<(), PackError> {
    let bad = |what: String| Err(PackError::Manifest(what));
    if m.name.is_empty()
        || m.name.len() > 64
        || !m.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return bad(format!("`name` {:?} must be 1 to 64 lower-case letters, digits and dashes", m.name));
    }
    for (field, value, most) in [
        ("summary", &m.summary, 400),
        ("publisher", &m.publisher, 120),
        ("licence", &m.licence, 120),
        ("administration", &m.administration, 2),
    ] {
        if value.trim().is_empty() || value.chars().count() > most {
            return bad(format!("`{field}` must be given, at most {most} characters"));
        }
    }
    if m.authors.len() > 32 || m.authors.iter().any(|a| a.chars().count() > 120) || m.languages.len() > 32 {
        return bad("too many or too long `authors` or `languages`".into());
    }
    // Shown on terminals and pages: no control characters (a terminal's escapes among them).
    let texts =
        [&m.summary, &m.publisher, &m.licence, &m.administration].into_iter().chain(&m.authors).chain(&m.languages);
    if texts.chain(m.level.as_ref()).any(|t| t.chars().any(char::is_control)) {
        return bad("a text holds control characters".into());
    }
    if m.scenarios.is_empty() {
        return bad("the pack has no scenarios".into());
    }
    if m.files.len() > MAX_FILES {
        return Err(PackError::TooLarge(format!("{} files", m.files.len())));
    }
    for f in &m.files {
        check_path(&f.path)?;
        if f.path == MANIFEST || f.path == KEPT {
            return bad(format!("{} is a name the pack format keeps for itself", f.path));
        }
    }
    for s in &m.scenarios {
        if !s.ends_with(".toml") || !m.files.iter().any(|f| &f.path == s) {
            return bad(format!("scenario {s} is not a .toml file of the pack"));
        }
    }
    Ok(())
}

/// The publishers this centre trusts: its own key, and those in `trusted-publishers.toml` in
/// the data dir (`crossdock-server pack trust` adds one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Trust {
    /// The trusted publishers.
    #[serde(default, rename = "publisher")]
    pub publishers: Vec<Publisher>,
}

/// A publisher this centre trusts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// What to call them.
    pub name: String,
    /// Their key, hex.
    pub key: String,
}

/// The trusted publishers' file in the data dir.
pub const TRUST_FILE: &str = "trusted-publishers.toml";

impl Trust {
    /// The data dir's list, with `own` (this centre's key, hex) trusted too.
    pub fn load(data_dir: &Path, own: &str) -> anyhow::Result<Trust> {
        let path = data_dir.join(TRUST_FILE);
        let mut trust: Trust = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                anyhow::anyhow!("{} does not read: {e}; fix or remove the entry it names", path.display())
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Trust::default(),
            Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
        };
        trust.publishers.push(Publisher { name: "this centre".into(), key: own.to_owned() });
        Ok(trust)
    }

    /// Adds a publisher to the data dir's list (written whole to a temporary file and renamed).
    pub fn add(data_dir: &Path, name: &str, key: &str) -> anyhow::Result<()> {
        let key = key.trim().to_ascii_lowercase();
        anyhow::ensure!(
            crossdock_protocol::invite::parse_fingerprint(&key).is_some(),
            "`{key}` is not a key: give the 64 hex digits the publisher's `crossdock-server identity --certificates` prints"
        );
        let path = data_dir.join(TRUST_FILE);
        let mut trust: Trust = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| anyhow::anyhow!("{} does not read: {e}", path.display()))?,
            Err(_) => Trust::default(),
        };
        trust.publishers.retain(|p| p.key != key);
        trust.publishers.push(Publisher { name: name.to_owned(), key });
        std::fs::create_dir_all(data_dir)?;
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, toml::to_string_pretty(&trust)?)?;
        std::fs::rename(&tmp, &path)?;
        Ok(())
    }

    /// The trusted publisher who holds the key that signed `pack`, or why the pack is refused.
    pub fn check(&self, pack: &Pack) -> Result<&Publisher, PackError> {
        self.publishers.iter().find(|p| p.key.eq_ignore_ascii_case(&pack.manifest.key)).ok_or_else(|| {
            PackError::UnknownPublisher { publisher: pack.manifest.publisher.clone(), key: pack.manifest.key.clone() }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Ed25519KeyPair {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
    }

    fn about() -> About {
        About {
            name: "thai-cases".into(),
            version: semver::Version::new(1, 0, 0),
            summary: "Anti-smuggling cases from Laem Chabang".into(),
            publisher: "ศูนย์ฝึกอบรมศุลกากร".into(),
            administration: "TH".into(),
            authors: vec!["สมชาย ใจดี".into()],
            licence: "CC-BY-4.0".into(),
            languages: vec!["en".into(), "th".into()],
            level: Some("basic".into()),
        }
    }

    fn pack() -> (Pack, Ed25519KeyPair) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("false-wall.toml");
        std::fs::write(&path, crate::scenario::LIBRARY[0].1).unwrap();
        let key = key();
        (Pack::create(&[&path], about(), &key).unwrap(), key)
    }

    #[test]
    fn a_pack_reads_back_as_made() {
        let (pack, key) = pack();
        let bytes = pack.to_bytes();
        assert_eq!(bytes, pack.to_bytes(), "the same pack makes the same bytes");
        let opened = Pack::open(&bytes).unwrap();
        assert_eq!(opened.manifest, pack.manifest);
        assert_eq!(opened.sha256, pack.sha256);
        assert_eq!(opened.manifest.key, crate::certificate::key_hex(&key));
        assert_eq!(opened.manifest.scenarios, ["scenarios/false-wall.toml"]);
    }

    #[test]
    fn any_changed_byte_is_refused() {
        let (pack, _) = pack();
        let bytes = pack.to_bytes();
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x01;
            assert!(Pack::open(&changed).is_err(), "byte {at} changed and the pack still opened");
        }
        assert!(matches!(Pack::open(&bytes[..HEAD - 1]), Err(PackError::Unsigned(_))));
        assert!(matches!(Pack::open(b"PK\x03\x04 a zip"), Err(PackError::Unreadable(_))));
    }

    #[test]
    fn a_pack_signed_again_by_another_key_is_that_keys() {
        let (pack, _) = pack();
        let thief = key();
        let archive = &pack.bytes[HEAD..];
        let signature = thief.sign(&[DOMAIN, archive].concat());
        let resigned = [MAGIC.as_slice(), thief.public_key().as_ref(), signature.as_ref(), archive].concat();
        assert!(matches!(Pack::open(&resigned), Err(PackError::Tampered(_))), "the manifest names the first key");
    }

    #[test]
    fn a_file_unlike_its_manifest_line_is_refused_even_when_signed() {
        let (pack, key) = pack();
        let sign = |files: &BTreeMap<String, Vec<u8>>| {
            let archive = archive(&pack.manifest_bytes, files);
            let signature = key.sign(&[DOMAIN, &archive].concat());
            Pack::open(&[MAGIC.as_slice(), key.public_key().as_ref(), signature.as_ref(), &archive].concat())
        };
        let mut changed = pack.files.clone();
        changed.get_mut("scenarios/false-wall.toml").unwrap()[0] = b' ';
        assert!(matches!(sign(&changed), Err(PackError::Tampered(_))));
        let mut extra = pack.files.clone();
        extra.insert("scenarios/extra.toml".into(), b"name = 'x'".to_vec());
        assert!(matches!(sign(&extra), Err(PackError::Tampered(_))));
        assert!(matches!(sign(&BTreeMap::new()), Err(PackError::Tampered(_))), "a listed file missing");
        assert!(sign(&pack.files).is_ok());
    }

    #[test]
    fn paths_outside_the_pack_are_refused() {
        for bad in ["../x.toml", "/etc/passwd", "a/../../b", ".hidden", "a/b/c/d", "a\\b", "a b"] {
            assert!(check_path(bad).is_err(), "{bad} passed");
        }
        for good in ["scenarios/a.toml", "scenarios/models/crate.glb", "crossdock-pack.toml"] {
            assert!(check_path(good).is_ok(), "{good} refused");
        }
    }

    #[test]
    fn only_a_trusted_key_is_trusted() {
        let (pack, key) = pack();
        let dir = tempfile::tempdir().unwrap();
        let stranger = Trust::load(dir.path(), &crate::certificate::key_hex(&self::key())).unwrap();
        assert!(matches!(stranger.check(&pack), Err(PackError::UnknownPublisher { .. })));
        Trust::add(dir.path(), "Thai Customs training centre", &crate::certificate::key_hex(&key)).unwrap();
        let trusting = Trust::load(dir.path(), &crate::certificate::key_hex(&self::key())).unwrap();
        assert_eq!(trusting.check(&pack).unwrap().name, "Thai Customs training centre");
        assert!(Trust::add(dir.path(), "x", "not a key").is_err());
    }
}
