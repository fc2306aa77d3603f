//! The scenario editor's server half: a scenario file as the editor's draft (its fields as
//! JSON) and back, checked by the very code that loads a file, so that the author sees the
//! same problems, field by field, that loading it would give.

use crossdock_protocol::console::{Checked, EditorChoices, FieldProblem};

use crate::library::Library;
use crate::scenario::{ContainerType, STEPS, Scenario};

/// The editor's names for a scenario's fields.
pub fn choices() -> EditorChoices {
    let own = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
    EditorChoices {
        containers: ContainerType::ALL.iter().map(|c| (c.name().to_owned(), c.internal_mm())).collect(),
        kinds: own(&crate::scenario::KINDS),
        categories: crossdock_protocol::drill::Category::ALL.iter().map(|c| c.as_str().to_owned()).collect(),
        places: own(&["false-wall", "inside", "structure", "seal", "load"]),
        marks: crate::scenario::MARK_KINDS.iter().map(|(n, _)| (*n).to_owned()).collect(),
        surfaces: crate::scenario::SURFACES.iter().map(|(n, _)| (*n).to_owned()).collect(),
        steps: own(&STEPS),
    }
}

/// Library scenario `name` as a draft (its file's fields), or why not.
pub fn draft_of(library: &Library, name: &str) -> Result<serde_json::Value, String> {
    let scenario = library.load(name).map_err(|e| e.to_string())?;
    let table: toml::Table = toml::from_str(scenario.source()).map_err(|e| e.to_string())?;
    serde_json::to_value(table).map_err(|e| e.to_string())
}

/// An empty container of `container` type as a draft: no cargo, no concealment, the usual
/// procedure.
pub fn empty(container: &str) -> Result<serde_json::Value, String> {
    let kind = ContainerType::ALL
        .into_iter()
        .find(|c| c.name() == container)
        .ok_or_else(|| format!("`{container}` is not a container type"))?;
    Ok(serde_json::json!({
        "name": "new-drill",
        "summary": format!("{container}: a new drill"),
        "time_limit_s": 1800,
        "seed": 1,
        "container": kind.name(),
        "procedure": STEPS,
        "seal": { "number": "", "condition": "intact" },
        "documents": { "shipper": "", "consignee": "", "route": [], "seal_number": "", "lines": [] },
        "cargo": [],
        "concealments": [],
        "marks": [],
    }))
}

/// The file a draft makes, and what loading it finds; the scenario when it loads.
pub fn check(draft: &serde_json::Value) -> (Checked, Option<Scenario>) {
    let problem = |field: &str, message: String| FieldProblem { field: field.to_owned(), message };
    let mut checked = Checked { problems: Vec::new(), toml: String::new(), saved: None, scenarios: Vec::new() };
    let value = match toml::Value::try_from(without_nulls(draft.clone())) {
        Ok(toml::Value::Table(t)) => t,
        Ok(_) | Err(_) => {
            checked.problems.push(problem("", "the draft is not a scenario's fields".into()));
            return (checked, None);
        }
    };
    checked.toml = toml::to_string(&ordered(toml::Value::Table(value.clone()))).unwrap_or_default();
    // A draft names no files: models come beside a scenario file or in a pack.
    let cargo = value.get("cargo").and_then(toml::Value::as_array).map_or(&[][..], Vec::as_slice);
    if let Some(i) = cargo.iter().position(|c| c.get("model").is_some()) {
        let message = "the editor does not place model files: add them to the saved file beside it".into();
        checked.problems.push(problem(&format!("cargo[{i}].model"), message));
        return (checked, None);
    }
    if let Some(name) = value.get("name").and_then(toml::Value::as_str)
        && let Err(e) = crate::library::check_name(name)
    {
        checked.problems.push(problem("name", e.to_string()));
        return (checked, None);
    }
    match Scenario::parse("draft.toml", &checked.toml, None) {
        Ok(scenario) => (checked, Some(scenario)),
        Err(e) => {
            checked.problems.push(problem(&e.field, e.message));
            (checked, None)
        }
    }
}

