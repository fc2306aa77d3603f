//! End to end: the real server in process, real clients over loopback QUIC. One binary, one
//! module per capability.

mod browser;
mod captions;
mod class;
mod console;
mod corpus;
mod debrief;
mod drill;
mod fixture;
mod network;
mod packs;
mod people;
mod phrases;
mod records;
mod risk;
mod room;
mod truth;
mod voice;
