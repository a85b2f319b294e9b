"""Check every post of a site: each file on its own, then the posts together.

Used by ``blog check`` and by the build (at config-inited, before anything is
read, so drafts and scheduled posts are checked too). Returns every problem at
once; nothing here raises on bad input.
"""

import datetime as dt
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from ..posts import dates, schema
from ..posts.schema import PostMeta, Problem
from . import body

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"}
PERMALINKS = "permalinks.txt"  # in the source folder: every address ever published


@dataclass
class Post:
    path: Path  # the index.md
    docname: str  # e.g. posts/2026/slug/index
    meta: PostMeta
    title: str | None

    @property
    def url(self) -> str:
        return "/" + self.docname.removesuffix("index")

    @property
    def slug(self) -> str:
        return self.path.parent.name


@dataclass
class Report:
    posts: list[Post]
    problems: list[Problem]
    unreadable: list[Path]  # Markdown files Sphinx must not even open

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def shown(path: Path) -> str:
    """A path as the writer will recognise it: relative to where they are."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def check_site(
    srcdir: Path,
    vocab: schema.Vocabulary,
    *,
    today: dt.date | None = None,
    only: set[Path] | None = None,
    memo: "Memo | None" = None,
    jobs: int = 1,
) -> Report:
    """Check the posts under *srcdir*/posts; *only* limits which files report.

    *memo* (kept by the caller between runs) remembers each file's result
    with everything it depends on, so unchanged posts are not checked again;
    the posts it does not know are checked in *jobs* processes.
    """
    today = today or dates.today()
    posts, problems, unreadable = [], [], []
    paths = [
        path
        for path in sorted((srcdir / "posts").rglob("*"))
        if not path.is_dir() and path.name != PERMALINKS
    ]
    if memo is not None:
        memo.check_ahead(paths, srcdir, vocab, today, jobs)
    for path in paths:
        try:
            if memo is None:
                post, file_problems = _check_file(path, srcdir, vocab, today)
            else:
                post, file_problems = memo.check(path, srcdir, vocab, today)
        except _Unreadable as err:
            post, file_problems = None, [err.problem]
            unreadable.append(path)
        if post is not None:
            posts.append(post)
        problems += file_problems
    problems += _check_together(posts)
    problems += _check_permalinks(srcdir, posts, today)
    if only is not None:
        wanted = {shown(p) for p in only}
        problems = [p for p in problems if p.path in wanted]
    return Report(posts, problems, unreadable)


class Memo:
    """Results of checking files, with everything each result depended on.

    ``results`` is what an earlier run kept; ``used`` is what this run needed
    (the one to keep for the next run)."""

    def __init__(self, results: dict | None = None):
        self.results = results or {}
        self.loaded = frozenset(self.results)
        self.used: dict = {}
        self.checked = False  # some post was checked again this run
        self._folders: dict[str, tuple | None] = {}

    @property
    def changed(self) -> bool:
        return self.checked or self.used.keys() != self.loaded

    def _key(self, path: Path, srcdir: Path, vocab, today) -> tuple | None:
        beside = self._beside(str(path.parent))
        if beside is None:
            return None
        return (str(path), beside, repr(vocab), today, os.getcwd())

    def _beside(self, folder: str) -> tuple | None:
        """The files in a post's folder (the images it shows sit beside it),
        read once per run: every file of the folder, and both passes of a
        build (:meth:`check_ahead`, then :meth:`check`), ask for them."""
        if folder not in self._folders:
            try:
                self._folders[folder] = tuple(
                    sorted(
                        (e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                    )
                )
            except OSError:
                self._folders[folder] = None
        return self._folders[folder]

    def _remembered(self, key):
        """The result kept under *key*, if the files it looked for are as they were
        (a post's links and cover image may point at other posts' folders)."""
        entry = self.results.get(key)
        if entry is None:
            return None
        looked_for = entry[1]
        if any(os.path.isfile(name) != found for name, found in looked_for):
            return None
        return entry

    def check_ahead(self, paths: list[Path], srcdir: Path, vocab, today, jobs: int) -> None:
        """Check the files not remembered yet in *jobs* forked processes (a
        clean build checks a thousand posts before it reads any), so that
        :meth:`check` then finds every result here."""
        if jobs < 2 or not hasattr(os, "fork"):
            return
        todo = {}
        for path in paths:
            key = self._key(path, srcdir, vocab, today)
            if key is not None and self._remembered(key) is None:
                todo[key] = path
        if len(todo) < _MIN_AHEAD:
            return
        tasks = [(path, srcdir, vocab, today) for path in todo.values()]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(_result, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
        self.results.update(zip(todo, results, strict=True))
        self.checked = True

    def check(self, path: Path, srcdir: Path, vocab, today):
        key = self._key(path, srcdir, vocab, today)
        if key is None:
            return _check_file(path, srcdir, vocab, today)
        entry = self._remembered(key)
        if entry is None:
            entry = self.results[key] = _result(path, srcdir, vocab, today)
            self.checked = True
        self.used[key] = entry
        result = entry[0]
        if isinstance(result, _Unreadable):
            raise result
        return result


# Fewer unknown posts than this are checked in this process: forking costs more.
_MIN_AHEAD = 64


def _result(path: Path, srcdir: Path, vocab, today) -> tuple:
    """What :meth:`Memo.check` remembers: the result (or the file's
    unreadability), and which other files it looked for and found or not."""
    looked_for: dict[str, bool] = {}

    def exists(target: Path) -> bool:
        name = str(target)
        if name not in looked_for:
            looked_for[name] = os.path.isfile(name)
        return looked_for[name]

    try:
        result = _check_file(path, srcdir, vocab, today, exists)
    except _Unreadable as err:
        result = err
    return result, tuple(sorted(looked_for.items()))


def _check_file(
    path: Path, srcdir: Path, vocab, today, exists=os.path.isfile
) -> tuple[Post | None, list[Problem]]:
    where = shown(path)
    rel = path.relative_to(srcdir / "posts")
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return None, []
    if path.suffix.lower() != ".md":
        return None, [
            Problem(
                where,
                1,
                "this file is not a Markdown post",
                "save posts as index.md (Markdown) in the post's folder; "
                "only images may sit beside them",
            )
        ]
    if len(rel.parts) != 3 or rel.name != "index.md" or not rel.parts[0].isdigit():
        return None, [
            Problem(
                where,
                1,
                "posts must be at posts/<year>/<slug>/index.md",
                "run `make new` to create a post in the right place, then move the text into it",
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _Unreadable(
            Problem(
                where,
                line,
                "the file is not UTF-8 text",
                "save it as “UTF-8” in your editor (File → Save As → Encoding)",
            )
        ) from None
    if not text.strip():
        return None, [
            Problem(
                where,
                1,
                "the file is empty",
                "write the post, or delete the file if it was created by mistake",
            )
        ]
    if "\x00" in text:
        raise _Unreadable(
            Problem(
                where,
                1,
                "the file is not a text file",
                "save the post as plain Markdown text, not a word-processor file",
            )
        )
    meta, problems = schema.read_post(text, where, vocab)
    if meta is None:
        return None, problems
    problems += body.check_body(meta, where, path.parent, exists)
    if meta.date is not None:
        line = meta.key_lines.get("date", 1)
        if str(meta.date.year) != rel.parts[0]:
            problems.append(
                Problem(
                    where,
                    line,
                    f"the date is in {meta.date.year} but the post is in the "
                    f"posts/{rel.parts[0]} folder",
                    f"move the post's folder to posts/{meta.date.year}/ (or correct the date)",
                )
            )
        if meta.date.date() > today and not (meta.draft or meta.scheduled):
            problems.append(
                Problem(
                    where,
                    line,
                    f"the date {meta.date:%Y-%m-%d} is in the future: is this a "
                    "draft or a scheduled post?",
                    "add `draft: true` if it is not ready, or `scheduled: true` "
                    "to publish it on that day",
                )
            )
    docname = path.relative_to(srcdir).with_suffix("").as_posix()
    return Post(path, docname, meta, body.title_of(meta)), problems


class _Unreadable(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _check_together(posts: list[Post]) -> list[Problem]:
    problems = []
    seen_slug: dict[str, Post] = {}
    seen_title: dict[str, Post] = {}
    # The older post keeps its address and title; the newer one is told to change.
    far = dt.datetime.max.replace(tzinfo=dates.CLINIC_TZ)
    for post in sorted(posts, key=lambda p: (p.meta.date or far, p.docname)):
        where = shown(post.path)
        other = seen_slug.setdefault(post.slug, post)
        if other is not post:
            problems.append(
                Problem(
                    where,
                    1,
                    f"the address “{post.slug}” is already used by {shown(other.path)}",
                    "rename this post's folder to a different slug",
                )
            )
        if post.title:
            other = seen_title.setdefault(post.title.casefold(), post)
            if other is not post:
                line = post.meta.key_lines.get("title") or _h1_line(post)
                problems.append(
                    Problem(
                        where,
                        line,
                        f"the title “{post.title}” is already used by {shown(other.path)}",
                        "give this post a different title",
                    )
                )
    return problems


def _h1_line(post: Post) -> int:
    for number, line, code in body.body_lines(post.meta):
        if not code and line.lstrip().startswith("# "):
            return number
    return post.meta.body_line


def _check_permalinks(srcdir: Path, posts: list[Post], today) -> list[Problem]:
    record = srcdir / PERMALINKS
    if not record.exists():
        return []
    live = {p.url for p in posts if p.meta.is_published(today)}
    redirected = {_as_dir(old) for p in posts for old in p.meta.redirect_from}
    problems = []
    for number, line in enumerate(record.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#") or url in live or url in redirected:
            continue
        moved = _likely_new_home(url, posts)
        target = f"in {shown(moved.path)} " if moved else "in the post's new front matter "
        problems.append(
            Problem(
                shown(record),
                number,
                f"{url} was published but no post is there any more",
                f"if the post moved, add {target}the line `redirect_from: [{url}]`; if it was "
                "taken down on purpose, delete this line",
            )
        )
    return problems


def _as_dir(path: str) -> str:
    return path.rstrip("/") + "/"


def _likely_new_home(url: str, posts: list[Post]) -> Post | None:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    return next((p for p in posts if p.slug == slug and p.url != url), None)


def record_new_permalinks(srcdir: Path, posts: list[Post], today=None) -> list[str]:
    """Add the addresses of newly published posts to the record; return them."""
    record = srcdir / PERMALINKS
    existing = record.read_text(encoding="utf-8") if record.exists() else _RECORD_HEADER
    known = {line.strip() for line in existing.splitlines()}
    live = [p for p in posts if p.meta.is_published(today)]
    addresses = {p.url for p in live} | {_as_dir(old) for p in live for old in p.meta.redirect_from}
    new = sorted(addresses - known)
    if new:
        record.write_text(existing.rstrip("\n") + "\n" + "\n".join(new) + "\n", encoding="utf-8")
    return new


_RECORD_HEADER = """\
# Every address a post has been published at. `blog check` adds new ones and
# fails when one of these stops working: a moved post needs `redirect_from`.
# Commit this file with your posts. Delete a line only when a post is taken
# down on purpose.
"""
