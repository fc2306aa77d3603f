//! Server CPU per participant-tick for 16, 32 and 64 bots over loopback, beside a raw quinn
//! floor that sends the same number and size of datagrams in the same run.
//!
//! The server runs on threads named `srv-*` (tokio) and `tick-*` (the session), the bots on
//! `bot-*`, the raw floor's server on `raw-srv*`; CPU is read per thread from /proc. A counting
//! allocator counts the heap allocations made on the tick's thread, per tick.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crossdock_client::bot::{self, BotConfig};
use crossdock_tests::bench::{RawMode, raw_quinn, runtime, start_server, thread_cpu, trainee_invite};

/// Counts allocations made on threads whose name starts with `tick-`.
struct Counting;

static TICK_ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// 0: not known yet, 1: a tick thread, 2: another, 3: finding out (its own allocations
    /// are not counted).
    static ON_TICK: Cell<u8> = const { Cell::new(0) };
}

fn on_tick() -> bool {
    ON_TICK
        .try_with(|state| match state.get() {
            0 => {
                state.set(3);
                let tick = std::thread::current().name().is_some_and(|n| n.starts_with("tick-"));
                state.set(if tick { 1 } else { 2 });
                tick
            }
            s => s == 1,
        })
        .unwrap_or(false)
}

// SAFETY: every call is passed on to the system allocator unchanged; only a counter is added.
#[expect(unsafe_code, reason = "a global allocator is an unsafe trait; this one only counts, then calls System")]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if on_tick() {
            TICK_ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if on_tick() {
            TICK_ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const HZ: u32 = 60;
const WARMUP: Duration = Duration::from_secs(2);
const WINDOW: Duration = Duration::from_secs(5);

fn main() {
    let counts: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let counts = if counts.is_empty() { vec![16, 32, 64] } else { counts };
    println!(
        "== server CPU per participant-tick, {HZ} Hz, loopback, {}s window after {}s warm-up",
        WINDOW.as_secs(),
        WARMUP.as_secs()
    );
    println!(
        "{:>5} {:>16} {:>16} {:>14} {:>14} {:>8} {:>12}",
        "bots", "crossdock us/pt", "raw quinn us/pt", "crossdock core", "raw core", "ratio", "allocs/tick"
    );
    for n in counts {
        let (cpu, up, down, allocations) = crossdock(n);
        let raw = raw_quinn(n, HZ, up, RawMode::Tick { down }, WARMUP, WINDOW);
        let participant_ticks = n as f64 * f64::from(HZ) * WINDOW.as_secs_f64();
        let ours = cpu.as_secs_f64() * 1e6 / participant_ticks;
        let floor = raw.server_cpu.as_secs_f64() * 1e6 / participant_ticks;
        println!(
            "{n:>5} {ours:>16.2} {floor:>16.2} {:>13.1}% {:>13.1}% {:>8.2} {:>12.1}",
            100.0 * cpu.as_secs_f64() / WINDOW.as_secs_f64(),
            100.0 * raw.server_cpu.as_secs_f64() / WINDOW.as_secs_f64(),
            ours / floor.max(1e-9),
            allocations as f64 / (f64::from(HZ) * WINDOW.as_secs_f64())
        );
        println!("      (datagrams: {up} B up, {down} B down per participant-tick)");
    }
    println!("target: crossdock at most 1.5x the raw quinn floor");
}

/// Runs the real server with `n` working bots; returns its CPU over the window, the mean
/// datagram payload sizes up and down, and the allocations on the tick's thread in the window.
fn crossdock(n: usize) -> (Duration, usize, usize, u64) {
    let server_rt = runtime("srv", 1);
    let bot_rt = runtime("bot", 1);
    let server = start_server(&server_rt, |c| c.max_participants_per_session = 128);
    let invite = trainee_invite(&server);
    let bots = BotConfig {
        people: Default::default(),
        invite,
        count: n,
        duration: WARMUP + WINDOW + Duration::from_secs(1),
        rate_hz: HZ,
        seed: 3,
        work: true,
        voice: Default::default(),
    };
    let run = bot_rt.spawn(bot::run(bots));
    std::thread::sleep(WARMUP);
    let before = thread_cpu(&["srv", "tick-", "Compute"]);
    let allocations = TICK_ALLOCATIONS.load(Ordering::Relaxed);
    std::thread::sleep(WINDOW);
    let cpu = thread_cpu(&["srv", "tick-", "Compute"]) - before;
    let allocations = TICK_ALLOCATIONS.load(Ordering::Relaxed) - allocations;
    let report = bot_rt.block_on(run).expect("the bots finish");
    assert_eq!(report.joined, n, "every bot joined");
    server_rt.block_on(server.server.shutdown());
    (cpu, report.datagram_up_bytes.round() as usize, report.datagram_down_bytes.round() as usize, allocations)
}
