"""The build's front end skips Sphinx only when nothing the build reads changed.

A small generated blog is built once with the front end `make html` runs
(python -m wnyblog.speed.frontend); each test starts from a copy of that build,
changes one thing the build depends on, and checks what the writer sees:
the "nothing has changed" message, or a real rebuild that publishes the change.
"""

import os
import subprocess
import sys
from pathlib import Path

import corpus
import pytest
from lxml import html

from helpers import SPHINX_OPTIONS, BuiltBlog, build_env

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

NOTHING = "Nothing has changed since the last build"


class Blog:
    def __init__(self, root: Path, posts: list):
        self.root = root
        self.site = root / "site"
        self.src = self.site / "docs"
        self.out = root / "build" / "html"
        self.posts = posts

    def build(self, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
        argv = [
            sys.executable,
            "-m",
            "wnyblog.speed.frontend",
            *SPHINX_OPTIONS,
            "--no-color",
            *extra,
            "-c",
            str(self.site),
            "-d",
            str(self.root / "build" / "doctrees"),
            str(self.src),
            str(self.out),
        ]
        env = build_env({"BLOG_TODAY": corpus.TODAY.isoformat(), **(env or {})})
        return subprocess.run(argv, env=env, capture_output=True, text=True, cwd=self.root)

    def page(self, post) -> html.HtmlElement:
        page = self.out / post.docname.removesuffix("index") / "index.html"
        return html.parse(str(page)).getroot()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    built = BuiltBlog(tmp_path_factory, "uptodate")
    posts = corpus.write_site(built.work / "site", 6)
    first = Blog(built.work, posts).build()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "build succeeded" in first.stdout
    built.keep()
    return built, posts


@pytest.fixture
def blog(base):
    built, posts = base
    return Blog(built.restore(), posts)


def files_and_times(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file()}


def rebuilt(result: subprocess.CompletedProcess) -> str:
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert NOTHING not in log and "Running Sphinx" in log, log
    return log


def test_nothing_changed_means_no_sphinx_and_no_file_touched(blog):
    before = files_and_times(blog.out)
    result = blog.build()
    assert result.returncode == 0
    assert result.stdout.startswith(NOTHING), result.stdout
    assert str(blog.out) in result.stdout
    assert "Running Sphinx" not in result.stdout + result.stderr
    assert files_and_times(blog.out) == before


def test_a_file_saved_again_unchanged_is_not_a_change(blog):
    post = blog.src / blog.posts[2].path
    os.utime(post)  # saved again by an editor, same bytes, new time
    result = blog.build()
    assert result.stdout.startswith(NOTHING), result.stdout + result.stderr


def test_unchanged_big_files_are_not_read_again(tmp_path, monkeypatch):
    # A hundred phone photos are a gigabyte: the front end remembers each
    # file's digest by its size, time and inode, and reads only what changed.
    from wnyblog.speed import digests

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 4000)
    old = 1_700_000_000
    os.utime(photo, (old, old))
    first = digests.DigestRecord()
    digest = first.of(str(photo))
    assert str(photo) in first.seen

    def no_reading(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr("builtins.open", no_reading)
    again = digests.DigestRecord(first.seen)
    assert again.of(str(photo)) == digest
    monkeypatch.undo()
    # Saved again with the same bytes: read once more, same digest.
    os.utime(photo, (old + 10, old + 10))
    assert digests.DigestRecord(first.seen).of(str(photo)) == digest
    # Other bytes of the same size: a new digest.
    photo.write_bytes(b"\xff\xd9" + bytes(range(256)) * 4000)
    os.utime(photo, (old + 20, old + 20))
    assert digests.DigestRecord(first.seen).of(str(photo)) != digest


def test_an_edited_post_is_rebuilt(blog):
    post = blog.posts[2]
    corpus.edit_body(blog.src, post, "A sentence the front end must not miss.")
    rebuilt(blog.build())
    assert "A sentence the front end must not miss." in blog.page(post).text_content()
    # ... and once built, the same sources are a no-op again.
    assert blog.build().stdout.startswith(NOTHING)


def test_a_new_file_beside_a_post_is_noticed(blog):
    post = blog.posts[1]
    (blog.src / post.path).parent.joinpath("notes.txt").write_text("not a post\n")
    result = blog.build()
    # Sphinx ran and the site check named the stray file.
    assert NOTHING not in result.stdout
    assert "notes.txt" in result.stdout + result.stderr


def test_conf_py_changes_are_noticed(blog):
    conf = blog.site / "conf.py"
    conf.write_text(conf.read_text() + '\nhtml_title = "A renamed site"\n', encoding="utf-8")
    rebuilt(blog.build())
    assert "A renamed site" in blog.page(blog.posts[0]).findtext(".//title")


def test_vocabulary_changes_are_noticed(blog):
    vocabulary = blog.src / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("Dr. Chidi Okafor", "Dr. Chidi Okafor, MD"))
    rebuilt(blog.build())
    assert "Dr. Chidi Okafor, MD" in (blog.out / "blog/author/okafor/index.html").read_text()


