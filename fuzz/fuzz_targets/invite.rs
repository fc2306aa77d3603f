//! Fuzz target: `invite` (see `crossdock_tests::fuzzing::invite`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crossdock_tests::fuzzing::invite(data));
