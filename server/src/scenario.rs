//! Scenarios: the drill a session's World is built from, read from TOML files.
//!
//! A scenario names a container, its seal and documents, its cargo (declared and real), the
//! concealments that may be active (the hidden truth), the expected procedure and a time limit.
//! Randomisation is seeded: the seed decides which concealments are active and where.
//! The format is documented in `server/scenarios/README.md`; the library ships in the binary.
//! A broken file is refused whole, with the file, line and field named.

use std::path::Path;

use crossdock_protocol::drill::{Candidate, Category, Documents, ManifestLine, RiskSign};
use crossdock_protocol::messages::{ContainerKind, ContainerLook, MAX_MODEL, Mark, MarkKind, ModelRef, Surface};
use crossdock_protocol::phrase::{
    MAX_PHRASE_ID, MAX_PHRASE_LANGUAGES, MAX_PHRASE_TEXT, MAX_SCENARIO_PHRASES, ScenarioPhrase,
};
use crossdock_protocol::units;
use glam::Vec3;
use serde::Deserialize;
use toml::Spanned;

/// The scenarios shipped with the server, by name.
pub const LIBRARY: [(&str, &str); 7] = [
    ("false-wall-20ft", include_str!("../scenarios/false-wall-20ft.toml")),
    ("pallet-core-40ft", include_str!("../scenarios/pallet-core-40ft.toml")),
    ("misdeclared-40hc", include_str!("../scenarios/misdeclared-40hc.toml")),
    ("weight-gap-20ft", include_str!("../scenarios/weight-gap-20ft.toml")),
    ("swapped-seal-reefer", include_str!("../scenarios/swapped-seal-reefer.toml")),
    ("radioactive-20ft", include_str!("../scenarios/radioactive-20ft.toml")),
    ("clean-20ft", include_str!("../scenarios/clean-20ft.toml")),
];

/// The text of `library`'s entry `name_or_path`, or of the file at that path, with the name to
/// report it by; what a `load` of a scenario or a curriculum (`what`) reads.
pub fn library_or_file<'a>(
    library: &'a [(&'a str, &'a str)],
    name_or_path: &'a str,
    what: &str,
) -> Result<(&'a str, std::borrow::Cow<'a, str>), ScenarioError> {
    if let Some((name, text)) = library.iter().find(|(n, _)| *n == name_or_path) {
        return Ok((name, std::borrow::Cow::Borrowed(text)));
    }
    let text = std::fs::read_to_string(Path::new(name_or_path)).map_err(|e| ScenarioError {
        file: name_or_path.to_owned(),
        line: 0,
        field: String::new(),
        message: format!(
            "not a library {what} ({}) and not a readable file: {e}",
            library.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        ),
    })?;
    Ok((name_or_path, std::borrow::Cow::Owned(text)))
}

/// The scenario sessions start with unless told otherwise.
pub const DEFAULT: &str = "false-wall-20ft";

/// Why a scenario could not be loaded. Nothing is half-loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {message}")]
pub struct ScenarioError {
    /// The file (or library name).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The field, as a path such as `cargo[3].mass_kg`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// A container type and its ISO internal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContainerType {
    /// 20 ft dry van.
    #[serde(rename = "20ft-dry")]
    Dry20,
    /// 40 ft dry van.
    #[serde(rename = "40ft-dry")]
    Dry40,
    /// 40 ft high cube.
    #[serde(rename = "40ft-high-cube")]
    HighCube40,
    /// 20 ft reefer.
    #[serde(rename = "20ft-reefer")]
    Reefer20,
    /// 40 ft high-cube reefer.
    #[serde(rename = "40ft-reefer")]
    Reefer40,
}

impl ContainerType {
    /// Every type, as files name them.
    pub const ALL: [ContainerType; 5] = [
        ContainerType::Dry20,
        ContainerType::Dry40,
        ContainerType::HighCube40,
        ContainerType::Reefer20,
        ContainerType::Reefer40,
    ];

    /// Its name in a file.
    pub fn name(self) -> &'static str {
        match self {
            ContainerType::Dry20 => "20ft-dry",
            ContainerType::Dry40 => "40ft-dry",
            ContainerType::HighCube40 => "40ft-high-cube",
            ContainerType::Reefer20 => "20ft-reefer",
            ContainerType::Reefer40 => "40ft-reefer",
        }
    }

    /// Internal length, height and width in millimetres.
    pub fn internal_mm(self) -> [u32; 3] {
        match self {
            ContainerType::Dry20 => [5898, 2393, 2352],
            ContainerType::Dry40 => [12032, 2393, 2352],
            ContainerType::HighCube40 => [12032, 2698, 2352],
            ContainerType::Reefer20 => [5444, 2276, 2294],
            ContainerType::Reefer40 => [11583, 2550, 2294],
        }
    }

    /// Tare mass in kilograms.
    pub fn tare_kg(self) -> u32 {
        match self {
            ContainerType::Dry20 => 2200,
            ContainerType::Dry40 => 3750,
            ContainerType::HighCube40 => 3900,
            ContainerType::Reefer20 => 3000,
            ContainerType::Reefer40 => 4800,
        }
    }

    /// The type as the wire names it.
    pub fn kind(self) -> ContainerKind {
        match self {
            ContainerType::Dry20 => ContainerKind::Dry20,
            ContainerType::Dry40 => ContainerKind::Dry40,
            ContainerType::HighCube40 => ContainerKind::HighCube40,
            ContainerType::Reefer20 => ContainerKind::Reefer20,
            ContainerType::Reefer40 => ContainerKind::Reefer40,
        }
    }

    /// The ISO 6346 size and type code, and the maximum gross mass in kilograms.
    pub fn size_type(self) -> (&'static str, u32) {
        match self {
            ContainerType::Dry20 => ("22G1", 30_480),
            ContainerType::Dry40 => ("42G1", 30_480),
            ContainerType::HighCube40 => ("45G1", 32_500),
            ContainerType::Reefer20 => ("22R1", 30_480),
            ContainerType::Reefer40 => ("45R1", 34_000),
        }
    }
}

