"""Step 13: what a hostile party controls reaches no shell, terminal or CI log as syntax - the OAuth helper's callback
listener (codes pasted into the shell that holds the keys), a fleet's comparison and the validator of published reports
(summaries made elsewhere)."""
import json
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from conftest import CLEAN_ENV, ROOT, free_port


def start_listener(port, count=2, wait=20):
    return subprocess.Popen([sys.executable, str(ROOT / "scripts/oauth-pkce"), "--listen", str(port), "--count", str(count),
                             "--wait", str(wait)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def callback_urls(process, count):
    """The callback URL of each authorization URL the helper printed, in order."""
    urls = []
    while len(urls) < count:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        match = re.match(r"\s+\d+\. (\S+)$", line)
        if match:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(match.group(1)).query)
            urls.append(query["callback_url"][0])
    return urls


def get(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode()


def test_oauth_helper_pairs_codes_by_path_refuses_shell_syntax_and_quotes_what_it_prints(tmp_path):
    port = free_port(18600)
    process = start_listener(port)
    try:
        first, second = callback_urls(process, 2)
        time.sleep(0.3)
        assert first != second and first.startswith(f"http://localhost:{port}/oai-conformance/")
        local = lambda url: url.replace("localhost", "127.0.0.1")  # noqa: E731
        # a half-sent request: the listener must not wait on it past its socket timeout
        stalled = socket.create_connection(("127.0.0.1", port))
        stalled.sendall(b"GET /oai-conformance/x HTTP/1.1\r\n")
        pwned = tmp_path / "pwned"
        hostile = f"$(touch${{IFS}}{pwned})"
        assert "Not a callback" in get(f"http://127.0.0.1:{port}/?code=" + urllib.parse.quote(hostile)), "any other path is ignored"
        assert "No usable code" in get(local(second) + "?code=" + urllib.parse.quote(hostile)), "shell syntax is no code"
        assert "No usable code" in get(local(second) + "?code=" + urllib.parse.quote("abc\nexport X=1")), "a line break is no code"
        # approved in the other order: each code still goes with its own verifier
        assert "Code received" in get(local(second) + "?code=code-two_2")
        assert "Code received" in get(local(first) + "?code=code.one~1")
        out, err = process.communicate(timeout=30)
        stalled.close()
    finally:
        process.kill()
    assert process.returncode == 0, err
    exports = [line.strip() for line in out.splitlines() if line.strip().startswith("export ")]
    assert exports[0] == "export CONFORMANCE_OAUTH_CODE=" + shlex.quote("code.one~1,code-two_2"), exports
    assert all(len(shlex.split(line)) == 2 for line in exports), "each line is one export of one quoted word"
    subprocess.run(["bash", "-c", "\n".join(exports)], check=True, timeout=10)
    assert not pwned.exists()


def test_oauth_helper_ends_on_time_with_a_connection_held_open():
    port = free_port(18650)
    process = start_listener(port, count=1, wait=3)
    try:
        callback_urls(process, 1)
        time.sleep(0.3)
        held = socket.create_connection(("127.0.0.1", port))
        held.sendall(b"GET /")
        start = time.monotonic()
        process.communicate(timeout=30)
        held.close()
    finally:
        process.kill()
    assert process.returncode == 1 and time.monotonic() - start < 3 + 5 + 2, "the wait plus one socket timeout at most"


HOSTILE_MODEL = 'm\n::error title=Injected::forged by a summary\x1b]0;retitled\x07'


def hostile_summary(action_run):
    """The embedded run's summary, as a hostile party would hand it over: model ids with a line that is a workflow
    command, and terminal escapes."""
    from conftest import ACTION
    summary = json.loads((ACTION / "report-embedded/conformance-summary.json").read_text())
    model = summary["models"][0]
    summary["models"] = [{**model, "model": HOSTILE_MODEL}, {**model, "model": "x://\"><img src=x onerror=alert(1)>"}]
    summary["target"]["models"] = [m["model"] for m in summary["models"]]
    return summary


def no_forged_line(text):
    return not any(line.lstrip().startswith("::") for line in text.splitlines()) and "\x1b" not in text and "\x07" not in text


def test_fleet_collect_prints_a_hostile_summary_flattened(action_run, tmp_path):
    collect = tmp_path / "collect"
    (collect / "elsewhere").mkdir(parents=True)
    (collect / "elsewhere/conformance-summary.json").write_text(json.dumps(hostile_summary(action_run)))
    spec = tmp_path / "fleet.json"
    spec.write_text(json.dumps({"targets": [{"name": "elsewhere", "baseUrl": "https://gateway.example/v1", "apiKeyEnv": "UNUSED"}]}))
    result = subprocess.run(["scripts/fleet", str(spec), "--collect", str(collect)], cwd=ROOT, env=CLEAN_ENV, capture_output=True,
                            text=True, timeout=120)
    assert "Injected" in result.stdout, "the model's column is printed, flattened: " + result.stdout
    assert no_forged_line(result.stdout + result.stderr), result.stdout


def test_validate_report_prints_a_hostile_submission_flattened_and_refuses_its_ids(action_run, tmp_path):
    folder = tmp_path / "published/conformance/reports/0.1.0/hostile"
    folder.mkdir(parents=True)
    (folder / "conformance-summary.json").write_text(json.dumps(hostile_summary(action_run)))
    (folder / "README.md").write_text("# Hostile\n\nTarget version: 1\n\nReproduce: `./mvnw verify`\n")
    result = subprocess.run(["scripts/validate-report", str(tmp_path / "published")], cwd=ROOT, env={**CLEAN_ENV, "MAVEN_ARGS": "-o"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "INVALID" in result.stdout, result.stdout[-600:]
    assert no_forged_line(result.stdout + result.stderr), result.stdout[-600:]


def test_a_target_listing_hostile_model_ids_gets_no_script_run_and_none_of_them_judged(built, tmp_path):
    """The security review's stored XSS: GET models lists an id that runs script where Allure renders it raw. Judged with
    'models:.', no hostile id is judged (each is named, inert, among what was not judged), and Chromium opening the
    report runs nothing: the page's body keeps its id."""
    from conftest import CLEAN_ENV as ENV, JAR, LOGS, chromium_dom, random_hex, reference_target
    key = "sk-hostile-ids-" + random_hex(12)
    with reference_target("hostile-ids", key, "HOSTILE_MODEL_IDS") as base_url:
        result = subprocess.run(["java", "-jar", str(JAR), "--base-url", base_url, "--profile", "reference", "--models", "models:.",
                                 "--out", str(tmp_path / "report")], cwd=tmp_path, env={**ENV, "CONFORMANCE_API_KEY": key},
                                capture_output=True, text=True, timeout=900)
    (LOGS / "jar-hostile-ids.log").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, (result.stdout + result.stderr)[-800:]
    assert no_forged_line(result.stdout + result.stderr)
    summary = json.loads((tmp_path / "report/conformance-summary.json").read_text())
    judged = [m["model"] for m in summary["models"]]
    assert judged and all(re.fullmatch(r"reference-[a-z]+", m) for m in judged), judged
    set_aside = [n for n in summary["target"]["notJudged"] if "outside the model id rule" in n]
    assert len(set_aside) == 3 and all("<" not in n and "\n" not in n and "\x1b" not in n for n in set_aside), set_aside
    markdown = (tmp_path / "report/conformance-summary.md").read_text()
    assert "<img" not in markdown and "\x1b" not in markdown and "\n::" not in markdown
    for route in ("", "#behaviors", "#suites"):
        dom = chromium_dom((tmp_path / "report/allure-report/index.html").as_uri() + route, LOGS / "chromium-hostile")
        assert "<body" in dom, "Chromium rendered nothing"
        assert "xssran" not in dom, "a model id ran script in the report"