def test_a_slip_in_the_vocabulary_stops_the_build_in_one_line(blog):
    vocabulary = blog.src / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    grief = text.splitlines().index('  - "grief"') + 1
    vocabulary.write_text(text + '  - "Grief"\n', encoding="utf-8")
    result = blog.build()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{vocabulary.relative_to(blog.root)}:{len(text.splitlines()) + 1}: “Grief” differs "
        f"from “grief” (line {grief}) only in capitals — keep one spelling and delete the "
        "other: both would share one tag page"
    ]
    # Put right, the next build runs (the failed one left no claim to be current).
    vocabulary.write_text(text, encoding="utf-8")
    rebuilt(blog.build())


def test_the_public_address_from_the_environment_counts(blog):
    rebuilt(blog.build(env={"SITE_URL": "https://blog.example.org/"}))
    canonical = blog.page(blog.posts[0]).find(".//link[@rel='canonical']").get("href")
    assert canonical.startswith("https://blog.example.org/posts/")


def test_a_new_day_builds_again(blog):
    # Scheduled posts go live by date, so the day is an input of the build.
    rebuilt(blog.build(env={"BLOG_TODAY": "2030-01-01"}))


def test_a_deleted_output_file_is_written_again(blog):
    post = blog.posts[3]
    page = blog.out / post.docname.removesuffix("index") / "index.html"
    page.unlink()
    rebuilt(blog.build())
    assert page.is_file()


def test_forcing_a_full_rebuild_runs_sphinx(blog):
    log = rebuilt(blog.build("-E"))
    assert "updating environment: [new config]" in log or "added" in log


def test_a_failed_build_is_not_remembered_as_done(blog):
    post = blog.posts[4]
    corpus.edit_front_matter(blog.src, post, "author", "nobody-we-know")
    first, second = blog.build(), blog.build()
    for result in (first, second):
        log = result.stdout + result.stderr
        assert result.returncode != 0
        assert NOTHING not in log
        assert f"{post.path}:" in log and "nobody-we-know" in log, log


def test_new_code_means_a_full_rebuild(blog, tmp_path):
    # The build keeps a number for the code it ran (this package and every
    # installed one) beside the doctrees, never in the published site: when
    # it changes, Sphinx reads every post again and incremental.py writes
    # every page again. Here a package is installed beside the others (on
    # PYTHONPATH, as `make test` adds its tools): nothing else changes, not
    # even a setting, so only that number can make the build start over.
    tools = tmp_path / "tools" / "some_new_tool-1.0.dist-info"
    tools.mkdir(parents=True)
    (tools / "METADATA").write_text("Metadata-Version: 2.1\nName: some-new-tool\nVersion: 1.0\n")
    paths = [str(tools.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {"PYTHONPATH": os.pathsep.join(paths)}
    log = rebuilt(blog.build(env=env))
    documents = len(list(blog.src.rglob("*.md")))
    assert "The configuration has changed" not in log, log
    assert f"{documents} added, 0 changed, 0 removed" in log, log  # every page read again
    assert f"targets for {documents} source files that are out of date" in log, log  # and written
    assert blog.build(env=env).stdout.startswith(NOTHING)


def test_a_build_by_other_code_is_read_again(blog):
    from wnyblog.speed import codeversion as build

    stamp = blog.root / "build" / "doctrees" / build.STAMP
    assert stamp.read_text() == str(build.code_version())
    stamp.write_text("0")  # as if the last build ran other code
    # Something changed, so Sphinx runs; and it reads every document again.
    corpus.edit_body(blog.src, blog.posts[1], "One more sentence.")
    log = rebuilt(blog.build())
    documents = len(list(blog.src.rglob("*.md")))
    assert f"{documents} added, 0 changed, 0 removed" in log, log
    assert stamp.read_text() == str(build.code_version())
