//! `deploy/`: every manifest parses and carries what its engine requires, and agrees with the
//! server's own defaults (port, caps, drain bound). `deploy/check` adds what needs system tools:
//! `systemd-analyze verify`, the Agones SDK test, and the image build where an engine runs.

use std::path::PathBuf;

use crossdock_server::Config;
use yaml_rust2::{Yaml, YamlLoader};

fn deploy(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../deploy").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn yaml(path: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(&deploy(path)).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"));
    assert_eq!(docs.len(), 1, "{path} holds one document");
    docs.remove(0)
}

fn text<'a>(doc: &'a Yaml, what: &str) -> &'a str {
    doc.as_str().unwrap_or_else(|| panic!("{what} is missing or not a string"))
}

fn int(doc: &Yaml, what: &str) -> i64 {
    doc.as_i64().unwrap_or_else(|| panic!("{what} is missing or not an integer"))
}

#[test]
fn the_fleet_declares_a_udp_port_health_counters_resources_and_a_grace_longer_than_the_drain() {
    let fleet = yaml("k8s/fleet.yaml");
    let defaults = Config::default();
    assert_eq!(text(&fleet["apiVersion"], "apiVersion"), "agones.dev/v1");
    assert_eq!(text(&fleet["kind"], "kind"), "Fleet");
    assert!(!text(&fleet["metadata"]["name"], "metadata.name").is_empty());
    assert!(int(&fleet["spec"]["replicas"], "spec.replicas") >= 1);

    let gs = &fleet["spec"]["template"]["spec"];
    let ports = gs["ports"].as_vec().expect("GameServer ports");
    assert_eq!(ports.len(), 1);
    let port = &ports[0];
    assert!(!text(&port["name"], "port name").is_empty());
    assert!(["Dynamic", "Passthrough", "Static"].contains(&text(&port["portPolicy"], "portPolicy")));
    assert_eq!(text(&port["protocol"], "protocol"), "UDP", "QUIC is UDP");
    assert_eq!(int(&port["containerPort"], "containerPort"), i64::from(defaults.listen.port()));
    assert!(int(&gs["health"]["periodSeconds"], "health.periodSeconds") >= 3, "the server pings every 2 s");

    let counters = &gs["counters"];
    assert_eq!(
        int(&counters[crossdock_server::fleet::PARTICIPANTS_COUNTER]["capacity"], "participants capacity"),
        defaults.max_participants_per_session as i64
    );
    assert_eq!(
        int(&counters[crossdock_server::fleet::OBSERVERS_COUNTER]["capacity"], "observers capacity"),
        defaults.max_observers_per_session as i64
    );

    let pod = &gs["template"]["spec"];
    let grace = int(&pod["terminationGracePeriodSeconds"], "terminationGracePeriodSeconds");
    assert!(grace as u64 > crossdock_server::DRAIN_BOUND.as_secs() + 5, "grace {grace} s must outlast the drain");
    let containers = pod["containers"].as_vec().expect("containers");
    let server = &containers[0];
    assert!(!text(&server["image"], "image").is_empty());
    for key in ["cpu", "memory"] {
        assert!(server["resources"]["requests"][key].as_str().is_some(), "resources.requests.{key}");
        assert!(server["resources"]["limits"][key].as_str().is_some(), "resources.limits.{key}");
    }
    let env = server["env"].as_vec().expect("env");
    let agones = env.iter().find(|e| e["name"].as_str() == Some("CROSSDOCK_AGONES")).expect("CROSSDOCK_AGONES");
    assert_eq!(text(&agones["value"], "CROSSDOCK_AGONES"), "true");
    for e in env {
        let name = text(&e["name"], "env name");
        let option = name.strip_prefix("CROSSDOCK_").expect("only CROSSDOCK_ variables").to_ascii_lowercase();
        assert!(Config::option_names().contains(&option), "{name} is not a configuration option");
    }
    let mounts: Vec<&str> =
        server["volumeMounts"].as_vec().expect("mounts").iter().map(|m| text(&m["mountPath"], "mountPath")).collect();
    assert!(mounts.contains(&"/data"), "the data dir is a volume");
    assert_eq!(int(&pod["securityContext"]["runAsUser"], "runAsUser"), 65532, "non-root, as in the image");
}

