//! Drill messages: inspection tools and their readings, findings, instructor commands, the
//! drill's state, and the hidden truth (sent only to those allowed to see it).

use bincode::{Decode, Encode};

use crate::ids::{Hand, NetId, ParticipantId, Role, Tick};
use crate::quant::QPose;

/// An inspection tool. Readings come from the server's world, never from the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Encode, Decode)]
pub enum Tool {
    /// Read the manifest, bill of lading, packing list and invoice.
    Documents,
    /// Look at the seal: its number and condition.
    SealCheck,
    /// Tape measure / laser rangefinder: distance along the aim to the first surface.
    TapeMeasure,
    /// Scale / weighbridge record: the loaded container's gross mass.
    Scale,
    /// X-ray / gamma scan: a density projection image of the whole container.
    XRay,
    /// Density meter ("buster"): density behind the surface at the aimed point.
    DensityMeter,
    /// Trace detector (ion mobility): alarm and substance class near concealed narcotics or explosives.
    TraceDetector,
    /// Radiation pager: dose rate at the tool.
    RadiationPager,
    /// Fiberscope: a view into the cavity or package at the aimed point.
    Fiberscope,
    /// Flashlight: lights the aimed spot.
    Flashlight,
    /// Pry bar: opens a package.
    PryBar,
    /// Drill: opens a package or a wall.
    Drill,
    /// Knife: opens a carton or bag.
    Knife,
}

impl Tool {
    /// Every tool, in wire order.
    pub const ALL: [Tool; 13] = [
        Tool::Documents,
        Tool::SealCheck,
        Tool::TapeMeasure,
        Tool::Scale,
        Tool::XRay,
        Tool::DensityMeter,
        Tool::TraceDetector,
        Tool::RadiationPager,
        Tool::Fiberscope,
        Tool::Flashlight,
        Tool::PryBar,
        Tool::Drill,
        Tool::Knife,
    ];

    /// The kebab-case name catalogues (`tool-x-ray`) and recordings use.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Documents => "documents",
            Tool::SealCheck => "seal-check",
            Tool::TapeMeasure => "tape-measure",
            Tool::Scale => "scale",
            Tool::XRay => "x-ray",
            Tool::DensityMeter => "density-meter",
            Tool::TraceDetector => "trace-detector",
            Tool::RadiationPager => "radiation-pager",
            Tool::Fiberscope => "fiberscope",
            Tool::Flashlight => "flashlight",
            Tool::PryBar => "pry-bar",
            Tool::Drill => "drill",
            Tool::Knife => "knife",
        }
    }

    /// The tool's name in English words, as reports and panels write it.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Documents => "documents",
            Tool::SealCheck => "seal check",
            Tool::TapeMeasure => "tape measure",
            Tool::Scale => "scale",
            Tool::XRay => "X-ray",
            Tool::DensityMeter => "density meter",
            Tool::TraceDetector => "trace detector",
            Tool::RadiationPager => "radiation pager",
            Tool::Fiberscope => "fiberscope",
            Tool::Flashlight => "flashlight",
            Tool::PryBar => "pry bar",
            Tool::Drill => "drill",
            Tool::Knife => "knife",
        }
    }

    /// Whether the tool opens things (intrusive) rather than reads them.
    pub fn opens(self) -> bool {
        matches!(self, Tool::PryBar | Tool::Drill | Tool::Knife)
    }
}

/// What a tool showed. Everyone in the session sees the same reading.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum ReadingValue {
    /// Documents reviewed; their content is in `WorldInit`.
    Documents,
    /// The seal as seen: number printed on it and its condition.
    Seal {
        /// The number printed on the seal.
        number: String,
        /// "intact", "broken", "re-glued", ...
        condition: String,
    },
    /// A distance in millimetres.
    Distance {
        /// Millimetres.
        mm: u32,
    },
    /// A gross mass in kilograms.
    Mass {
        /// Kilograms.
        kg: u32,
    },
    /// A density projection, row-major, 0 = empty, 255 = densest; x along the container, y up.
    Image {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
        /// `width * height` bytes.
        pixels: Vec<u8>,
    },
    /// A density in kg/m³.
    Density {
        /// kg/m³.
        kg_m3: u32,
    },
    /// The trace detector's verdict.
    Trace {
        /// Whether it alarmed.
        alarm: bool,
        /// The substance class when it did, e.g. "narcotics (cocaine)".
        class: String,
    },
    /// A dose rate in nanosievert per hour.
    DoseRate {
        /// nSv/h.
        nsv_h: u32,
    },
    /// What the fiberscope or flashlight shows, in words.
    View {
        /// The description.
        text: String,
    },
    /// The package was opened; its content is now known to everyone.
    Opened {
        /// The package.
        item: NetId,
        /// What was inside.
        content: String,
    },
}

