//! The drill's values in the reader's words: roles, tools, categories, readings, judgements,
//! refusals. Names and scenario text are shown as written; everything else goes through the
//! translation files.

use crossdock_protocol::Role;
use crossdock_protocol::debrief::{Marker, MarkerKind};
use crossdock_protocol::drill::{Category, FindingStatus, ReadingValue, Tool};
use crossdock_protocol::messages::DenyReason;
use crossdock_protocol::phrase::{Phrase, ScenarioPhrase};

use crate::i18n::{Words, kebab};

/// A role's name.
pub fn role(words: &Words, role: Role) -> String {
    words.get(&format!("role-{}", kebab(&format!("{role:?}"))))
}

/// A tool's name.
pub fn tool(words: &Words, tool: Tool) -> String {
    words.get(&format!("tool-{}", kebab(&format!("{tool:?}"))))
}

/// A finding category's name.
pub fn category(words: &Words, category: Category) -> String {
    words.get(&format!("category-{}", category.as_str()))
}

/// What happened at a debrief's marker, in words.
pub fn marker(words: &Words, kind: MarkerKind) -> String {
    match kind {
        MarkerKind::Finding { category: c, cosigned } => {
            let key = if cosigned { "marker-cosigned" } else { "marker-finding" };
            words.with(key, &[("category", category(words, c).into())])
        }
        MarkerKind::Judgement { confirmed } => {
            words.get(if confirmed { "marker-confirmed" } else { "marker-rejected" })
        }
        MarkerKind::Reading { tool: t } => words.with("marker-reading", &[("tool", tool(words, t).into())]),
        MarkerKind::Opened => words.get("marker-opened"),
        MarkerKind::Door { open } => words.get(if open { "marker-door-opened" } else { "marker-door-closed" }),
        MarkerKind::Resealed => words.get("marker-resealed"),
        MarkerKind::Paused => words.get("marker-paused"),
        MarkerKind::Resumed => words.get("marker-resumed"),
        MarkerKind::Revealed => words.get("marker-revealed"),
        MarkerKind::Talk { ms } => words.with("marker-talk", &[("seconds", ms.div_ceil(1000).into())]),
        MarkerKind::Bookmark => words.get("marker-bookmark"),
        MarkerKind::Said => words.get("marker-said"),
        MarkerKind::Caption => words.get("marker-caption"),
    }
}

/// A phrase in the reader's language: the catalogues' sentence, tool or finding, or the
/// scenario's own text (`own`); an unknown scenario phrase by its id.
pub fn phrase(words: &Words, phrase: &Phrase, own: Option<&ScenarioPhrase>) -> String {
    match (phrase.key(), own) {
        (Some(key), _) => words.get(&key),
        (None, Some(own)) => own.text(words.language()).to_owned(),
        (None, None) => phrase.id(),
    }
}

/// A marker's text in the reader's language: a said phrase translated, any other label (a
/// package's content, a seal number, a note) as written.
pub fn marker_label(words: &Words, marker: &Marker, own: &[ScenarioPhrase]) -> String {
    match (marker.kind, Phrase::from_id(&marker.label)) {
        (MarkerKind::Said, Some(said)) => phrase(words, &said, said.own(own)),
        _ => marker.label.clone(),
    }
}

/// A judgement in a word.
pub fn status(words: &Words, status: FindingStatus) -> String {
    words.get(&format!("status-{}", kebab(&format!("{status:?}"))))
}

/// Why the server refused, in a sentence.
pub fn denied(words: &Words, reason: DenyReason) -> String {
    words.with("denied", &[("reason", words.get(&format!("deny-{}", kebab(&format!("{reason:?}")))).into())])
}

/// The second line of a name plate: administration and role.
pub fn person_detail(words: &Words, administration: &str, who: Role) -> String {
    if administration.is_empty() { role(words, who) } else { format!("{administration} · {}", role(words, who)) }
}

