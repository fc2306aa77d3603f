//! Crossdock's user interface, shared by the desktop window and (on a panel) the headset: egui
//! widgets and painters over the client's plain view data, text shaped for every script the
//! class writes in, and every word from the Fluent files in `locales/`.
//!
//! - [`camera`]: the desktop and browser camera (free, follow, overview).
//! - [`fonts`]: the Noto fonts shipped with the client, and the system's as the fallback.
//! - [`i18n`]: the reader's language and its [`Words`].
//! - [`wrap`]: line breaking between words, Thai included.
//! - [`text`]: the drill's values (roles, tools, readings, refusals) in words.
//! - [`panel`]: the side panel, returning [`panel::Action`]s.
//! - [`plates`]: name plates and tags in the 3D scene, projected, never overlapping.
//! - [`tablet`]: the panel on a tablet in a headset, pointed at with a controller's ray.
//! - [`wheel`]: the phrase wheel (L) of the desktop window and the browser tab.

pub mod camera;
pub mod fonts;
pub mod i18n;
pub mod panel;
pub mod plates;
pub mod tablet;
pub mod text;
pub mod wheel;
pub mod wrap;

pub use i18n::Words;

/// The interface's colours, one meaning each.
pub mod colours {
    use egui::Color32;

    /// Needs a look: paused, an open finding, a notice, a missing feature.
    pub const ATTENTION: Color32 = Color32::from_rgb(255, 200, 80);
    /// Serious: the revealed truth, a rejection, removing someone, a recording session.
    pub const ALERT: Color32 = Color32::from_rgb(255, 120, 120);
    /// Settled well: a confirmed finding.
    pub const GOOD: Color32 = Color32::from_rgb(120, 220, 130);
}

/// Names of a cross-border class, each in its own script: the checks draw these.
pub const SAMPLE_NAMES: [&str; 6] = ["สมชาย ใจดี", "김민준", "王伟", "Nguyễn Văn An", "山田太郎", "王小明"];

/// Sets `ctx` up for Crossdock: our fonts, and text a little larger than egui's default so a
/// class reads it from a projector.
pub fn install(ctx: &egui::Context) {
    fonts::install(ctx);
    ctx.global_style_mut(|style| {
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = match text_style {
                egui::TextStyle::Heading => 22.0,
                egui::TextStyle::Small => 12.0,
                _ => 15.0,
            };
        }
    });
}
