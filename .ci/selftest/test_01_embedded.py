"""Step 1: ./mvnw -Pself-test verify - the harness's unit tests, the proofs (every check fails on its deviation of the
reference target and passes on every legal variant), then a conformance run against the embedded target."""
import hashlib
import json
import subprocess

from conftest import JAR, ROOT


def test_unit_tests_proofs_and_the_embedded_run_pass(embedded_run):
    assert embedded_run.rc == 0


def test_the_embedded_target_is_conformant(embedded_run):
    assert embedded_run.summary["verdict"] == "conformant"
    assert embedded_run.summary["mustFailures"] == []


def test_the_single_file_report_is_written(embedded_run):
    assert (embedded_run.out / "allure-report/index.html").stat().st_size > 0


def test_the_generated_docs_are_committed_as_the_build_makes_them(embedded_run):
    changed = subprocess.run(["git", "diff", "--name-only", "--", "docs/requirements.md", "docs/settings.md"], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert changed == [], f"{changed} changed when the build regenerated them: commit them"


def test_the_badge_is_in_shields_endpoint_format(embedded_run):
    badge = json.loads((embedded_run.out / "badge.json").read_text())
    assert badge["schemaVersion"] == 1 and badge["message"].startswith("conformant · ") and badge["color"] == "brightgreen", badge


def test_revocation_seconds_are_in_the_summary(embedded_run):
    assert "KEY-002 seconds from delete to refusal" in (embedded_run.out / "conformance-summary.md").read_text()


def test_the_runnable_jar_is_built_with_its_sha256(built):
    recorded = JAR.with_name(JAR.name + ".sha256").read_text().split()
    assert recorded[1] == JAR.name
    assert recorded[0] == hashlib.sha256(JAR.read_bytes()).hexdigest()