/// A mark as the file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkFile {
    kind: String,
    surface: String,
    at_mm: [i32; 3],
    size_mm: [u32; 2],
    /// Drawn only while this concealment is active (a weld where the seed put the false wall).
    #[serde(default)]
    concealment: Option<String>,
}

/// Cargo kinds, as files name them.
pub const KINDS: [&str; 5] = ["pallet", "carton", "drum", "bag", "loose"];

/// Mark kinds, as files name them.
pub const MARK_KINDS: [(&str, MarkKind); 4] = [
    ("fresh-weld", MarkKind::FreshWeld),
    ("repaint", MarkKind::Repaint),
    ("tool-marks", MarkKind::ToolMarks),
    ("replaced-planks", MarkKind::ReplacedPlanks),
];

/// Surfaces, as files name them.
pub const SURFACES: [(&str, Surface); 6] = [
    ("front-wall", Surface::FrontWall),
    ("left-wall", Surface::LeftWall),
    ("right-wall", Surface::RightWall),
    ("floor", Surface::Floor),
    ("roof", Surface::Roof),
    ("doors", Surface::Doors),
];

/// The value `name` stands for in `table`, or a message listing the names there are.
fn one_of<T: Copy>(table: &[(&str, T)], name: &str) -> Result<T, String> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).ok_or_else(|| {
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        format!("`{name}` is not one of {}", names.join(", "))
    })
}

/// The container number painted when a file names none: Crossdock's owner code and a serial
/// from the scenario's name, with a correct check digit.
fn default_number(name: &str) -> String {
    let serial = (crossdock_protocol::fnv1a(name.as_bytes()) % 1_000_000) as u32;
    let digit = iso6346::check_digit("CDX", iso6346::Category::Freight, serial).unwrap_or(0);
    format!("CDXU {serial:06} {digit}")
}

/// `number` in the painted layout (`ABCU 123456 7`), or why it is not a container number. A
/// wrong check digit is allowed: it is something for trainees to find.
fn painted_number(number: &str) -> Result<String, String> {
    let canonical: String = number.chars().filter(|c| !matches!(c, ' ' | '-' | '/')).collect::<String>().to_uppercase();
    match iso6346::validate(&canonical) {
        Ok(()) | Err(iso6346::Error::BadCheckDigit { .. }) => {
            Ok(format!("{} {} {}", &canonical[..4], &canonical[4..10], &canonical[10..]))
        }
        Err(e) => Err(format!("`{number}` is not an ISO 6346 container number ({e}); write it like CSQU 305438 3")),
    }
}

/// The file format, as deserialised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    summary: String,
    #[serde(default)]
    time_limit_s: Option<u32>,
    #[serde(default)]
    seed: u64,
    container: ContainerType,
    #[serde(default)]
    container_number: Option<Spanned<String>>,
    seal: SealFile,
    documents: DocumentsFile,
    cargo: Vec<Spanned<CargoFile>>,
    #[serde(default)]
    concealments: Vec<Spanned<ConcealmentFile>>,
    procedure: Vec<Spanned<String>>,
    #[serde(default)]
    assessment: Option<Spanned<crate::assessment::score::Weights>>,
    #[serde(default)]
    marks: Vec<Spanned<MarkFile>>,
    #[serde(default)]
    phrases: Vec<Spanned<PhraseFile>>,
    #[serde(default)]
    risk: Option<Spanned<RiskFile>>,
}

/// The risk-assessment stage: `[risk]` with the signs in this container's own papers, and
/// `[[risk.others]]`, the other containers whose papers arrive with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RiskFile {
    #[serde(default)]
    signs: Vec<String>,
    others: Vec<OtherFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OtherFile {
    container_number: String,
    #[serde(default)]
    container: Option<ContainerType>,
    documents: DocumentsFile,
    #[serde(default)]
    signs: Vec<String>,
}

/// A scenario's own phrase: `[[phrases]] id = "pallet-base"` and `text = { en = "...", th =
/// "..." }`, English required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    id: String,
    text: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SealFile {
    number: String,
    #[serde(default = "intact")]
    condition: String,
}

fn intact() -> String {
    "intact".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    shipper: String,
    consignee: String,
    route: Vec<String>,
    seal_number: String,
    lines: Vec<LineFile>,
}

