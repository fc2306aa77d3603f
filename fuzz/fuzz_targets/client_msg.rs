//! Fuzz target: `client_msg` (see `crossdock_tests::fuzzing::client_msg`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::client_msg(data));
