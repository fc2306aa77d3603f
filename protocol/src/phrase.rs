//! Phrases that cross languages. A person picks a sentence from the phrasebook, a tool or a
//! finding by name, or one of the scenario's own lines; it travels as an id ([`Phrase`]) and
//! every reader sees it in their own language: the catalogues' `phrase-ID`, `tool-*` and
//! `category-*` messages, or the scenario's translations, which `WorldInit` carries
//! ([`ScenarioPhrase`]).

use bincode::{Decode, Encode};

use crate::drill::{Category, Tool};

/// Longest phrase id, bytes.
pub const MAX_PHRASE_ID: usize = 48;
/// Most phrases a scenario may add.
pub const MAX_SCENARIO_PHRASES: usize = 64;
/// Most languages one scenario phrase is written in.
pub const MAX_PHRASE_LANGUAGES: usize = 16;
/// Longest text of a scenario phrase in one language, bytes.
pub const MAX_PHRASE_TEXT: usize = 200;

/// What a person says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Encode, Decode)]
pub enum Phrase {
    /// A sentence of the phrasebook ([`PHRASEBOOK`]), by id: `phrase-ID` in every catalogue.
    Book(String),
    /// A tool, by name.
    Tool(Tool),
    /// A finding, by name.
    Category(Category),
    /// One of the scenario's own phrases, by its id in the scenario file.
    Scenario(String),
}

/// Where a phrasebook sentence sits in a menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Getting someone's attention, moving people.
    Attention,
    /// What one sees.
    Inspection,
    /// What one needs.
    Request,
    /// Answers.
    Answer,
}

impl Group {
    /// Every group, in menu order.
    pub const ALL: [Group; 4] = [Group::Attention, Group::Inspection, Group::Request, Group::Answer];

    /// Its catalogue key (`phrases-attention`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Group::Attention => "phrases-attention",
            Group::Inspection => "phrases-inspection",
            Group::Request => "phrases-request",
            Group::Answer => "phrases-answer",
        }
    }
}

/// The phrasebook: each sentence's id (`phrase-ID` in the catalogues) and its group, in menu
/// order. Ids are never reused for another meaning: a recorded drill names them.
pub const PHRASEBOOK: [(&str, Group); 32] = [
    ("look-here", Group::Attention),
    ("come-here", Group::Attention),
    ("follow-me", Group::Attention),
    ("stop", Group::Attention),
    ("wait", Group::Attention),
    ("careful", Group::Attention),
    ("step-back", Group::Attention),
    ("your-turn", Group::Attention),
    ("fresh-welds", Group::Inspection),
    ("fresh-paint", Group::Inspection),
    ("new-bolts", Group::Inspection),
    ("wall-too-thick", Group::Inspection),
    ("floor-uneven", Group::Inspection),
    ("seal-mismatch", Group::Inspection),
    ("weight-mismatch", Group::Inspection),
    ("looks-normal", Group::Inspection),
    ("check-the-seal-number", Group::Request),
    ("check-the-documents", Group::Request),
    ("need-the-x-ray", Group::Request),
    ("need-light", Group::Request),
    ("measure-this", Group::Request),
    ("open-this", Group::Request),
    ("help-me", Group::Request),
    ("mark-it", Group::Request),
    ("confirmed", Group::Answer),
    ("i-disagree", Group::Answer),
    ("yes", Group::Answer),
    ("no", Group::Answer),
    ("not-sure", Group::Answer),
    ("done", Group::Answer),
    ("say-again", Group::Answer),
    ("thank-you", Group::Answer),
];

/// A scenario's own phrase: its id and its text in each language it was written in, English
/// first.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct ScenarioPhrase {
    /// The id the scenario file gives it.
    pub id: String,
    /// (language tag, text), English first.
    pub texts: Vec<(String, String)>,
}

impl ScenarioPhrase {
    /// Its text in `language` (a catalogue tag: `th`, `zh-Hans`), else in English.
    pub fn text(&self, language: &str) -> &str {
        let base = |tag: &str| tag.split('-').next().unwrap_or(tag).to_owned();
        self.texts
            .iter()
            .find(|(l, _)| l == language)
            .or_else(|| self.texts.iter().find(|(l, _)| base(l) == base(language)))
            .or_else(|| self.texts.first())
            .map_or("", |(_, text)| text.as_str())
    }
}

