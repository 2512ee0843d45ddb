"""Step 3: the reports as people and CI use them - the history carried from run 1 to run 2, the report opened from
disk in headless Chromium, the workflows checked by actionlint."""
import json
import re
import subprocess

import pytest

from conftest import HISTORY, LOGS, ROOT, chromium_dom, page_text


def test_the_summary_lists_exactly_the_declared_failures_as_newly_failing(deviating, expected_failures):
    assert sorted(deviating["run"].summary["changes"]["newlyFailing"]) == expected_failures


def test_the_markdown_summary_lists_what_newly_failed(deviating, expected_failures):
    line = re.search(r"^- Newly failing: (.*)$", (deviating["run"].out / "conformance-summary.md").read_text(), re.M)
    assert line and all(i in line.group(1) for i in expected_failures)


def test_allures_trend_holds_both_runs(deviating):
    assert len(json.loads((HISTORY / "allure-history/history-trend.json").read_text())) == 2


def test_chromium_renders_the_report_from_disk_with_the_verdict_first_every_result_and_the_labels(deviating):
    run = deviating["run"]
    dom = chromium_dom((run.out / "allure-report/index.html").as_uri() + "#behaviors", LOGS / "chromium")
    text = page_text(dom)
    body = page_text(dom.split("<body", 1)[-1].split(">", 1)[-1])
    shown = re.search(r"Status: (\d+) (\d+) (\d+) (\d+) (\d+)", text)
    results = [json.loads(p.read_text()) for p in (run.out / "allure-results").glob("*-result.json")]
    failed = sum(1 for r in results if r["status"] == "failed")
    assert shown, "no status counters rendered"
    assert sum(map(int, shown.groups())) == len(results) and int(shown.group(1)) == failed, \
        f"the page shows {shown.groups()}, the results hold {len(results)} ({failed} failed)"
    assert "AUTH-004 (MUST)" in text and "ERR-001 (MUST)" in text, "no requirement labels rendered"
    banner = run.summary["verdict"].upper() + " · " + run.summary["result"] + " · "
    assert body.startswith(banner), body[:80]


@pytest.fixture(scope="session")
def actionlint():
    """actionlint, built from the Go module proxy (its PyPI and npm wrappers download binaries from the web)."""
    tools = LOGS / "tools"
    log = LOGS / "tools.log"
    with open(log, "wb") as out:
        subprocess.run(["go", "install", "github.com/rhysd/actionlint/cmd/actionlint@v1.7.7"], env={**__import__("os").environ,
                       "GOBIN": str(tools)}, stdout=out, stderr=subprocess.STDOUT)
    binary = tools / "actionlint"
    assert binary.is_file(), f"actionlint could not be built: {log.read_text()[-300:]}"
    return binary


def test_actionlint_rejects_a_broken_workflow(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    assert subprocess.run([str(actionlint), str(broken)], capture_output=True).returncode != 0


def test_the_workflows_and_the_docs_example_pass_actionlint(actionlint):
    files = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml")) + [str(ROOT / "docs/examples/github-action.yml")]
    result = subprocess.run([str(actionlint)] + files, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[:800]