impl DocumentsFile {
    /// The papers as sent: the declared gross mass is the lines plus the container's tare.
    fn into_documents(self, container: ContainerType) -> Documents {
        Documents {
            declared_gross_kg: self.lines.iter().map(|l| l.gross_kg).sum::<u32>() + container.tare_kg(),
            shipper: self.shipper,
            consignee: self.consignee,
            route: self.route,
            seal_number: self.seal_number,
            lines: self
                .lines
                .into_iter()
                .map(|l| ManifestLine {
                    description: l.description,
                    hs_code: l.hs_code,
                    packages: l.packages,
                    gross_kg: l.gross_kg,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineFile {
    description: String,
    hs_code: String,
    packages: u32,
    gross_kg: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CargoFile {
    id: String,
    kind: String,
    declared: String,
    content: String,
    mass_kg: f32,
    size_mm: [u32; 3],
    position_mm: [i32; 3],
    #[serde(default)]
    openable: bool,
    #[serde(default = "one")]
    count: u32,
    /// A glTF binary shipped beside the scenario file for its look.
    #[serde(default)]
    model: Option<ModelFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    /// The `.glb` file, relative to the scenario file.
    file: String,
    /// Its SHA-256 in hex, so a changed or corrupted file is refused, not shown.
    sha256: String,
}

/// A model file a scenario ships, read, checked and kept whole for sending.
#[derive(Debug, Clone, PartialEq)]
pub struct ShippedModel {
    /// Its name on the wire: hash and length.
    pub reference: ModelRef,
    /// The file.
    pub bytes: std::sync::Arc<[u8]>,
}

impl ShippedModel {
    /// Reads `file` (relative to `dir`), checks it is at most [`MAX_MODEL`] bytes, hashes to
    /// `sha256` (hex) and parses as glTF; or says what is wrong and what to do.
    fn load(dir: &Path, file: &str, sha256: &str) -> Result<ShippedModel, String> {
        // Beside the scenario or below it, never elsewhere.
        if !Path::new(file).components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return Err(format!("`{file}` is not a path beside the scenario file: name the model by its file name"));
        }
        let path = dir.join(file);
        let meta = std::fs::metadata(&path)
            .map_err(|e| format!("cannot read {}: {e}; ship the model beside the scenario file", path.display()))?;
        if meta.len() > u64::from(MAX_MODEL) {
            return Err(format!(
                "{} is {} bytes; models may be at most {MAX_MODEL} bytes: simplify it",
                path.display(),
                meta.len()
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let digest = ring::digest::digest(&ring::digest::SHA256, &bytes);
        let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        if !hex.eq_ignore_ascii_case(sha256.trim()) {
            return Err(format!(
                "{} has SHA-256 {hex}, not the {sha256} the scenario names: check the file, then update the hash",
                path.display()
            ));
        }
        gltf::Gltf::from_slice(&bytes).map_err(|e| format!("{} is not a glTF model: {e}", path.display()))?;
        let mut sha = [0u8; 32];
        sha.copy_from_slice(digest.as_ref());
        Ok(ShippedModel { reference: ModelRef { sha256: sha, bytes: bytes.len() as u32 }, bytes: bytes.into() })
    }
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConcealmentFile {
    id: String,
    category: String,
    description: String,
    #[serde(default)]
    mass_kg: f32,
    /// Where it may be: one is chosen by the seed.
    places: Vec<Place>,
    #[serde(default = "always")]
    probability: f32,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    substance: Option<String>,
    #[serde(default)]
    dose_rate_nsv_h_at_1m: Option<f32>,
}

fn always() -> f32 {
    1.0
}

/// Where a concealment sits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Place {
    /// Behind a false wall at the front of the container, this deep.
    FalseWall {
        /// Depth of the hidden space in millimetres.
        depth_mm: u32,
    },
    /// Inside a package (mixed into its content, or in a pallet's core).
    Inside {
        /// The cargo id.
        cargo: String,
    },
    /// Under the floor or in the structure at a point.
    Structure {
        /// Where, in millimetres.
        position_mm: [i32; 3],
    },
    /// The seal itself (swapped, re-glued).
    Seal,
    /// Spread over the load (a weight gap).
    Load,
}

/// A piece of cargo, with its truth.
#[derive(Debug, Clone, PartialEq)]
pub struct CargoSpec {
    /// The scenario's id (`P1`, `C3`, ...).
    pub id: String,
    /// "pallet", "carton", "drum", "bag", "loose".
    pub kind: String,
    /// Its declared description.
    pub label: String,
    /// What it really holds (hidden until opened).
    pub content: String,
    /// Its real mass in kilograms (concealed goods inside included).
    pub mass_kg: f32,
    /// Size in millimetres (x, y, z).
    pub size_mm: [u32; 3],
    /// Centre in metres in the room frame.
    pub position: Vec3,
    /// Whether it can be opened.
    pub openable: bool,
    /// The model its look comes from, if the scenario ships one.
    pub model: Option<ShippedModel>,
}

/// An active concealment.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveConcealment {
    /// The scenario's id.
    pub id: String,
    /// What it is.
    pub category: Category,
    /// How it is hidden.
    pub description: String,
    /// Where it was placed by the seed.
    pub place: Place,
    /// Where that is, in metres.
    pub position: Vec3,
    /// Its mass in kilograms.
    pub mass_kg: f32,
    /// Indicators that reveal it.
    pub indicators: Vec<String>,
    /// What a trace detector names.
    pub substance: Option<String>,
    /// Dose rate at 1 m for a radioactive source.
    pub dose_rate_nsv_h_at_1m: Option<f32>,
}

/// A procedure step the scenario expects, in order.
pub const STEPS: [&str; 7] =
    ["check-documents", "check-seal", "scan", "open-doors", "intrusive", "mark-findings", "reseal"];

/// A loaded, seeded scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Its name: the file's `name`, or `PACK/SCENARIO` for one from a pack.
    pub name: String,
    /// One line for `crossdock-server scenarios`.
    pub summary: String,
    /// The container type.
    pub container: ContainerType,
    /// Internal size in millimetres (x, y, z).
    pub container_mm: [u32; 3],
    /// The seal fitted: number and condition.
    pub seal: (String, String),
    /// The declared documents.
    pub documents: Documents,
    /// The cargo.
    pub cargo: Vec<CargoSpec>,
    /// The active concealments for this seed.
    pub concealments: Vec<ActiveConcealment>,
    /// Every category a concealment of this scenario could be in, whether this seed placed one
    /// or not: the places a trainee decides about (clean or not), sorted.
    pub possible: Vec<Category>,
    /// Expected procedure steps, in order.
    pub procedure: Vec<String>,
    /// Time limit in seconds.
    pub time_limit_s: Option<u32>,
    /// How its trainees are scored (the `[assessment]` table, or the defaults).
    pub weights: crate::assessment::score::Weights,
    /// What the container looks like: markings and the visible marks of the active concealments.
    pub look: ContainerLook,
    /// The seed that chose the concealments.
    pub seed: u64,
    /// The file's default seed.
    pub default_seed: u64,
    /// The scenario's own phrases (`[[phrases]]`), beside the phrasebook's.
    pub phrases: Vec<ScenarioPhrase>,
    /// The risk-assessment stage before any door opens, if the scenario has one.
    pub risk: Option<Risk>,
    /// The pack it came from, if it was imported (the library sets it; a file has none).
    pub origin: Option<Origin>,
    source: String,
    models_dir: std::path::PathBuf,
}

/// Whether a scenario's models must load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Models {
    /// A missing or wrong model refuses the scenario (loading a file or a pack).
    Required,
    /// A missing model is drawn by its kind (reading the event log).
    IfPresent,
}

/// Where an imported scenario came from: its pack, by whom, which exact copy. Recorded with
/// every drill of it (`Record::Origin`), named in its reports.
#[derive(Debug, Clone, PartialEq, Eq, bincode::Encode, bincode::Decode, serde::Serialize)]
pub struct Origin {
    /// The pack's name.
    pub pack: String,
    /// The pack's version.
    pub version: String,
    /// The publishing centre, as its manifest says (trusted by its key).
    pub publisher: String,
    /// The publishing administration.
    pub administration: String,
    /// The key that signed it, hex.
    pub key: String,
    /// SHA-256 of the signed manifest, hex: this exact pack.
    pub sha256: String,
}

/// The risk-assessment stage: several containers' papers, one of them this container's.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    /// The candidates in the order trainees see them (the seed places this container among them).
    pub candidates: Vec<Candidate>,
    /// The signs truly in each candidate's papers (the hidden truth), sorted.
    pub signs: Vec<Vec<RiskSign>>,
    /// Which candidate is the container in the room.
    pub own: usize,
}

impl Risk {
    /// How much a candidate's papers call for examination: the number of signs in them.
    pub fn risk(&self, candidate: usize) -> usize {
        self.signs.get(candidate).map_or(0, Vec::len)
    }
}

impl Scenario {
    /// The shared state a drill of this scenario starts with: running, nothing locked or
    /// revealed, observers admitted, the scenario's own seal fitted.
    pub fn initial_state(&self) -> crossdock_protocol::drill::DrillState {
        crossdock_protocol::drill::DrillState {
            scenario: self.name.clone(),
            seed: self.seed,
            paused: false,
            elapsed_ms: 0,
            time_limit_s: self.time_limit_s,
            locked_tools: Vec::new(),
            self_unmute_locked: false,
            revealed: false,
            lead: None,
            seal_number: self.seal.0.clone(),
            resealed: false,
            observers_open: true,
            drill: 0,
            risk_open: self.risk.is_some(),
            chosen: Vec::new(),
        }
    }

    /// Loads a library scenario by name or a file by path, with its default seed.
    pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
        let wanted = if name_or_path == "default" { DEFAULT } else { name_or_path };
        let (name, text) = library_or_file(&LIBRARY, wanted, "scenario")?;
        Scenario::parse(name, &text, None)
    }

    /// The same scenario randomised with another seed.
    pub fn reseeded(&self, seed: u64) -> Scenario {
        // The source parsed before, so it parses again.
        match Scenario::parse_in(&self.name, &self.models_dir, &self.source, Some(seed), Models::Required) {
            Ok(mut s) => {
                s.name.clone_from(&self.name);
                s.origin = self.origin.clone();
                s
            }
            Err(_) => self.clone(),
        }
    }

    /// Parses and validates `text`, models beside `file`; `seed` overrides the file's.
    pub fn parse(file: &str, text: &str, seed: Option<u64>) -> Result<Scenario, ScenarioError> {
        let dir = Path::new(file).parent().unwrap_or(Path::new("."));
        Scenario::parse_in(file, dir, text, seed, Models::Required)
    }

    /// A scenario as the event log holds it: a model that is no longer where it was (a moved
    /// file, a pack's folder) is drawn by its kind, with a warning, rather than failing the
    /// report or replay; the truth does not depend on models.
    /// It keeps the name it ran under (a pack's scenario runs as `PACK/SCENARIO`).
    pub fn from_log(name: &str, text: &str, seed: u64) -> Result<Scenario, ScenarioError> {
        let dir = Path::new(name).parent().unwrap_or(Path::new("."));
        let mut scenario = Scenario::parse_in(name, dir, text, Some(seed), Models::IfPresent)?;
        scenario.name = name.to_owned();
        Ok(scenario)
    }

    /// Parses and validates `text` named `file`, its models read from `dir`.
    pub fn parse_in(
        file: &str,
        dir: &Path,
        text: &str,
        seed: Option<u64>,
        models: Models,
    ) -> Result<Scenario, ScenarioError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let raw: File = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(s.start));
            let message = e.message().to_owned();
            let field = message.split('`').nth(1).unwrap_or("").to_owned();
            ScenarioError { file: file.to_owned(), line, field, message }
        })?;
        let fail = |span: std::ops::Range<usize>, field: String, message: String| ScenarioError {
            file: file.to_owned(),
            line: line_of(span.start),
            field,
            message,
        };
        let container_mm = raw.container.internal_mm();
        let size = units::size(container_mm);
        let mut cargo = Vec::new();
        for (i, c) in raw.cargo.iter().enumerate() {
            let (span, spec) = (c.span(), c.get_ref());
            if spec.mass_kg <= 0.0 || !spec.mass_kg.is_finite() {
                return Err(fail(span, format!("cargo[{i}].mass_kg"), "must be a positive number of kilograms".into()));
            }
            if spec.size_mm.contains(&0) {
                return Err(fail(span, format!("cargo[{i}].size_mm"), "every side must be at least 1 mm".into()));
            }
            if !KINDS.contains(&spec.kind.as_str()) {
                return Err(fail(
                    span,
                    format!("cargo[{i}].kind"),
                    format!("`{}` is not one of pallet, carton, drum, bag, loose", spec.kind),
                ));
            }
            let model = match &spec.model {
                Some(m) => match (ShippedModel::load(dir, &m.file, &m.sha256), models) {
                    (Ok(model), _) => Some(model),
                    (Err(e), Models::Required) => return Err(fail(span.clone(), format!("cargo[{i}].model"), e)),
                    (Err(e), Models::IfPresent) => {
                        tracing::warn!(scenario = file, cargo = i, error = %e, "a logged scenario's model is gone: drawn by its kind");
                        None
                    }
                },
                None => None,
            };
            for n in 0..spec.count.max(1) {
                let half = Vec3::new(spec.size_mm[0] as f32, spec.size_mm[1] as f32, spec.size_mm[2] as f32) / 2000.0;
                let mut position = units::point(spec.position_mm);
                position.x += n as f32 * (2.0 * half.x + 0.05);
                let inside = position.x - half.x >= -0.001
                    && position.x + half.x <= size.x + 0.001
                    && position.y - half.y >= -0.001
                    && position.y + half.y <= size.y + 0.001
                    && position.z.abs() + half.z <= size.z / 2.0 + 0.001;
                if !inside {
                    return Err(fail(
                        span.clone(),
                        format!("cargo[{i}].position_mm"),
                        format!("`{}` (copy {}) does not fit inside the container", spec.id, n + 1),
                    ));
                }
                let id = if spec.count > 1 { format!("{}-{}", spec.id, n + 1) } else { spec.id.clone() };
                cargo.push(CargoSpec {
                    id,
                    kind: spec.kind.clone(),
                    label: spec.declared.clone(),
                    content: spec.content.clone(),
                    mass_kg: spec.mass_kg,
                    size_mm: spec.size_mm,
                    position,
                    openable: spec.openable,
                    model: model.clone(),
                });
            }
        }
        for (i, step) in raw.procedure.iter().enumerate() {
            if !STEPS.contains(&step.get_ref().as_str()) {
                return Err(fail(
                    step.span(),
                    format!("procedure[{i}]"),
                    format!("`{}` is not one of {}", step.get_ref(), STEPS.join(", ")),
                ));
            }
        }
        let seed = seed.unwrap_or(raw.seed);
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut concealments = Vec::new();
        let mut possible = Vec::new();
        for (i, c) in raw.concealments.iter().enumerate() {
            let (span, spec) = (c.span(), c.get_ref());
            let category = Category::parse(&spec.category).ok_or_else(|| {
                let names: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
                fail(
                    span.clone(),
                    format!("concealments[{i}].category"),
                    format!("`{}` is not one of {}", spec.category, names.join(", ")),
                )
            })?;
            if spec.places.is_empty() {
                return Err(fail(span, format!("concealments[{i}].places"), "name at least one place".into()));
            }
            possible.push(category);
            if !(0.0..=1.0).contains(&spec.probability) {
                return Err(fail(span, format!("concealments[{i}].probability"), "must be between 0 and 1".into()));
            }
            for (j, place) in spec.places.iter().enumerate() {
                if let Place::Inside { cargo: id } = place
                    && !cargo.iter().any(|c| &c.id == id)
                {
                    return Err(fail(
                        span.clone(),
                        format!("concealments[{i}].places[{j}].cargo"),
                        format!("no cargo has id `{id}`"),
                    ));
                }
            }
            // Draw both numbers whatever the outcome, so one concealment's draw never shifts another's.
            let roll = rng.f32();
            let pick = rng.usize(0..spec.places.len());
            if roll >= spec.probability {
                continue;
            }
            let place = spec.places[pick].clone();
            let position = match &place {
                Place::FalseWall { depth_mm } => Vec3::new(*depth_mm as f32 / 2000.0, size.y / 2.0, 0.0),
                Place::Inside { cargo: id } => cargo.iter().find(|c| &c.id == id).map_or(Vec3::ZERO, |c| c.position),
                Place::Structure { position_mm } => units::point(*position_mm),
                Place::Seal => Vec3::new(size.x + 0.05, 1.0, 0.45),
                Place::Load => size / 2.0 * Vec3::new(1.0, 1.0, 0.0),
            };
            if let Place::Inside { cargo: id } = &place
                && let Some(host) = cargo.iter_mut().find(|c| &c.id == id)
            {
                host.mass_kg += spec.mass_kg;
                host.content = format!("{} — and hidden inside: {}", host.content, spec.description);
            }
            concealments.push(ActiveConcealment {
                id: spec.id.clone(),
                category,
                description: spec.description.clone(),
                place,
                position,
                mass_kg: spec.mass_kg,
                indicators: spec.indicators.clone(),
                substance: spec.substance.clone(),
                dose_rate_nsv_h_at_1m: spec.dose_rate_nsv_h_at_1m,
            });
        }
        let documents = raw.documents.into_documents(raw.container);
        let weights = match raw.assessment {
            Some(w) => {
                let span = w.span();
                let w = w.into_inner();
                w.check().map_err(|message| fail(span, "assessment".to_owned(), message))?;
                w
            }
            None => crate::assessment::score::Weights::default(),
        };
        let number = match &raw.container_number {
            Some(n) => painted_number(n.get_ref()).map_err(|m| fail(n.span(), "container_number".into(), m))?,
            None => default_number(&raw.name),
        };
        let front_wall_mm = concealments
            .iter()
            .find_map(|c| match c.place {
                Place::FalseWall { depth_mm } => Some(depth_mm),
                _ => None,
            })
            .unwrap_or(0);
        let mut marks = Vec::new();
        for (i, m) in raw.marks.iter().enumerate() {
            let (span, spec) = (m.span(), m.get_ref());
            let field = |name: &str| format!("marks[{i}].{name}");
            let kind = one_of(&MARK_KINDS, &spec.kind).map_err(|e| fail(span.clone(), field("kind"), e))?;
            let surface = one_of(&SURFACES, &spec.surface).map_err(|e| fail(span.clone(), field("surface"), e))?;
            if spec.size_mm.contains(&0) {
                return Err(fail(span, field("size_mm"), "both sides must be at least 1 mm".into()));
            }
            let at = units::point(spec.at_mm);
            if at.x < -0.001 || at.x > size.x + 0.2 || at.y < -0.001 || at.y > size.y + 0.001 || at.z.abs() > size.z {
                return Err(fail(span, field("at_mm"), "the mark's centre is not on the container".into()));
            }
            if let Some(id) = &spec.concealment {
                if !raw.concealments.iter().any(|c| &c.get_ref().id == id) {
                    return Err(fail(span, field("concealment"), format!("no concealment has id `{id}`")));
                }
                if !concealments.iter().any(|c| &c.id == id) {
                    continue;
                }
            }
            let mut at_mm = spec.at_mm;
            if surface == Surface::FrontWall {
                at_mm[0] = front_wall_mm as i32;
            }
            marks.push(Mark { kind, surface, at_mm, size_mm: spec.size_mm });
        }
        let mut phrases = Vec::new();
        for (i, p) in raw.phrases.iter().enumerate() {
            let (span, spec) = (p.span(), p.get_ref());
            let field = |name: &str| format!("phrases[{i}].{name}");
            let phrase =
                scenario_phrase(spec, phrases.len()).map_err(|(name, e)| fail(span.clone(), field(name), e))?;
            if phrases.iter().any(|p: &ScenarioPhrase| p.id == phrase.id) {
                return Err(fail(span, field("id"), format!("`{}` is given twice", phrase.id)));
            }
            phrases.push(phrase);
        }
        let risk = match raw.risk {
            Some(r) => {
                let span = r.span();
                let r = r.into_inner();
                let signs = |field: String, ids: &[String]| -> Result<Vec<RiskSign>, ScenarioError> {
                    let mut signs = ids
                        .iter()
                        .map(|id| {
                            RiskSign::from_id(id).ok_or_else(|| {
                                let all: Vec<_> = RiskSign::ALL.iter().map(|s| s.id()).collect();
                                fail(span.clone(), field.clone(), format!("`{id}` is not one of {}", all.join(", ")))
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    signs.sort();
                    signs.dedup();
                    Ok(signs)
                };
                if r.others.is_empty() || r.others.len() > 7 {
                    return Err(fail(span, "risk.others".into(), "give one to seven other containers".into()));
                }
                let own = (seed % (r.others.len() as u64 + 1)) as usize;
                let mut candidates = Vec::new();
                let mut all_signs = Vec::new();
                for (i, other) in r.others.into_iter().enumerate() {
                    let field = |name: &str| format!("risk.others[{i}].{name}");
                    let number = painted_number(&other.container_number)
                        .map_err(|m| fail(span.clone(), field("container_number"), m))?;
                    all_signs.push(signs(field("signs"), &other.signs)?);
                    let documents = other.documents.into_documents(other.container.unwrap_or(raw.container));
                    candidates.push(Candidate { container_number: number, documents });
                }
                candidates.insert(own, Candidate { container_number: number.clone(), documents: documents.clone() });
                all_signs.insert(own, signs("risk.signs".into(), &r.signs)?);
                Some(Risk { candidates, signs: all_signs, own })
            }
            None => None,
        };
        let (size_type, max_gross_kg) = raw.container.size_type();
        let look = ContainerLook {
            kind: raw.container.kind(),
            number,
            size_type: size_type.to_owned(),
            max_gross_kg,
            tare_kg: raw.container.tare_kg(),
            front_wall_mm,
            seal_condition: raw.seal.condition.clone(),
            marks,
        };
        Ok(Scenario {
            look,
            weights,
            name: raw.name,
            summary: raw.summary,
            container: raw.container,
            container_mm,
            seal: (raw.seal.number, raw.seal.condition),
            documents,
            cargo,
            concealments,
            possible: {
                possible.sort();
                possible.dedup();
                possible
            },
            procedure: raw.procedure.into_iter().map(Spanned::into_inner).collect(),
            time_limit_s: raw.time_limit_s,
            seed,
            default_seed: raw.seed,
            phrases,
            risk,
            origin: None,
            source: text.to_owned(),
            models_dir: dir.to_owned(),
        })
    }

    /// The scenario file's text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Internal size in metres (x, y, z).
    pub fn container_size(&self) -> Vec3 {
        units::size(self.container_mm)
    }

    /// Depth of an active false wall, in metres.
    pub fn false_wall_depth(&self) -> Option<f32> {
        self.concealments.iter().find_map(|c| match c.place {
            Place::FalseWall { depth_mm } => Some(units::metres(depth_mm)),
            _ => None,
        })
    }

    /// The real gross mass: tare, cargo and loose concealments.
    pub fn real_gross_kg(&self) -> f32 {
        let loose: f32 =
            self.concealments.iter().filter(|c| !matches!(c.place, Place::Inside { .. })).map(|c| c.mass_kg).sum();
        self.container.tare_kg() as f32 + self.cargo.iter().map(|c| c.mass_kg).sum::<f32>() + loose
    }
}

/// A scenario phrase from its file entry, the `already` before it counted: a short kebab-case
/// id, English text, each language one the catalogues have (`th`, `zh-Hans`; `zh` or `th-TH`
/// read as theirs), each text short. The error names the field and says what is wrong.
fn scenario_phrase(spec: &PhraseFile, already: usize) -> Result<ScenarioPhrase, (&'static str, String)> {
    if already >= MAX_SCENARIO_PHRASES {
        return Err(("id", format!("a scenario may add at most {MAX_SCENARIO_PHRASES} phrases")));
    }
    let kebab = spec.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if spec.id.is_empty() || spec.id.len() > MAX_PHRASE_ID || !kebab {
        return Err(("id", format!("`{}` must be 1 to {MAX_PHRASE_ID} lower-case letters, digits or dashes", spec.id)));
    }
    if spec.text.len() > MAX_PHRASE_LANGUAGES {
        return Err(("text", format!("at most {MAX_PHRASE_LANGUAGES} languages")));
    }
    let mut texts = Vec::new();
    for (tag, text) in &spec.text {
        let language = crossdock_i18n::closest(&crossdock_i18n::DOMAIN, tag).ok_or_else(|| {
            let known: Vec<&str> = crossdock_i18n::DOMAIN.iter().map(|(l, _)| *l).collect();
            ("text", format!("`{tag}` is not one of the languages {}", known.join(", ")))
        })?;
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_PHRASE_TEXT {
            return Err(("text", format!("the `{tag}` text must be 1 to {MAX_PHRASE_TEXT} bytes")));
        }
        texts.push((language.to_owned(), text.to_owned()));
    }
    // English first: what a reader of any other language falls back to.
    texts.sort_by_key(|(l, _)| *l != "en");
    if texts.first().is_none_or(|(l, _)| l != "en") {
        return Err(("text", "give the English text (`en = \"...\"`): readers of languages it lacks read that".into()));
    }
    Ok(ScenarioPhrase { id: spec.id.clone(), texts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_scenario_loads_and_the_library_covers_the_drills() {
        let mut categories = Vec::new();
        for (name, _) in LIBRARY {
            let s = Scenario::load(name).unwrap_or_else(|e| panic!("{e}"));
            assert!(!s.cargo.is_empty() && !s.procedure.is_empty(), "{name}");
            categories.extend(s.concealments.iter().map(|c| c.category));
        }
        for wanted in [
            Category::FalseWall,
            Category::Narcotics,
            Category::UndeclaredGoods,
            Category::WeightDiscrepancy,
            Category::SealTampering,
            Category::Radioactive,
        ] {
            assert!(categories.contains(&wanted) || wanted == Category::FalseWall, "{wanted:?} missing");
        }
        assert!(Scenario::load("clean-20ft").unwrap().concealments.is_empty());
        assert!(Scenario::load(DEFAULT).unwrap().cargo.len() >= 12);
        assert!(Scenario::load(DEFAULT).unwrap().false_wall_depth().is_some());
    }

    #[test]
    fn a_broken_file_names_file_line_and_field() {
        let text = include_str!("../scenarios/clean-20ft.toml").replacen("mass_kg = ", "mass_kg = \"heavy\" # ", 1);
        let err = Scenario::parse("broken.toml", &text, None).unwrap_err();
        assert_eq!(err.file, "broken.toml");
        assert!(err.line > 1, "{err}");
        assert!(err.to_string().contains("broken.toml:"), "{err}");

        let text = include_str!("../scenarios/clean-20ft.toml").replacen("kind = \"pallet\"", "kind = \"crate\"", 1);
        let err = Scenario::parse("kind.toml", &text, None).unwrap_err();
        assert!(err.field.starts_with("cargo[") && err.field.ends_with("].kind"), "{err}");
        assert!(err.line > 1);

        let text = format!("{}\nsurprise = 1\n", include_str!("../scenarios/clean-20ft.toml"));
        let err = Scenario::parse("extra.toml", &text, None).unwrap_err();
        assert!(err.message.contains("surprise"), "{err}");
    }

    #[test]
    fn the_seed_decides_placement_and_is_repeatable() {
        let a = Scenario::load("pallet-core-40ft").unwrap();
        assert_eq!(a.reseeded(42), a.reseeded(42));
        let placements: std::collections::HashSet<_> = (0..20)
            .map(|seed| format!("{:?}", a.reseeded(seed).concealments.iter().map(|c| &c.place).collect::<Vec<_>>()))
            .collect();
        assert!(placements.len() > 1, "different seeds move the concealments");
    }

    #[test]
    fn unknown_names_list_the_library() {
        let err = Scenario::load("nope").unwrap_err();
        assert!(err.message.contains("false-wall-20ft"), "{err}");
    }

    #[test]
    fn the_container_number_is_painted_as_given_and_a_wrong_check_digit_is_allowed() {
        for (name, _) in LIBRARY {
            let look = Scenario::load(name).unwrap().look;
            assert!(iso6346::validate(&look.number).is_ok(), "{name}: {} has a good check digit", look.number);
            assert!(!look.size_type.is_empty() && look.max_gross_kg > look.tare_kg);
        }
        let clean = include_str!("../scenarios/clean-20ft.toml");
        let wrong = clean.replacen("container_number = \"CDXU 204512 9\"", "container_number = \"cdxu-204512-3\"", 1);
        let look = Scenario::parse("wrong.toml", &wrong, None).unwrap().look;
        assert_eq!(look.number, "CDXU 204512 3", "painted as given, for trainees to check");
        let garbage = clean.replacen("container_number = \"CDXU 204512 9\"", "container_number = \"BOX 1\"", 1);
        let err = Scenario::parse("garbage.toml", &garbage, None).unwrap_err();
        assert_eq!(err.field, "container_number", "{err}");
        let unnamed = clean.replacen("container_number = \"CDXU 204512 9\"\n", "", 1);
        assert!(iso6346::validate(&Scenario::parse("unnamed.toml", &unnamed, None).unwrap().look.number).is_ok());
    }

    #[test]
    fn marks_show_only_while_their_concealment_is_active_and_sit_on_the_false_wall() {
        let walled = Scenario::load("false-wall-20ft").unwrap();
        assert_eq!(walled.look.front_wall_mm, 600);
        let welds: Vec<_> = walled.look.marks.iter().filter(|m| m.kind == MarkKind::FreshWeld).collect();
        assert_eq!(welds.len(), 3);
        assert!(welds.iter().all(|m| m.at_mm[0] == 600), "on the false wall, where it stands");
        let text = include_str!("../scenarios/false-wall-20ft.toml")
            .replace("indicators = [", "probability = 0\nindicators = [");
        let inactive = Scenario::parse("inactive.toml", &text, None).unwrap();
        assert!(inactive.concealments.is_empty());
        assert!(inactive.look.marks.is_empty() && inactive.look.front_wall_mm == 0, "no false wall, no welds");
        assert!(Scenario::load("clean-20ft").unwrap().look.marks.is_empty());

        let text =
            include_str!("../scenarios/false-wall-20ft.toml").replacen("kind = \"fresh-weld\"", "kind = \"glue\"", 1);
        let err = Scenario::parse("mark.toml", &text, None).unwrap_err();
        assert!(err.field == "marks[0].kind" && err.message.contains("fresh-weld"), "{err}");
        let text = include_str!("../scenarios/false-wall-20ft.toml").replacen(
            "concealment = \"FW1\"",
            "concealment = \"FW9\"",
            1,
        );
        let err = Scenario::parse("mark.toml", &text, None).unwrap_err();
        assert_eq!(err.field, "marks[0].concealment", "{err}");
    }

    #[test]
    fn a_shipped_model_is_loaded_when_its_hash_matches_and_refused_with_the_reason_otherwise() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/model-drill/drill.toml");
        let scenario = Scenario::load(path).unwrap_or_else(|e| panic!("{e}"));
        let model = scenario.cargo[0].model.as_ref().expect("the crate's model");
        assert_eq!(model.reference.bytes as usize, model.bytes.len());
        assert_eq!(scenario.cargo[1].model, scenario.cargo[0].model, "both copies share it");

        let text = std::fs::read_to_string(path).unwrap();
        let fixture = Path::new(path);
        let elsewhere = |text: &str| Scenario::parse(fixture.to_str().unwrap(), text, None);
        let wrong = text.replace("sha256 = \"99ae", "sha256 = \"00ae");
        let err = elsewhere(&wrong).unwrap_err();
        assert!(err.field == "cargo[0].model" && err.message.contains("99ae77f8"), "names the real hash: {err}");
        let missing = text.replace("file = \"crate.glb\"", "file = \"nope.glb\"");
        assert!(elsewhere(&missing).unwrap_err().message.contains("beside the scenario file"));
        let not_gltf = text.replace("file = \"crate.glb\"", "file = \"drill.toml\"");
        let err = elsewhere(&not_gltf).unwrap_err();
        assert!(err.message.contains("SHA-256") || err.message.contains("glTF"), "{err}");
    }
}
