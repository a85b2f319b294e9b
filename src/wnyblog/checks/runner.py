"""Check every post of a site: each file on its own, then the posts together.

Used by ``blog check`` and by the build (at config-inited, before anything is
read, so drafts and scheduled posts are checked too). Returns every problem at
once; nothing here raises on bad input.
"""

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..posts import commands, dates, filenames, frontmatter, schema
from ..posts.schema import Problem
from . import (
    body,
    permalinks,
    picture_files,
    reading,
    redirects,
    review,
    security,
    together,
    wording,
)
from .checked import CheckedPost, shown

IMAGE_SUFFIXES = picture_files.SUFFIXES | picture_files.OTHER_PICTURES
# What may sit beside a post's text: its pictures, a PDF handout to download,
# the data of a table (`{csv-table}`). Anything a post shows comes from there.
ATTACHMENT_SUFFIXES = IMAGE_SUFFIXES | {".pdf", ".csv"}


@dataclass
class Report:
    posts: list[CheckedPost]
    problems: list[Problem]
    unreadable: list[Path]  # Markdown files Sphinx must not even open

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def grades(self) -> dict[Path, float]:
        """Each measured post's reading grade, by its file."""
        return {p.path: p.reading.grade for p in self.posts if p.reading is not None}


class Memo(Protocol):
    """Check results remembered between runs (``speed.checkmemo.Memo``, a later stage)."""

    def check_ahead(
        self, paths: list[Path], srcdir: Path, vocab: schema.Vocabulary, today: dt.date, jobs: int
    ) -> None: ...

    def check(
        self, path: Path, srcdir: Path, vocab: schema.Vocabulary, today: dt.date
    ) -> tuple[CheckedPost | None, list[Problem]]: ...

    def pictures_inspected(self) -> set[str]: ...


@dataclass
class CheckedPosts:
    """A build's report of its posts (what ``blog check`` tells of them)."""

    report: Report | None = None


def check_site(
    srcdir: Path,
    vocab: schema.Vocabulary,
    *,
    today: dt.date | None = None,
    memo: Memo | None = None,
    jobs: int = 1,
    settings: review.Settings | None = None,
) -> Report:
    """Check the posts under *srcdir*/posts.

    *memo* (``speed.checkmemo.Memo``, kept by the caller between runs)
    remembers each file's result with everything it depends on, so unchanged
    posts are not checked again; the posts it does not know are checked in
    *jobs* processes. *settings* are conf.py's for health content (clinical
    review, reading grade); their defaults when not given.
    """
    today = today or dates.today()
    settings = settings or review.Settings()
    posts: list[CheckedPost] = []
    problems: list[Problem] = []
    unreadable: list[Path] = []
    paths = [
        path
        for path in sorted((srcdir / "posts").rglob("*"))
        # Sphinx follows a folder that is a link; the checks stop at it.
        if (path.is_symlink() or not path.is_dir())
    ]
    if memo is not None:
        memo.check_ahead(paths, srcdir, vocab, today, jobs)
    inspected: set[str] = set()

    def inspect(target: Path, name: str) -> picture_files.Finding | None:
        inspected.add(os.path.normpath(target))
        return picture_files.problem(target, name)

    for path in paths:
        try:
            if memo is None:
                post, file_problems = check_file(path, srcdir, vocab, today, inspect=inspect)
            else:
                post, file_problems = memo.check(path, srcdir, vocab, today)
        except Unreadable as err:
            post, file_problems = None, [err.problem, *err.more]
            unreadable.append(path)
        if post is not None:
            posts.append(post)
        problems += file_problems
    if memo is not None:
        inspected |= memo.pictures_inspected()
    problems += unshown_pictures(srcdir, inspected)
    problems += together.check(posts)
    problems += permalinks.check(srcdir, posts, today)
    problems += redirects.check(srcdir, posts)
    # Settings-dependent, and cheap: never remembered with the files' results.
    problems += review.check(posts, vocab, settings, today)
    for post in posts:
        problems += reading.advice(shown(post.path), post.reading, settings.reading_grade)
    return Report(posts, problems, unreadable)


def unshown_pictures(srcdir: Path, inspected: set[str]) -> list[Problem]:
    """Location data in the pictures under *srcdir* that no post showed (a post
    that shows one reports it at its own line): line 1 of the picture. Every
    file under docs/ is committed, published or not."""
    problems = []
    for path in sorted(srcdir.rglob("*")):
        if (
            path.suffix.lower() in IMAGE_SUFFIXES - {".svg"}
            and os.path.normpath(path) not in inspected
            and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(srcdir).parts)
        ):
            finding = picture_files.location_problem(path, path.name)
            if finding is not None:
                problems.append(Problem(shown(path), 1, finding.message, finding.fix))
    return problems


# Characters no post may hold (the tab and line ends excepted): C0 and C1
# control characters, and the two Unicode non-characters XML refuses.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


