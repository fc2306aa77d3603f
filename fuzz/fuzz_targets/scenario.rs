//! Fuzz target: `scenario` (see `crossdock_tests::fuzzing::scenario`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::scenario(data));
