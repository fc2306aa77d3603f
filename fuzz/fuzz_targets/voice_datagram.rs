//! Fuzz target: `voice_datagram` (see `crossdock_tests::fuzzing::voice_datagram`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::voice_datagram(data));
