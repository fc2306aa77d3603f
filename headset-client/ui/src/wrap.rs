//! Line breaking for every script. egui breaks lines at spaces and between CJK characters, but
//! Thai (like Lao, Khmer and Burmese) writes no spaces between words: left to itself a Thai line
//! breaks inside a word. Here the Unicode line breaking rules, with ICU's Thai dictionary, say
//! where a line may break, and lines are filled word by word.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

/// The segmenter, its dictionaries loaded once.
static SEGMENTER: std::sync::LazyLock<icu_segmenter::LineSegmenterBorrowed<'static>> =
    std::sync::LazyLock::new(|| LineSegmenter::new_dictionary(LineBreakOptions::default()));

/// Where `text` may break, as byte offsets (0 and `text.len()` included).
pub fn break_points(text: &str) -> Vec<usize> {
    SEGMENTER.segment_str(text).collect()
}

/// `text` cut into lines no wider than `width` where it can be, breaking only where the script
/// allows; `measure` gives a piece's width. A word wider than `width` gets a line of its own.
pub fn wrap(text: &str, width: f32, mut measure: impl FnMut(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let points = break_points(paragraph);
        let mut line = String::new();
        let mut line_width = 0.0;
        for pair in points.windows(2) {
            let piece = &paragraph[pair[0]..pair[1]];
            // Trailing spaces may hang past the edge.
            let piece_width = measure(piece.trim_end());
            if !line.is_empty() && line_width + piece_width > width {
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                line_width = 0.0;
            }
            line.push_str(piece);
            line_width += measure(piece);
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// A paragraph in `ui`, broken into lines between words in every script (egui alone would
/// break a Thai line inside a word), in `colour` if given.
pub fn paragraph(ui: &mut egui::Ui, text: &str, colour: Option<egui::Color32>) -> egui::Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let lines = wrap_for(ui.ctx(), text, &font, ui.available_width().max(40.0));
    let mut rich = egui::RichText::new(lines);
    if let Some(colour) = colour {
        rich = rich.color(colour);
    }
    ui.add(egui::Label::new(rich).extend())
}

/// [`wrap`] with egui's measure of `font`, joined into one string of lines.
pub fn wrap_for(ctx: &egui::Context, text: &str, font: &egui::FontId, width: f32) -> String {
    ctx.fonts_mut(|fonts| {
        wrap(text, width, |piece| fonts.layout_no_wrap(piece.to_owned(), font.clone(), egui::Color32::WHITE).size().x)
    })
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_breaks_between_words_only() {
        // "Check the seal before opening the container door."
        let text = "ตรวจสอบซีลก่อนเปิดประตูตู้คอนเทนเนอร์";
        let points = break_points(text);
        assert!(points.len() > 4, "the dictionary finds the words: {points:?}");
        let words: Vec<&str> = points.windows(2).map(|w| &text[w[0]..w[1]]).collect();
        assert!(words.contains(&"ตรวจ") && words.contains(&"ประตู"), "{words:?}");
        // Each character a unit wide: lines of at most 12 units, never splitting a word.
        let lines = wrap(text, 12.0, |s| s.chars().count() as f32);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text, "nothing lost or added");
        for line in &lines {
            assert!(words.iter().any(|w| line.starts_with(w)), "{line} starts with a whole word");
        }
    }

    #[test]
    fn latin_breaks_at_spaces_and_keeps_paragraphs() {
        let lines = wrap("open the left door\nthen look", 10.0, |s| s.chars().count() as f32);
        assert_eq!(lines, ["open the", "left door", "then look"]);
    }
}
