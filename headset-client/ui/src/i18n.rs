//! The interface in the reader's language: every word the clients show comes from the Fluent
//! files in `locales/`, one per language, compiled in. The language is the participant's own
//! (from the invite or `--locale`), else the system's, else English; a message missing in a
//! translation falls back to English rather than to its key. The machinery is
//! `crossdock_i18n`'s, shared with the server's reports.

pub use crossdock_i18n::{kebab, system_locale};

/// The languages the interface ships in, by tag, with their Fluent source.
pub static LANGUAGES: [(&str, &str); 8] = [
    ("en", include_str!("../locales/en.ftl")),
    ("th", include_str!("../locales/th.ftl")),
    ("ko", include_str!("../locales/ko.ftl")),
    ("zh-Hans", include_str!("../locales/zh-Hans.ftl")),
    ("vi", include_str!("../locales/vi.ftl")),
    ("ja", include_str!("../locales/ja.ftl")),
    ("ms", include_str!("../locales/ms.ftl")),
    ("id", include_str!("../locales/id.ftl")),
];

/// Each interface language's name in itself, for pickers (an interpretation channel): a reader
/// finds their own language by its own name, whatever the interface's.
pub fn endonym(tag: &str) -> &str {
    match tag {
        "en" => "English",
        "th" => "ไทย",
        "ko" => "한국어",
        "zh-Hans" => "中文",
        "vi" => "Tiếng Việt",
        "ja" => "日本語",
        "ms" => "Bahasa Melayu",
        "id" => "Bahasa Indonesia",
        other => other,
    }
}

/// The interface's words in one language.
pub type Words = crossdock_i18n::Words;

/// The interface language closest to `requested`, if any.
pub fn closest(requested: &str) -> Option<&'static str> {
    crossdock_i18n::closest(&LANGUAGES, requested)
}

/// The interface language to show: the first of `preferred` we ship, else the system's, else
/// English.
pub fn choose(preferred: &[&str]) -> &'static str {
    crossdock_i18n::choose(&LANGUAGES, preferred)
}

/// The interface's words in `language`.
pub fn words(language: &str) -> Words {
    Words::new(&LANGUAGES, language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_with_the_same_arguments() {
        let english = fluent_syntax::parser::parse(LANGUAGES[0].1).expect("English parses").body.len();
        assert!(english > 50, "the English file lists the interface: {english} entries");
        assert_eq!(crossdock_i18n::problems(&LANGUAGES), Vec::<String>::new());
    }

    #[test]
    fn the_reader_gets_their_language_and_english_behind_it() {
        assert_eq!(closest("zh-TW"), Some("zh-Hans"));
        assert_eq!(closest("ko-KR"), Some("ko"));
        assert_eq!(closest("in"), Some("id"));
        assert_eq!(choose(&["fr", "vi-VN"]), "vi");
        let thai = words("th");
        assert_ne!(thai.get("participants"), words("en").get("participants"));
        let text = words("en").with("participants-count", &[("count", 6.into())]);
        assert!(text.contains('6') && !text.contains('\u{2068}'), "{text}");
    }
}
