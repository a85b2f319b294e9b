"""No post publishes a file from outside its own folder (and no page one from
outside docs/): every directive, role and Markdown construct that reads a
path or a web address, with relative paths, /-paths, real absolute paths and
symbolic links. Each attempt is a `file:line` error from `blog check` and
from the build, and no published file holds the outside file's content."""

import os
import shutil
import subprocess
import sys

import pytest
from lxml import html as lxml_html

from helpers import REPO, article, build_env, repo_layout, sphinx_in_layout, text

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

SECRET = "SECRET-3f1c9e-outside-the-blog"
CSV_SECRET = f"name,value\nhost,{SECRET}\n"
FM = "---\ndate: 2026-06-01\n---\n"
LINE = 6  # the first body line of each case below: FM (3 lines), title, blank


def _cases(rel: str, slash: str, absolute: str) -> list[tuple[str, str, str]]:
    """(case id, body, expected message) for a post at posts/2026/<id>/; *rel*,
    *slash* and *absolute* name the outside files without their suffix. The
    attempt is on the body's first line, or on its second in an `{eval-rst}`
    or `{figure-md}` block."""
    out = "is outside the post's folder"
    link = "is a link to a file outside the post's folder"
    web = "from another site: nothing is fetched while the blog is built"
    fence = "```"
    cases = []
    for form, base in (("rel", rel), ("slash", slash), ("abs", absolute), ("link", "link")):
        expected = link if form == "link" else out
        txt, csv, png = f"{base}.txt", f"{base}.csv", f"{base}.png"
        cases += [
            (f"include-{form}", f"{fence}{{include}} {txt}\n{fence}\n", expected),
            (f"literalinclude-{form}", f"{fence}{{literalinclude}} {txt}\n{fence}\n", expected),
            (
                f"csv-table-{form}",
                f"{fence}{{csv-table}} Data\n:file: {csv}\n{fence}\n",
                expected,
            ),
            (f"raw-{form}", f"{fence}{{raw}} html\n:file: {txt}\n{fence}\n", expected),
            (f"md-image-{form}", f"![A picture]({png})\n", expected),
            (f"image-{form}", f"{fence}{{image}} {png}\n:alt: A picture\n{fence}\n", expected),
            (f"figure-{form}", f"{fence}{{figure}} {png}\nA caption.\n{fence}\n", expected),
            (f"download-{form}", f"Get {{download}}`the notes <{txt}>`.\n", expected),
            (
                f"md-link-{form}",
                f"Read [the notes]({txt}).\n",
                # From the source folder, a link to a file that is not there.
                "points to a file that does not exist" if form == "abs" else expected,
            ),
            (
                f"rst-include-{form}",
                f"{fence}{{eval-rst}}\n.. include:: {txt}\n   :literal:\n{fence}\n",
                expected,
            ),
            (
                f"rst-raw-{form}",
                f"{fence}{{eval-rst}}\n.. raw:: html\n   :file: {txt}\n{fence}\n",
                expected,
            ),
            (
                f"rst-download-{form}",
                f"{fence}{{eval-rst}}\nGet :download:`the notes <{txt}>`.\n{fence}\n",
                expected,
            ),
        ]
    cases += [
        (
            "literalinclude-diff",
            f"{fence}{{literalinclude}} inside.csv\n:diff: {rel}.txt\n{fence}\n",
            out,
        ),
        (
            "figure-width",
            f"{fence}{{figure}} {rel}.png\n:figwidth: image\n\nA caption.\n{fence}\n",
            out,
        ),
        ("md-path-link", f"Read [the notes](path:{rel}.txt).\n", out),
        ("standard-include", f"{fence}{{include}} <isonum.txt>\n{fence}\n", out),
        (
            "csv-table-url",
            f"{fence}{{csv-table}} Data\n:url: https://example.org/x.csv\n{fence}\n",
            web,
        ),
        ("raw-url", f"{fence}{{raw}} html\n:url: https://example.org/x.html\n{fence}\n", web),
        (
            "figure-md",
            f"{fence}{{figure-md}}\n![A picture]({rel}.png)\n\nA caption.\n{fence}\n",
            out,
        ),
    ]
    return cases


