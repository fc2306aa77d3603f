//! Fuzz target: `frames` (see `crossdock_tests::fuzzing::frames`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::frames(data));
