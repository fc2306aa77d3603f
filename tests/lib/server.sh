# Sourced by the CI tiers that drive a real server: `start_server` runs the dev build of
# crossdock-server with the default scenario on a free loopback port and a fresh data dir, and
# returns once its invites are written; it sets SERVER_DATA, SERVER_PORT and SERVER_PID. The
# caller stops it with `stop_server` (in its EXIT trap). Extra arguments go to the server.
start_server() {
    SERVER_DATA="$(mktemp -d)"
    SERVER_PORT=$((20000 + RANDOM % 20000))
    target/debug/crossdock-server --data-dir "$SERVER_DATA" --listen "127.0.0.1:$SERVER_PORT" --metrics off \
        --scenario "${SERVER_SCENARIO:-false-wall-20ft}" "$@" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        [[ -s "$SERVER_DATA/invites/console.txt" && -s "$SERVER_DATA/invites/room-observer.txt" ]] && return 0
        sleep 0.2
    done
    echo "the server wrote no invites in 20 s" >&2
    return 1
}

stop_server() {
    kill "${SERVER_PID:-}" 2>/dev/null || true
    rm -rf "${SERVER_DATA:-/nonexistent}"
}
