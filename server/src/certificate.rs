//! A learner's certificate for a level of a curriculum: one HTML page to print, with the facts
//! as JSON inside it and an Ed25519 signature made with the server's key, so another centre can
//! check it (`crossdock-server verify-certificate FILE`) without asking this one. A certificate
//! is only issued for a level the learner's own log says they passed ([`crate::curriculum`]).
//!
//! The signed bytes are a fixed prefix (so no join token can ever pass for a certificate, nor
//! the other way round) followed by the certificate's JSON, its fields in their fixed order.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use crossdock_i18n::Words;
use maud::{DOCTYPE, PreEscaped, html};
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use crate::curriculum::{Curriculum, Standing, Status};

/// What is signed before the certificate's JSON.
const DOMAIN: &[u8] = b"crossdock certificate v1\n";
/// The id of the script element that carries the signed certificate in the page.
const SCRIPT_ID: &str = "crossdock-certificate";
/// The most bytes of a page [`Signed::from_html`] reads.
pub const MAX_PAGE: usize = 256 * 1024;

/// What a certificate says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// The learner id.
    pub learner: String,
    /// Their name, as they write it.
    pub name: String,
    /// The curriculum's name and title.
    pub curriculum: String,
    /// What the curriculum is called.
    pub curriculum_title: String,
    /// The level's id and title.
    pub level: String,
    /// What the level is called.
    pub level_title: String,
    /// The day it was passed (RFC 3339 of the drill that passed it).
    pub passed_on: String,
    /// d′ over the level's trained scenarios then, and over how many drills.
    pub d_prime: f64,
    /// The drills it was measured over.
    pub drills: u32,
    /// d′ over its transfer scenarios, if measured.
    pub transfer_d_prime: Option<f64>,
    /// Who issued it (the centre's learning system's address).
    pub issuer: String,
    /// When it was issued (RFC 3339).
    pub issued: String,
    /// The signing key, hex: compare it with the one the issuing centre publishes
    /// (`crossdock-server identity --certificates`).
    pub key: String,
}

/// A certificate and its signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signed {
    /// What it says.
    pub certificate: Certificate,
    /// Ed25519 over [`DOMAIN`] and the certificate's JSON, base64.
    pub signature: String,
}

/// Why a certificate cannot be issued or does not verify.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CertificateError {
    /// The level is not passed.
    #[error(
        "{learner} has not passed `{level}` of {curriculum}: see `crossdock-server standing --learner {learner}` for why"
    )]
    NotPassed {
        /// Who.
        learner: String,
        /// Which level.
        level: String,
        /// Of which curriculum.
        curriculum: String,
    },
    /// No such level.
    #[error("{curriculum} has no level `{level}` ({levels})")]
    NoLevel {
        /// Of which curriculum.
        curriculum: String,
        /// Which level.
        level: String,
        /// The levels it has.
        levels: String,
    },
    /// The page carries no certificate.
    #[error("no Crossdock certificate in this file (is it the page `crossdock-server certificate` wrote?)")]
    Missing,
    /// The signature does not match what the certificate says.
    #[error(
        "NOT VALID: the signature does not match what the certificate says (it was changed after signing, or signed by someone else)"
    )]
    Forged,
    /// Signed, but not with the key the verifier expects.
    #[error("NOT VALID for you: signed with key {found}, not the issuer's key {expected} you gave")]
    OtherKey {
        /// The certificate's key.
        found: String,
        /// The key expected.
        expected: String,
    },
}

/// The hex of the public half of `key`: what certificates name and verifiers compare.
pub fn key_hex(key: &Ed25519KeyPair) -> String {
    crossdock_protocol::invite::hex(key.public_key().as_ref())
}

fn signed_bytes(c: &Certificate) -> Vec<u8> {
    let mut bytes = DOMAIN.to_vec();
    bytes.extend(serde_json::to_vec(c).expect("a certificate is plain data"));
    bytes
}

