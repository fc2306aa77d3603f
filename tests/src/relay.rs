//! A user-space network impairment relay between clients and the server on loopback (this
//! kernel has no netem): delay, jitter, random and bursty loss, reordering, duplication, a
//! bandwidth cap, a change of the client's source address, and a cut. Seeded, so a failing
//! run replays the same way.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::UdpSocket;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How one direction of the path misbehaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// One-way base delay.
    pub delay: Duration,
    /// Each packet's delay varies uniformly by up to this much either way.
    pub jitter: Duration,
    /// Chance a packet is dropped in the good state.
    pub loss: f64,
    /// Gilbert–Elliott bursts: (chance to enter the bad state, chance to leave it, loss in it).
    pub burst: Option<(f64, f64, f64)>,
    /// Chance a packet is held back behind the next ones.
    pub reorder: f64,
    /// Chance a packet is sent twice.
    pub duplicate: f64,
    /// Bytes per second the path carries; packets beyond it queue.
    pub bandwidth: Option<u64>,
}

impl Profile {
    /// No impairment.
    pub fn clean() -> Profile {
        Profile {
            delay: Duration::ZERO,
            jitter: Duration::ZERO,
            loss: 0.0,
            burst: None,
            reorder: 0.0,
            duplicate: 0.0,
            bandwidth: None,
        }
    }

    /// A regional link: 90 ms round trip, 1 % loss.
    pub fn regional() -> Profile {
        Profile { delay: Duration::from_millis(45), loss: 0.01, ..Profile::clean() }
    }

    /// Hotel Wi-Fi: 250 ms round trip, 30 ms jitter, 5 % loss, 2 % reordering.
    pub fn hotel_wifi() -> Profile {
        Profile {
            delay: Duration::from_millis(125),
            jitter: Duration::from_millis(30),
            loss: 0.05,
            reorder: 0.02,
            ..Profile::clean()
        }
    }

    /// Harsh: 300 ms round trip, 20 % loss in bursts.
    pub fn harsh() -> Profile {
        Profile { delay: Duration::from_millis(150), burst: Some((0.05, 0.2, 0.8)), ..Profile::clean() }
    }

    /// A profile by its name: `clean`, `regional`, `hotel-wifi` or `harsh`.
    pub fn by_name(name: &str) -> Option<Profile> {
        Some(match name {
            "clean" => Profile::clean(),
            "regional" => Profile::regional(),
            "hotel-wifi" => Profile::hotel_wifi(),
            "harsh" => Profile::harsh(),
            _ => return None,
        })
    }

    /// The round trip this profile adds (both directions' base delay).
    pub fn rtt(&self) -> Duration {
        self.delay * 2
    }
}

/// One direction's dice and queue.
#[derive(Debug)]
struct Path {
    profile: Profile,
    rng: fastrand::Rng,
    bad: bool,
    /// When the bandwidth cap frees up next.
    free_at: Instant,
}

impl Path {
    /// When to deliver a packet of `len` bytes sent now, or `None` to drop it; the second
    /// value asks for a duplicate.
    fn schedule(&mut self, len: usize, now: Instant) -> Option<(Instant, bool)> {
        let p = &self.profile;
        let loss = match p.burst {
            Some((enter, leave, bad_loss)) => {
                self.bad = if self.bad { self.rng.f64() >= leave } else { self.rng.f64() < enter };
                if self.bad { bad_loss } else { p.loss }
            }
            None => p.loss,
        };
        if self.rng.f64() < loss {
            return None;
        }
        let mut at = now + p.delay;
        if !p.jitter.is_zero() {
            let j = p.jitter.as_micros() as i64;
            let offset = self.rng.i64(-j..=j);
            at = if offset >= 0 {
                at + Duration::from_micros(offset as u64)
            } else {
                at - Duration::from_micros((-offset) as u64)
            };
        }
        if self.rng.f64() < p.reorder {
            at += p.jitter + Duration::from_millis(20);
        }
        if let Some(rate) = p.bandwidth {
            let start = self.free_at.max(now);
            self.free_at = start + Duration::from_secs_f64(len as f64 / rate as f64);
            at = at.max(self.free_at);
        }
        Some((at, self.rng.f64() < p.duplicate))
    }
}

/// Shared switches.
#[derive(Debug, Default)]
struct Control {
    cut: bool,
    /// Bumped to give every client a new source address towards the server.
    epoch: u64,
}

/// Forwards datagrams between clients and `upstream`, impaired, until dropped.
#[derive(Debug)]
pub struct Relay {
    addr: SocketAddr,
    control: Arc<Mutex<Control>>,
    task: JoinHandle<()>,
}

impl Relay {
    /// A relay that only forwards (and can be cut).
    pub async fn start(upstream: SocketAddr) -> std::io::Result<Relay> {
        Relay::impaired(upstream, Profile::clean(), 0).await
    }

    /// A relay applying `profile` in both directions, with dice seeded by `seed`.
    pub async fn impaired(upstream: SocketAddr, profile: Profile, seed: u64) -> std::io::Result<Relay> {
        let front = Arc::new(UdpSocket::bind("127.0.0.1:0").await?);
        let addr = front.local_addr()?;
        let control = Arc::new(Mutex::new(Control::default()));
        let path = |s: u64| {
            Arc::new(Mutex::new(Path {
                profile: profile.clone(),
                rng: fastrand::Rng::with_seed(s),
                bad: false,
                free_at: Instant::now(),
            }))
        };
        let task = tokio::spawn(forward(front, upstream, control.clone(), path(seed), path(seed ^ 0x5eed)));
        Ok(Relay { addr, control, task })
    }

