//! The centre's scenario library: the scenarios shipped in the binary, and those imported from
//! signed packs into the data dir's `library/` folder.
//!
//! An imported pack lives unpacked in `library/PACK/VERSION/`, its manifest and the signed pack
//! file (`pack.cdpack`) beside its files, written there only after its signature, its publisher and every scenario in it checked
//! out (into a hidden folder first, renamed into place whole: a bad pack leaves nothing). Its
//! scenarios are listed as `PACK/SCENARIO` from the newest version; drills recorded on an older
//! version carry their own copy of the scenario in the event log, so they still report and replay.
//!
//! The centre's own scenarios, saved from the console's editor, are TOML files in the data dir's
//! `scenarios/` folder, listed by their names; a draft being tried is in `scenarios/drafts/`,
//! listed as `draft/NAME`. Names from the network are looked up here, never used as paths.

use std::path::{Path, PathBuf};

use crate::pack::{MANIFEST, Manifest, Pack, PackError, Trust};
use crate::scenario::{Models, Origin, Scenario, ScenarioError};

/// The folder in the data dir imported packs live in.
pub const FOLDER: &str = "library";
/// The folder in the data dir the centre's own scenarios live in.
pub const OWN: &str = "scenarios";
/// What a draft's name starts with in the library.
pub const DRAFT: &str = "draft/";

/// The scenarios a session may switch to.
#[derive(Debug, Clone, bevy_ecs::resource::Resource)]
pub struct Library {
    /// `DATA/library`, or none: only the shipped scenarios.
    dir: Option<PathBuf>,
    /// `DATA/scenarios`, the centre's own.
    own: Option<PathBuf>,
}

/// One scenario in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What to ask for it by.
    pub name: String,
    /// The pack it came from; none for a shipped one.
    pub origin: Option<Origin>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// The pack is new in the library; its scenarios' names.
    Added(Vec<String>),
    /// This exact pack was already there.
    AlreadyThere(Vec<String>),
}

impl Library {
    /// The shipped scenarios only.
    pub fn shipped() -> Library {
        Library { dir: None, own: None }
    }

    /// The shipped scenarios and those imported into `data_dir`.
    pub fn open(data_dir: &Path) -> Library {
        Library { dir: Some(data_dir.join(FOLDER)), own: Some(data_dir.join(OWN)) }
    }

    /// Every scenario: shipped first, then the centre's own, its drafts, and each pack's
    /// (newest version), by name.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> =
            crate::scenario::LIBRARY.iter().map(|(n, _)| Entry { name: (*n).to_owned(), origin: None }).collect();
        if let Some(own) = &self.own {
            for (dir, prefix) in [(own.clone(), ""), (own.join("drafts"), DRAFT)] {
                let mut names: Vec<String> = std::fs::read_dir(dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml").map(str::to_owned))
                    .filter(|n| check_name(n).is_ok())
                    .collect();
                names.sort();
                entries.extend(names.into_iter().map(|n| Entry { name: format!("{prefix}{n}"), origin: None }));
            }
        }
        for (_, manifest, sha256) in self.packs() {
            let origin = origin(&manifest, &sha256);
            for s in &manifest.scenarios {
                let stem = s.strip_prefix("scenarios/").and_then(|s| s.strip_suffix(".toml")).unwrap_or(s);
                entries.push(Entry { name: format!("{}/{stem}", manifest.name), origin: Some(origin.clone()) });
            }
        }
        entries
    }

    /// Where each imported scenario came from, by name, as a picker shows it.
    pub fn origins(&self) -> std::collections::BTreeMap<String, crossdock_protocol::console::OriginView> {
        self.entries()
            .into_iter()
            .filter_map(|e| {
                let o = e.origin?;
                let view = crossdock_protocol::console::OriginView {
                    pack: o.pack,
                    version: o.version,
                    publisher: o.publisher,
                    administration: o.administration,
                };
                Some((e.name, view))
            })
            .collect()
    }

    /// The file of the centre's own scenario `name` (saved, not a draft), if there is one.
    pub fn own_file(&self, name: &str) -> Option<PathBuf> {
        if name.starts_with(DRAFT) {
            return None;
        }
        self.own_path(name).filter(|p| p.is_file())
    }

    /// Every scenario's name.
    pub fn names(&self) -> Vec<String> {
        self.entries().into_iter().map(|e| e.name).collect()
    }