/// One use of a tool.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Reading {
    /// Session-unique, increasing; findings cite it as evidence.
    pub id: u32,
    /// Who used the tool.
    pub by: ParticipantId,
    /// Which tool.
    pub tool: Tool,
    /// Where the tool was and where it pointed (forward is the pose's −z axis).
    pub aim: QPose,
    /// The entity aimed at, if any.
    pub target: Option<NetId>,
    /// When.
    pub tick: Tick,
    /// What it showed.
    pub value: ReadingValue,
}

/// What kind of irregularity a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Encode, Decode)]
pub enum Category {
    /// A false wall or hidden compartment.
    FalseWall,
    /// Drugs.
    Narcotics,
    /// Cigarettes or tobacco.
    Cigarettes,
    /// Goods not on the documents.
    UndeclaredGoods,
    /// Real and declared weights differ.
    WeightDiscrepancy,
    /// Counterfeit goods.
    Counterfeit,
    /// Protected wildlife.
    Wildlife,
    /// Cash.
    Cash,
    /// Weapons.
    Weapons,
    /// A radioactive source.
    Radioactive,
    /// Explosives.
    Explosives,
    /// Seal broken, re-glued or swapped.
    SealTampering,
}

impl Category {
    /// Every category, in wire order.
    pub const ALL: [Category; 12] = [
        Category::FalseWall,
        Category::Narcotics,
        Category::Cigarettes,
        Category::UndeclaredGoods,
        Category::WeightDiscrepancy,
        Category::Counterfeit,
        Category::Wildlife,
        Category::Cash,
        Category::Weapons,
        Category::Radioactive,
        Category::Explosives,
        Category::SealTampering,
    ];

    /// The kebab-case name used in scenario files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::FalseWall => "false-wall",
            Category::Narcotics => "narcotics",
            Category::Cigarettes => "cigarettes",
            Category::UndeclaredGoods => "undeclared-goods",
            Category::WeightDiscrepancy => "weight-discrepancy",
            Category::Counterfeit => "counterfeit",
            Category::Wildlife => "wildlife",
            Category::Cash => "cash",
            Category::Weapons => "weapons",
            Category::Radioactive => "radioactive",
            Category::Explosives => "explosives",
            Category::SealTampering => "seal-tampering",
        }
    }

    /// The category with this kebab-case name.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A finding's standing with the instructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum FindingStatus {
    /// Not judged yet.
    Open,
    /// The instructor confirmed it.
    Confirmed,
    /// The instructor rejected it.
    Rejected,
}

/// A marked finding: a place, a category, the evidence and who signed it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Finding {
    /// Session-unique, increasing.
    pub id: u32,
    /// Who marked it first, then co-signers in order.
    pub signers: Vec<ParticipantId>,
    /// Where, in millimetres in the room frame.
    pub place: [i32; 3],
    /// What.
    pub category: Category,
    /// Ids of the readings it rests on.
    pub evidence: Vec<u32>,
    /// When it was marked.
    pub tick: Tick,
    /// The instructor's judgement.
    pub status: FindingStatus,
}

/// Whom an instructor command addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum Target {
    /// Every trainee.
    AllTrainees,
    /// One participant.
    One(ParticipantId),
}