/// The certificate of `standing`'s learner for `level`, if they passed it, signed with `key`.
pub fn issue(
    curriculum: &Curriculum,
    standing: &Standing,
    level: &str,
    issuer: &str,
    issued: &str,
    key: &Ed25519KeyPair,
) -> Result<Signed, CertificateError> {
    let index = curriculum.levels.iter().position(|l| l.id == level).ok_or_else(|| CertificateError::NoLevel {
        curriculum: curriculum.name.clone(),
        level: level.to_owned(),
        levels: curriculum.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", "),
    })?;
    let (spec, reached) = (&curriculum.levels[index], &standing.levels[index]);
    let not_passed = || CertificateError::NotPassed {
        learner: standing.learner.clone(),
        level: level.to_owned(),
        curriculum: curriculum.name.clone(),
    };
    let passed_on = match &reached.status {
        Status::Passed(on) | Status::RetestDue(on) => on.clone(),
        Status::Open | Status::Locked => return Err(not_passed()),
    };
    let measures = reached.trained.measures.ok_or_else(not_passed)?;
    let round = |d: f64| (d * 100.0).round() / 100.0;
    let certificate = Certificate {
        learner: standing.learner.clone(),
        name: standing.name.clone().unwrap_or_else(|| standing.learner.clone()),
        curriculum: curriculum.name.clone(),
        curriculum_title: curriculum.title.clone(),
        level: spec.id.clone(),
        level_title: spec.title.clone(),
        passed_on,
        d_prime: round(measures.d_prime),
        drills: reached.trained.trials(),
        transfer_d_prime: reached.transfer.measures.map(|m| round(m.d_prime)),
        issuer: issuer.to_owned(),
        issued: issued.to_owned(),
        key: key_hex(key),
    };
    let signature = STANDARD.encode(key.sign(&signed_bytes(&certificate)).as_ref());
    Ok(Signed { certificate, signature })
}

impl Signed {
    /// Checks the signature against the key the certificate names, and, if `expected` is given
    /// (hex), that it is that key.
    pub fn verify(&self, expected: Option<&str>) -> Result<(), CertificateError> {
        // An Ed25519 public key is 32 bytes, written as a fingerprint is.
        let key =
            crossdock_protocol::invite::parse_fingerprint(&self.certificate.key).ok_or(CertificateError::Forged)?;
        let signature = STANDARD.decode(&self.signature).map_err(|_| CertificateError::Forged)?;
        UnparsedPublicKey::new(&ED25519, &key)
            .verify(&signed_bytes(&self.certificate), &signature)
            .map_err(|_| CertificateError::Forged)?;
        match expected.map(str::to_ascii_lowercase) {
            Some(expected) if expected != self.certificate.key => {
                Err(CertificateError::OtherKey { found: self.certificate.key.clone(), expected })
            }
            _ => Ok(()),
        }
    }

    /// The signed certificate a page carries (read under [`MAX_PAGE`]).
    pub fn from_html(page: &str) -> Result<Signed, CertificateError> {
        let page = page.get(..MAX_PAGE.min(page.len())).ok_or(CertificateError::Missing)?;
        let open = format!("<script type=\"application/json\" id=\"{SCRIPT_ID}\">");
        let start = page.find(&open).ok_or(CertificateError::Missing)? + open.len();
        let end = page[start..].find("</script>").ok_or(CertificateError::Missing)? + start;
        // The JSON was written with `<` escaped (see `html`), so the page's text is the JSON.
        serde_json::from_str(&page[start..end]).map_err(|_| CertificateError::Missing)
    }

    /// The certificate as a page to print, in `w`'s language, the signed JSON inside it.
    pub fn html(&self, w: &Words) -> String {
        let c = &self.certificate;
        let json = serde_json::to_string(self).expect("plain data").replace('<', "\\u003c");
        let day = |at: &str| at.get(..10).unwrap_or(at).to_owned();
        let d = |v: f64| format!("{v:.2}");
        let detail =
            w.with("certificate-measure", &[("d", d(c.d_prime).into()), ("drills", c.drills.to_string().into())]);
        let transfer = c.transfer_d_prime.map(|t| w.with("certificate-transfer", &[("d", d(t).into())]));
        html! {
            (DOCTYPE)
            html lang=(w.language()) {
                head {
                    meta charset="utf-8";
                    title { (w.get("certificate-title")) " — " (c.name) }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    main {
                        p.kicker { (c.curriculum_title) }
                        h1 { (w.get("certificate-title")) }
                        p.certifies { (w.get("certificate-certifies")) }
                        p.name { (c.name) }
                        p.learner { (c.learner) }
                        p.passed { (w.get("certificate-passed")) }
                        p.level { (c.level_title) }
                        p.on { (w.with("certificate-on", &[("day", day(&c.passed_on).into())])) }
                        p.measure { (detail) @if let Some(t) = transfer { " " (t) } }
                        p.explained { (w.get("certificate-explained")) }
                        footer {
                            p { (w.with("certificate-issued", &[("issuer", c.issuer.clone().into()), ("day", day(&c.issued).into())])) }
                            p.key { (w.get("certificate-key")) " " code { (c.key) } }
                            p { (w.get("certificate-check")) " " code { "crossdock-server verify-certificate FILE --key " (c.key) } }
                        }
                    }
                    script type="application/json" id=(SCRIPT_ID) { (PreEscaped(json)) }
                }
            }
        }
        .into_string()
    }
}