/// A seal's condition in the reader's language when it is one of ours (`intact`, `intact
/// (re-sealed)`); a condition a scenario wrote itself (`cut and re-glued`) as written.
pub fn seal_condition(words: &Words, condition: &str) -> String {
    let key: String = condition
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    words.find(&format!("seal-{key}")).unwrap_or_else(|| condition.to_owned())
}

/// A reading: the tool and what it showed.
pub fn reading(words: &Words, which: Tool, value: &ReadingValue) -> String {
    let value = match value {
        ReadingValue::Documents => words.get("reading-documents"),
        ReadingValue::Seal { number, condition } => {
            let condition = seal_condition(words, condition);
            words.with("reading-seal", &[("number", number.clone().into()), ("condition", condition.into())])
        }
        ReadingValue::Distance { mm } => words.with("reading-distance", &[("mm", (*mm).into())]),
        ReadingValue::Mass { kg } => words.with("reading-mass", &[("kg", (*kg).into())]),
        ReadingValue::Image { width, height, .. } => {
            words.with("reading-image", &[("width", (*width).into()), ("height", (*height).into())])
        }
        ReadingValue::Density { kg_m3 } => words.with("reading-density", &[("value", (*kg_m3).into())]),
        ReadingValue::Trace { alarm: true, class } => {
            words.with("reading-trace-alarm", &[("class", class.clone().into())])
        }
        ReadingValue::Trace { alarm: false, .. } => words.get("reading-trace-clear"),
        ReadingValue::DoseRate { nsv_h } => words.with("reading-dose", &[("value", (*nsv_h).into())]),
        ReadingValue::View { text } => text.clone(),
        ReadingValue::Opened { content, .. } => words.with("reading-opened", &[("content", content.clone().into())]),
    };
    format!("{}: {value}", tool(words, which))
}

/// What the trigger does now: a tool's name, or marking a finding.
pub fn mode(words: &Words, mode: crossdock_client::interact::Mode) -> String {
    match mode {
        crossdock_client::interact::Mode::Tool(which) => tool(words, which),
        crossdock_client::interact::Mode::Mark => words.get("mode-mark"),
    }
}

/// Minutes and seconds.
pub fn clock(elapsed: std::time::Duration) -> String {
    let s = elapsed.as_secs();
    format!("{:02}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_words_in_every_language() {
        for (tag, _) in crate::i18n::LANGUAGES {
            let words = crate::i18n::words(tag);
            let mut keys: Vec<String> = Vec::new();
            keys.extend([Role::Instructor, Role::Trainee, Role::Observer].map(|r| role(&words, r)));
            keys.extend(Tool::ALL.map(|t| tool(&words, t)));
            keys.extend(Category::ALL.map(|c| category(&words, c)));
            keys.extend(
                [FindingStatus::Open, FindingStatus::Confirmed, FindingStatus::Rejected].map(|s| status(&words, s)),
            );
            for reason in DenyReason::ALL {
                keys.push(denied(&words, reason));
            }
            for text in keys {
                assert!(
                    !text.is_empty()
                        && !text.contains("deny-")
                        && !text.contains("tool-")
                        && !text.contains("category-"),
                    "{tag}: a value has no words: {text:?}"
                );
            }
        }
    }

    #[test]
    fn readings_read_as_tool_and_value() {
        let words = crate::i18n::words("en");
        assert_eq!(reading(&words, Tool::Scale, &ReadingValue::Mass { kg: 14 }), "Scale: 14 kg");
    }

    #[test]
    fn our_seal_conditions_are_translated_and_a_scenarios_own_stay_as_written() {
        let thai = crate::i18n::words("th");
        assert_eq!(seal_condition(&thai, "intact"), "สมบูรณ์");
        assert_eq!(seal_condition(&thai, "intact (re-sealed)"), "สมบูรณ์ (ปิดผนึกใหม่)");
        let own = "intact, but the number differs from the documents";
        assert_eq!(seal_condition(&thai, own), own);
    }
}
