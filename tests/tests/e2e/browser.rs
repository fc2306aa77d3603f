//! The browser room from Rust: the native protocol over a WebTransport session on the server's
//! `/room`, as the browser client speaks it, pinning the browser certificates by hash. The
//! server treats it as any participant: the same tick, limits and truth rules.

use crossdock_client::{Client, ConnectError, Details};
use crossdock_protocol::quant::QPose;
use crossdock_protocol::{CloseCode, Hand, Intent, NetId, Role};
use crossdock_tests::*;
use glam::{Quat, Vec3};

async fn join_web(server: &TestServer, role: Role, name: &str) -> Result<Client, ConnectError> {
    let details = Details { display_name: name.to_owned(), administration: "VN".to_owned(), locale: "vi".to_owned() };
    let hashes = server.server.console_certificates();
    Client::connect_web(&server.invite(role), hashes, &details).await
}

fn carton(client: &mut Client) -> (NetId, Vec3, f32) {
    let item = client.core.mirror.items().into_iter().find(|i| i.info.kind == "carton").expect("a carton");
    (item.info.id, item.pose.position(), item.info.size_mm[1] as f32 / 2000.0)
}

fn item_pos(client: &mut Client, id: NetId) -> Vec3 {
    client.core.mirror.items().into_iter().find(|i| i.info.id == id).expect("the item exists").pose.position()
}

#[tokio::test]
async fn a_browser_trainee_grabs_a_carton_a_native_one_sees_it_and_both_mirrors_match_the_server() {
    let server = TestServer::start();
    let mut browser =
        join_web(&server, Role::Trainee, "Nguyễn Thị Lan").await.expect("the browser joins over WebTransport");
    let mut native = server.join(Role::Trainee, "สมชาย").await;
    assert!(
        wait_for(&mut browser, WAIT, |c| c.core.mirror.people().len() == 2).await,
        "the browser sees the native trainee"
    );
    assert!(wait_for(&mut native, WAIT, |c| c.core.mirror.people().len() == 2).await);

    let (item, at, half_y) = carton(&mut browser);
    let hand = at + Vec3::new(0.0, half_y + 0.05, 0.0);
    let reach = |hand: Vec3| avatar(Vec3::new(hand.x - 0.4, 1.65, hand.z), Vec3::new(hand.x - 0.3, 1.0, hand.z), hand);
    assert!(place(&mut browser, reach(hand)).await, "the browser's poses travel as datagrams");
    assert_eq!(act(&mut browser, Intent::Grab { item, hand: Hand::Right }).await, Ok(()));
    let carried = hand + Vec3::new(-0.4, 0.0, 0.2);
    assert!(place(&mut browser, reach(carried)).await);
    let to = QPose::new(carried - Vec3::new(0.0, half_y + 0.05, 0.0), Quat::IDENTITY);
    assert_eq!(act(&mut browser, Intent::MoveHeld { hand: Hand::Right, to }).await, Ok(()));
    assert_eq!(act(&mut browser, Intent::Release { hand: Hand::Right }).await, Ok(()));
    assert!(
        wait_for(&mut native, WAIT, |c| (item_pos(c, item) - to.position()).length() < 0.002).await,
        "the native trainee sees the carton where the browser put it"
    );
    assert!(
        wait_for(&mut native, WAIT, |c| c.core.mirror.avatars().len() == 1).await,
        "the native trainee sees the browser's avatar"
    );
    assert!(converged(&mut browser).await, "the browser's mirror matches the server");
    assert!(converged(&mut native).await, "the native mirror matches the server");
}

#[tokio::test]
async fn the_browser_room_keeps_the_rules_an_observer_cannot_grab_and_a_bad_token_hears_why() {
    let server = TestServer::start();
    let mut observer = join_web(&server, Role::Observer, "관찰자").await.expect("an observer joins from a browser");
    let (item, _, _) = carton(&mut observer);
    assert!(act(&mut observer, Intent::Grab { item, hand: Hand::Right }).await.is_err(), "an observer may not grab");

    let mut invite = server.invite(Role::Trainee);
    invite.token.push('x');
    let details = Details { display_name: "Mallory".into(), administration: "XX".into(), locale: "en".into() };
    match Client::connect_web(&invite, server.server.console_certificates(), &details).await {
        Err(ConnectError::Refused(r)) => {
            assert_eq!(r.code, CloseCode::BadToken, "the refusal travels in the session's close: {}", r.message);
        }
        other => panic!("a bad token must be refused with its reason, got {other:?}"),
    }
}
