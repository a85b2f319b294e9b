"""What can be checked offline about publishing: the workflow and the Read the
Docs configuration parse, and both run the make target the tests exercise."""

import re

import yaml

from helpers import REPO


def _load(path):
    # YAML 1.1 reads the key `on:` as True; GitHub reads it as "on".
    return yaml.safe_load((REPO / path).read_text(encoding="utf-8"))


def test_pages_workflow_builds_with_make_html_and_deploys_with_official_actions():
    workflow = _load(".github/workflows/pages.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in build]
    assert "make html" in runs
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(
        s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "_build/html"
    # Nothing at the workflow level; only the deploy job may write to Pages.
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}


def test_read_the_docs_uses_python_311_and_the_same_make_target():
    config = _load(".readthedocs.yaml")
    assert config["version"] == 2
    assert config["build"]["tools"]["python"] == "3.11"
    commands = config["build"]["commands"]
    assert any(re.match(r"make html OUT=\"\$READTHEDOCS_OUTPUT/html\"", c) for c in commands)


def test_make_html_is_the_documented_build():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^html: ", makefile, re.M)
    assert "-W --keep-going -n" in makefile
    assert "-d $(DOCTREES)" in makefile
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make html" in readme and "make test" in readme


def test_pre_commit_runs_the_writers_check_and_hygiene_hooks():
    config = _load(".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-added-large-files",
    } <= set(hooks)
    check = hooks["blog-check"]
    assert check["entry"] == ".venv/bin/blog check"  # the venv `make html` creates
    assert re.match(check["files"], "docs/posts/2026/some-post/index.md")
