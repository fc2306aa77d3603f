//! Record: hand this tick's journal (and, ten times a second, a keyframe of the continuous
//! state with the world's hash, so that a replay can prove itself) to the recorder, and stamp this tick's output with the journal's batch so that
//! `send` releases it only once it is on disk.

use bevy_ecs::prelude::*;
use crossdock_protocol::snapshot::encode_delta;

use super::replicate::world_hash;
use crate::records::{Entry, Record};
use crate::session::world::*;

/// Journals and stamps.
#[expect(clippy::too_many_arguments, reason = "a bevy system names each piece of the World it reads")]
pub fn record(
    clock: Res<Clock>,
    history: Res<History>,
    mut journal: ResMut<Journal>,
    mut outbox: ResMut<Outbox>,
    mut consoles: ResMut<Consoles>,
    mut records: ResMut<Records>,
    telemetry: Res<Telemetry>,
    items: Query<&Item>,
    doors: Query<&Door>,
    participants: Query<&Participant>,
) {
    let every = u32::from(clock.hz / 10).max(1);
    let moved = records.last_keyframe.as_ref().is_none_or(|k| k.entities != history.current.entities);
    if clock.tick.0.is_multiple_of(every) && moved {
        journal.0.push(Record::Keyframe(encode_delta(&history.current, None, None, None).bytes));
        let mut hash = world_hash(&history.current, None, &items, &doors, &participants);
        for item in items.iter().filter(|i| i.opened) {
            hash.opened(item.id);
        }
        journal.0.push(Record::WorldHash(hash.finish()));
        records.last_keyframe = Some(history.current.clone());
    }
    let server_ms = clock.server_time_us / 1000;
    let entries: Vec<Entry> = journal.0.drain(..).map(|record| Entry { tick: clock.tick, server_ms, record }).collect();
    let batch = records.recorder.submit(entries);
    if records.recorder.failed() && !records.failure_counted {
        records.failure_counted = true;
        telemetry.0.log_failures.inc();
    }
    let Outbox { pending, queue, .. } = &mut *outbox;
    queue.extend(pending.drain(..).map(|(e, msg)| (batch, e, msg)));
    let Consoles { answers, held, .. } = &mut *consoles;
    held.extend(answers.drain(..).map(|(client, bytes)| (batch, client, bytes)));
}