/// What an instructor can do to the drill. Anyone else asking is refused.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub enum Command {
    /// Stop the drill clock and refuse intents until resumed.
    Pause,
    /// Resume a paused drill.
    Resume,
    /// Put the scenario back to its start (same seed); findings and readings are cleared.
    Reset,
    /// Load another scenario from the server's library.
    SwitchScenario {
        /// Its name (`crossdock-server scenarios` lists them).
        name: String,
    },
    /// Reset with another randomisation seed (which concealments are active, and where).
    Rerandomise {
        /// The seed.
        seed: u64,
    },
    /// Freeze or unfreeze: a frozen trainee's intents are refused.
    Freeze {
        /// Whom.
        who: Target,
        /// Frozen or not.
        frozen: bool,
    },
    /// Bring trainees next to the instructor.
    Summon {
        /// Whom.
        who: Target,
    },
    /// Move trainees' play space to a place.
    Teleport {
        /// Whom.
        who: Target,
        /// Where, in millimetres.
        to: [i32; 3],
    },
    /// Mute or unmute (the voice feature obeys these flags).
    Mute {
        /// Whom.
        who: Target,
        /// Muted or not.
        muted: bool,
    },
    /// Forbid or allow trainees to unmute themselves.
    LockSelfUnmute {
        /// Locked or not.
        locked: bool,
    },
    /// Lock or unlock a tool for trainees.
    LockTool {
        /// The tool.
        tool: Tool,
        /// Locked or not.
        locked: bool,
    },
    /// Highlight an entity for everyone, or stop.
    Highlight {
        /// The entity.
        entity: NetId,
        /// On or off.
        on: bool,
    },
    /// Point at a place for everyone.
    Point {
        /// Where, in millimetres.
        at: [i32; 3],
    },
    /// Give a trainee the lead (or take it back with the instructor's own id).
    GiveLead {
        /// The new lead.
        who: ParticipantId,
    },
    /// Remove a participant from the session.
    Remove {
        /// Whom.
        who: ParticipantId,
    },
    /// Open the debrief: the hidden truth goes to everyone.
    RevealTruth,
    /// Confirm or reject a finding.
    Judge {
        /// The finding.
        finding: u32,
        /// Confirmed or rejected.
        confirmed: bool,
    },
    /// End this drill (its results are final) and start the next sitting of the same scenario
    /// on the next seed (so the goods hide elsewhere); a new `WorldInit` follows.
    EndDrill,
    /// Mark this moment of the drill for the debrief, with an optional note (at most
    /// [`MAX_NOTE`] characters): it goes into the log, the report and the debrief's timeline.
    Bookmark {
        /// What to look at then; may be empty.
        note: String,
    },
    /// Drive the debrief: open a recorded drill, play, pause, seek (see [`crate::debrief`]).
    Debrief(crate::debrief::DebriefCommand),
    /// Let observers join, or turn new ones away (those already watching stay). Holds for the
    /// session, across drills and restarts, until changed.
    AdmitObservers {
        /// Open or not.
        open: bool,
    },
    /// Make a participant the interpreter into a language (a tag such as `ko`, see
    /// [`crate::voice::valid_channel`]), or stop (`None`): their voice then reaches only the
    /// listeners on that channel.
    Interpret {
        /// Whom.
        who: ParticipantId,
        /// Into which language.
        language: Option<String>,
    },
    /// Close the risk-assessment stage before every trainee has chosen: the doors may open.
    CloseRiskStage,
}

impl Command {
    /// Whether `role` may give this command: the one table every surface (headset, desktop,
    /// tablet, console) is checked against, on the server's tick.
    pub fn allowed(&self, role: Role) -> bool {
        match self {
            Command::Pause
            | Command::Resume
            | Command::Reset
            | Command::SwitchScenario { .. }
            | Command::Rerandomise { .. }
            | Command::Freeze { .. }
            | Command::Summon { .. }
            | Command::Teleport { .. }
            | Command::Mute { .. }
            | Command::LockSelfUnmute { .. }
            | Command::LockTool { .. }
            | Command::Highlight { .. }
            | Command::Point { .. }
            | Command::GiveLead { .. }
            | Command::Remove { .. }
            | Command::RevealTruth
            | Command::Judge { .. }
            | Command::EndDrill
            | Command::Bookmark { .. }
            | Command::Debrief(_)
            | Command::AdmitObservers { .. }
            | Command::Interpret { .. }
            | Command::CloseRiskStage => role == Role::Instructor,
        }
    }

