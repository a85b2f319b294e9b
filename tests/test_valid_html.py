"""Every built page is valid HTML by the W3C's Nu HTML Checker (npm vnu-jar,
run with Java): the real site and the reader fixture, whose pagers, cards,
cover images and related posts the real site does not have yet."""

import json
import shutil
import subprocess

import pytest

from helpers import REPO

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(root) -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: `apt-get install default-jre-headless` (.ci/run does this)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci --ignore-scripts` at the repository root")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(root)],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        f"{m.get('url', '').rsplit(str(root), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
    ]


def test_every_page_of_the_site_is_valid_html(site):
    assert len(site.pages()) >= 19
    assert nu_errors(site.root) == []


def test_every_page_of_the_reader_fixture_is_valid_html(reader):
    assert len(reader.pages()) >= 60
    assert nu_errors(reader.root) == []


def test_the_checker_reports_invalid_html(tmp_path):
    # The same call finds errors when there are some, so a clean result means something.
    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=en><title>x</title><ul><div>no</div></ul><p id=a><p id=a>",
        encoding="utf-8",
    )
    errors = nu_errors(tmp_path)
    assert any("div" in e for e in errors) and any("Duplicate ID" in e for e in errors), errors
