//! Fuzz target: `server_msg` (see `crossdock_tests::fuzzing::server_msg`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::server_msg(data));
