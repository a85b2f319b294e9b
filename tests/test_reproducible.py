"""The same sources publish the same bytes wherever the project is cloned,
whatever virtual environment it is built with.

Two copies of the repository, at different depths, each set up and built
by its own `make html` (which makes the copy's own `.venv` from
requirements.txt); the second also installs the test tools
(requirements-dev.txt), as `make test` does. Every published file must be
identical, `.buildinfo` and the search index (`pagefind/`) included: nothing may name the
clone's folder or its virtual environment (ABlog's stylesheets sit inside it).

Slow (two virtual environments and two builds): pip's own download cache is
what the two share.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import REPO, assert_same_site, build_env

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

# Only what a clone has: no virtual environment, no builds, no caches.
_NOT_CLONED = shutil.ignore_patterns(
    ".venv",
    "_build",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


def _clone(where: Path) -> Path:
    shutil.copytree(REPO, where, ignore=_NOT_CLONED, symlinks=True)
    return where


def _make(clone: Path, *targets: str) -> None:
    """`make` in *clone*, as a writer runs it: nothing of this test's Python
    (its virtual environment, its path) leaks in."""
    env = build_env({})
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(REPO / ".venv"))
    )
    result = subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _installed(clone: Path) -> set[str]:
    result = subprocess.run(
        [str(clone / ".venv" / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.split("==")[0].lower() for line in result.stdout.split()}


def test_two_clones_with_their_own_virtual_environments_publish_identical_bytes(tmp_path):
    first = _clone(tmp_path / "a")
    second = _clone(tmp_path / "somewhere" / "much" / "deeper" / "blog-clone")
    _make(first, "html")
    _make(second, ".venv/.dev")  # the test tools too
    _make(second, "html")
    # Each clone has its own environment, and they differ.
    assert (first / ".venv").is_dir() and (second / ".venv").is_dir()
    assert "hypothesis" in _installed(second) - _installed(first)
    first_site, second_site = first / "_build" / "html", second / "_build" / "html"
    assert (first_site / ".buildinfo").is_file()
    assert (first_site / "pagefind" / "pagefind-entry.json").is_file()  # the search index
    assert_same_site(second_site, first_site)
    for site, clone in ((first_site, first), (second_site, second)):
        buildinfo = (site / ".buildinfo").read_text(encoding="utf-8")
        assert "config: " in buildinfo
        assert str(clone) not in buildinfo
    # What made .buildinfo differ: ABlog's stylesheets, inside each .venv.
    assert not (first / ".venv").samefile(second / ".venv")
