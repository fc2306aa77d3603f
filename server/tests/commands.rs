//! The commands beside a running server know it: `invite` names the address it bound and
//! advertises, the console link its page's port, `health` asks its admin port, whatever the
//! defaults would have said.

mod common;

use common::{command, start};

#[test]
fn invite_and_health_beside_a_server_on_another_address_speak_of_that_server() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    // Not the default port, and an admin port the system picks.
    let server = start(dir.path(), "127.0.0.1:0", &[]);
    let addr = server.addr.to_string();
    let said = server.said.join("\n");
    let admin = said
        .lines()
        .find_map(|l| l.strip_prefix("metrics on http://"))
        .and_then(|l| l.split('/').next())
        .expect("the server says where its admin port is")
        .to_owned();

    let out = command(&["--data-dir", data, "invite", "--role", "trainee"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with(&format!("crossdock://{addr}/")), "the invite names the running server: {text}");
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(!warned.contains("every interface"), "no warning that is not true: {warned}");

    let out = command(&["--data-dir", data, "invite", "--role", "observer", "--console"], &[]);
    let link = String::from_utf8_lossy(&out.stdout);
    assert!(link.starts_with(&format!("https://{addr}/")), "the console link is the running page's: {link}");

    let out = command(&["--data-dir", data, "health"], &[]);
    assert!(out.status.success(), "health asks the running server's admin port {admin}: {out:?}");
    let out = command(&["--data-dir", data, "health", "--url", &format!("http://{admin}/nowhere")], &[]);
    assert!(!out.status.success(), "a wrong endpoint is not healthy");
    drop(server);

    // With no server running, `health` says where it looked.
    let out = command(&["--data-dir", data, "--metrics", "127.0.0.1:9", "health"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("127.0.0.1:9"), "{out:?}");
}
