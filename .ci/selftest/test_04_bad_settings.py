"""Step 4: a bad setting ends the run within seconds (20 s from Maven's start, 10 s from the jar's) with one message
naming the setting, never a stack trace, and writes no report: a mistyped name, a key without a base URL, a base URL
with no API behind it, a model the target does not serve, a selection that matches nothing."""
import re
import subprocess
import time

import pytest

from conftest import CLEAN_ENV, JAR, LOGS, random_hex, reference_target, run_maven

CASES = [
    ("CONFORMANCE_BASE_URL", {"CONFORMANCE_BASE_URL": "llm.onerouter.pro/v1"}),
    ("CONFORMANCE_API_KEY", {"CONFORMANCE_BASE_URL": "https://openrouter.ai/api/v1"}),
    ("CONFORMANCE_BASE_URL", {"CONFORMANCE_BASE_URL": "http://127.0.0.1:9/v1", "CONFORMANCE_API_KEY": "sk-unused-123456",
                              "CONFORMANCE_MODEL": "m"}),
    ("CONFORMANCE_PROFILE", {"CONFORMANCE_PROFILE": "unknown-profile"}),
    ("CONFORMANCE_API_KEY", {"CONFORMANCE_BASE_URL": "https://127.0.0.1:9/v1", "CONFORMANCE_API_KEY": "sk-pasted-\u200bkey-123456",
                             "CONFORMANCE_MODEL": "m"}),
    ("CONFORMANCE_BASE_URL", {"CONFORMANCE_BASE_URL": "http://gateway.example/v1", "CONFORMANCE_API_KEY": "sk-unused-123456",
                              "CONFORMANCE_MODEL": "m"}),
    ("CONFORMANCE_BASEURL is not a setting of this suite; did you mean CONFORMANCE_BASE_URL\\?",
     {"CONFORMANCE_BASEURL": "https://gw.example/v1", "CONFORMANCE_API_KEY": "sk-unused-123456"}),
    (r"CONFORMANCE_BASE_URL \(-Dtarget.baseUrl\): is not set, but CONFORMANCE_API_KEY is: the run would judge the embedded",
     {"CONFORMANCE_API_KEY": "sk-unused-123456"}),
]


@pytest.mark.parametrize("expected,env", CASES, ids=["no-scheme", "no-key", "unreachable", "unknown-profile", "zero-width-space-in-key",
                                                     "cleartext-to-remote", "mistyped-name", "key-without-base-url"])
def test_a_bad_setting_stops_the_run_fast_naming_it(built, expected, env):
    run = run_maven("bad-setting", "-o", "verify", env=env, keep=False)
    assert run.rc != 0
    assert run.seconds < 20, f"took {run.seconds:.1f} s"
    assert re.search(r"^\[conformance\] cannot start: " + expected, run.text, re.M), \
        next((l for l in run.text.splitlines() if "conformance]" in l), run.text[-300:])


def test_every_setting_exported_in_the_shell_leaves_the_proofs_verdicts_unchanged(built):
    """The proofs build their settings by name: a shell that exports every suite setting (a target that does not answer,
    a short deadline, other models, another profile) changes none of their verdicts."""
    from conftest import LOGS, random_hex
    exported = {"CONFORMANCE_BASE_URL": "http://127.0.0.1:9/v1", "CONFORMANCE_API_KEY": "sk-exported-" + random_hex(12),
                "CONFORMANCE_MODEL": "exported-model", "CONFORMANCE_MODELS": "a,b", "CONFORMANCE_PROFILE": "openrouter",
                "CONFORMANCE_MANAGEMENT_KEY": "mk-exported-" + random_hex(12), "CONFORMANCE_CONCURRENCY": "1",
                "CONFORMANCE_RUN_DEADLINE_S": "5", "CONFORMANCE_REQUEST_DEADLINE_MS": "50", "CONFORMANCE_REQUIRE_SDKS": "node,python",
                "CONFORMANCE_FEATURES": "none", "CONFORMANCE_SEND_KEY_VARIANTS": "false", "CONFORMANCE_STRICT": "true",
                "CONFORMANCE_EXTRA_HEADERS": "X-Exported: 1", "CONFORMANCE_OAUTH_CODE": "exported-code-1",
                "CONFORMANCE_OAUTH_CODE_VERIFIER": "exported-verifier-1", "CONFORMANCE_TYPO_SETTING": "1"}
    run = run_maven("proofs-with-settings-exported", "-o", "-Pself-test", "-pl",
                    "api-contract,api-contract/reference-target,api-contract/proof-kit,auth-tests", "test",
                    "-Dtest=OAuthUserCodesTest,PreflightTest,KeyJanitorTest", "-Dsurefire.failIfNoSpecifiedTests=false",
                    env=exported, keep=False)
    assert run.rc == 0, "\n".join(l for l in run.text.splitlines() if "FAIL" in l or "Tests run" in l)[-1500:]
    ran = re.findall(r"Tests run: (\d+), Failures: 0, Errors: 0", run.text)
    assert ran and sum(map(int, ran)) >= 20, ran