    /// What the command does to the drill's shared state, and whether that changed it. Pure,
    /// and the only place it is written: the live tick, the replay of a log and the resume
    /// after a crash all apply commands through it. Commands that act on people, the world or
    /// the debrief (freeze, teleport, reset, ...) leave the state alone; the tick does the rest.
    pub fn apply_to(&self, state: &mut DrillState) -> bool {
        fn set<T: PartialEq>(field: &mut T, value: T) -> bool {
            let changed = *field != value;
            *field = value;
            changed
        }
        match self {
            Command::Pause => set(&mut state.paused, true),
            Command::Resume => set(&mut state.paused, false),
            Command::LockSelfUnmute { locked } => set(&mut state.self_unmute_locked, *locked),
            Command::LockTool { tool, locked } => {
                let mut tools: Vec<Tool> = state.locked_tools.iter().copied().filter(|t| t != tool).collect();
                if *locked {
                    tools.push(*tool);
                    tools.sort();
                }
                set(&mut state.locked_tools, tools)
            }
            Command::GiveLead { who } => set(&mut state.lead, Some(*who)),
            Command::RevealTruth => set(&mut state.revealed, true),
            Command::AdmitObservers { open } => set(&mut state.observers_open, *open),
            Command::CloseRiskStage => set(&mut state.risk_open, false),
            Command::Reset
            | Command::SwitchScenario { .. }
            | Command::Rerandomise { .. }
            | Command::Freeze { .. }
            | Command::Summon { .. }
            | Command::Teleport { .. }
            | Command::Mute { .. }
            | Command::Highlight { .. }
            | Command::Point { .. }
            | Command::Remove { .. }
            | Command::Judge { .. }
            | Command::EndDrill
            | Command::Bookmark { .. }
            | Command::Debrief(_)
            | Command::Interpret { .. } => false,
        }
    }
}

/// The longest bookmark note, in characters.
pub const MAX_NOTE: usize = 200;

/// The drill's shared state, sent on join and whenever it changes.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct DrillState {
    /// The scenario's name.
    pub scenario: String,
    /// Its randomisation seed.
    pub seed: u64,
    /// Paused by the instructor.
    pub paused: bool,
    /// Drill time so far in milliseconds (stops while paused).
    pub elapsed_ms: u64,
    /// The time limit, if any, in seconds.
    pub time_limit_s: Option<u32>,
    /// Tools locked for trainees.
    pub locked_tools: Vec<Tool>,
    /// Trainees may not unmute themselves.
    pub self_unmute_locked: bool,
    /// The truth has been revealed to everyone.
    pub revealed: bool,
    /// Who has the lead.
    pub lead: Option<ParticipantId>,
    /// The seal's number as fitted now (changes on re-seal).
    pub seal_number: String,
    /// Whether the container has been re-sealed, closing the inspection.
    pub resealed: bool,
    /// Whether new observers may join (the session's, carried from drill to drill).
    pub observers_open: bool,
    /// This drill's number in the session, from 1 (a debrief opens `1..=drill`).
    pub drill: u32,
    /// The risk-assessment stage is open: trainees choose which container to examine
    /// ([`crate::Intent::Choose`]) and no door opens until it closes.
    pub risk_open: bool,
    /// Who has chosen in the risk-assessment stage (not what: each chooses alone), sorted.
    pub chosen: Vec<ParticipantId>,
}

impl DrillState {
    /// `who` chose in the risk-assessment stage; the stage closes once every trainee in
    /// `trainees` (those present) has chosen. Pure, and the only place the rule is written: the
    /// tick, the replay of a log and the resume after a crash all go through it.
    pub fn choose(&mut self, who: ParticipantId, trainees: &[ParticipantId]) {
        if let Err(at) = self.chosen.binary_search(&who) {
            self.chosen.insert(at, who);
        }
        self.all_chosen(trainees);
    }

    /// A trainee left: the stage closes if every trainee still present (`trainees`, one at
    /// least) has chosen. Returns whether it closed.
    pub fn all_chosen(&mut self, trainees: &[ParticipantId]) -> bool {
        let all = !trainees.is_empty() && trainees.iter().all(|t| self.chosen.binary_search(t).is_ok());
        let closes = self.risk_open && all;
        if closes {
            self.risk_open = false;
        }
        closes
    }
}

