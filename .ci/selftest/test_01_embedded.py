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
    assert badge["schemaVersion"] == 1 and badge["message"].startswith("reference target · conformant · ") \
        and badge["color"] == "brightgreen", badge


def test_every_report_form_says_the_reference_target_was_judged_not_a_gateway(embedded_run):
    assert "CONFORMANT (success) of the embedded reference target, not a gateway" in embedded_run.text
    assert (embedded_run.out / "conformance-summary.md").read_text().startswith(
        "# Conformance: CONFORMANT (success) of the embedded reference target, not a gateway")


def test_the_verdict_line_counts_every_requirement_once(embedded_run):
    statuses = embedded_run.statuses
    counts = {s: sum(1 for v in statuses.values() if v == s) for s in ("passed", "failed", "broken", "skipped")}
    assert (f"{counts['passed']} passed, {counts['failed']} failed, {counts['broken']} broken, {counts['skipped']} skipped, "
            f"of {len(statuses)} requirements") in embedded_run.text


def test_the_suite_masks_secrets_only_never_its_own_made_up_values(embedded_run):
    """The reference run's keys are the target's own; what the suite made up for a probe (an unknown OAuth code) is no
    secret, and masking its pieces garbled key names and file paths ('[masked oauth-code]summary.md')."""
    for name in ("conformance-summary.md", "conformance-summary.json"):
        assert "[masked" not in (embedded_run.out / name).read_text(), name
    assert "[masked" not in "\n".join(l for l in embedded_run.text.splitlines() if l.startswith("[conformance]"))


def test_revocation_seconds_are_in_the_summary(embedded_run):
    assert "KEY-002 seconds from delete to refusal" in (embedded_run.out / "conformance-summary.md").read_text()


def test_the_runnable_jar_is_built_with_its_sha256(built):
    recorded = JAR.with_name(JAR.name + ".sha256").read_text().split()
    assert recorded[1] == JAR.name
    assert recorded[0] == hashlib.sha256(JAR.read_bytes()).hexdigest()
