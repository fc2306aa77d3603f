//! Fuzz target: `pose_datagram` (see `crossdock_tests::fuzzing::pose_datagram`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::pose_datagram(data));
