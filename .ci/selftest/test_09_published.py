"""Step 9: a published report, checked as a reviewer of a submission would (scripts/validate-report)."""
import json
import shutil
import subprocess

from conftest import ACTION, CLEAN_ENV, ROOT


def validate(folder):
    return subprocess.run(["scripts/validate-report", str(folder)], cwd=ROOT, env={**CLEAN_ENV, "MAVEN_ARGS": "-o"},
                          capture_output=True, text=True)


def publish(action_run, tmp_path):
    summary = json.loads((ACTION / "report-embedded/conformance-summary.json").read_text())
    reports = tmp_path / "published/conformance/reports"
    folder = reports / summary["suiteVersion"] / "embedded-reference"
    folder.mkdir(parents=True)
    shutil.copyfile(ACTION / "report-embedded/conformance-summary.json", folder / "conformance-summary.json")
    (folder / "README.md").write_text(f"# The embedded reference target\n\nTarget version: {summary['suiteVersion']} (built in)\n\n"
                                      "Reproduce: `./mvnw verify`\n")
    return reports, folder


def test_validate_report_accepts_a_report_published_as_docs_publishing_lays_out(action_run, tmp_path):
    reports, _ = publish(action_run, tmp_path)
    result = validate(reports)
    assert result.returncode == 0, (result.stdout + result.stderr)[-600:]


def test_and_rejects_it_once_a_status_is_changed_without_its_verdict(action_run, tmp_path):
    reports, folder = publish(action_run, tmp_path)
    summary = json.loads((folder / "conformance-summary.json").read_text())
    next(r for r in summary["requirements"] if r["level"] == "MUST")["status"] = "failed"
    (folder / "conformance-summary.json").write_text(json.dumps(summary))
    result = validate(reports)
    assert result.returncode == 1 and "the statuses make it non-conformant" in result.stdout + result.stderr
