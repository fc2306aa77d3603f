//! Class rosters and personal invites: a CSV of learners in, one single-use invite per learner
//! out, with a QR code of each link (PNG and SVG) and one printable HTML sheet for the trainer.
//!
//! The roster is the centre's file and is read as hostile input like any other: size-limited,
//! every field checked, every problem reported with its line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::token::LearnerClaim;

/// The largest roster file read.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// The most learners in one roster.
pub const MAX_LEARNERS: usize = 1000;

/// One learner of the class.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Learner {
    /// The centre's id for the learner (officer id, LMS id); unique in the roster.
    pub learner_id: String,
    /// Their name, in their own script.
    pub display_name: String,
    /// Their administration's code (`TH`, `KR`, `CN`, `VN`, ...).
    pub administration: String,
    /// Their locale (`th`, `ko`, `zh-Hans`, `vi`, `ja`, `ms`, `id`, `en`).
    pub locale: String,
    /// Their account in the centre's learning system, when it is not the learner id.
    #[serde(default)]
    pub lms_account: Option<String>,
    /// The language they interpret into, when they are the class's interpreter (`ko`, `th`).
    #[serde(default)]
    pub interprets: Option<String>,
}

impl Learner {
    /// What a personal invite claims of this learner.
    pub fn claim(&self) -> LearnerClaim {
        LearnerClaim {
            id: self.learner_id.clone(),
            administration: self.administration.clone(),
            locale: self.locale.clone(),
            lms_account: self.lms_account.clone(),
        }
    }
}

/// Reads and checks a roster file. Errors name the file, the line and what to fix.
pub fn load(path: &Path) -> Result<Vec<Learner>> {
    let size = std::fs::metadata(path).with_context(|| format!("cannot read the roster {}", path.display()))?.len();
    anyhow::ensure!(
        size <= MAX_BYTES,
        "the roster {} is {size} bytes; a roster is at most {MAX_BYTES} bytes ({MAX_LEARNERS} learners)",
        path.display()
    );
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the roster {}: save it as UTF-8 CSV", path.display()))?;
    parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Parses roster text: a header
/// `learner_id,display_name,administration,locale[,lms_account][,interprets]`, then one learner
/// a line.
pub fn parse(text: &str) -> Result<Vec<Learner>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| format!("line 1: {e}"))?.clone();
    for required in ["learner_id", "display_name", "administration", "locale"] {
        if !header.iter().any(|h| h == required) {
            return Err(format!(
                "line 1: the header has no `{required}` column; it must read \
                 learner_id,display_name,administration,locale[,lms_account][,interprets]"
            ));
        }
    }
    let mut learners: Vec<Learner> = Vec::new();
    for (i, row) in reader.deserialize::<Learner>().enumerate() {
        let line = i + 2;
        let mut learner = row.map_err(|e| format!("line {line}: {e}"))?;
        if learner.lms_account.as_deref() == Some("") {
            learner.lms_account = None;
        }
        if learner.interprets.as_deref() == Some("") {
            learner.interprets = None;
        }
        check(&learner).map_err(|e| format!("line {line}: {e}"))?;
        if learners.iter().any(|l| l.learner_id == learner.learner_id) {
            return Err(format!("line {line}: learner id `{}` appears twice", learner.learner_id));
        }
        if learners.len() == MAX_LEARNERS {
            return Err(format!("line {line}: a roster holds at most {MAX_LEARNERS} learners"));
        }
        learners.push(learner);
    }
    if learners.is_empty() {
        return Err("the roster lists no learner: add one line per learner under the header".to_owned());
    }
    Ok(learners)
}

