"""Step 11: the suite without a clone - the runnable jar, started from an empty folder with a fresh cache, and the
docs' minimal pom built against the locally installed artifacts, each judging the same target as a normal run does,
with the same verdict, statuses, totals and SDK matrix."""
import shutil
import subprocess
import time

import json

import pytest

from conftest import CLEAN_ENV, JAR, LOGS, ROOT, comparable, files_holding, random_hex, reference_target, run_maven, tail


def run_jar(name, cwd, *args, env=None, cache=None):
    cwd.mkdir(parents=True, exist_ok=True)
    environment = {**CLEAN_ENV, **(env or {})}
    if cache:
        environment["XDG_CACHE_HOME"] = str(cache)
    start = time.monotonic()
    result = subprocess.run(["java", "-jar", str(JAR), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=1800)
    (LOGS / f"jar-{name}.log").write_text(result.stdout + result.stderr)
    return result, time.monotonic() - start


def summary_in(folder):
    return json.loads((folder / "conformance-summary.json").read_text())


@pytest.fixture(scope="module")
def jar_embedded(built, tmp_path_factory):
    """From an empty folder, with an empty cache: Allure is unpacked and the SDK rows installed from their locks."""
    empty = tmp_path_factory.mktemp("empty")
    result, seconds = run_jar("embedded", empty, "--out", "report", cache=tmp_path_factory.mktemp("cache"))
    return result, empty / "report"


def test_the_jar_judges_the_embedded_target_as_the_maven_run_does(embedded_run, jar_embedded):
    result, report = jar_embedded
    assert result.returncode == 0, tail(result.stdout + result.stderr)
    assert comparable(summary_in(report)) == comparable(embedded_run.summary)
    assert (report / "allure-report/index.html").stat().st_size > 0 and (report / "badge.json").is_file()
    results = list((report / ".run/allure-results").glob("*-result.json"))
    assert len(results) == len(list((embedded_run.out / "allure-results").glob("*-result.json"))), "Allure saw every check"


def test_every_sdk_row_ran_from_the_jar(jar_embedded):
    result, report = jar_embedded
    assert all(status != "skipped" for row in summary_in(report)["sdkMatrix"].values() for status in row.values()), \
        summary_in(report)["sdkMatrix"]


@pytest.fixture(scope="module")
def same_target_three_ways(built, tmp_path_factory):
    """One loopback target, with a management key, judged by ./mvnw verify, by the jar and by the docs' minimal pom."""
    key, admin_key = "sk-three-ways-" + random_hex(12), random_hex(16)
    files = tmp_path_factory.mktemp("keys")
    (files / "api-key").write_text(key + "\n")
    (files / "management-key").write_text(admin_key + "\n")
    # the doc's own install step, as written there (it must build without judging anything, no extra flag)
    doc = (ROOT / "docs/run-from-your-build.md").read_text()
    assert "\n./mvnw install -DskipTests\n" in doc, "docs/run-from-your-build.md shows the install step"
    install = run_maven("install-artifacts", "install", "-DskipTests", keep=False)
    assert install.rc == 0, tail(install.text)
    assert "[conformance]" not in install.text, "an install judges nothing: " + tail(install.text)
    assert "CONFORMANCE_BASE_URL=https://gateway.example/v1 mvn clean verify" in doc, "the doc's build step is the one run below"
    user_build = tmp_path_factory.mktemp("user-build")
    shutil.copyfile(ROOT / "docs/run-from-your-build/pom.xml", user_build / "pom.xml")
    with reference_target("three-ways", key, admin_key=admin_key) as base_url:
        env = {"CONFORMANCE_BASE_URL": base_url, "CONFORMANCE_API_KEY_FILE": str(files / "api-key"), "CONFORMANCE_PROFILE": "reference",
               "CONFORMANCE_MANAGEMENT_KEY_FILE": str(files / "management-key")}
        normal = run_maven("normal-on-base-url", "-o", "verify", env=env)
        jar_folder = tmp_path_factory.mktemp("jar-run")
        jar, _ = run_jar("base-url", jar_folder, "--base-url", base_url, "--out", "report",
                         env={k: v for k, v in env.items() if k != "CONFORMANCE_BASE_URL"})
        jar_report = jar_folder / "report"
        with open(LOGS / "user-build.log", "wb") as log:
            pom = subprocess.run([str(ROOT / "mvnw"), "-B", "-ntp", "clean", "verify"], cwd=user_build, env={**CLEAN_ENV, **env},
                                 stdout=log, stderr=subprocess.STDOUT, timeout=1800).returncode
    return {"normal": normal, "jar": (jar, jar_report), "pom": (pom, user_build / "target/conformance"),
            "keys": [key, admin_key], "places": [jar_folder, user_build / "target", LOGS / "jar-base-url.log", LOGS / "user-build.log"]}


def test_the_jar_judges_a_base_url_as_a_normal_run_does(same_target_three_ways):
    normal = same_target_three_ways["normal"]
    jar, report = same_target_three_ways["jar"]
    assert normal.rc == 0, tail(normal.text)
    assert jar.returncode == 0, tail(jar.stdout + jar.stderr)
    assert comparable(summary_in(report)) == comparable(normal.summary)


def test_the_docs_minimal_pom_judges_a_base_url_as_a_normal_run_does(same_target_three_ways):
    rc, report = same_target_three_ways["pom"]
    assert rc == 0, tail((LOGS / "user-build.log").read_text(errors="replace"))
    assert comparable(summary_in(report)) == comparable(same_target_three_ways["normal"].summary)


def test_no_key_of_the_three_runs_appears_in_the_jars_or_the_poms_outputs(same_target_three_ways):
    """The API key and the management key, read from files, in neither the jar's report folder nor the user build's."""
    key, admin_key = same_target_three_ways["keys"]
    assert files_holding(key[len("sk-three-ways-"):] + "|" + admin_key, *same_target_three_ways["places"]) == []


def test_a_key_flag_is_refused_without_echoing_the_key(built, tmp_path):
    key = "sk-flag-" + random_hex(10)
    result, seconds = run_jar("key-flag", tmp_path, "--api-key", key)
    assert result.returncode == 2 and "CONFORMANCE_API_KEY" in result.stderr and key not in result.stdout + result.stderr


@pytest.mark.parametrize("args,says", [
    (["--bogus"], "unknown option '--bogus'"),
    (["--base-url", "https://gateway.example/v1"], "CONFORMANCE_API_KEY"),
    (["--profile", "unknown-profile"], "CONFORMANCE_PROFILE"),
    (["--out"], "--out needs a value"),
], ids=["unknown-option", "no-key", "unknown-profile", "no-out-value"])
def test_a_bad_command_line_ends_fast_with_exit_2_and_one_line(built, tmp_path, args, says):
    result, seconds = run_jar("bad-" + args[0].strip("-"), tmp_path, *args)
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert seconds < 10 and "Exception" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "conformance-report").exists(), "nothing is written before the settings are good"


def test_an_out_folder_holding_other_files_is_refused(built, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/notes.txt").write_text("keep me")
    result, _ = run_jar("foreign-out", tmp_path, "--out", "mine")
    assert result.returncode == 2 and "not a conformance report" in result.stderr
    assert (tmp_path / "mine/notes.txt").read_text() == "keep me"
