//! Fuzz target: `snapshot_datagram` (see `crossdock_tests::fuzzing::snapshot_datagram`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::snapshot_datagram(data));