fn check(l: &Learner) -> Result<(), String> {
    let id_ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
    };
    if !id_ok(&l.learner_id) {
        return Err(format!(
            "learner id `{}` must be 1 to 64 letters, digits, `-`, `_`, `.` or `@` (it names the invite files)",
            l.learner_id
        ));
    }
    let name_chars = l.display_name.chars().count();
    if name_chars == 0 || name_chars > 64 || l.display_name.chars().any(char::is_control) {
        return Err(format!("display name of `{}` must be 1 to 64 characters on one line", l.learner_id));
    }
    if !(2..=3).contains(&l.administration.len()) || !l.administration.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(format!(
            "administration `{}` of `{}` must be a 2 or 3 letter code in capitals, e.g. TH, KR, CN, VN",
            l.administration, l.learner_id
        ));
    }
    let mut parts = l.locale.split('-');
    let language_ok =
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    if !language_ok || !parts.all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric())) {
        return Err(format!(
            "locale `{}` of `{}` must be a language tag such as th, ko, zh-Hans, vi, ja, ms, id, en",
            l.locale, l.learner_id
        ));
    }
    if let Some(account) = &l.lms_account
        && (account.len() > 128 || account.chars().any(char::is_control))
    {
        return Err(format!("lms_account of `{}` must be one line of at most 128 characters", l.learner_id));
    }
    if let Some(language) = &l.interprets
        && !crossdock_protocol::voice::valid_channel(language)
    {
        return Err(format!(
            "interprets `{language}` of `{}` must be a language tag such as ko, th, zh-Hans (or empty: not an interpreter)",
            l.learner_id
        ));
    }
    Ok(())
}

/// One learner's invite, ready to write.
#[derive(Debug, Clone)]
pub struct PersonalInvite {
    /// The learner.
    pub learner: Learner,
    /// The invite link.
    pub link: String,
}

/// Writes `ID.txt`, `ID.png` and `ID.svg` per learner and `sheet.html` into `dir`; returns the
/// sheet's path.
pub fn write(dir: &Path, session: &str, expires: &str, invites: &[PersonalInvite]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut cards = String::new();
    for invite in invites {
        let id = &invite.learner.learner_id;
        let code = qrcode::QrCode::with_error_correction_level(invite.link.as_bytes(), qrcode::EcLevel::M)
            .with_context(|| format!("the invite of `{id}` is too long for a QR code"))?;
        crate::identity::write_private(&dir.join(format!("{id}.txt")), format!("{}\n", invite.link).as_bytes())?;
        let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
        crate::identity::write_private(&dir.join(format!("{id}.svg")), svg.as_bytes())?;
        crate::identity::write_private(&dir.join(format!("{id}.png")), &qr_png(&code)?)?;
        card(&mut cards, invite, &svg);
    }
    let sheet = dir.join("sheet.html");
    crate::identity::write_private(&sheet, sheet_html(session, expires, invites.len(), &cards).as_bytes())?;
    Ok(sheet)
}

/// The QR code as a black-on-white PNG, 6 pixels a module, with the standard quiet zone.
fn qr_png(code: &qrcode::QrCode) -> Result<Vec<u8>> {
    const SCALE: usize = 6;
    const QUIET: usize = 4;
    let width = code.width();
    let side = (width + 2 * QUIET) * SCALE;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(out)
}

/// `text` as HTML text: nothing a learner or a roster wrote can become markup.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn card(out: &mut String, invite: &PersonalInvite, svg: &str) {
    let l = &invite.learner;
    let _ = write!(
        out,
        r#"<section class="card" lang="{lang}">
<div class="qr">{svg}</div>
<div class="who"><p class="name">{name}</p>
<p class="meta"><span class="admin">{admin}</span> · <span class="id">{id}</span></p>
<p class="how">Scan with the headset, or open the link in the Crossdock app.</p>
<p class="link">{link}</p></div>
</section>
"#,
        lang = html_escape(&l.locale),
        svg = svg.split_once("?>").map_or(svg, |(_, rest)| rest),
        name = html_escape(&l.display_name),
        admin = html_escape(&l.administration),
        id = html_escape(&l.learner_id),
        link = html_escape(&invite.link),
    );
}

