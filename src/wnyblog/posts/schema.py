"""The one definition of what a post's front matter may hold.

The build (through the extension), the writers' ``blog check`` and the tests
all read posts through :func:`read_post`, so a post means the same thing
everywhere. Problems come back as :class:`Problem` values, never exceptions:
one bad setting must not hide the next. Each kind of value is checked by
:mod:`.values`.
"""

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sphinx.config costs a second of imports to `blog new`
    from sphinx.config import Config

from . import dates, frontmatter, values, yaml_slips
from .sources import Source
from .values import Kind


@dataclass(frozen=True)
class Field:
    """One front-matter key: what it holds and how a writer meets it.

    ``label``, ``help``, ``required`` and ``in_editor`` are what the web
    editor's form shows (its configuration is generated from this table), and
    ``required`` is also what ``blog check`` enforces: one place for both.
    """

    kind: Kind
    label: str  # the form's label for the field
    help: str  # what it means, in a writer's words
    required: bool = False
    in_editor: bool = True  # False: kept in the file, never shown in the form


FIELDS: dict[str, Field] = {
    "title": Field(
        Kind.TEXT,
        "Title, if different",
        "the post's title, if it should differ from the # heading",
    ),
    "date": Field(
        Kind.DATE,
        "Publication date",
        "publication date, YYYY-MM-DD or YYYY-MM-DD HH:MM (clinic time)",
        required=True,
    ),
    "updated": Field(
        Kind.DATE, "Last meaningful change", "date of the last meaningful change, YYYY-MM-DD"
    ),
    "author": Field(
        Kind.KEYS, "Authors", "author key(s) from the vocabulary file (docs/vocabulary.yaml)"
    ),
    "tags": Field(Kind.KEYS, "Tags", "tags from the vocabulary file"),
    "category": Field(Kind.KEY, "Category", "one category from the vocabulary file"),
    "description": Field(
        Kind.TEXT, "Description", "one or two plain sentences shown in listings and feeds"
    ),
    "excerpt": Field(Kind.TEXT, "Excerpt", "same as description", in_editor=False),
    "image": Field(Kind.TEXT, "Cover picture", "cover image file, beside the post"),
    "image_alt": Field(
        Kind.TEXT,
        "What the cover picture shows",
        "what the cover image shows, for readers who cannot see it",
    ),
    "reviewed_by": Field(
        Kind.AUTHOR,
        "Clinically reviewed by",
        "the author key (from the vocabulary file) of the clinician who reviewed the post; "
        "they need `credentials` there",
    ),
    "reviewed": Field(
        Kind.DATE, "Review date", "the day the clinician reviewed the post, YYYY-MM-DD"
    ),
    "sources": Field(
        Kind.SOURCES,
        "Sources",
        "what the post relies on, each with a `title` and, if it has them, `url` (https://), "
        "`doi` (10.xxxx/...), `publisher` and `year`",
    ),
    # Hidden in the editor: there a post is a draft until its pull request is
    # merged (the editor's Draft, In review and Ready), so a writer meets one
    # kind of draft only. `draft: true` is the terminal's, and a take-down's.
    "draft": Field(Kind.BOOL, "Draft", "true keeps the post unpublished", in_editor=False),
    "scheduled": Field(
        Kind.BOOL,
        "Scheduled",
        "true: the post has a future date on purpose and goes live that day",
    ),
    "redirect_from": Field(
        Kind.PATHS, "Old addresses", "old addresses of this post, each starting with /"
    ),
    "imported_from": Field(
        Kind.TEXT,
        "Imported from",
        "where an imported post came from (e.g. wix)",
        in_editor=False,
    ),
    "date_is_import_date": Field(
        Kind.BOOL,
        "Date is the import date",
        "true when `date` is the import day, not first publication",
        in_editor=False,
    ),
}
REQUIRED = tuple(key for key, spec in FIELDS.items() if spec.required)
# How to add each required key, for the message when it is missing.
_ADD_REQUIRED = {"date": "add `date: YYYY-MM-DD` to the front matter"}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return format_problem(self)


# Advice is shown but never fails anything: the one marker both commands print.
ADVICE = "advice"