/// Checks `draft` and, if it loads, saves it into `library` (as a draft to try, or as the
/// centre's own scenario); what was found, with the name saved under.
pub fn save(library: &Library, draft: &serde_json::Value, as_draft: bool) -> Checked {
    let (mut checked, scenario) = check(draft);
    let Some(scenario) = scenario else { return checked };
    match library.save(&scenario.name, &checked.toml, as_draft) {
        Ok(name) => {
            checked.saved = Some(name);
            checked.scenarios = library.names();
        }
        Err(e) => checked.problems.push(FieldProblem { field: "name".into(), message: e.to_string() }),
    }
    checked
}

/// The order a person reads a scenario file's keys in (the README's); others after, by name.
const ORDER: [&str; 40] = [
    "name",
    "summary",
    "time_limit_s",
    "seed",
    "container",
    "container_number",
    "procedure",
    "id",
    "kind",
    "category",
    "description",
    "declared",
    "content",
    "mass_kg",
    "size_mm",
    "position_mm",
    "count",
    "openable",
    "model",
    "probability",
    "places",
    "depth_mm",
    "cargo",
    "indicators",
    "surface",
    "at_mm",
    "concealment",
    "number",
    "condition",
    "shipper",
    "consignee",
    "route",
    "seal_number",
    "lines",
    "hs_code",
    "packages",
    "gross_kg",
    "seal",
    "documents",
    "assessment",
];

/// `value` with every table's keys in [`ORDER`], so the saved file reads like a written one.
fn ordered(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::Table(table) => {
            let mut entries: Vec<(String, toml::Value)> = table.into_iter().map(|(k, v)| (k, ordered(v))).collect();
            let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
            entries.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then(a.cmp(b)));
            toml::Value::Table(entries.into_iter().collect())
        }
        toml::Value::Array(items) => toml::Value::Array(items.into_iter().map(ordered).collect()),
        other => other,
    }
}

/// `value` without its nulls (TOML has none: an empty optional field is left out).
fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().filter(|v| !v.is_null()).map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shipped_scenario_round_trips_through_a_draft() {
        let library = Library::shipped();
        for (name, _) in crate::scenario::LIBRARY {
            let draft = draft_of(&library, name).unwrap();
            let (checked, scenario) = check(&draft);
            assert!(checked.problems.is_empty(), "{name}: {:?}", checked.problems);
            let again = scenario.unwrap();
            let shipped = Scenario::load(name).unwrap();
            assert_eq!(
                (again.cargo.len(), again.concealments.len()),
                (shipped.cargo.len(), shipped.concealments.len())
            );
            assert_eq!(again.documents, shipped.documents, "{name}");
        }
    }

    #[test]
    fn a_misplaced_package_is_named_by_its_field() {
        let mut draft = empty("20ft-dry").unwrap();
        draft["cargo"] = serde_json::json!([{
            "id": "P1", "kind": "pallet", "declared": "Tiles", "content": "Tiles", "mass_kg": 900,
            "size_mm": [1200, 1000, 1000], "position_mm": [9000, 500, 0], "openable": true,
        }]);
        let (checked, scenario) = check(&draft);
        assert!(scenario.is_none());
        assert_eq!(checked.problems[0].field, "cargo[0].position_mm", "{:?}", checked.problems);
        assert!(checked.toml.contains("[[cargo]]"), "the file it would make: {}", checked.toml);
        assert!(
            checked.toml.starts_with("name = \"new-drill\"\nsummary = "),
            "it reads in the README's order: {}",
            checked.toml
        );
        assert!(checked.toml.contains("[[cargo]]\nid = \"P1\"\nkind = \"pallet\"\n"), "{}", checked.toml);
        draft["cargo"][0]["position_mm"] = serde_json::json!([1000, 500, 0]);
        let (checked, scenario) = check(&draft);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        assert_eq!(scenario.unwrap().cargo.len(), 1);
    }

    #[test]
    fn a_draft_names_no_files_and_has_a_plain_name() {
        let mut draft = empty("20ft-dry").unwrap();
        draft["cargo"] = serde_json::json!([{
            "id": "P1", "kind": "pallet", "declared": "x", "content": "x", "mass_kg": 9,
            "size_mm": [100, 100, 100], "position_mm": [500, 50, 0],
            "model": { "file": "/etc/passwd", "sha256": "00" },
        }]);
        assert_eq!(check(&draft).0.problems[0].field, "cargo[0].model");
        let mut draft = empty("20ft-dry").unwrap();
        draft["name"] = "../../x".into();
        assert_eq!(check(&draft).0.problems[0].field, "name");
    }
}
