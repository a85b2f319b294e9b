"""The same sources publish the same bytes wherever the project is cloned and
whatever else is installed beside it.

Two copies of the repository at different depths are each built with
`make html`, the second with an extra installed distribution on Python's path
(as `make test` adds the test tools to the virtual environment). Every
published file must be identical, `.buildinfo` and the search index (`pagefind/`) included.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, assert_same_site, build_env

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

# Only what a clone has: no virtual environment, no builds, no caches.
_NOT_CLONED = shutil.ignore_patterns(
    ".venv", "_build", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"
)


def _clone(where: Path) -> Path:
    shutil.copytree(REPO, where, ignore=_NOT_CLONED, symlinks=True)
    return where


def _environment(clone: Path, extra_path: Path | None = None) -> dict:
    # The copy's own package, not the one the virtual environment points at.
    paths = [str(clone / "src"), *([str(extra_path)] if extra_path else [])]
    return build_env({"PYTHONPATH": ":".join(paths)})


def _make_html(clone: Path, env: dict) -> Path:
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"VENV={REPO / '.venv'}"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return clone / "_build" / "html"


def _code_version(env: dict) -> str:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from wnyblog.speed import codeversion; print(codeversion.code_version())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_two_clones_with_different_tools_installed_publish_identical_bytes(tmp_path):
    first = _clone(tmp_path / "a")
    second = _clone(tmp_path / "somewhere" / "much" / "deeper" / "blog-clone")
    # A test tool "installed" for the second clone only.
    extra = tmp_path / "dev-tools"
    (extra / "pytest_extra_tool-9.9.dist-info").mkdir(parents=True)
    (extra / "pytest_extra_tool-9.9.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pytest-extra-tool\nVersion: 9.9\n"
    )
    first_env, second_env = _environment(first), _environment(second, extra)
    # The build does see a different set of packages (so it would rebuild)...
    assert _code_version(first_env) != _code_version(second_env)
    first_site = _make_html(first, first_env)
    second_site = _make_html(second, second_env)
    # ...yet publishes the same bytes.
    assert (first_site / ".buildinfo").is_file()
    assert (first_site / "pagefind" / "pagefind-entry.json").is_file()  # the search index
    assert_same_site(second_site, first_site)