impl Phrase {
    /// Whether it names a phrase that exists: a phrasebook id, a tool, a finding, or one of
    /// `scenario`'s ids.
    pub fn exists(&self, scenario: &[ScenarioPhrase]) -> bool {
        match self {
            Phrase::Book(id) => PHRASEBOOK.iter().any(|(p, _)| p == id),
            Phrase::Tool(_) | Phrase::Category(_) => true,
            Phrase::Scenario(_) => self.own(scenario).is_some(),
        }
    }

    /// The scenario's own phrase it names, with its texts, among `scenario`'s (none for a
    /// phrasebook sentence, a tool or a finding).
    pub fn own<'a>(&self, scenario: &'a [ScenarioPhrase]) -> Option<&'a ScenarioPhrase> {
        match self {
            Phrase::Scenario(id) => scenario.iter().find(|p| &p.id == id),
            _ => None,
        }
    }

    /// Its catalogue key (`phrase-look-here`, `tool-x-ray`, `category-false-wall`); `None` for
    /// a scenario's phrase, which carries its own texts.
    pub fn key(&self) -> Option<String> {
        match self {
            Phrase::Book(id) => Some(format!("phrase-{id}")),
            Phrase::Tool(tool) => Some(format!("tool-{}", tool.as_str())),
            Phrase::Category(category) => Some(format!("category-{}", category.as_str())),
            Phrase::Scenario(_) => None,
        }
    }

    /// The phrase [`Phrase::id`] wrote, if it names one.
    pub fn from_id(id: &str) -> Option<Phrase> {
        if let Some(tool) = id.strip_prefix("tool:") {
            return Tool::ALL.into_iter().find(|t| t.as_str() == tool).map(Phrase::Tool);
        }
        if let Some(category) = id.strip_prefix("category:") {
            return Category::parse(category).map(Phrase::Category);
        }
        if let Some(own) = id.strip_prefix("scenario:") {
            return Some(Phrase::Scenario(own.to_owned()));
        }
        PHRASEBOOK.iter().any(|(p, _)| *p == id).then(|| Phrase::Book(id.to_owned()))
    }

    /// The id as a recording or a report names it: `look-here`, `tool:x-ray`,
    /// `category:false-wall`, `scenario:ID`.
    pub fn id(&self) -> String {
        match self {
            Phrase::Book(id) => id.clone(),
            Phrase::Tool(tool) => format!("tool:{}", tool.as_str()),
            Phrase::Category(category) => format!("category:{}", category.as_str()),
            Phrase::Scenario(id) => format!("scenario:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrasebook_ids_are_unique_short_and_kebab_case() {
        let mut ids: Vec<&str> = PHRASEBOOK.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PHRASEBOOK.len(), "an id twice");
        for id in ids {
            assert!(id.len() <= MAX_PHRASE_ID && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{id}");
        }
    }

    #[test]
    fn a_phrase_exists_only_in_the_book_or_the_scenario() {
        let own =
            [ScenarioPhrase { id: "pallet-base".into(), texts: vec![("en".into(), "Check the pallet base".into())] }];
        assert!(Phrase::Book("look-here".into()).exists(&own));
        assert!(!Phrase::Book("look-there".into()).exists(&own));
        assert!(Phrase::Scenario("pallet-base".into()).exists(&own));
        assert!(!Phrase::Scenario("pallet-top".into()).exists(&own));
        assert!(Phrase::Tool(Tool::XRay).exists(&[]));
    }

    #[test]
    fn an_id_names_its_phrase_again() {
        for phrase in [
            Phrase::Book("look-here".into()),
            Phrase::Tool(Tool::XRay),
            Phrase::Category(Category::FalseWall),
            Phrase::Scenario("pallet-base".into()),
        ] {
            assert_eq!(Phrase::from_id(&phrase.id()), Some(phrase));
        }
        assert_eq!(Phrase::from_id("look-there"), None);
    }

    #[test]
    fn a_scenario_phrase_reads_in_the_readers_language_else_in_english() {
        let p = ScenarioPhrase {
            id: "pallet-base".into(),
            texts: vec![("en".into(), "Check the pallet base".into()), ("th".into(), "ตรวจฐานพาเลท".into())],
        };
        assert_eq!(p.text("th"), "ตรวจฐานพาเลท");
        assert_eq!(p.text("ko"), "Check the pallet base");
    }
}
