//! Words in the reader's language, for the clients' interface and the server's reports. Each
//! side ships its own Fluent files (one per language, compiled in) as a [`Catalogue`]; this
//! crate chooses the language, fills messages in with English behind every other language, and
//! checks that a catalogue is complete. Names and scenario text are never translated: they are
//! arguments, shown as written.

use std::collections::BTreeSet;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentValue;

/// A side's translations: language tag and Fluent source, English first.
pub type Catalogue = [(&'static str, &'static str)];

/// The domain's words, one catalogue for every side (clients, reports, the console page):
/// tools (`tool-x-ray`), roles (`role-trainee`), finding and concealment categories
/// (`category-false-wall`), procedure steps (`step-check-seal`) and refusals (`deny-frozen`).
/// Every [`Words`] has them behind its own side's messages; no side defines them again.
pub static DOMAIN: [(&str, &str); 8] = [
    ("en", include_str!("../locales/en.ftl")),
    ("th", include_str!("../locales/th.ftl")),
    ("ko", include_str!("../locales/ko.ftl")),
    ("zh-Hans", include_str!("../locales/zh-Hans.ftl")),
    ("vi", include_str!("../locales/vi.ftl")),
    ("ja", include_str!("../locales/ja.ftl")),
    ("ms", include_str!("../locales/ms.ftl")),
    ("id", include_str!("../locales/id.ftl")),
];

/// The language of `catalogue` closest to `requested` (a BCP 47 tag such as `th-TH`, `zh-CN`,
/// `ko`, or a POSIX locale such as `th_TH.UTF-8`), if any: the language decides; Chinese of
/// any region reads the catalogue's Chinese.
pub fn closest(catalogue: &Catalogue, requested: &str) -> Option<&'static str> {
    let tag = requested.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let id: LanguageIdentifier = tag.parse().ok()?;
    let language = match id.language.as_str() {
        "in" => "id",
        other => other,
    };
    catalogue.iter().map(|(t, _)| *t).find(|t| t.split('-').next() == Some(language))
}

/// The system's locale as a BCP 47 tag (`th_TH.UTF-8` → `th-TH`), if it names a language
/// (the POSIX `C` locale does not).
pub fn system_locale() -> Option<String> {
    let raw = sys_locale::get_locale()?;
    let tag = raw.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let id: LanguageIdentifier = tag.parse().ok()?;
    (id.language.as_str() != "und").then(|| id.to_string())
}

/// The language to use: the first of `preferred` the catalogue has, else the system's, else
/// English.
pub fn choose(catalogue: &Catalogue, preferred: &[&str]) -> &'static str {
    let system = system_locale();
    preferred.iter().copied().chain(system.as_deref()).find_map(|p| closest(catalogue, p)).unwrap_or("en")
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

/// The bundle of `tag`: the side's messages and the domain's (English's where the domain has
/// no such language).
fn bundle(catalogue: &Catalogue, tag: &'static str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would show as boxes in labels and as noise in
    // Markdown; our arguments (names, numbers) sit in their own cells or at the line's end.
    bundle.set_use_isolating(false);
    for catalogue in [catalogue, &DOMAIN[..]] {
        let source = catalogue.iter().find(|(t, _)| *t == tag).map_or(catalogue[0].1, |(_, s)| *s);
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
            tracing::error!(language = tag, ?errors, "a translation file has errors; using what parses");
            partial
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(language = tag, ?errors, "a translation file defines a message twice");
        }
    }
    bundle
}

impl Words {
    /// The words of `language` from `catalogue` (the closest it has; English if none).
    pub fn new(catalogue: &'static Catalogue, language: &str) -> Words {
        let language = closest(catalogue, language).unwrap_or(catalogue[0].0);
        Words { language, bundle: bundle(catalogue, language), english: bundle(catalogue, catalogue[0].0) }
    }

