"""Step 4: a bad setting ends the run within 10 s with one message naming the setting, never a stack trace."""
import re

import pytest

from conftest import run_maven

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
]


@pytest.mark.parametrize("expected,env", CASES, ids=["no-scheme", "no-key", "unreachable", "unknown-profile", "zero-width-space-in-key",
                                                     "cleartext-to-remote"])
def test_a_bad_setting_stops_the_run_fast_naming_it(built, expected, env):
    run = run_maven("bad-setting", "-o", "verify", env=env, keep=False)
    assert run.rc != 0
    assert run.seconds < 10, f"took {run.seconds:.1f} s"
    assert re.search(r"^\[conformance\] cannot start: " + expected, run.text, re.M), \
        next((l for l in run.text.splitlines() if "conformance]" in l), run.text[-300:])