# A Markdown destination, `](…)`, naming a file with a NUL character.
_NUL_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*%00[^)\s>]*)", re.I)


def check_file(
    path: Path,
    srcdir: Path,
    vocab: schema.Vocabulary,
    today: dt.date,
    exists: Callable[[Path], bool] = os.path.isfile,
    inspect: Callable[[Path, str], picture_files.Finding | None] = picture_files.problem,
) -> tuple[CheckedPost | None, list[Problem]]:
    where = shown(path)
    rel = path.relative_to(srcdir / "posts")
    if path.is_symlink() and (path.is_dir() or not _inside(path, srcdir)):
        # The build would read (and publish) whatever the link points to.
        raise Unreadable(
            Problem(
                where,
                1,
                f"this {'folder' if path.is_dir() else 'file'} is a link to "
                + ("another folder" if path.is_dir() else "a file outside the blog's folder"),
                "put the post's own files here in place of the link",
            )
        )
    if path.suffix.lower() in ATTACHMENT_SUFFIXES:
        return None, []
    if path.suffix.lower() != ".md":
        return None, [
            Problem(
                where,
                1,
                "this file is not a Markdown post",
                "save posts as index.md (Markdown) in the post's folder; only pictures, "
                "PDF handouts and CSV tables may sit beside them",
            )
        ]
    if len(rel.parts) != 3 or rel.name != "index.md" or not rel.parts[0].isdigit():
        return None, [
            Problem(
                where,
                1,
                "posts must be at posts/<year>/<slug>/index.md",
                f"run `{commands.named('new')}` to create a post in the right place, then move "
                "the text into it",
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise Unreadable(
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
        raise Unreadable(
            Problem(
                where,
                1,
                "the file is not a text file",
                "save the post as plain Markdown text, not a word-processor file",
            )
        )
    control = _CONTROL.search(text)
    if control is not None:
        # Invisible in most editors, and no feed or page may hold it (XML
        # refuses it): Sphinx does not open the file, as above.
        raise Unreadable(
            Problem(
                where,
                text.count("\n", 0, control.start()) + 1,
                f"this line holds a control character ({schema.one_line(control.group())}), "
                "which is not text",
                "delete it: retype the line if you cannot see it",
            )
        )
    meta, problems = schema.read_post(text, where, vocab)
    if meta is None:
        # Front matter that cannot be read: MyST would only add a vaguer
        # message about it, so Sphinx does not open the file (as above). The
        # text and its pictures are still checked, so one slip does not hide
        # the others until the next run.
        rest = _body_alone(text)
        more = [] if rest is None else _text_problems(rest, where, path.parent, exists, inspect)
        raise Unreadable(problems[0], more)
    problems += _text_problems(meta, where, path.parent, exists, inspect)
    refused_link = next(
        (p for p in problems if p.message.startswith("the link “") and p.fix == filenames.FIX), None
    )
    nul = _NUL_DESTINATION.search(meta.body)
    said = any(p.fix == filenames.FIX for p in problems)
    if not said and nul is not None:  # a destination the patterns above miss
        line = meta.body_line + meta.body.count("\n", 0, nul.start())
        refused_link = Problem(
            where, line, f"the link “{nul.group(1)}” {filenames.refused(chr(0))}", filenames.FIX
        )
    if refused_link is not None:
        # MyST would look the file up while reading the page, and fail: Sphinx
        # does not open the file, as above.
        raise Unreadable(refused_link)
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
    measured = reading.measure(meta)
    # The body has been checked: what comes after (the posts together, the
    # review, the memo kept for the next build) reads the settings only.
    post = CheckedPost(path, docname, replace(meta, body=""), body.title_of(meta), measured)
    return post, problems


def _text_problems(
    meta: schema.PostMeta,
    where: str,
    folder: Path,
    exists: Callable[[Path], bool],
    inspect: Callable[[Path, str], picture_files.Finding | None],
) -> list[Problem]:
    """Problems in a post's text and the pictures it shows."""
    return [
        *body.check_body(meta, where, folder, exists, inspect),
        *security.check(meta, where),
        *wording.check(meta, where),
    ]


def _body_alone(text: str) -> schema.PostMeta | None:
    """The text after settings that cannot be read, when their end is known.
    Its title may be among them, so it is not asked for."""
    try:
        frontmatter.split(text)
    except frontmatter.FrontMatterError as err:
        if err.body is not None:
            return schema.PostMeta(title=_UNREAD, body=err.body, body_line=err.body_line)
    return None


_UNREAD = "(in the settings that could not be read)"


def _inside(path: Path, srcdir: Path) -> bool:
    return path.resolve().is_relative_to(srcdir.resolve())


class Unreadable(Exception):
    """A file Sphinx must not open: *problem* says why, *more* are the other
    problems of its text, still checked."""

    def __init__(self, problem: Problem, more: list[Problem] | None = None) -> None:
        super().__init__(problem, more)
        self.problem = problem
        self.more = more or []
