"""Step 7: the GitHub Action's logic (scripts/conformance-action), as its workflow step runs it."""
from conftest import ACTION, random_hex, run_action


def test_the_action_passes_on_the_embedded_target_and_sets_its_outputs(action_run):
    rc, outputs, log = action_run
    assert rc == 0, log[-400:]
    assert {k: v for k, v in outputs.items() if k != "report-dir"} == {"must-failed": "0", "result": "success",
                                                                        "verdict": "conformant (embedded reference target)",
                                                                        "judged": "reference-target"}, "never a bare conformant"


def test_it_writes_the_job_summary_and_the_folder_it_uploads(action_run):
    assert "CONFORMANT" in (ACTION / "job-summary-embedded.md").read_text()
    for name in ("conformance-summary.json", "badge.json", "allure-report.html"):
        assert (ACTION / "report-embedded" / name).is_file(), name


def test_an_empty_base_url_with_a_key_is_refused_instead_of_judging_the_reference_target(built):
    rc, outputs, log = run_action("key-no-url", INPUT_BASE_URL="", CONFORMANCE_API_KEY="sk-action-" + random_hex(12))
    assert rc == 2 and outputs.get("verdict") == "unknown"
    assert any(line.startswith("::error ") and "CONFORMANCE_BASE_URL" in line and "embedded reference target" in line
               for line in log.splitlines()), log[-400:]


def test_a_wrong_input_ends_the_step_fast_with_exit_2_and_one_error_naming_the_setting(built):
    rc, outputs, log = run_action("bad", INPUT_PROFILE="unknown-profile")
    assert rc == 2 and outputs.get("verdict") == "unknown"
    assert any(line.startswith("::error ") and "CONFORMANCE_PROFILE" in line for line in log.splitlines()), log[-400:]


def test_a_key_in_the_settings_input_is_refused_naming_it_never_echoing_it(built):
    key = "sk-never-as-input-" + random_hex(8)
    rc, _, log = run_action("key", INPUT_SETTINGS=f"CONFORMANCE_MAX_RPS=50\nCONFORMANCE_API_KEY={key}")
    assert rc == 2
    assert any(line.startswith("::error ") and "must not hold CONFORMANCE_API_KEY" in line for line in log.splitlines())
    assert key not in log
