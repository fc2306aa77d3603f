//! Fuzz target: `token` (see `crossdock_tests::fuzzing::token`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::token(data));
