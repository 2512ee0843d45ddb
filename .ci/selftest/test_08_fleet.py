"""Step 8: many targets in one command - scripts/fleet on a conforming, a deviating and a down target."""
import importlib.machinery
import importlib.util
import json
import os
import re
import html
import subprocess
import time
from contextlib import ExitStack

import pytest

from conftest import CLEAN_ENV, LEVELS, LOGS, ROOT, chromium_dom, declared_breaks, files_holding, free_port, random_hex, reference_target

FLEET_DEVIATIONS = "WRONG_OBJECT_TYPE,CREATED_AS_STRING"  # breaks that need no management key to show
FLEET = ROOT / "reports/target/fleet"


def fleet(*args, env=None):
    return subprocess.run(["scripts/fleet", *map(str, args)], cwd=ROOT, env={**CLEAN_ENV, **(env or {})}, capture_output=True, text=True)


def test_a_fleet_file_may_carry_safety_settings_and_a_key_setting_is_refused_by_name(tmp_path):
    settings = {"targets": [{"name": "a", "baseUrl": "https://gateway.example/v1", "apiKeyEnv": "A_KEY", "settings": {
        "CONFORMANCE_SEND_KEY_VARIANTS": "false", "CONFORMANCE_MAX_RPS": "2", "CONFORMANCE_REVOCATION_WINDOW_S": "30"}}]}
    (tmp_path / "ok.json").write_text(json.dumps(settings))
    assert "CONFORMANCE_SEND_KEY_VARIANTS=false\\nCONFORMANCE_MAX_RPS=2" in fleet(tmp_path / "ok.json", "--matrix").stdout
    settings["targets"][0]["settings"]["CONFORMANCE_MANAGEMENT_KEY"] = settings["targets"][0]["settings"].pop("CONFORMANCE_MAX_RPS")
    (tmp_path / "key.json").write_text(json.dumps(settings))
    refused = fleet(tmp_path / "key.json", "--matrix")
    assert refused.returncode != 0 and "must not hold CONFORMANCE_MANAGEMENT_KEY" in refused.stderr


@pytest.fixture(scope="module")
def fleet_run(built):
    keys = {"FLEET_KEY_A": "sk-fleet-a-" + random_hex(12), "FLEET_KEY_B": "fk_" + random_hex(16)}
    with ExitStack() as targets:
        a = targets.enter_context(reference_target("fleet-a", keys["FLEET_KEY_A"]))
        b = targets.enter_context(reference_target("fleet-b", keys["FLEET_KEY_B"], FLEET_DEVIATIONS))
        down = f"http://127.0.0.1:{free_port(18700)}/v1"
        spec = LOGS / "fleet.json"
        spec.write_text(json.dumps({"targets": [
            {"name": "conforming", "baseUrl": a, "profile": "reference", "apiKeyEnv": "FLEET_KEY_A"},
            {"name": "deviating", "baseUrl": b, "profile": "reference", "apiKeyEnv": "FLEET_KEY_B",
             "extraHeaders": {"X-Fleet-Run": "self-test"}, "settings": {"CONFORMANCE_MAX_RPS": "200"}},
            {"name": "down", "baseUrl": down, "profile": "reference", "apiKeyEnv": "FLEET_KEY_A"}]}))
        log = open(LOGS / "fleet.log", "wb")
        first = subprocess.Popen(["scripts/fleet", str(spec), "--parallel", "2", "--maven-arg=-o"], cwd=ROOT,
                                 env={**CLEAN_ENV, **keys}, stdout=log, stderr=subprocess.STDOUT)
        time.sleep(2)
        second = fleet(spec, "--maven-arg=-o", env=keys)
        rc = first.wait(1800)
        log.close()
    return {"rc": rc, "second": second, "spec": spec, "keys": keys}


def test_a_second_fleet_in_the_same_checkout_is_turned_away(fleet_run):
    assert fleet_run["second"].returncode == 2 and "another fleet is running in this checkout" in fleet_run["second"].stdout + fleet_run["second"].stderr


def test_a_fleet_runs_environment_holds_its_own_key_only(fleet_run):
    loader = importlib.machinery.SourceFileLoader("fleet", str(ROOT / "scripts/fleet"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("fleet", loader))
    loader.exec_module(module)
    saved = dict(os.environ)
    os.environ.update(fleet_run["keys"])
    try:
        targets = module.load_targets(str(fleet_run["spec"]))
        env, _ = module.environment(targets[1], module.key_variables(targets))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert "FLEET_KEY_A" not in env and "FLEET_KEY_B" not in env and env["CONFORMANCE_API_KEY"] == fleet_run["keys"]["FLEET_KEY_B"]


def test_the_fleet_summary_holds_each_targets_verdict(fleet_run):
    must = [i for i in declared_breaks(FLEET_DEVIATIONS) if LEVELS[i] == "MUST"]
    summary = json.loads((FLEET / "fleet-summary.json").read_text())
    t = {x["name"]: x for x in summary["targets"]}
    assert fleet_run["rc"] == 1
    assert summary["kind"] == "FleetReport" and summary["schemaVersion"] == "1"
    assert t["conforming"]["verdict"] == "conformant"
    assert t["deviating"]["verdict"] == "non-conformant" and t["deviating"]["mustFailures"] == must
    assert t["down"]["verdict"] == "non-conformant" and "CONFORMANCE_BASE_URL" in (t["down"]["error"] or "")
    for name in ("conforming", "deviating"):
        assert (FLEET / t[name]["conformanceReport"]).read_text().startswith("{"), name


def test_chromium_shows_the_fleet_page_with_every_verdict_and_a_link_to_each_report(fleet_run):
    dom = chromium_dom((FLEET / "index.html").as_uri(), LOGS / "chromium-fleet", budget_ms=5000)
    heads = [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<th>(.*?)</th>", dom.split("<tbody>")[0], re.S)][1:]
    verdicts = [html.unescape(v) for v in re.findall(r'<td class="verdict [^"]*">([A-Z-]+)', dom)]
    assert list(zip(heads, verdicts)) == [("conforming", "CONFORMANT"), ("deviating", "NON-CONFORMANT"), ("down", "NON-CONFORMANT")]
    assert len(re.findall(r'<th><a href="([^"]+)">', dom)) == 2


def test_no_fleet_key_appears_in_the_page_summary_logs_or_reports(fleet_run):
    keys = fleet_run["keys"]
    shapes = keys["FLEET_KEY_A"][len("sk-fleet-a-"):] + "|" + keys["FLEET_KEY_B"][len("fk_"):]
    assert files_holding(shapes, FLEET, LOGS / "fleet.log") == []


def test_collect_copies_regular_files_inside_the_folder_only(fleet_run, tmp_path):
    collect = tmp_path / "collect"
    (collect / "conforming").mkdir(parents=True)
    (collect / "conforming/conformance-summary.json").write_bytes((FLEET / "runs/conforming/reports/target/conformance-summary.json").read_bytes())
    (tmp_path / "outside.txt").write_text("outside the folder\n")
    (collect / "conforming/linked.txt").symlink_to(tmp_path / "outside.txt")
    fleet(fleet_run["spec"], "--collect", collect)
    assert (FLEET / "runs/conforming/conformance-summary.json").is_file()
    assert not (FLEET / "runs/conforming/linked.txt").exists()
