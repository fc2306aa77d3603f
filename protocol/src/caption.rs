//! Live captions: what a speaker said, in the speaker's own language, as the server's speech
//! worker heard it (`PROTOCOL.md` §13, "Live captions"). A segment is one stretch of speech;
//! its partial texts are replaced by later ones, and its last one is final.

use bincode::{Decode, Encode};

use crate::ids::ParticipantId;

/// The longest caption text, in characters.
pub const MAX_CAPTION: usize = 400;

/// One caption, partial or final.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
pub struct Caption {
    /// The speaker.
    pub by: ParticipantId,
    /// Counts the speaker's segments; a later caption of the same segment replaces an earlier.
    pub segment: u32,
    /// The words, at most [`MAX_CAPTION`] characters; empty when a segment held no speech.
    pub text: String,
    /// The segment's final text: no more will come for it.
    pub last: bool,
}

/// A recogniser's text made fit to show: control characters gone, white space collapsed, cut
/// to [`MAX_CAPTION`] characters.
pub fn clean(text: &str) -> String {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(MAX_CAPTION).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_text_is_cleaned_and_capped() {
        assert_eq!(clean("  Check\tthe seal\u{0}\n number. "), "Check the seal number.");
        assert_eq!(clean(&"ก".repeat(1000)).chars().count(), MAX_CAPTION);
        assert_eq!(clean(" \n "), "");
    }
}
