//! The class rosters a console set, per session, in the data dir's database: the invites sheet
//! keeps its learners across a restart. Stored as the CSV the coordinator gave, so what comes
//! back is checked by the same parser as what went in.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::roster::{self, Learner};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS rosters \
    (session TEXT PRIMARY KEY, csv TEXT NOT NULL, set_unix_ms INTEGER NOT NULL); \
    CREATE TABLE IF NOT EXISTS roster_curricula \
    (session TEXT PRIMARY KEY, curriculum TEXT NOT NULL, set_unix_ms INTEGER NOT NULL);";

/// Every session's roster, read once and written through.
#[derive(Debug)]
pub struct Rosters {
    conn: Mutex<Connection>,
    by_session: Mutex<HashMap<String, Vec<Learner>>>,
    /// The library curriculum each session's class follows.
    curricula: Mutex<HashMap<String, String>>,
}

impl Rosters {
    /// Opens the table in `DIR/records.sqlite3` and reads every roster in it; one that no longer
    /// parses is skipped with a warning (the sheet then offers role invites, as with none).
    pub fn open(data_dir: &Path) -> Result<Rosters> {
        let conn = super::store::open_database(data_dir, SCHEMA)?;
        let mut by_session = HashMap::new();
        {
            let mut rows = conn.prepare("SELECT session, csv FROM rosters")?;
            let read = rows.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in read {
                let (session, csv) = row?;
                match roster::parse(&csv) {
                    Ok(learners) => {
                        by_session.insert(session, learners);
                    }
                    Err(e) => tracing::warn!(%session, error = %e, "a stored roster no longer parses; ignored"),
                }
            }
        }
        let mut curricula = HashMap::new();
        {
            let mut rows = conn.prepare("SELECT session, curriculum FROM roster_curricula")?;
            let read = rows.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in read {
                let (session, name) = row?;
                curricula.insert(session, name);
            }
        }
        Ok(Rosters { conn: Mutex::new(conn), by_session: Mutex::new(by_session), curricula: Mutex::new(curricula) })
    }

    /// Sets `session`'s roster from `csv`: checked, kept on disk, then used. Nothing changes if
    /// it does not parse (the reason, line by line) or cannot be stored.
    pub fn set(&self, session: &str, csv: &str, now_ms: u64) -> Result<usize, String> {
        let learners = roster::parse(csv)?;
        let count = learners.len();
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        conn.execute(
            "INSERT OR REPLACE INTO rosters (session, csv, set_unix_ms) VALUES (?1, ?2, ?3)",
            params![session, csv, now_ms as i64],
        )
        .map_err(|e| format!("the roster could not be stored: {e}"))?;
        self.by_session.lock().unwrap_or_else(|e| e.into_inner()).insert(session.to_owned(), learners);
        Ok(count)
    }

    /// Makes `session`'s class follow the curriculum `name` (`None`: none), kept on disk. The
    /// caller checks the name against the library.
    pub fn follow(&self, session: &str, name: Option<&str>, now_ms: u64) -> Result<(), String> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let stored = match name {
            Some(name) => conn.execute(
                "INSERT OR REPLACE INTO roster_curricula (session, curriculum, set_unix_ms) VALUES (?1, ?2, ?3)",
                params![session, name, now_ms as i64],
            ),
            None => conn.execute("DELETE FROM roster_curricula WHERE session = ?1", params![session]),
        };
        stored.map_err(|e| format!("the curriculum could not be stored: {e}"))?;
        let mut curricula = self.curricula.lock().unwrap_or_else(|e| e.into_inner());
        match name {
            Some(name) => curricula.insert(session.to_owned(), name.to_owned()),
            None => curricula.remove(session),
        };
        Ok(())
    }

    /// The library curriculum `session`'s class follows, if one was set.
    pub fn curriculum(&self, session: &str) -> Option<String> {
        self.curricula.lock().unwrap_or_else(|e| e.into_inner()).get(session).cloned()
    }

    /// `session`'s roster, if one was set.
    pub fn get(&self, session: &str) -> Option<Vec<Learner>> {
        self.by_session.lock().unwrap_or_else(|e| e.into_inner()).get(session).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roster_survives_a_reopen_and_a_bad_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let csv = "learner_id,display_name,administration,locale\nTH-1,สมชาย ใจดี,TH,th\nKR-2,김민준,KR,ko\n";
        {
            let rosters = Rosters::open(dir.path()).unwrap();
            assert_eq!(rosters.set("class", csv, 1), Ok(2));
            assert!(rosters.set("class", "not,a\nroster", 2).is_err());
        }
        let rosters = Rosters::open(dir.path()).unwrap();
        let learners = rosters.get("class").expect("kept");
        assert_eq!(learners.iter().map(|l| l.display_name.as_str()).collect::<Vec<_>>(), ["สมชาย ใจดี", "김민준"]);
        assert!(rosters.get("other").is_none());
    }

    #[test]
    fn the_curriculum_a_class_follows_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let rosters = Rosters::open(dir.path()).unwrap();
            assert_eq!(rosters.follow("class", Some("basic-first"), 1), Ok(()));
            assert_eq!(rosters.follow("class", Some("container-examination"), 2), Ok(()));
            assert_eq!(rosters.follow("other", Some("container-examination"), 3), Ok(()));
            assert_eq!(rosters.follow("other", None, 4), Ok(()));
        }
        let rosters = Rosters::open(dir.path()).unwrap();
        assert_eq!(rosters.curriculum("class").as_deref(), Some("container-examination"));
        assert_eq!(rosters.curriculum("other"), None);
    }
}
