"""Fixtures of the suite's self-test: the checkout, Maven runs kept with their outputs, standalone reference targets,
free loopback ports, headless Chromium, and the key-leak scan. Each run is a session fixture, made once."""
import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "target" / "self-test"
HISTORY = LOGS / "history"
MVN = ["./mvnw", "-B", "-ntp"]
VERSION = re.search(r"<version>([^<]+)</version>", (ROOT / "pom.xml").read_text()).group(1)
JAR = ROOT / "reports" / "standalone" / "target" / f"openai-conformance-{VERSION}.jar"
CATALOGUE = json.loads((ROOT / "api-contract/src/main/resources/catalogue/requirements.json").read_text())
LEVELS = {r["id"]: r["level"] for r in CATALOGUE["requirements"]}
# The suite's settings: no run of the self-test inherits one from the shell that started it.
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("CONFORMANCE_")}


@dataclass
class Run:
    """A finished run: exit status, console output, and a copy of what it wrote (reports/target and the results)."""
    name: str
    rc: int
    seconds: float
    log: Path
    out: Path

    @property
    def text(self):
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def summary(self):
        return json.loads((self.out / "conformance-summary.json").read_text(encoding="utf-8"))

    @property
    def statuses(self):
        return {r["id"]: r["status"] for r in self.summary["requirements"]}

    def with_status(self, status):
        return sorted(i for i, s in self.statuses.items() if s == status)


