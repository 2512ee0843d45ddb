"""Step 5: one run per checkout - a second run stops at once saying why, a 'clean verify' too, the first is unharmed."""
import subprocess
import time

import pytest

from conftest import CLEAN_ENV, LOGS, MVN, ROOT, run_maven, wait_for

LOCK = ROOT / ".mvn/conformance-run.lock"
HELD = "[conformance] cannot start: another run is using this checkout (pid "


@pytest.fixture(scope="module")
def first_run(built):
    """A run in the background, once it has written itself into the lock file; its exit status at the end."""
    earlier = LOCK.read_text() if LOCK.exists() else ""
    log = open(LOGS / "first-run.log", "wb")
    process = subprocess.Popen(MVN + ["-o", "-q", "verify"], cwd=ROOT, env=CLEAN_ENV, stdout=log, stderr=subprocess.STDOUT)
    assert wait_for(lambda: LOCK.exists() and LOCK.read_text().strip() not in ("", earlier.strip()), 60), "the first run never took the lock"
    yield process
    process.wait(900)
    log.close()


def test_a_second_run_in_the_same_checkout_stops_at_once_saying_why(first_run):
    run = run_maven("second-run", "-o", "-q", "verify", keep=False)
    assert run.rc != 0 and HELD in run.text, run.text[-400:]
    assert run.seconds < 30


def test_a_clean_verify_during_the_run_is_turned_away_too(first_run):
    """'mvn clean' removes target/, not the lock, which lives in .mvn/."""
    run = run_maven("clean-run", "-o", "-q", "clean", "verify", keep=False)
    assert run.rc != 0 and HELD in run.text, run.text[-400:]


def test_the_first_run_goes_on_unharmed(first_run):
    assert first_run.wait(900) == 0, (LOGS / "first-run.log").read_text()[-400:]