    /// A scenario by its library name (shipped, or `PACK/SCENARIO`), with its default seed.
    /// Never a path: what is not in the library is refused.
    pub fn load(&self, name: &str) -> Result<Scenario, ScenarioError> {
        let unknown = || ScenarioError {
            file: name.chars().take(80).collect(),
            line: 0,
            field: String::new(),
            message: format!("not in the library ({})", self.names().join(", ")),
        };
        let name = if name == "default" { crate::scenario::DEFAULT } else { name };
        if crate::scenario::LIBRARY.iter().any(|(n, _)| *n == name) {
            return Scenario::load(name);
        }
        if let Some(path) = self.own_path(name) {
            if !path.is_file() {
                return Err(unknown());
            }
            let text = std::fs::read_to_string(&path).map_err(|e| ScenarioError {
                file: name.to_owned(),
                line: 0,
                field: String::new(),
                message: format!("cannot read it: {e}"),
            })?;
            let mut loaded = Scenario::parse(&path.display().to_string(), &text, None)?;
            loaded.name = name.to_owned();
            return Ok(loaded);
        }
        let (pack, scenario) = name.split_once('/').ok_or_else(unknown)?;
        let (dir, manifest, sha256) = self.packs().into_iter().find(|(_, m, _)| m.name == pack).ok_or_else(unknown)?;
        let inside = format!("scenarios/{scenario}.toml");
        if !manifest.scenarios.contains(&inside) {
            return Err(unknown());
        }
        let path = dir.join(&inside);
        let text = std::fs::read_to_string(&path).map_err(|e| ScenarioError {
            file: path.display().to_string(),
            line: 0,
            field: String::new(),
            message: format!("cannot read it: {e}; import the pack again"),
        })?;
        let models = path.parent().expect("a file in the pack's folder");
        let mut loaded = Scenario::parse_in(&path.display().to_string(), models, &text, None, Models::Required)?;
        loaded.name = name.to_owned();
        loaded.origin = Some(origin(&manifest, &sha256));
        Ok(loaded)
    }

    /// Where the centre's own scenario (or draft, `draft/NAME`) `name` is kept, if it is a name
    /// one could have.
    fn own_path(&self, name: &str) -> Option<PathBuf> {
        let own = self.own.as_ref()?;
        match name.strip_prefix(DRAFT) {
            Some(draft) => check_name(draft).ok().map(|()| own.join("drafts").join(format!("{draft}.toml"))),
            None => check_name(name).ok().map(|()| own.join(format!("{name}.toml"))),
        }
    }

