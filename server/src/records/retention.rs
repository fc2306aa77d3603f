//! Personal data over time: deleting drills past the retention period, and forgetting one
//! learner on request (cross-border training records fall under several privacy laws).
//!
//! Forgetting pseudonymises rather than deletes, so the drills' statistics (how many found the
//! false wall, per administration) stay true: the learner's id and display name become one
//! random pseudonym everywhere in the event log, their recorded voice is deleted, their queued
//! xAPI statements are dropped, and their personal invite files are removed.

use std::path::Path;

use anyhow::Result;

use super::entry::{Learner, Record};
use super::store::Store;

/// What [`forget`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forgotten {
    /// The pseudonym that replaced the learner's id and name.
    pub pseudonym: String,
    /// Drills (as `session/number`) the learner took part in.
    pub drills: Vec<String>,
    /// Event log records rewritten.
    pub rewritten: usize,
    /// Recorded voice frames deleted.
    pub voice_deleted: usize,
    /// Undelivered xAPI statements dropped from the outbox.
    pub statements_dropped: usize,
    /// xAPI statements the LRS already has: its operator must erase those.
    pub statements_delivered: usize,
    /// Invite files deleted.
    pub invites_deleted: usize,
}

/// Replaces learner `id` everywhere in the data dir by a random pseudonym (see the module).
/// An unknown learner is an error that says so, and changes nothing.
pub fn forget(data_dir: &Path, id: &str) -> Result<Forgotten> {
    let mut store = Store::open(data_dir)?;
    store.scrub()?;
    let identified = store.all_of_kind("identified")?;
    let mine: Vec<_> = identified
        .into_iter()
        .filter(|(_, r)| matches!(&r.entry.record, Record::Identified { learner, .. } if learner.id == id))
        .collect();
    anyhow::ensure!(
        !mine.is_empty(),
        "no learner `{id}` in the event log of {}: check the id against the roster (`crossdock-server progress --learner ID`)",
        data_dir.display()
    );
    let mut salt = [0u8; 6];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut salt)
        .map_err(|_| anyhow::anyhow!("no random source to make a pseudonym from"))?;
    let pseudonym = format!("forgotten-{}", crossdock_protocol::invite::hex(&salt));
    let mut out = Forgotten { pseudonym: pseudonym.clone(), ..Forgotten::default() };
    let mut who = Vec::new();
    let mut accounts = vec![id.to_owned()];
    for (session, r) in &mine {
        let Record::Identified { participant, learner } = &r.entry.record else { continue };
        accounts.extend(learner.lms_account.clone());
        let learner = Learner { id: pseudonym.clone(), lms_account: None };
        store.rewrite(session, r.seq, &Record::Identified { participant: *participant, learner })?;
        out.rewritten += 1;
        who.push((session.clone(), *participant));
    }
    for (session, r) in store.all_of_kind("joined")? {
        let Record::Joined(info) = &r.entry.record else { continue };
        if who.contains(&(session.clone(), info.id)) {
            let mut info = info.clone();
            info.display_name = pseudonym.clone();
            store.rewrite(&session, r.seq, &Record::Joined(info))?;
            out.rewritten += 1;
        }
    }
    for (session, r) in store.all_of_kind("voice")? {
        if let Record::Voice { participant, .. } | Record::Interpreted { participant, .. } = &r.entry.record
            && who.contains(&(session.clone(), *participant))
        {
            store.delete(&session, r.seq)?;
            out.voice_deleted += 1;
        }
    }
    for summary in store.drills(None)? {
        if who.iter().any(|(s, _)| *s == summary.session)
            && store
                .read_drill(&summary.session, summary.number)?
                .iter()
                .any(|r| matches!(&r.entry.record, Record::Identified { learner, .. } if learner.id == pseudonym))
        {
            out.drills.push(summary.id());
        }
    }
    accounts.sort();
    accounts.dedup();
    let mut outbox = crate::lrs::Outbox::open(data_dir)?;
    for account in &accounts {
        let (dropped, delivered) = outbox.forget_actor(account)?;
        out.statements_dropped += dropped;
        out.statements_delivered += delivered;
    }
    out.invites_deleted = delete_invites(&data_dir.join("invites"), id)?;
    drop(outbox);
    store.checkpoint()?;
    tracing::info!(drills = out.drills.len(), "forgot a learner");
    Ok(out)
}

/// Deletes `ID.txt`, `ID.png` and `ID.svg` under `dir`, in any session's folder.
fn delete_invites(dir: &Path, id: &str) -> Result<usize> {
    let mut deleted = 0;
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            deleted += delete_invites(&path, id)?;
        } else if path.file_stem().is_some_and(|s| s == id)
            && path.extension().is_some_and(|e| e == "txt" || e == "png" || e == "svg")
        {
            std::fs::remove_file(&path)?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Deletes every drill that ended before `now_ms` minus `days`; returns their ids.
pub fn prune(data_dir: &Path, days: u32, now_ms: u64) -> Result<Vec<String>> {
    let mut store = Store::open(data_dir)?;
    let cutoff = now_ms.saturating_sub(u64::from(days) * 86_400_000);
    let mut deleted = Vec::new();
    for drill in store.drills(None)? {
        if drill.ended.is_some() && drill.last_unix_ms < cutoff {
            store.delete_drill(&drill.session, drill.number)?;
            deleted.push(drill.id());
        }
    }
    if !deleted.is_empty() {
        tracing::info!(count = deleted.len(), days, "deleted drills past the retention period");
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{DrillEnd, Entry};
    use crossdock_protocol::Tick;

    fn entry(tick: u32, server_ms: u64, record: Record) -> Entry {
        Entry { tick: Tick(tick), server_ms, record }
    }

    fn started(unix_ms: u64) -> Record {
        Record::ScenarioStarted { name: "clean-20ft".into(), seed: 1, source: String::new(), unix_ms, tick_hz: 60 }
    }

    #[test]
    fn drills_that_ended_before_the_retention_period_are_deleted_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let day = 86_400_000;
        let now = 100 * day;
        let old = vec![
            entry(0, 0, started(now - 40 * day)),
            entry(60, 1_000, Record::DrillEnded { reason: DrillEnd::Ended, unix_ms: now - 40 * day + 1_000 }),
            entry(61, 1_016, started(now - day)),
        ];
        let mut drill = 0;
        store.append("s", 1, &mut drill, &old).unwrap();
        assert_eq!(drill, 2);
        assert_eq!(prune(dir.path(), 30, now).unwrap(), vec!["s/1".to_owned()]);
        let left = Store::open(dir.path()).unwrap().drills(None).unwrap();
        assert_eq!(left.iter().map(|d| d.number).collect::<Vec<_>>(), vec![2], "the recent, running drill stays");
        assert!(prune(dir.path(), 30, now).unwrap().is_empty());
    }
}
