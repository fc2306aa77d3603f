//! Voice: publish who may be heard and who listens (the connections relay each frame by these
//! routes the moment it arrives, undecoded), and keep who spoke when in the event log, with
//! the frames themselves only where the session records voice.

use std::collections::HashMap;

use bevy_ecs::prelude::*;
use crossdock_protocol::{ParticipantId, Role};

use crate::net::event::ClientId;
use crate::net::voice::Route;
use crate::records::Record;
use crate::session::world::*;

/// Publishes the routes (through [`Outgoing`]) when they changed: a join or leave, a mute, a welcome. Runs after
/// validation (a mute holds before its grant goes out) and after sending (a welcomed newcomer
/// hears from then on).
pub fn publish_routes(
    people: Query<(&Participant, &Replication, Has<Absent>)>,
    mut outgoing: ResMut<Outgoing>,
    mut last: Local<Vec<(u64, ParticipantId, bool, bool)>>,
) {
    let heard = |p: &Participant, absent: bool| !p.flags.muted && !absent;
    let listening = |rep: &Replication, absent: bool| rep.welcomed && !absent;
    let mut key: Vec<_> = people
        .iter()
        .map(|(p, rep, absent)| (p.client.0, p.info.id, heard(p, absent), listening(rep, absent)))
        .collect();
    key.sort_unstable();
    if *last == key {
        return;
    }
    let routes: HashMap<ClientId, Route> = people
        .iter()
        .map(|(p, rep, absent)| {
            let route = Route {
                id: p.info.id,
                heard: heard(p, absent),
                all_call: p.info.role == Role::Instructor,
                listening: listening(rep, absent),
            };
            (p.client, route)
        })
        .collect();
    outgoing.0.push(Out::Routes(routes));
    *last = key;
}

/// Notes the frames the connections relayed: talk spurts, and the frames when recording.
pub fn talk(
    mut inbox: ResMut<VoiceInbox>,
    mut talkers: Query<(&Participant, &mut Talk)>,
    clock: Res<Clock>,
    info: Res<SessionInfo>,
    mut journal: ResMut<Journal>,
) {
    let now = clock.tick;
    for (entity, frame) in inbox.0.drain(..) {
        let Ok((speaker, mut talk)) = talkers.get_mut(entity) else { continue };
        talk.0 = Some(match talk.0 {
            Some(s) => Spurt { last: now, frames: s.frames + 1, all_call: s.all_call || frame.all_call, ..s },
            None => Spurt { start: now, last: now, frames: 1, all_call: frame.all_call },
        });
        if info.record_voice {
            journal.0.push(Record::Voice { participant: speaker.info.id, seq: frame.seq, payload: frame.payload });
        }
    }
    let gap = (SPURT_GAP.as_secs_f64() * f64::from(clock.hz)).ceil() as u32;
    for (p, mut talk) in &mut talkers {
        if let Some(s) = talk.0
            && now.0.wrapping_sub(s.last.0) > gap
        {
            journal.0.push(spoke(p, s));
            talk.0 = None;
        }
    }
}

/// The record of a finished spurt.
pub fn spoke(p: &Participant, s: Spurt) -> Record {
    Record::Spoke {
        participant: p.info.id,
        start: s.start,
        ticks: s.last.0.wrapping_sub(s.start.0),
        frames: s.frames,
        all_call: s.all_call,
    }
}