    /// Writes `text` (a scenario that loads: the caller checked) as the centre's own scenario
    /// `name`, or as its draft; returns the name to switch to. A shipped name is refused.
    pub fn save(&self, name: &str, text: &str, draft: bool) -> anyhow::Result<String> {
        check_name(name)?;
        anyhow::ensure!(
            !crate::scenario::LIBRARY.iter().any(|(n, _)| *n == name),
            "`{name}` is a scenario shipped with Crossdock: give yours another name"
        );
        let listed = if draft { format!("{DRAFT}{name}") } else { name.to_owned() };
        let path = self.own_path(&listed).ok_or_else(|| anyhow::anyhow!("this library has no folder to save into"))?;
        let dir = path.parent().expect("a file in a folder");
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, text.as_bytes())?;
        tmp.persist(&path).map_err(|e| e.error)?;
        tracing::info!(scenario = %listed, path = %path.display(), "saved a scenario");
        Ok(listed)
    }

    /// A library name, or else a scenario file (for the command line, never the network).
    pub fn load_or_file(&self, name_or_path: &str) -> Result<Scenario, ScenarioError> {
        match self.load(name_or_path) {
            Err(_) if Path::new(name_or_path).is_file() => Scenario::load(name_or_path),
            loaded => loaded,
        }
    }

    /// Adds the pack in `bytes` to the library if it opens (signature and files), `trust` trusts
    /// its key, and every scenario in it loads; otherwise changes nothing and says why.
    pub fn import(&self, bytes: &[u8], trust: &Trust) -> Result<Imported, PackError> {
        let dir =
            self.dir.as_ref().ok_or_else(|| PackError::Manifest("this library has no folder to import into".into()))?;
        let pack = Pack::open(bytes)?;
        trust.check(&pack)?;
        let m = &pack.manifest;
        let names: Vec<String> = m
            .scenarios
            .iter()
            .map(|s| format!("{}/{}", m.name, s.trim_start_matches("scenarios/").trim_end_matches(".toml")))
            .collect();
        let target = dir.join(&m.name).join(m.version.to_string());
        if target.exists() {
            let there = read_manifest(&target).map(|(_, sha)| sha);
            return match there {
                Some(sha) if sha == pack.sha256 => Ok(Imported::AlreadyThere(names)),
                _ => Err(PackError::Manifest(format!(
                    "version {} of {} is already in the library with other contents: the publisher must give a changed pack a new version",
                    m.version, m.name
                ))),
            };
        }
        let io = |e: std::io::Error| PackError::Manifest(format!("cannot write into {}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(io)?;
        let incoming = tempfile::Builder::new().prefix(".incoming-").tempdir_in(dir).map_err(io)?;
        for (path, body) in pack.files() {
            let to = incoming.path().join(path);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            std::fs::write(&to, body).map_err(io)?;
        }
        for s in &m.scenarios {
            let path = incoming.path().join(s);
            let text = std::fs::read_to_string(&path).map_err(io)?;
            Scenario::parse(&path.display().to_string(), &text, None).map_err(PackError::Scenario)?;
        }
        std::fs::create_dir_all(target.parent().expect("PACK/VERSION")).map_err(io)?;
        let kept = incoming.keep();
        std::fs::rename(&kept, &target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&kept);
            io(e)
        })?;
        tracing::info!(pack = %m.name, version = %m.version, publisher = %m.publisher, scenarios = names.len(), "imported a scenario pack");
        Ok(Imported::Added(names))
    }

    /// Each pack's newest version: its folder, manifest and the manifest's SHA-256.
    fn packs(&self) -> Vec<(PathBuf, Manifest, String)> {
        let Some(dir) = &self.dir else { return Vec::new() };
        let Ok(packs) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut out = Vec::new();
        for pack in packs.flatten() {
            let name = pack.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !pack.path().is_dir() {
                continue;
            }
            let Ok(versions) = std::fs::read_dir(pack.path()) else { continue };
            let newest = versions
                .flatten()
                .filter_map(|v| Some((semver::Version::parse(v.file_name().to_str()?).ok()?, v.path())))
                .max_by(|a, b| a.0.cmp(&b.0));
            if let Some((_, path)) = newest
                && let Some((manifest, sha)) = read_manifest(&path)
            {
                out.push((path, manifest, sha));
            }
        }
        out.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        out
    }
}

/// A name for the centre's own scenario: 1 to 64 lower-case letters, digits and dashes.
pub fn check_name(name: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "`{}` is not a scenario name: use 1 to 64 lower-case letters, digits and dashes",
        name.chars().take(80).collect::<String>()
    );
    Ok(())
}

/// An imported pack's manifest and its hash (what the import checked), or none if unreadable.
fn read_manifest(dir: &Path) -> Option<(Manifest, String)> {
    let bytes = std::fs::read(dir.join(MANIFEST)).ok()?;
    let manifest = toml::from_str(std::str::from_utf8(&bytes).ok()?).ok()?;
    Some((manifest, crate::pack::sha256_hex(&bytes)))
}