/// Per-participant flags: set by the instructor, the voice ones partly by the participant.
#[derive(Debug, Clone, PartialEq, Eq, Default, Encode, Decode)]
pub struct Flags {
    /// Intents refused.
    pub frozen: bool,
    /// Voice muted.
    pub muted: bool,
    /// The language this participant interprets into (set by the instructor or the roster):
    /// their voice goes only to the listeners on that channel.
    pub interprets: Option<String>,
    /// The interpretation channel this participant listens to (their own choice); `None` is
    /// the floor.
    pub channel: Option<String>,
    /// The hand this participant points with, if they point (their own choice).
    pub pointing: Option<Hand>,
}

/// A concealment, as revealed at the debrief (or to instructors at any time).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Concealment {
    /// The scenario's id for it.
    pub id: String,
    /// What it is.
    pub category: Category,
    /// Where, in millimetres.
    pub place: [i32; 3],
    /// How it is hidden, in words.
    pub description: String,
    /// The indicators that can reveal it.
    pub indicators: Vec<String>,
}

/// The hidden truth of the running scenario.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Truth {
    /// Active concealments (none in a clean container).
    pub concealments: Vec<Concealment>,
    /// Each package's real content.
    pub contents: Vec<(NetId, String)>,
    /// The real gross mass in kilograms.
    pub real_gross_kg: u32,
}

/// One participant's connection as the server sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub struct Quality {
    /// Who.
    pub participant: ParticipantId,
    /// Smoothed round trip in milliseconds.
    pub rtt_ms: u16,
    /// Packets lost, per thousand sent.
    pub loss_permille: u16,
}

/// A sign in a container's papers that calls for its examination: what a trainee cites when
/// choosing which container to examine in the risk-assessment stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode)]
pub enum RiskSign {
    /// The route runs through a port known for the trade concealed, or doubles back.
    Route,
    /// The HS code does not fit the description of the goods.
    HsCode,
    /// The declared mass does not fit the goods and packages.
    Weight,
    /// A shipper or consignee new to the trade, unknown, or a freight forwarder alone.
    Parties,
    /// The seal number on the papers differs from the one reported fitted.
    Seal,
    /// The goods are described vaguely ("general cargo", "parts", "samples").
    Description,
}

impl RiskSign {
    /// Every sign, in wire order.
    pub const ALL: [RiskSign; 6] =
        [RiskSign::Route, RiskSign::HsCode, RiskSign::Weight, RiskSign::Parties, RiskSign::Seal, RiskSign::Description];

    /// Its name in scenario files, reports and message keys (`sign-NAME`).
    pub fn id(self) -> &'static str {
        match self {
            RiskSign::Route => "route",
            RiskSign::HsCode => "hs-code",
            RiskSign::Weight => "weight",
            RiskSign::Parties => "parties",
            RiskSign::Seal => "seal",
            RiskSign::Description => "description",
        }
    }

    /// The sign named `id` in a scenario file.
    pub fn from_id(id: &str) -> Option<RiskSign> {
        RiskSign::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// One container's papers in the risk-assessment stage, as they arrive before any door opens.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Candidate {
    /// Its ISO 6346 number.
    pub container_number: String,
    /// Its papers.
    pub documents: Documents,
}

/// The declared documents of the shipment.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Documents {
    /// Shipper.
    pub shipper: String,
    /// Consignee.
    pub consignee: String,
    /// Ports of the route, UN/LOCODE.
    pub route: Vec<String>,
    /// The seal number on the documents.
    pub seal_number: String,
    /// Declared gross mass in kilograms.
    pub declared_gross_kg: u32,
    /// Manifest lines.
    pub lines: Vec<ManifestLine>,
}

/// One line of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct ManifestLine {
    /// Description of goods.
    pub description: String,
    /// HS code.
    pub hs_code: String,
    /// Number of packages.
    pub packages: u32,
    /// Declared gross mass in kilograms.
    pub gross_kg: u32,
}