@pytest.fixture(scope="module")
def live_target(built):
    key = "sk-front-door-" + random_hex(12)
    with reference_target("front-door", key) as base_url:
        yield base_url, key


WRONG_TARGET = [
    ("wrong-prefix", "/nowhere", {}, r"CONFORMANCE_BASE_URL \(-Dtarget.baseUrl\): no OpenAI-compatible API at .*path prefix"),
    ("unknown-model", "", {"CONFORMANCE_MODEL": "small"},
     r"CONFORMANCE_MODEL \(-Dtarget.model\): 'small' is not served by .*nearest served: 'reference-small'"),
    ("empty-selection", "", {"CONFORMANCE_MODELS": "models:^nomatch"}, r"CONFORMANCE_MODELS \(-Dtarget.models\): 'models:\^nomatch' matches none"),
    ("pattern-without-models", "", {"CONFORMANCE_MODELS": "acme/.*"},
     r"'acme/\.\*' is not a model id .*CONFORMANCE_MODELS='models:acme/\.\*'"),
]


@pytest.mark.parametrize("name,suffix,settings,says", WRONG_TARGET, ids=[c[0] for c in WRONG_TARGET])
def test_a_run_that_would_judge_the_wrong_thing_ends_in_seconds_with_one_line(live_target, tmp_path, name, suffix, settings, says):
    base_url, key = live_target
    env = {"CONFORMANCE_BASE_URL": base_url + suffix, "CONFORMANCE_API_KEY": key, "CONFORMANCE_PROFILE": "generic",
           "CONFORMANCE_MODEL": "reference-small", **settings}
    run = run_maven("wrong-" + name, "-o", "verify", env=env, keep=False)
    said = [line for line in run.text.splitlines() if line.startswith("[conformance] cannot start: ")]
    assert run.rc != 0 and len(said) == 1 and re.search(says, said[0]), said or run.text[-600:]
    assert run.seconds < 20, f"took {run.seconds:.1f} s"
    assert "Running TestSuite" not in run.text, "no check ran"
    start = time.monotonic()
    jar = subprocess.run(["java", "-jar", str(JAR), "--out", str(tmp_path / "report")], cwd=tmp_path, env={**CLEAN_ENV, **env},
                         capture_output=True, text=True, timeout=120)
    (LOGS / f"jar-wrong-{name}.log").write_text(jar.stdout + jar.stderr)
    assert jar.returncode == 2 and re.search(says, jar.stderr), jar.stderr
    assert len(jar.stderr.strip().splitlines()) == 1 and time.monotonic() - start < 10
    assert not (tmp_path / "report").exists(), "nothing is written before the settings are good"


@pytest.mark.parametrize("env,says", [
    ({"CONFORMANCE_BASEURL": "https://gw.example/v1", "CONFORMANCE_API_KEY": "sk-unused-123456"}, "did you mean CONFORMANCE_BASE_URL?"),
    ({"CONFORMANCE_API_KEY": "sk-unused-123456"}, "the run would judge the embedded reference target, not your gateway"),
], ids=["mistyped-name", "key-without-base-url"])
def test_the_jar_refuses_a_green_by_mistake_in_one_line(built, tmp_path, env, says):
    start = time.monotonic()
    jar = subprocess.run(["java", "-jar", str(JAR), "--out", str(tmp_path / "report")], cwd=tmp_path, env={**CLEAN_ENV, **env},
                         capture_output=True, text=True, timeout=120)
    assert jar.returncode == 2 and says in jar.stderr and len(jar.stderr.strip().splitlines()) == 1, jar.stderr
    assert time.monotonic() - start < 10 and not (tmp_path / "report").exists()
    assert "sk-unused-123456" not in jar.stdout + jar.stderr
