//! The interface in the reader's language: every word the clients show comes from the Fluent
//! files in `locales/`, one per language, compiled in. The language is the participant's own
//! (from the invite or `--locale`), else the system's, else English; a message missing in a
//! translation falls back to English rather than to its key.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The languages we ship, by tag, with their Fluent source.
pub const LANGUAGES: [(&str, &str); 8] = [
    ("en", include_str!("../locales/en.ftl")),
    ("th", include_str!("../locales/th.ftl")),
    ("ko", include_str!("../locales/ko.ftl")),
    ("zh-Hans", include_str!("../locales/zh-Hans.ftl")),
    ("vi", include_str!("../locales/vi.ftl")),
    ("ja", include_str!("../locales/ja.ftl")),
    ("ms", include_str!("../locales/ms.ftl")),
    ("id", include_str!("../locales/id.ftl")),
];

/// The shipped language closest to `requested` (a BCP 47 tag such as `th-TH`, `zh-CN`, `ko`,
/// or a POSIX locale such as `th_TH.UTF-8`), if any: the language decides; Chinese of any
/// region reads Simplified Chinese, our only Chinese.
pub fn closest(requested: &str) -> Option<&'static str> {
    let tag = requested.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let id: LanguageIdentifier = tag.parse().ok()?;
    let language = match id.language.as_str() {
        "in" => "id",
        other => other,
    };
    LANGUAGES.iter().map(|(t, _)| *t).find(|t| t.split('-').next() == Some(language))
}

/// The system's locale as a BCP 47 tag (`th_TH.UTF-8` → `th-TH`), if it names a language
/// (the POSIX `C` locale does not).
pub fn system_locale() -> Option<String> {
    let raw = sys_locale::get_locale()?;
    let tag = raw.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let id: LanguageIdentifier = tag.parse().ok()?;
    (id.language.as_str() != "und").then(|| id.to_string())
}

/// The language to show: the first of `preferred` we ship, else the system's, else English.
pub fn choose(preferred: &[&str]) -> &'static str {
    let system = system_locale();
    preferred.iter().copied().chain(system.as_deref()).find_map(closest).unwrap_or("en")
}

/// The words of one language, with English behind them.
pub struct Words {
    language: &'static str,
    bundle: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("language", &self.language).finish_non_exhaustive()
    }
}

fn bundle(tag: &'static str) -> FluentBundle<FluentResource> {
    let source = LANGUAGES.iter().find(|(t, _)| *t == tag).map_or(LANGUAGES[0].1, |(_, s)| *s);
    let id: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would show as boxes in labels; our arguments
    // (names, numbers) sit in their own widgets or at the line's end.
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
        tracing::error!(language = tag, ?errors, "a translation file has errors; using what parses");
        partial
    });
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(language = tag, ?errors, "a translation file defines a message twice");
    }
    bundle
}

impl Words {
    /// The words of `language` (a tag from [`LANGUAGES`]; anything else reads English).
    pub fn new(language: &str) -> Words {
        let language = closest(language).unwrap_or("en");
        Words { language, bundle: bundle(language), english: bundle("en") }
    }

    /// The language shown.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// The message `key`.
    pub fn get(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with its arguments.
    pub fn with(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.format(key, Some(&fluent))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [&self.bundle, &self.english] {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(key, ?errors, "a message could not be filled in");
                }
                return text.into_owned();
            }
        }
        tracing::warn!(key, "no message with this key in any language");
        key.to_owned()
    }
}

/// A Fluent-style key for a Rust enum variant's name: `OutOfReach` → `out-of-reach`.
pub fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast;

    use super::*;

    /// The message ids and, per message, the variables it uses.
    fn messages(source: &str) -> Vec<(String, BTreeSet<String>)> {
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, e)| panic!("{e:?}"));
        resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(m) => {
                    let text = format!("{:?}", m.value);
                    let vars = text
                        .split("VariableReference { id: Identifier { name: \"")
                        .skip(1)
                        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
                        .collect();
                    Some((m.id.name.to_owned(), vars))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_with_the_same_arguments() {
        let english = messages(LANGUAGES[0].1);
        assert!(english.len() > 50, "the English file lists the interface: {} messages", english.len());
        for (tag, source) in &LANGUAGES[1..] {
            let theirs = messages(source);
            for (key, vars) in &english {
                let found = theirs.iter().find(|(k, _)| k == key);
                let Some((_, their_vars)) = found else { panic!("{tag}.ftl has no message {key}") };
                assert_eq!(their_vars, vars, "{tag}.ftl: {key} must use the arguments {vars:?}");
            }
            for (key, _) in &theirs {
                assert!(english.iter().any(|(k, _)| k == key), "{tag}.ftl has {key}, which English lacks");
            }
            assert!(source.lines().take(5).any(|l| l.contains("review")), "{tag}.ftl says who must review it");
        }
    }

    #[test]
    fn the_reader_gets_their_language_and_english_behind_it() {
        assert_eq!(closest("th_TH.UTF-8"), Some("th"));
        assert_eq!(closest("zh-TW"), Some("zh-Hans"));
        assert_eq!(closest("ko-KR"), Some("ko"));
        assert_eq!(closest("in"), Some("id"));
        assert_eq!(closest("de-DE"), None);
        assert_eq!(choose(&["fr", "vi-VN"]), "vi");
        let thai = Words::new("th");
        assert_ne!(thai.get("participants"), Words::new("en").get("participants"));
        assert_eq!(thai.get("no-such-message"), "no-such-message");
        let text = Words::new("en").with("participants-count", &[("count", 6.into())]);
        assert!(text.contains('6') && !text.contains('\u{2068}'), "{text}");
    }

    #[test]
    fn variant_names_become_message_keys() {
        assert_eq!(kebab("OutOfReach"), "out-of-reach");
        assert_eq!(kebab("Frozen"), "frozen");
    }
}