const STYLE: &str = "
:root { font-family: 'Noto Serif', 'Noto Serif Thai', 'Noto Sans', 'Noto Sans Thai', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans CJK KR', serif; color: #1b1d21; }
body { margin: 0; background: #f3f1ea; }
main { max-width: 46rem; margin: 2rem auto; padding: 3rem 3.5rem; background: #fffdf7; border: 10px double #0a3a8c; text-align: center; }
.kicker { letter-spacing: 0.12em; text-transform: uppercase; color: #0a3a8c; font-size: 0.95rem; margin: 0; }
h1 { font-size: 2.3rem; margin: 0.4rem 0 1.4rem; color: #0a3a8c; }
.certifies, .passed { color: #5d636e; margin: 0.4rem 0; }
.name { font-size: 2rem; font-weight: 700; margin: 0.2rem 0 0; }
.learner { color: #5d636e; margin: 0 0 1rem; font-family: monospace; }
.level { font-size: 1.4rem; font-weight: 600; margin: 0.3rem 0; }
.on, .measure { margin: 0.3rem 0; }
.explained { font-size: 0.85rem; color: #5d636e; margin: 1.2rem auto; max-width: 36rem; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #5d636e; word-break: break-all; }
code { font-size: 0.75rem; }
@page { size: A4 landscape; margin: 10mm; }
@media print { body { background: none; } main { margin: 0 auto; } }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::detection::Counts;
    use crate::curriculum::LevelStanding;

    fn new_key() -> Ed25519KeyPair {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).unwrap();
        Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
    }

    fn passed() -> (Curriculum, Standing) {
        let curriculum = Curriculum::load("container-examination").unwrap();
        let trained = Counts { hits: 4, misses: 0, false_alarms: 0, correct_rejections: 4 };
        let level = |status| LevelStanding {
            level: String::new(),
            status,
            trained: crate::assessment::detection::Skill::of(trained),
            transfer: crate::assessment::detection::Skill::default(),
            critical_misses: Vec::new(),
            reasons: Vec::new(),
            next: None,
        };
        let standing = Standing {
            learner: "TH-0001".into(),
            name: Some("สมชาย <ใจดี>".into()),
            curriculum: curriculum.name.clone(),
            levels: vec![level(Status::Passed("2026-11-20T09:00:00Z".into())), level(Status::Open)],
        };
        (curriculum, standing)
    }

    #[test]
    fn a_certificate_verifies_and_a_changed_one_does_not() {
        let (curriculum, standing) = passed();
        let key = new_key();
        let signed =
            issue(&curriculum, &standing, "basic", "https://rtc.example", "2026-12-05T10:00:00Z", &key).unwrap();
        assert_eq!(signed.verify(None), Ok(()));
        assert_eq!(signed.verify(Some(&key_hex(&key).to_uppercase())), Ok(()), "the expected key, in any case");
        let page = signed.html(&crate::assessment::words("th"));
        assert!(page.contains("สมชาย &lt;ใจดี&gt;"), "the name as text, in its own script");
        let read = Signed::from_html(&page).unwrap();
        assert_eq!(read, signed, "the page carries exactly what was signed");
        assert_eq!(read.verify(None), Ok(()));

        // A better figure, a later day, someone else's id: each breaks the signature.
        let changes = [
            ("\"d_prime\":2.", "\"d_prime\":3."),
            ("\"passed_on\":\"2026-11-20", "\"passed_on\":\"2026-11-21"),
            ("\"learner\":\"TH-0001", "\"learner\":\"TH-0002"),
        ];
        for (from, to) in changes {
            assert!(page.contains(from), "{from}");
            let tampered = Signed::from_html(&page.replacen(from, to, 1)).unwrap();
            assert_eq!(tampered.verify(None), Err(CertificateError::Forged), "{from} -> {to}");
        }
        // Signed afresh by another key: valid in itself, not the issuer's.
        let other = new_key();
        let forged =
            issue(&curriculum, &standing, "basic", "https://rtc.example", "2026-12-05T10:00:00Z", &other).unwrap();
        assert!(matches!(forged.verify(Some(&key_hex(&key))), Err(CertificateError::OtherKey { .. })));
        assert_eq!(Signed::from_html("<html>nothing here</html>"), Err(CertificateError::Missing));
    }

    #[test]
    fn no_certificate_for_a_level_not_passed() {
        let (curriculum, standing) = passed();
        let e = issue(&curriculum, &standing, "intermediate", "x", "y", &new_key()).unwrap_err();
        assert!(matches!(e, CertificateError::NotPassed { .. }), "{e}");
        let e = issue(&curriculum, &standing, "expert", "x", "y", &new_key()).unwrap_err();
        assert!(e.to_string().contains("basic, intermediate"), "{e}");
    }
}
