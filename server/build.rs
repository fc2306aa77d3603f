//! With the `agones` feature, builds the mock Agones SDK sidecar that `tests/agones.rs` runs
//! (server side of a subset of the SDK's protobuf service). Needs `protoc`.

fn main() {
    println!("cargo::rerun-if-changed=tests/proto");
    #[cfg(feature = "agones")]
    tonic_build::configure()
        .build_client(false)
        .compile_protos(&["tests/proto/agones_sdk.proto", "tests/proto/agones_sdk_beta.proto"], &["tests/proto"])
        .expect("cannot build the mock Agones sidecar: install protoc (Debian: protobuf-compiler)");
}
