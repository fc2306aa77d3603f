//! The reports' words: the languages reports are written in (`server/locales/*.ftl`, with the
//! domain's words behind them) and the choice of one.

use crossdock_i18n::Words;

/// The languages reports are written in, by tag, with their Fluent source.
pub static LANGUAGES: [(&str, &str); 8] = [
    ("en", include_str!("../../locales/en.ftl")),
    ("th", include_str!("../../locales/th.ftl")),
    ("ko", include_str!("../../locales/ko.ftl")),
    ("zh-Hans", include_str!("../../locales/zh-Hans.ftl")),
    ("vi", include_str!("../../locales/vi.ftl")),
    ("ja", include_str!("../../locales/ja.ftl")),
    ("ms", include_str!("../../locales/ms.ftl")),
    ("id", include_str!("../../locales/id.ftl")),
];

/// The report's words in `locale` (the closest language we write; English if none).
pub fn words(locale: &str) -> Words {
    Words::new(&LANGUAGES, locale)
}

/// The tags `--locale` accepts.
pub fn locales() -> Vec<&'static str> {
    LANGUAGES.iter().map(|(tag, _)| *tag).collect()
}
