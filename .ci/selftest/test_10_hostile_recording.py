"""Step 10: a hostile recording - markup in its model and answers that would run script in the report (Allure 2.34
renders environment values, parameters and step names as HTML), and workflow commands that would forge CI log lines.
The script, if it ever ran, would mark the page's body with an id that appears nowhere in the recording's text."""
import json
import re

import pytest

from conftest import LOGS, chromium_dom, run_maven

PAYLOAD = '<img src=x onerror="document.body.id=\'x\'+\'ss\'+\'ran\'">'


@pytest.fixture(scope="module")
def hostile_run(built, tmp_path_factory):
    text = "Invalid key\n::error title=Injected by recording::forged\n\u001b[2J" + PAYLOAD
    answer = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "x\"><b>" + PAYLOAD,
              "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
              "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10}}
    entry = {"request": {"method": "POST", "url": "https://api.example/v1/chat/completions", "headers": [],
                         "postData": {"text": json.dumps({"model": "https://x\"><img src=x onerror=alert(document.domain)>" + PAYLOAD,
                                                          "messages": [{"role": "user", "content": PAYLOAD}]})}},
             "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}],
                          "content": {"mimeType": "application/json", "text": json.dumps(answer)}}}
    har = tmp_path_factory.mktemp("hostile") / "session.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": [entry]}}))
    return run_maven("hostile-recording", "-o", "verify", env={"CONFORMANCE_RECORDING": str(har)})


def test_no_console_line_starts_with_a_workflow_command_or_holds_an_escape(hostile_run):
    forged = [line for line in hostile_run.text.splitlines() if re.match(r"^\s*::", line) or "\x1b" in line]
    assert forged == [], forged[0][:120] if forged else ""


def test_the_markdown_summary_quotes_no_raw_markup(hostile_run):
    assert "<img" not in (hostile_run.out / "conformance-summary.md").read_text()


def test_a_recorded_model_that_is_not_a_model_id_is_not_taken(hostile_run):
    assert hostile_run.summary["target"]["model"] == "recorded"


@pytest.mark.parametrize("page", ["#behaviors", ""], ids=["behaviors", "overview"])
def test_the_report_renders_in_chromium_and_runs_none_of_its_script(hostile_run, page):
    dom = chromium_dom((hostile_run.out / "allure-report/index.html").as_uri() + page, LOGS / "chromium-hostile")
    assert "<body" in dom and len(dom) > 2000, "the report did not render"
    assert "Status:" in dom or page == "", "the report did not render its results"
    assert "xssran" not in dom