def format_problem(problem: "Problem") -> str:
    """How ``blog check`` prints a problem (the build prints the same words,
    its location and its text, :func:`problem_text`)."""
    return f"{problem.path}:{problem.line}: {problem_text(problem)}"


def problem_text(problem: "Problem") -> str:
    """A problem's words after ``path:line: ``; advice is marked as such."""
    marker = f"{ADVICE}: " if problem.severity == ADVICE else ""
    return f"{marker}{problem.message} — {problem.fix}"


def shown(path: str | os.PathLike[str]) -> str:
    """A path as the writer will recognise it: relative to where they are."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Profile:
    """What the vocabulary file says about an author besides the name."""

    credentials: str | None = None  # "PsyD", "LCSW"
    role: str | None = None  # "Clinical psychologist"
    bio: str | None = None
    photo: str | None = None  # relative to the source folder, e.g. authors/lee.jpg


@dataclass(frozen=True)
class Vocabulary:
    """Who may write and which labels exist: the vocabulary file, read by
    :mod:`.vocabulary` (the build hands it to ABlog as conf.py settings)."""

    authors: dict[str, str]  # key -> display name
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    default_author: str | None = None
    links: dict[str, str] = field(default_factory=dict)  # author key -> web address
    profiles: dict[str, Profile] = field(default_factory=dict)  # author key -> profile
    source: str = "docs/vocabulary.yaml"  # the file, as the writer reads its path
    # Sections the file holds but that could not be read: names are not judged
    # against them (every tag would be "unknown"); the file's own problem is reported.
    unknown: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, config: "Config") -> "Vocabulary":
        default = config.blog_default_author
        if isinstance(default, list | tuple):
            default = default[0] if default else None
        authors = config.blog_authors or {}
        return cls(
            authors={key: value[0] for key, value in authors.items()},
            tags=tuple(config.blog_tags or ()),
            categories=tuple(config.blog_categories or ()),
            default_author=default,
            links={key: value[1] for key, value in authors.items() if value[1]},
            profiles={
                key: Profile(**value)
                for key, value in (getattr(config, "blog_author_profiles", None) or {}).items()
            },
        )


@dataclass(frozen=True)
class PostMeta:
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str | None = None
    description: str | None = None
    image: str | None = None
    image_alt: str | None = None
    draft: bool = False
    scheduled: bool = False
    redirect_from: tuple[str, ...] = ()
    reviewed_by: str | None = None
    reviewed: dt.datetime | None = None
    sources: tuple[Source, ...] = ()
    imported_from: str | None = None
    date_is_import_date: bool = False
    body: str = ""
    body_line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)

    def is_published(self, on: dt.date | None = None) -> bool:
        """Drafts and posts dated after the clinic's today are not published."""
        return not self.draft and self.date is not None and dates.is_due(self.date, on=on)


def read_post(text: str, path: str, vocab: Vocabulary) -> tuple[PostMeta | None, list[Problem]]:
    """Parse and check one post's front matter; ``None`` when it cannot be read."""
    try:
        split = frontmatter.split(text)
    except frontmatter.FrontMatterError as err:
        return None, [Problem(path, err.line, err.message, err.fix)]
    problems = [
        Problem(
            path,
            line,
            f"`{key}` is written twice (first on line {first})",
            f"keep one `{key}:` line and delete the other",
        )
        for key, line, first in split.duplicates
    ]
    problems += [
        Problem(
            path,
            line,
            f"the `{key}` is cut short at “{gone}”: in the settings, a # after a space starts "
            "a note the blog leaves out",
            yaml_slips.quote_fix(key, typed),
        )
        for key, line, typed, gone in split.cut
        if key in FIELDS and FIELDS[key].kind is Kind.TEXT
    ]
    checker = values.Checker(FIELDS, split.key_lines, vocab)
    found = checker.check(split.data)
    for key in REQUIRED:
        if key not in split.data:
            checker.add(1, f"the post has no {key}", _ADD_REQUIRED[key])
    problems += [Problem(path, *problem) for problem in checker.problems]
    meta = PostMeta(body=split.body, body_line=split.body_line, key_lines=split.key_lines, **found)
    return meta, sorted(problems, key=lambda problem: problem.line)