def run_maven(name, *args, env=None, keep=True, timeout=1800):
    """./mvnw ARGS with the suite's settings given in env only; the outputs are copied aside when keep is set."""
    log = LOGS / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with open(log, "wb") as out:
        rc = subprocess.run(MVN + list(args), cwd=ROOT, env={**CLEAN_ENV, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
                            timeout=timeout).returncode
    seconds = time.monotonic() - start
    kept = LOGS / "runs" / name
    if keep:
        shutil.rmtree(kept, ignore_errors=True)
        if (ROOT / "reports/target").is_dir():
            shutil.copytree(ROOT / "reports/target", kept, ignore=shutil.ignore_patterns("allure-cli", "classes", "*.jar"))
        if (ROOT / "target/allure-results").is_dir():
            shutil.copytree(ROOT / "target/allure-results", kept / "allure-results", dirs_exist_ok=True)
    return Run(name, rc, seconds, log, kept)


def free_port(start=18089):
    for port in range(start, start + 400):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free loopback port")


def wait_for(predicate, seconds=60, every=0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


def random_hex(n):
    return secrets.token_hex(n)


@contextlib.contextmanager
def reference_target(name, key, switches="", admin_key=None, created_prefix=None, model_switches=""):
    """A standalone reference target from the runnable jar, on a free loopback port; yields its base URL.
    model_switches: 'model=SWITCH+SWITCH;model=SWITCH', switches that apply to one served model only."""
    port = free_port(18089 + (hash(name) % 50) * 8)
    env = {**CLEAN_ENV, "REFERENCE_TARGET_API_KEY": key}
    if admin_key:
        env["REFERENCE_TARGET_ADMIN_KEY"] = admin_key
    command = ["java", "-cp", str(JAR), f"-Dreference.port={port}", f"-Dreference.switches={switches}"]
    if created_prefix:
        command.append(f"-Dreference.createdKeyPrefix={created_prefix}")
    if model_switches:
        command.append(f"-Dreference.modelSwitches={model_switches}")
    log = LOGS / f"{name}-target.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command + ["org.oaiconformance.reference.ReferenceTargetMain"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "listening at" in log.read_text(errors="replace") or process.poll() is not None), \
            f"{name}: the reference target did not start"
        assert process.poll() is None, f"{name}: the reference target exited: {log.read_text(errors='replace')[-300:]}"
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop(process)


def stop(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:  # a server that ignores SIGTERM cannot hold the self-test
        process.kill()
        process.wait()


def declared_breaks(switches):
    """What the switches declare they break (Switch.breaks()), computed by the reference target, never typed here."""
    out = subprocess.run(["java", "-cp", str(JAR), "org.oaiconformance.reference.DeclaredBreaks", switches], capture_output=True,
                         text=True, check=True).stdout
    return sorted(json.loads(out.replace("'", '"')))


def chromium_dom(url, profile_dir, budget_ms=15000):
    """The page as headless Chromium leaves it after its scripts ran (file:// URLs, no network)."""
    if not shutil.which("chromium"):
        pytest.fail("chromium is not installed (Debian package 'chromium'; .ci/run installs it)")
    return subprocess.run(["timeout", "90", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-dev-shm-usage", f"--user-data-dir={profile_dir}", f"--virtual-time-budget={budget_ms}", "--dump-dom",
                           url], capture_output=True, text=True).stdout


def page_text(dom):
    dom = re.sub(r"<(script|style).*?</\1>", "", dom, flags=re.S)
    import html
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", dom))).strip()


SKIPPED_TREES = {"node_modules", "venv", "self-test-venv", "site-packages"}  # installed third-party code, not written by a run


def text_files(base):
    base = Path(base)
    if base.is_file():
        yield base
        return
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d not in SKIPPED_TREES]
        for name in files:
            yield Path(folder) / name


def files_holding(pattern, *paths):
    """Text files under paths (installed third-party code aside) whose content matches the regex: where a key leaked."""
    rx = re.compile(pattern)
    found = []
    for base in paths:
        for path in text_files(base):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if b"\0" in data[:8192]:
                continue  # binary, as grep -I skips
            if rx.search(data.decode("utf-8", errors="replace")):
                found.append(str(path))
    return found


def comparable(summary):
    """What two runs of the same target must agree on: verdict, statuses, totals and the SDK matrix."""
    return {"verdict": summary["verdict"], "result": summary["result"], "totals": summary["totals"],
            "families": summary["families"], "sdkMatrix": summary["sdkMatrix"], "mustFailures": summary.get("mustFailures"),
            "statuses": {r["id"]: r["status"] for r in summary["requirements"]}}


def pytest_sessionstart(session):
    if not getattr(session.config, "workerinput", None):
        shutil.rmtree(LOGS / "runs", ignore_errors=True)
        LOGS.mkdir(parents=True, exist_ok=True)


# ---- the runs several steps read -------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def embedded_run():
    """Step 1: unit tests, proofs, a conformance run against the embedded target, the runnable jar; history starts."""
    shutil.rmtree(HISTORY, ignore_errors=True)
    run = run_maven("embedded", "-Pself-test", "verify", f"-Dconformance.historyDir={HISTORY}")
    assert run.rc == 0, f"./mvnw -Pself-test verify failed:\n{tail(run.text)}"
    return run


@pytest.fixture(scope="session")
def built(embedded_run):
    """Everything built by step 1 (the jar included): what later steps start targets from."""
    assert JAR.is_file(), f"no runnable jar at {JAR}"
    return embedded_run


def tail(text, lines=15):
    return "\n".join(text.splitlines()[-lines:])


# ---- step 2's deviating target, which step 3 reads too ----------------------------------------------------------------

DEVIATIONS = "ACCEPT_ANY_KEY,ERROR_AS_STRING"  # accepts any key, and error bodies are strings
CREATED_PREFIX = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWxmdGVzdCJ9."


@pytest.fixture(scope="session")
def deviating(built, tmp_path_factory):
    """Step 2's run: a deviating target with keys of unusual shapes, read from files."""
    key, admin_key = "gsk_" + random_hex(20), random_hex(16)
    files = tmp_path_factory.mktemp("keys")
    (files / "api-key").write_text(key + "\n")
    (files / "management-key").write_text(admin_key + "\n")
    # the reference profile, documenting the JWT prefix of the keys this target issues (SEC-003, OAUTH-003 judge it)
    profile = json.loads((ROOT / "api-contract/src/main/resources/profiles/reference.json").read_text())
    profile["issuedKeyPrefix"] = CREATED_PREFIX
    (files / "profile.json").write_text(json.dumps(profile))
    with reference_target("deviating", key, DEVIATIONS, admin_key, CREATED_PREFIX) as base_url:
        run = run_maven("deviating", "verify", f"-Dconformance.historyDir={HISTORY}", env={
            "CONFORMANCE_BASE_URL": base_url + "/", "CONFORMANCE_API_KEY_FILE": str(files / "api-key"),
            "CONFORMANCE_PROFILE_FILE": str(files / "profile.json"), "CONFORMANCE_MANAGEMENT_KEY_FILE": str(files / "management-key"),
            "CONFORMANCE_REVOCATION_WINDOW_S": "3"})
        left = keys_left(base_url, admin_key)
    return {"run": run, "key": key, "admin_key": admin_key, "left": left}


def keys_left(base_url, admin_key):
    """The run's own keys still on the target, disabled ones included, and the OAuth key it obtained."""
    names, offset = [], 0
    while True:
        request = urllib.request.Request(f"{base_url}/keys?include_disabled=true&offset={offset}",
                                         headers={"Authorization": "Bearer " + admin_key})
        page = json.load(urllib.request.urlopen(request, timeout=10))["data"]
        if not page:
            return sum(1 for n in names if n.startswith("oai-conformance-") or n == "OAuth key")
        names += [k["name"] for k in page]
        offset += len(page)


@pytest.fixture(scope="session")
def expected_failures():
    return declared_breaks(DEVIATIONS)




# ---- step 7's action run, whose report step 9 publishes ------------------------------------------------------------

ACTION = LOGS / "action"


def run_action(name, **inputs):
    ACTION.mkdir(parents=True, exist_ok=True)
    env = {**CLEAN_ENV, "GITHUB_OUTPUT": str(ACTION / f"outputs-{name}"), "GITHUB_STEP_SUMMARY": str(ACTION / f"job-summary-{name}.md"),
           "INPUT_REPORT_DIR": str(ACTION / f"report-{name}"), **inputs}
    with open(LOGS / f"action-{name}.log", "wb") as log:
        rc = subprocess.run(["scripts/conformance-action", "-o"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    outputs = dict(line.split("=", 1) for line in (ACTION / f"outputs-{name}").read_text().splitlines() if "=" in line) \
        if (ACTION / f"outputs-{name}").exists() else {}
    return rc, outputs, (LOGS / f"action-{name}.log").read_text(errors="replace")


@pytest.fixture(scope="session")
def action_run(built):
    """The action's script on the embedded target; step 9 publishes its report."""
    return run_action("embedded")