    /// The language shown.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// The message `key`.
    pub fn get(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key`, if any language has it (for keys made from data, such as a step a
    /// scenario file names).
    pub fn find(&self, key: &str) -> Option<String> {
        self.fill(key, None)
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
        self.fill(key, args).unwrap_or_else(|| {
            tracing::warn!(key, "no message with this key in any language");
            key.to_owned()
        })
    }

    fn fill(&self, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        [&self.bundle, &self.english].into_iter().find_map(|bundle| {
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, ?errors, "a message could not be filled in");
            }
            Some(text.into_owned())
        })
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

/// What is wrong with `catalogue`, one line per problem: a file that does not parse, a message
/// English has and a language lacks (or the reverse), a message whose arguments differ from
/// English's, a file whose header does not say who must review it. Empty when complete.
pub fn problems(catalogue: &Catalogue) -> Vec<String> {
    let parse = |tag: &str, source: &str| -> Result<Vec<(String, BTreeSet<String>)>, String> {
        let resource = fluent_syntax::parser::parse(source).map_err(|(_, e)| format!("{tag}: {e:?}"))?;
        Ok(resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    Some((m.id.name.to_owned(), variables(&format!("{:?}", m.value))))
                }
                _ => None,
            })
            .collect())
    };
    let mut out = Vec::new();
    let english = match parse(catalogue[0].0, catalogue[0].1) {
        Ok(e) => e,
        Err(e) => return vec![e],
    };
    // A side never defines a domain word again: one place for each.
    if !std::ptr::eq(catalogue, &DOMAIN[..])
        && let Ok(domain) = parse("domain", DOMAIN[0].1)
    {
        for (key, _) in english.iter().filter(|(k, _)| domain.iter().any(|(d, _)| d == k)) {
            out.push(format!("{key} is a domain word: it lives in protocol/i18n/locales, not here"));
        }
    }
    for (tag, source) in &catalogue[1..] {
        let theirs = match parse(tag, source) {
            Ok(t) => t,
            Err(e) => {
                out.push(e);
                continue;
            }
        };
        for (key, vars) in &english {
            match theirs.iter().find(|(k, _)| k == key) {
                None => out.push(format!("{tag} has no message {key}")),
                Some((_, v)) if v != vars => {
                    out.push(format!("{tag}: {key} must use the arguments {vars:?}, not {v:?}"))
                }
                Some(_) => {}
            }
        }
        for (key, _) in &theirs {
            if !english.iter().any(|(k, _)| k == key) {
                out.push(format!("{tag} has {key}, which English lacks"));
            }
        }
        if !source.lines().take(6).any(|l| l.starts_with('#') && l.contains("review")) {
            out.push(format!("{tag}: the header must say it needs review by a native speaker"));
        }
    }
    out
}

/// The variable names in a message's debug form.
fn variables(debug: &str) -> BTreeSet<String> {
    debug
        .split("VariableReference { id: Identifier { name: \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    static SAMPLE: [(&str, &str); 2] = [
        ("en", "hello = Hello, { $name }!\nbye = Bye"),
        ("th", "# needs review by a native speaker\nhello = สวัสดี { $name }"),
    ];

    #[test]
    fn the_reader_gets_their_language_and_english_behind_it() {
        assert_eq!(closest(&SAMPLE, "th_TH.UTF-8"), Some("th"));
        assert_eq!(closest(&SAMPLE, "de-DE"), None);
        assert_eq!(choose(&SAMPLE, &["fr", "th-TH"]), "th");
        let thai = Words::new(&SAMPLE, "th");
        let hello = thai.with("hello", &[("name", "สมชาย".into())]);
        assert_eq!(hello, "สวัสดี สมชาย", "no isolation marks around the name");
        assert_eq!(thai.get("bye"), "Bye", "a missing message falls back to English");
        assert_eq!(thai.get("nothing"), "nothing");
        assert_eq!(thai.find("nothing"), None);
    }

    #[test]
    fn an_incomplete_catalogue_is_reported() {
        assert_eq!(problems(&SAMPLE), ["th has no message bye"]);
        static WRONG: [(&str, &str); 2] = [("en", "hello = Hi { $name }"), ("ko", "hello = 안녕 { $who }")];
        let found = problems(&WRONG);
        assert!(found.iter().any(|p| p.contains("must use the arguments")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("review")), "{found:?}");
    }

    #[test]
    fn the_domain_words_are_complete_in_every_language_and_behind_every_side() {
        assert_eq!(problems(&DOMAIN), Vec::<String>::new());
        let thai = Words::new(&SAMPLE, "th");
        assert_eq!(thai.get("tool-x-ray"), "เอกซเรย์");
        static AGAIN: [(&str, &str); 1] = [("en", "tool-x-ray = X-ray")];
        assert_eq!(problems(&AGAIN), ["tool-x-ray is a domain word: it lives in protocol/i18n/locales, not here"]);
    }

    #[test]
    fn variant_names_become_message_keys() {
        assert_eq!(kebab("OutOfReach"), "out-of-reach");
        assert_eq!(kebab("Frozen"), "frozen");
    }
}