@pytest.fixture(scope="module")
def attempts(tmp_path_factory):
    """One site holding every attempt, each in its own post; built once and
    checked once."""
    root = tmp_path_factory.mktemp("access")
    outside = root / "outside"
    outside.mkdir()
    calm = REPO / "tests" / "roots" / "test-check" / "posts" / "2026" / "good-image" / "calm.png"
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "secret.csv").write_text(CSV_SECRET, encoding="utf-8")
    (outside / "secret.png").write_bytes(calm.read_bytes() + SECRET.encode())
    site = repo_layout("check", root / "site")
    docs = site / "docs"
    post_folder = docs / "posts" / "2026" / "x"
    rel = os.path.relpath(outside / "secret", post_folder)
    slash = "/" + os.path.relpath(outside / "secret", docs)
    cases = _cases(rel, slash, str(outside / "secret"))
    for case_id, body, _ in cases:
        folder = docs / "posts" / "2026" / case_id
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f"{FM}# Case {case_id}\n\n{body}", encoding="utf-8")
        (folder / "inside.csv").write_text("name,value\nmine,1\n", encoding="utf-8")
        for suffix in (".txt", ".csv", ".png"):
            (folder / f"link{suffix}").symlink_to(outside / f"secret{suffix}")
    # A post folder, and a post's text, that are links to elsewhere.
    (docs / "posts" / "2026" / "linked-folder").symlink_to(outside, target_is_directory=True)
    (outside / "index.md").write_text(f"{FM}# Linked folder\n\n{SECRET}\n", encoding="utf-8")
    (docs / "posts" / "2026" / "linked-text").mkdir()
    (docs / "posts" / "2026" / "linked-text" / "index.md").symlink_to(outside / "index.md")
    # Front matter that would switch on Jinja, which runs any code.
    sentinel = root / "jinja-ran"
    (docs / "posts" / "2026" / "jinja").mkdir()
    (docs / "posts" / "2026" / "jinja" / "index.md").write_text(
        "---\ndate: 2026-06-01\nmyst:\n  enable_extensions: [substitution]\n---\n"
        "# Case jinja\n\n"
        f"{{{{ cycler.__init__.__globals__.os.system('touch {sentinel}') }}}}\n",
        encoding="utf-8",
    )
    result = sphinx_in_layout(site, "_build/html")
    check = subprocess.run(
        [sys.executable, "-m", "wnyblog.cli.main", "check", "--no-record"],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25"}),
        capture_output=True,
        text=True,
    )
    return {
        "cases": cases,
        "build": result.stdout + result.stderr,
        "build_code": result.returncode,
        "check": check.stdout + check.stderr,
        "check_code": check.returncode,
        "site": site,
        "sentinel": sentinel,
        "root": root,
    }


def test_check_and_build_fail(attempts):
    assert attempts["check_code"] == 1 and attempts["build_code"] == 1
    for log in (attempts["check"], attempts["build"]):
        assert "Traceback" not in log and "Exception occurred" not in log


def test_every_attempt_is_named_with_file_and_line(attempts):
    for case_id, body, expected in attempts["cases"]:
        line = LINE + body.startswith(("```{eval-rst}", "```{figure-md}"))
        where = f"docs/posts/2026/{case_id}/index.md:{line}: "
        in_check = [row for row in attempts["check"].splitlines() if row.startswith(where)]
        assert any(expected in row and " — " in row for row in in_check), (case_id, in_check)
        # Said once: the outside file is not also opened and judged as a picture.
        about_post = [r for r in attempts["check"].splitlines() if f"/{case_id}/index.md:" in r]
        assert len(about_post) == 1, (case_id, about_post)
        in_build = [row for row in attempts["build"].splitlines() if row.startswith(where)]
        assert any(expected in row for row in in_build), (case_id, in_build)


def test_no_published_file_holds_an_outside_file(attempts):
    html = attempts["site"] / "_build" / "html"
    leaked = [
        p.relative_to(html).as_posix()
        for p in html.rglob("*")
        if p.is_file() and SECRET.encode() in p.read_bytes()
    ]
    assert leaked == []
    assert not (html / "_downloads").exists()
    assert not list((html / "_images").glob("*secret*")) + list((html / "_images").glob("link*"))


def test_linked_post_folders_and_texts_are_refused_unread(attempts):
    for name, what in (("linked-folder", "folder"), ("linked-text/index.md", "file")):
        rows = [
            r for r in attempts["check"].splitlines() if r.startswith(f"docs/posts/2026/{name}:1: ")
        ]
        assert rows and f"this {what} is a link to" in rows[0], (name, attempts["check"])
        assert f"docs/posts/2026/{name}:1: this {what} is a link to" in attempts["build"]
    html = attempts["site"] / "_build" / "html" / "posts" / "2026"
    assert not (html / "linked-folder").exists() and not (html / "linked-text").exists()