fn origin(m: &Manifest, sha256: &str) -> Origin {
    Origin {
        pack: m.name.clone(),
        version: m.version.to_string(),
        publisher: m.publisher.clone(),
        administration: m.administration.clone(),
        key: m.key.clone(),
        sha256: sha256.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::About;
    use ring::signature::Ed25519KeyPair;

    fn key() -> Ed25519KeyPair {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
    }

    fn pack(version: semver::Version, text: &str, key: &Ed25519KeyPair) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reefer-wall.toml");
        std::fs::write(&path, text).unwrap();
        let about = About {
            name: "thai-cases".into(),
            version,
            summary: "Cases".into(),
            publisher: "Thai Customs training centre".into(),
            administration: "TH".into(),
            authors: Vec::new(),
            licence: "CC-BY-4.0".into(),
            languages: vec!["en".into()],
            level: None,
        };
        Pack::create(&[&path], about, key).unwrap().to_bytes()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut files = Vec::new();
        for e in walk(dir) {
            files.push(e.strip_prefix(dir).unwrap().display().to_string());
        }
        files.sort();
        files
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
        entries.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect()
    }

    #[test]
    fn an_imported_pack_lists_loads_and_upgrades() {
        let data = tempfile::tempdir().unwrap();
        let library = Library::open(data.path());
        let key = key();
        let trust = Trust::load(data.path(), &crate::certificate::key_hex(&key)).unwrap();
        let text = crate::scenario::LIBRARY[0].1;
        let v1 = pack(semver::Version::new(1, 0, 0), text, &key);
        assert_eq!(library.import(&v1, &trust).unwrap(), Imported::Added(vec!["thai-cases/reefer-wall".into()]));
        assert_eq!(library.import(&v1, &trust).unwrap(), Imported::AlreadyThere(vec!["thai-cases/reefer-wall".into()]));
        let loaded = library.load("thai-cases/reefer-wall").unwrap();
        let origin = loaded.origin.clone().unwrap();
        assert_eq!((origin.pack.as_str(), origin.version.as_str()), ("thai-cases", "1.0.0"));
        let reseeded = loaded.reseeded(7);
        assert_eq!(
            (reseeded.name.as_str(), reseeded.origin),
            ("thai-cases/reefer-wall", Some(origin)),
            "a new seed keeps its name and origin"
        );
        assert!(library.names().contains(&"thai-cases/reefer-wall".to_owned()));
        // A newer version takes over the name; the older stays on disk.
        let v2 = pack(semver::Version::new(1, 1, 0), &text.replace("time_limit_s", "# changed\ntime_limit_s"), &key);
        library.import(&v2, &trust).unwrap();
        assert_eq!(library.load("thai-cases/reefer-wall").unwrap().origin.unwrap().version, "1.1.0");
        // Paths are not names.
        assert!(library.load("../records.sqlite3").is_err());
        assert!(library.load("thai-cases/../../x").is_err());
        assert!(library.load("draft/../../records").is_err());
    }

    #[test]
    fn the_centres_own_scenarios_and_drafts_save_and_load() {
        let data = tempfile::tempdir().unwrap();
        let library = Library::open(data.path());
        let text = crate::scenario::LIBRARY[0].1.replace("name = \"false-wall-20ft\"", "name = \"my-wall\"");
        assert_eq!(library.save("my-wall", &text, true).unwrap(), "draft/my-wall");
        assert!(library.names().contains(&"draft/my-wall".to_owned()));
        assert!(!library.names().contains(&"my-wall".to_owned()), "a draft is not saved");
        assert_eq!(library.load("draft/my-wall").unwrap().name, "draft/my-wall");
        assert_eq!(library.save("my-wall", &text, false).unwrap(), "my-wall");
        assert_eq!(library.load("my-wall").unwrap().concealments.len(), 1);
        assert!(library.save("false-wall-20ft", &text, false).is_err(), "a shipped name");
        assert!(library.save("../x", &text, false).is_err());
        assert!(library.load("nothing-here").is_err());
    }

    #[test]
    fn a_bad_pack_changes_nothing() {
        let data = tempfile::tempdir().unwrap();
        let library = Library::open(data.path());
        let (ours, theirs) = (key(), key());
        let trust = Trust::load(data.path(), &crate::certificate::key_hex(&ours)).unwrap();
        library.import(&pack(semver::Version::new(1, 0, 0), crate::scenario::LIBRARY[0].1, &ours), &trust).unwrap();
        let before = listing(data.path());
        let stranger = pack(semver::Version::new(2, 0, 0), crate::scenario::LIBRARY[0].1, &theirs);
        assert!(matches!(library.import(&stranger, &trust), Err(PackError::UnknownPublisher { .. })));
        let mut tampered = pack(semver::Version::new(2, 0, 0), crate::scenario::LIBRARY[0].1, &ours);
        let at = tampered.len() / 2;
        tampered[at] ^= 1;
        assert!(library.import(&tampered, &trust).is_err());
        // Same version, other contents.
        let other = pack(semver::Version::new(1, 0, 0), crate::scenario::LIBRARY[1].1, &ours);
        assert!(matches!(library.import(&other, &trust), Err(PackError::Manifest(_))));
        assert_eq!(listing(data.path()), before);
        assert_eq!(library.load("thai-cases/reefer-wall").unwrap().origin.unwrap().version, "1.0.0");
    }
}