#[test]
fn the_autoscaler_buffers_ready_servers_of_that_fleet_and_allocations_name_a_session() {
    let fleet = yaml("k8s/fleet.yaml");
    let scaler = yaml("k8s/autoscaler.yaml");
    assert_eq!(text(&scaler["apiVersion"], "apiVersion"), "autoscaling.agones.dev/v1");
    assert_eq!(text(&scaler["kind"], "kind"), "FleetAutoscaler");
    assert_eq!(scaler["spec"]["fleetName"], fleet["metadata"]["name"]);
    let policy = &scaler["spec"]["policy"];
    assert_eq!(text(&policy["type"], "policy.type"), "Buffer");
    let (size, min, max) = (
        int(&policy["buffer"]["bufferSize"], "bufferSize"),
        int(&policy["buffer"]["minReplicas"], "minReplicas"),
        int(&policy["buffer"]["maxReplicas"], "maxReplicas"),
    );
    assert!(size >= 1 && min >= size && max > min, "{size} {min} {max}");

    let allocation = yaml("k8s/allocation.yaml");
    assert_eq!(text(&allocation["apiVersion"], "apiVersion"), "allocation.agones.dev/v1");
    assert_eq!(text(&allocation["kind"], "kind"), "GameServerAllocation");
    let selector = &allocation["spec"]["selectors"][0]["matchLabels"];
    assert_eq!(selector["agones.dev/fleet"], fleet["metadata"]["name"]);
    let region = &selector["crossdock.dev/region"];
    assert_eq!(region, &fleet["spec"]["template"]["metadata"]["labels"]["crossdock.dev/region"]);
    let session = &allocation["spec"]["metadata"]["annotations"][crossdock_server::fleet::SESSION_KEY];
    assert!(!text(session, "the session annotation").is_empty());
}

#[test]
fn compose_publishes_udp_keeps_metrics_local_and_keeps_the_data_in_a_volume() {
    let compose = yaml("compose.yaml");
    let server = &compose["services"]["server"];
    assert_eq!(text(&server["build"]["dockerfile"], "dockerfile"), "deploy/container/Dockerfile");
    let ports: Vec<&str> = server["ports"].as_vec().expect("ports").iter().map(|p| text(p, "port")).collect();
    assert!(ports.contains(&"4433:4433/udp"), "{ports:?}");
    let metrics = ports.iter().find(|p| p.contains("9464")).expect("a metrics port");
    assert!(metrics.starts_with("127.0.0.1:"), "metrics must stay local: {metrics}");
    let volumes: Vec<&str> = server["volumes"].as_vec().expect("volumes").iter().map(|v| text(v, "volume")).collect();
    assert!(volumes.iter().any(|v| v.ends_with(":/data")), "{volumes:?}");
    assert_eq!(text(&server["stop_signal"], "stop_signal"), "SIGTERM");
}

#[test]
fn the_dockerfile_is_multi_stage_non_root_with_substitutable_bases_a_volume_and_a_health_check() {
    let file = deploy("container/Dockerfile");
    let lines: Vec<&str> = file.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
    let has = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    assert!(has("ARG BUILD_IMAGE=") && has("ARG RUNTIME_IMAGE="), "base images are build arguments");
    assert_eq!(lines.iter().filter(|l| l.starts_with("FROM ")).count(), 2, "two stages");
    let user = lines.iter().find(|l| l.starts_with("USER ")).expect("a USER");
    assert!(!user.contains("root") && !user.ends_with(" 0") && !user.contains(" 0:"), "{user}");
    assert!(has("VOLUME [\"/data\"]"));
    assert!(lines.iter().any(|l| l.starts_with("EXPOSE") && l.contains("4433/udp")));
    assert!(has("STOPSIGNAL SIGTERM"));
    assert!(lines.iter().any(|l| l.contains("\"health\"")), "the health check calls `crossdock-server health`");
}

#[test]
fn the_systemd_unit_is_sandboxed_and_keeps_its_data_in_the_state_directory() {
    let unit = deploy("systemd/crossdock-server.service");
    let value = |key: &str| {
        unit.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or_else(|| panic!("{key}= is missing"))
    };
    assert_eq!(value("DynamicUser"), "yes");
    assert_eq!(value("ProtectSystem"), "strict");
    assert_eq!(value("PrivateTmp"), "yes");
    assert_eq!(value("NoNewPrivileges"), "yes");
    let state = value("StateDirectory");
    assert!(value("ExecStart").contains(&format!("--data-dir /var/lib/{state}")), "the data dir is the state dir");
    let stop = humantime::parse_duration(value("TimeoutStopSec")).expect("TimeoutStopSec");
    assert!(stop > crossdock_server::DRAIN_BOUND, "systemd must wait out the drain");

    let sysctl = deploy("systemd/90-crossdock-udp.conf");
    for key in ["net.core.rmem_max", "net.core.wmem_max"] {
        let line = sysctl.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key} is missing"));
        let bytes: u64 = line.split('=').nth(1).unwrap().trim().parse().unwrap();
        assert!(bytes >= 4 << 20, "{key} = {bytes} is too small for quinn");
    }
}