def test_front_matter_cannot_switch_on_code_that_runs(attempts):
    assert not attempts["sentinel"].exists()
    for log, sep in ((attempts["check"], ": "), (attempts["build"], ": ")):
        assert (
            f"docs/posts/2026/jinja/index.md:3{sep}the front-matter setting “myst” changes how "
            "the blog reads Markdown"
        ) in log


def test_messages_never_name_the_machine(attempts):
    """(Only where the writer typed an absolute path is one quoted back.)"""
    for log in (attempts["check"], attempts["build"]):
        problems = [r for r in log.splitlines() if "docs/posts/" in r and " — " in r]
        assert len(problems) > len(attempts["cases"])
        typed = [r for r in problems if "-abs/index.md:" in r]
        assert not [r for r in problems if str(attempts["root"]) in r and r not in typed]


def test_files_in_the_posts_own_folder_are_published(tmp_path):
    """The rule refuses only what is outside: a table, a code listing and a
    picture from the post's own folder, and a page's file from docs/."""
    site = repo_layout("check", tmp_path)
    folder = site / "docs" / "posts" / "2026" / "own"
    folder.mkdir(parents=True)
    (folder / "waits.csv").write_text("Season,Days\nWinter,12\n", encoding="utf-8")
    shutil.copy(
        REPO / "tests" / "roots" / "test-check" / "posts" / "2026" / "good-image" / "calm.png",
        folder / "lake.png",
    )
    (folder / "handout.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "index.md").write_text(
        f"{FM}# Our own files\n\n"
        "```{csv-table} Waits\n:file: waits.csv\n:header-rows: 1\n```\n\n"
        "```{literalinclude} waits.csv\n```\n\n"
        "![A quiet lake](lake.png)\n\n"
        "Print [the handout](handout.pdf).\n",
        encoding="utf-8",
    )
    (site / "docs" / "_snippets").mkdir()
    (site / "docs" / "_snippets" / "hours.txt").write_text("Open 9 to 5.\n", encoding="utf-8")
    (site / "docs" / "hours.md").write_text(
        "---\norphan: true\n---\n# Hours\n\n```{include} _snippets/hours.txt\n```\n",
        encoding="utf-8",
    )
    result = sphinx_in_layout(site, "_build/html")
    assert result.returncode == 0, result.stdout + result.stderr
    html = site / "_build" / "html"
    page = article(lxml_html.parse(str(html / "posts/2026/own/index.html")).getroot())
    assert [text(cell) for cell in page.iter("td")] == ["Winter", "12"]
    assert "Winter,12" in text(page.find(".//pre"))
    # The picture is published as the blog's derived copies of it.
    img = page.find(".//picture//img")
    assert img is not None and img.get("alt") == "A quiet lake"
    assert (html / "posts/2026/own" / img.get("src")).resolve().is_file()
    assert list((html / "_downloads").rglob("handout.pdf"))
    assert "Open 9 to 5." in (html / "hours" / "index.html").read_text(encoding="utf-8")


def test_pages_beside_the_blog_read_only_from_docs(tmp_path):
    site = repo_layout("check", tmp_path / "site")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (site / "docs" / "hours.md").write_text(
        "---\norphan: true\n---\n# Hours\n\n```{include} /../../secret.txt\n```\n",
        encoding="utf-8",
    )
    result = sphinx_in_layout(site, "_build/html")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "docs/hours.md:6: the file “/../../secret.txt” that `{include}` reads is "
        "outside the site's docs folder"
    ) in log
    assert SECRET not in (site / "_build" / "html" / "hours" / "index.html").read_text()


def test_a_page_cannot_reach_the_machine_through_a_double_slash(tmp_path):
    """`//etc/x` is not a path from docs/ for Sphinx: it is the machine's /etc/x."""
    site = repo_layout("check", tmp_path / "site")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (site / "docs" / "hours.md").write_text(
        f"---\norphan: true\n---\n# Hours\n\n```{{literalinclude}} /{tmp_path}/secret.txt\n```\n",
        encoding="utf-8",
    )
    result = sphinx_in_layout(site, "_build/html")
    assert result.returncode == 1
    assert "docs/hours.md:6: the file “//" in result.stdout + result.stderr
    assert SECRET not in (site / "_build" / "html" / "hours" / "index.html").read_text()
