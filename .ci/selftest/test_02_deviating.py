"""Step 2: a deviating target in its own process on loopback, with keys of shapes the sk- pattern does not know, read
from files (Groq's gsk_ API key, a 32-hex management key, JWT-shaped created keys): the build fails on exactly what
the deviations declare, still writes the report, leaves none of its keys, and no key appears anywhere."""
from conftest import CREATED_PREFIX, LEVELS, ROOT, files_holding


def test_a_non_conformant_target_fails_the_build(deviating):
    assert deviating["run"].rc != 0
    assert deviating["run"].summary["verdict"] == "non-conformant"


def test_exactly_the_declared_requirements_fail(deviating, expected_failures):
    assert deviating["run"].with_status("failed") == expected_failures
    assert sorted(deviating["run"].summary["mustFailures"]) == [i for i in expected_failures if LEVELS[i] == "MUST"]


def test_nothing_broke(deviating):
    assert deviating["run"].with_status("broken") == []


def test_the_report_is_written_for_a_failing_run_too(deviating):
    assert (deviating["run"].out / "allure-report/index.html").stat().st_size > 0
    assert "[conformance] cannot start" not in deviating["run"].text and "BUILD SUCCESS" not in deviating["run"].text


def test_the_run_left_none_of_its_keys_on_the_target(deviating):
    assert deviating["left"] == 0


def test_no_key_appears_in_any_artifact_report_or_console_output(deviating):
    shapes = "|".join([deviating["key"][len("gsk_"):], deviating["admin_key"], CREATED_PREFIX.replace(".", r"\.") + "[0-9a-f]{8}"])
    places = [ROOT / "target", ROOT / "reports/target"] + [ROOT / m / "target" for m in ("api-contract", "auth-tests", "compat-tests")]
    leaks = files_holding(shapes, *places)
    assert leaks == [], f"a key leaked into {leaks}"