    /// Where clients should connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Drops every datagram from now on, both ways.
    pub fn cut(&self) {
        self.control.lock().expect("not poisoned").cut = true;
    }

    /// From now on, each client reaches the server from a new source port (a NAT rebinding).
    pub fn change_client_addresses(&self) {
        self.control.lock().expect("not poisoned").epoch += 1;
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Shared<T> = Arc<Mutex<T>>;

/// Sends `bytes` from `socket` to `to` at the scheduled time(s).
fn deliver(path: &Shared<Path>, socket: &Arc<UdpSocket>, to: SocketAddr, bytes: &[u8]) {
    let now = Instant::now();
    let Some((at, twice)) = path.lock().expect("not poisoned").schedule(bytes.len(), now) else { return };
    let bytes = bytes.to_vec();
    let socket = socket.clone();
    tokio::spawn(async move {
        tokio::time::sleep_until(at).await;
        let _ = socket.send_to(&bytes, to).await;
        if twice {
            let _ = socket.send_to(&bytes, to).await;
        }
    });
}

async fn forward(
    front: Arc<UdpSocket>,
    upstream: SocketAddr,
    control: Shared<Control>,
    up: Shared<Path>,
    down: Shared<Path>,
) {
    // Per client: the socket facing the server and the epoch it was made in.
    let mut backs: HashMap<SocketAddr, (u64, Arc<UdpSocket>)> = HashMap::new();
    // Dropping the set (when the relay's task is aborted) aborts every backward task.
    let mut tasks = tokio::task::JoinSet::new();
    let mut buf = vec![0u8; 65_536];
    while let Ok((n, from)) = front.recv_from(&mut buf).await {
        let (cut, epoch) = {
            let c = control.lock().expect("not poisoned");
            (c.cut, c.epoch)
        };
        if cut {
            continue;
        }
        let back = match backs.get(&from) {
            Some((e, b)) if *e == epoch => b.clone(),
            _ => {
                let Ok(socket) = UdpSocket::bind("127.0.0.1:0").await else { continue };
                let socket = Arc::new(socket);
                backs.insert(from, (epoch, socket.clone()));
                tasks.spawn(backward(socket.clone(), front.clone(), from, control.clone(), down.clone()));
                socket
            }
        };
        deliver(&up, &back, upstream, &buf[..n]);
    }
}

async fn backward(
    back: Arc<UdpSocket>,
    front: Arc<UdpSocket>,
    client: SocketAddr,
    control: Shared<Control>,
    down: Shared<Path>,
) {
    let mut buf = vec![0u8; 65_536];
    while let Ok((n, _)) = back.recv_from(&mut buf).await {
        if !control.lock().expect("not poisoned").cut {
            deliver(&down, &front, client, &buf[..n]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(profile: Profile, seed: u64) -> Path {
        Path { profile, rng: fastrand::Rng::with_seed(seed), bad: false, free_at: Instant::now() }
    }

    #[tokio::test]
    async fn profiles_lose_delay_and_reorder_as_named_and_replay_by_seed() {
        let now = Instant::now();
        let run = |seed| {
            let mut p = path(Profile::hotel_wifi(), seed);
            (0..20_000).map(|i| p.schedule(100, now + Duration::from_millis(i))).collect::<Vec<_>>()
        };
        let a = run(7);
        assert_eq!(a, run(7), "the same seed replays the same impairments");
        let lost = a.iter().filter(|s| s.is_none()).count() as f64 / a.len() as f64;
        assert!((0.04..0.06).contains(&lost), "hotel-wifi loses about 5 %: {lost}");
        let delays: Vec<Duration> = a
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|(at, _)| at - (now + Duration::from_millis(i as u64))))
            .collect();
        assert!(delays.iter().all(|d| *d >= Duration::from_millis(95)));
        assert!(delays.iter().any(|d| *d >= Duration::from_millis(170)), "some are held back to reorder");

        let mut harsh = path(Profile::harsh(), 3);
        let outcomes: Vec<bool> = (0..20_000).map(|_| harsh.schedule(100, now).is_none()).collect();
        let loss = outcomes.iter().filter(|l| **l).count() as f64 / outcomes.len() as f64;
        let runs = outcomes.windows(2).filter(|w| w[0] && w[1]).count() as f64
            / outcomes.iter().filter(|l| **l).count() as f64;
        assert!((0.12..0.28).contains(&loss), "harsh loses about 20 %: {loss}");
        assert!(runs > 0.5, "harsh losses come in bursts: {runs}");
    }

    #[tokio::test]
    async fn a_bandwidth_cap_queues_packets() {
        let now = Instant::now();
        let mut p = path(Profile { bandwidth: Some(10_000), ..Profile::clean() }, 1);
        let last = (0..10).map(|_| p.schedule(1000, now).unwrap().0).last().unwrap();
        assert!(last - now >= Duration::from_millis(900), "10 kB at 10 kB/s take a second");
    }
}
