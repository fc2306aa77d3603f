//! The fonts every Crossdock window ships with, so a fresh machine shows every participant's
//! name in their own script: Noto Sans (Latin with Vietnamese, Greek, Cyrillic), Noto Sans Thai,
//! and a subset of Noto Sans CJK (Chinese, Japanese, Korean; `fonts/subset.sh` says which
//! characters). Licence: `fonts/OFL.txt`. A character none of them has is looked up in the
//! system's fonts ([`SystemFonts`]) before it would show as a box.
//!
//! A browser build leaves the CJK subset (5 MB) out of its bundle: the page fetches it only when
//! a name or the reader's language needs it ([`needs_cjk`], [`add_cjk`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider, InsertFontFamily};
use egui::{FontData, FontDefinitions, FontFamily};

const LATIN: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const THAI: &[u8] = include_bytes!("../fonts/NotoSansThai-Regular.ttf");
#[cfg(not(target_arch = "wasm32"))]
const CJK: &[u8] = include_bytes!("../fonts/NotoSansCJK-subset.otf");

/// The CJK subset's name among the fonts.
const CJK_NAME: &str = "noto-sans-cjk";

/// Our fonts, in the order a character is looked for: Latin first (its digits and punctuation
/// are the ones we want everywhere), then Thai, then CJK (native builds; a browser adds it when
/// needed with [`add_cjk`]).
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::empty();
    #[cfg(not(target_arch = "wasm32"))]
    let fonts = [("noto-sans", LATIN), ("noto-sans-thai", THAI), (CJK_NAME, CJK)];
    #[cfg(target_arch = "wasm32")]
    let fonts = [("noto-sans", LATIN), ("noto-sans-thai", THAI)];
    for (name, bytes) in &fonts {
        defs.font_data.insert((*name).to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families.insert(family, fonts.iter().map(|(n, _)| (*n).to_owned()).collect());
    }
    defs
}

/// Installs our fonts, and (native builds) the system's as the fallback, in `ctx`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    #[cfg(not(target_arch = "wasm32"))]
    ctx.add_font_provider(Arc::new(SystemFonts::default()));
}

/// Adds the CJK subset, fetched by a browser build, behind our other fonts in `ctx`.
pub fn add_cjk(ctx: &egui::Context, bytes: Vec<u8>) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .map(|family| InsertFontFamily { family, priority: egui::epaint::text::FontPriority::Lowest });
    ctx.add_font(FontInsert::new(CJK_NAME, FontData::from_owned(bytes), families.to_vec()));
}

/// Whether `text` has a character only the CJK subset draws (Han, kana, Hangul, CJK marks).
pub fn needs_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
                | 0x20000..=0x3FFFF)
    })
}

/// Where Linux keeps fonts.
const SYSTEM_DIRS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts"];
/// Font files bigger than this are not read for one missing character.
const MAX_FONT_BYTES: u64 = 64 << 20;

/// A fallback for characters our fonts lack: the first system font file whose character map
/// has it. The list of files is made on the first miss; each file is read only when asked.
#[derive(Debug, Default)]
pub struct SystemFonts {
    files: Mutex<Option<Vec<PathBuf>>>,
}

impl FontProvider for SystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let files = files.get_or_insert_with(|| {
            let mut found = Vec::new();
            let home = std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share/fonts"));
            for dir in SYSTEM_DIRS.iter().map(PathBuf::from).chain(home) {
                collect_fonts(&dir, &mut found, 0);
            }
            found.sort();
            found
        });
        for path in files.iter() {
            let Ok(bytes) = std::fs::read(path) else { continue };
            if let Some(index) = face_with(&bytes, c) {
                tracing::debug!(path = %path.display(), ?c, "a system font has the character");
                let mut data = FontData::from_owned(bytes);
                data.index = index;
                let families = vec![InsertFontFamily {
                    family: request.family.clone(),
                    priority: egui::epaint::text::FontPriority::Lowest,
                }];
                return Some(FontInsert { name: path.display().to_string(), data, families });
            }
        }
        tracing::debug!(?c, "no font here has the character");
        None
    }
}

fn collect_fonts(dir: &Path, found: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() && depth < 4 {
            collect_fonts(&path, found, depth + 1);
        } else if meta.len() <= MAX_FONT_BYTES
            && path.extension().is_some_and(|e| ["ttf", "otf", "ttc", "otc"].iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            found.push(path);
        }
    }
}

/// The index of the first face in `bytes` (a font file or collection) that maps `c`.
fn face_with(bytes: &[u8], c: char) -> Option<u32> {
    use skrifa::MetadataProvider;
    let file = skrifa::raw::FileRef::new(bytes).ok()?;
    file.fonts().enumerate().find_map(|(i, font)| {
        let font = font.ok()?;
        font.charmap().map(c).is_some().then_some(u32::try_from(i).ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_of_the_class_is_in_our_fonts() {
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions());
        ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        for name in crate::SAMPLE_NAMES.iter().chain(["관찰자 Park", "Siti Nurhaliza", "Đặng Thị Ngọc Hà"].iter())
        {
            let missing: Vec<char> = name.chars().filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&font, *c))).collect();
            assert!(missing.is_empty(), "{name}: no glyph for {missing:?}");
        }
    }

    #[test]
    fn a_file_that_is_no_font_has_no_face() {
        assert_eq!(face_with(b"not a font at all", 'A'), None);
        assert_eq!(face_with(LATIN, 'A'), Some(0));
        assert_eq!(face_with(LATIN, '김'), None);
        assert_eq!(face_with(CJK, '김'), Some(0));
    }
}