fn sheet_html(session: &str, expires: &str, count: usize, cards: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Crossdock invites: {session}</title>
<style>
body {{ font-family: "Noto Sans", "Noto Sans Thai", "Noto Sans CJK SC", "Noto Sans CJK KR", "Noto Sans CJK JP", sans-serif; margin: 12mm; color: #111; }}
h1 {{ font-size: 18pt; margin: 0 0 2mm; }}
.intro {{ margin: 0 0 6mm; color: #444; }}
.cards {{ display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }}
.card {{ display: flex; gap: 5mm; border: 1px dashed #888; border-radius: 3mm; padding: 4mm; break-inside: avoid; }}
.qr svg {{ width: 38mm; height: 38mm; }}
.who {{ min-width: 0; }}
.name {{ font-size: 17pt; font-weight: 600; margin: 0 0 1mm; }}
.meta {{ margin: 0 0 2mm; font-size: 11pt; }}
.admin {{ font-weight: 600; }}
.id {{ font-family: monospace; }}
.how {{ font-size: 9pt; color: #444; margin: 0 0 1mm; }}
.link {{ font-family: monospace; font-size: 6pt; word-break: break-all; color: #555; margin: 0; }}
@media print {{ body {{ margin: 8mm; }} .intro {{ margin-bottom: 4mm; }} }}
</style>
</head>
<body>
<h1>Crossdock: session {session_text}</h1>
<p class="intro">{count} personal invites, each valid once, until {expires}. Cut along the dashed lines and hand each learner their own.</p>
<div class="cards">
{cards}</div>
</body>
</html>
"#,
        session = html_escape(session),
        session_text = html_escape(session),
        expires = html_escape(expires),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASS: &str = "\u{feff}learner_id,display_name,administration,locale,lms_account\n\
        TH-0001,สมชาย ใจดี,TH,th,\n\
        KR-0002,김민준,KR,ko,kim.minjun@lms\n\
        CN-0003,王伟,CN,zh-Hans,\n\
        VN-0004,Nguyễn Văn An,VN,vi,\n";

    #[test]
    fn a_multilingual_roster_parses_unchanged() {
        let class = parse(CLASS).unwrap();
        assert_eq!(class.len(), 4);
        assert_eq!(class[0].display_name, "สมชาย ใจดี");
        assert_eq!(class[1].lms_account.as_deref(), Some("kim.minjun@lms"));
        assert_eq!(class[2].lms_account, None);
        assert_eq!(class[3].display_name, "Nguyễn Văn An");
    }

    #[test]
    fn bad_rows_are_refused_with_their_line() {
        let header = "learner_id,display_name,administration,locale\n";
        let cases = [
            (format!("{header}TH-1,A,TH,th\nTH-1,B,TH,th\n"), "line 3: learner id `TH-1` appears twice"),
            (format!("{header}../x,A,TH,th\n"), "line 2: learner id"),
            (format!("{header}TH-1,A,thai,th\n"), "line 2: administration"),
            (format!("{header}TH-1,A,TH,thai language\n"), "line 2: locale"),
            (format!("{header}TH-1,,TH,th\n"), "line 2: display name"),
            (
                "learner_id,display_name,administration,locale,interprets\nKR-1,A,KR,ko,ko kr\n".to_owned(),
                "line 2: interprets `ko kr`",
            ),
            (header.to_owned(), "no learner"),
            ("id,name\n1,A\n".to_owned(), "line 1: the header has no `learner_id` column"),
        ];
        for (text, expected) in cases {
            let err = parse(&text).unwrap_err();
            assert!(err.contains(expected), "{err} (expected {expected})");
        }
    }

    #[test]
    fn the_sheet_shows_names_as_text_and_a_qr_per_learner() {
        let dir = tempfile::tempdir().unwrap();
        let mut class = parse(CLASS).unwrap();
        class[0].display_name = "<img src=x onerror=alert(1)>".into();
        let invites: Vec<PersonalInvite> = class
            .into_iter()
            .map(|learner| PersonalInvite {
                link: format!("crossdock://127.0.0.1:4433/{}#x", learner.learner_id),
                learner,
            })
            .collect();
        let sheet = write(dir.path(), "drill-7", "2026-11-28 08:00 UTC", &invites).unwrap();
        let html = std::fs::read_to_string(&sheet).unwrap();
        assert!(!html.contains("<img"), "a name never becomes markup");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("김민준") && html.contains("王伟") && html.contains(r#"lang="zh-Hans""#));
        assert_eq!(html.matches("<svg").count(), 4);
        let png = std::fs::read(dir.path().join("KR-0002.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let link = std::fs::read_to_string(dir.path().join("KR-0002.txt")).unwrap();
        assert!(link.trim().ends_with("KR-0002#x"));
    }
}
