//! `--ui-map`: where each named control of a panel is drawn, as JSON, for tests and tools that
//! drive a window or a headset: `{"controls": {"mute:3": [x0, y0, x1, y1], ...}}`.

use std::path::Path;

use anyhow::{Context, Result};
use crossdock_ui::panel::UiMap;

/// Writes `map` (points) to `path` in pixels of `pixels_per_point`, replacing it atomically.
pub fn write(path: &Path, pixels_per_point: f32, map: &UiMap) -> Result<()> {
    let controls: serde_json::Map<String, serde_json::Value> = map
        .iter()
        .map(|(name, r)| {
            let px = [r.min.x, r.min.y, r.max.x, r.max.y].map(|v| v * pixels_per_point);
            (name.clone(), serde_json::json!(px))
        })
        .collect();
    let text = serde_json::json!({ "controls": controls }).to_string();
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write the UI map {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write the UI map {}", path.display()))?;
    Ok(())
}
