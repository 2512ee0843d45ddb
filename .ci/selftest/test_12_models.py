"""Step 12: many models behind one gateway, judged in one run (CONFORMANCE_MODELS): a standalone reference target
serving three models, one of them deviating by switches that apply to that model only. Every report form - the summary
JSON and Markdown, the Allure results, the badges, the fleet page - shows that model failing exactly what its switches
declare, and the other two conformant."""
import json
import subprocess

import pytest

from conftest import CLEAN_ENV, LOGS, ROOT, declared_breaks, random_hex, reference_target, run_maven

MODELS = ["reference-small", "reference-medium", "reference-large"]
LARGE = "USAGE_TOTAL_WRONG,RESPONSES_CREATED_AT_MS"  # CHAT-004 (SHOULD) and RESP-001 (MUST), for reference-large only


@pytest.fixture(scope="module")
def matrix(built):
    key = "sk-models-" + random_hex(16)
    with reference_target("models", key, model_switches="reference-large=" + LARGE.replace(",", "+")) as base_url:
        run = run_maven("models", "-o", "verify", env={"CONFORMANCE_BASE_URL": base_url, "CONFORMANCE_API_KEY": key,
                                                       "CONFORMANCE_PROFILE": "reference", "CONFORMANCE_MODELS": ",".join(MODELS)})
    return run


def by_model(run):
    return {m["model"]: m for m in run.summary["models"]}


def test_the_summary_gives_one_verdict_per_model(matrix):
    models = by_model(matrix)
    assert list(models) == MODELS and matrix.summary["schemaVersion"] == "2"
    assert [models[m]["verdict"] for m in MODELS] == ["conformant", "conformant", "non-conformant"]
    assert matrix.summary["verdict"] == "non-conformant" and matrix.rc != 0


def test_the_deviating_model_fails_exactly_what_its_switches_declare_and_the_others_nothing(matrix):
    models = by_model(matrix)
    failing = {m: sorted(r["id"] for r in models[m]["requirements"] if r["status"] in ("failed", "broken")) for m in MODELS}
    assert failing == {"reference-small": [], "reference-medium": [], "reference-large": declared_breaks(LARGE)}
    assert matrix.with_status("failed") == declared_breaks(LARGE) and matrix.with_status("broken") == []
    judged = [sorted(r["id"] for r in models[m]["requirements"]) for m in MODELS]
    assert judged[0] == judged[1] == judged[2] and "CHAT-001" in judged[0] and "AUTH-001" not in judged[0]


def test_the_markdown_has_a_requirement_by_model_table(matrix):
    md = (matrix.out / "conformance-summary.md").read_text()
    assert "## Per model" in md and "| Requirement | reference-small | reference-medium | reference-large |" in md
    assert "| RESP-001 | passed | passed | failed |" in md and "models: 2 of 3 conformant" in md


def test_each_model_is_an_allure_parameter_with_its_own_history(matrix):
    results = [json.loads(p.read_text()) for p in (matrix.out / "allure-results").glob("*-result.json")]
    chat004 = [r for r in results if r["name"].endswith("recommended_chat004_usageTotalsAddUp") or "chat004" in r.get("fullName", "")]
    models = sorted(p["value"] for r in chat004 for p in r.get("parameters", []) if p["name"] == "model")
    assert models == sorted(MODELS), chat004
    assert len({r["historyId"] for r in chat004}) == 3
    statuses = {p["value"]: r["status"] for r in chat004 for p in r["parameters"] if p["name"] == "model"}
    assert statuses == {"reference-small": "passed", "reference-medium": "passed", "reference-large": "failed"}


def test_badges_per_model_and_overall_and_the_report_banner(matrix):
    badges = {p.name: json.loads(p.read_text()) for p in (matrix.out / "badges").glob("*.json")}
    assert sorted(badges) == sorted(m + ".json" for m in MODELS)
    assert badges["reference-large.json"]["message"] == "1 MUST failed" and badges["reference-large.json"]["color"] == "red"
    assert badges["reference-small.json"]["message"].startswith("conformant")
    assert json.loads((matrix.out / "badge.json").read_text())["message"].endswith("· 2/3 models")
    assert "models conformant: 2/3" in (matrix.out / "allure-report/index.html").read_text(errors="replace")  # the report's banner


def test_the_fleet_page_shows_the_models_columns(matrix, tmp_path):
    spec = tmp_path / "fleet.json"
    spec.write_text(json.dumps({"targets": [{"name": "models", "baseUrl": "http://127.0.0.1:1/v1", "profile": "reference"}]}))
    done = subprocess.run(["scripts/fleet", str(spec), "--collect", str(LOGS / "runs")], cwd=ROOT, env=CLEAN_ENV, capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr  # the target is non-conformant
    page = (ROOT / "reports/target/fleet/index.html").read_text()
    assert all(f"models · {m}" in page for m in MODELS)
    fleet = json.loads((ROOT / "reports/target/fleet/fleet-summary.json").read_text())
    assert [(m["model"], m["verdict"]) for m in fleet["targets"][0]["models"]] == [
        ("reference-small", "conformant"), ("reference-medium", "conformant"), ("reference-large", "non-conformant")]
