"""Which CONFORMANCE_* settings a fleet file or the GitHub Action may pass, read from docs/settings.md (generated from
Setting.java by the build, so it cannot drift): every known setting except the keys, which come only from the
environment (apiKeyEnv / managementKeyEnv in a fleet file; env from secrets in the Action).

As a command (the Action uses it): reads 'NAME=value' lines on standard input and writes them back NUL-separated
when every one is allowed; otherwise one line naming the first that is not, and exit 2. Values are never printed
in an error: a setting refused as a key may be holding one.
"""
import re
import sys
from pathlib import Path

SETTINGS_DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"
ROW = re.compile(r"^\| `(CONFORMANCE_[A-Z0-9_]+)` \|.*\| (.*) \|$")
# Holds a secret though docs/settings.md cannot say so by itself: nothing here is a key's file path.
ALWAYS_SECRET = {"CONFORMANCE_OAUTH_CODE", "CONFORMANCE_OAUTH_CODE_VERIFIER"}


def _catalogue():
    known, secret = set(), set(ALWAYS_SECRET)
    for line in SETTINGS_DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            known.add(match.group(1))
            if "A key: masked everywhere." in match.group(2) or "A secret: masked everywhere." in match.group(2):
                secret.add(match.group(1))
    return known, secret


def check(settings, where):
    """settings: a dict of name -> value. Returns the list of problems (empty when all are allowed)."""
    known, secret = _catalogue()
    problems = []
    for name in settings:
        name = str(name)
        if name in secret:
            problems.append(f"{where} must not hold {name}: a key comes only from the environment"
                            " (apiKeyEnv / managementKeyEnv in a fleet file, env from secrets in the Action)")
        elif name not in known:
            problems.append(f"{where} has {name}, which is not a setting of the suite (docs/settings.md lists them)")
    return problems


def main():
    pairs = {}
    for number, line in enumerate(sys.stdin.read().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not re.match(r"^[A-Z][A-Z0-9_]*$", name.strip()):
            print(f"settings line {number} is not NAME=value (its text is not shown)", file=sys.stderr)
            return 2
        pairs[name.strip()] = value.strip()
    problems = check(pairs, "settings")
    if problems:
        print(problems[0], file=sys.stderr)
        return 2
    sys.stdout.write("".join(f"{name}={value}\0" for name, value in pairs.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
