"""The commit hooks WRITING.md tells writers to turn on with `make hooks`:
their configuration is valid, pinned pre-commit installs them, and the post
check runs on the files a writer commits."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import REPO, git

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
CONFIG = REPO / ".pre-commit-config.yaml"


def test_the_hook_configuration_is_valid():
    done = subprocess.run(
        [str(PRE_COMMIT), "validate-config", str(CONFIG)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_post_check_runs_on_posts_and_the_vocabulary_only():
    hooks = {
        hook["id"]: hook
        for repo in yaml.safe_load(CONFIG.read_text())["repos"]
        for hook in repo["hooks"]
    }
    files = re.compile(hooks["blog-check"]["files"])
    assert hooks["blog-check"]["entry"] == ".venv/bin/blog check"
    for path in (
        "docs/posts/2026/winter/index.md",
        "docs/posts/2026/winter/walk.jpg",
        "docs/vocabulary.yaml",
        "conf.py",
    ):
        assert files.search(path), path
    for path in ("README.md", "docs/about.md", "docs/permalinks.txt"):
        assert not files.search(path), path


def test_make_hooks_pins_pre_commit_and_installs_the_git_hook(tmp_path):
    pins = (REPO / "requirements-hooks.txt").read_text(encoding="utf-8")
    assert re.search(r"^pre-commit==\d+\.\d+\.\d+$", pins, re.M)
    version = subprocess.run(
        [str(PRE_COMMIT), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.strip() == "pre-commit " + re.search(r"^pre-commit==(\S+)$", pins, re.M)[1]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nhooks: $(VENV)/.hooks\n\t$(BIN)/pre-commit install\n" in makefile
    git(tmp_path, "init", "--quiet")
    (tmp_path / ".pre-commit-config.yaml").write_bytes(CONFIG.read_bytes())
    done = subprocess.run(
        [str(PRE_COMMIT), "install"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.stdout.strip() == "pre-commit installed at .git/hooks/pre-commit"
    assert "pre-commit" in (tmp_path / ".git/hooks/pre-commit").read_text(encoding="utf-8")
