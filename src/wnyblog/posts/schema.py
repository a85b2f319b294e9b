"""The one definition of what a post's front matter may hold.

The build (through the extension), the writers' ``blog check`` and the tests
all read posts through :func:`read_post`, so a post means the same thing
everywhere. Problems come back as :class:`Problem` values, never exceptions:
one bad setting must not hide the next.
"""

import datetime as dt
import difflib
from dataclasses import dataclass, field

from . import dates, frontmatter


@dataclass(frozen=True)
class Field:
    kind: str  # text | date | bool | keys | key | paths
    help: str


FIELDS: dict[str, Field] = {
    "title": Field("text", "the post's title, if it should differ from the # heading"),
    "date": Field("date", "publication date, YYYY-MM-DD or YYYY-MM-DD HH:MM (clinic time)"),
    "updated": Field("date", "date of the last meaningful change, YYYY-MM-DD"),
    "author": Field("keys", "author key(s) from blog_authors in conf.py"),
    "tags": Field("keys", "tags from blog_tags in conf.py"),
    "category": Field("key", "one category from blog_categories in conf.py"),
    "description": Field("text", "one or two plain sentences shown in listings and feeds"),
    "excerpt": Field("text", "same as description"),
    "image": Field("text", "cover image file, beside the post"),
    "image_alt": Field("text", "what the cover image shows, for readers who cannot see it"),
    "draft": Field("bool", "true keeps the post unpublished"),
    "scheduled": Field(
        "bool", "true: the post has a future date on purpose and goes live that day"
    ),
    "redirect_from": Field("paths", "old addresses of this post, each starting with /"),
    "imported_from": Field("text", "where an imported post came from (e.g. wix)"),
    "date_is_import_date": Field(
        "bool", "true when `date` is the import day, not first publication"
    ),
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


@dataclass(frozen=True)
class Vocabulary:
    """Who may write and which labels exist, from conf.py (one place)."""

    authors: dict[str, str]  # key -> display name
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    default_author: str | None = None

    @classmethod
    def from_config(cls, config) -> "Vocabulary":
        default = config.blog_default_author
        if isinstance(default, list | tuple):
            default = default[0] if default else None
        return cls(
            authors={key: value[0] for key, value in (config.blog_authors or {}).items()},
            tags=tuple(config.blog_tags or ()),
            categories=tuple(config.blog_categories or ()),
            default_author=default,
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
    imported_from: str | None = None
    date_is_import_date: bool = False
    body: str = ""
    body_line: int = 1
    key_lines: dict = field(default_factory=dict, compare=False)

    def is_published(self, on: dt.date | None = None) -> bool:
        """Drafts and posts dated after the clinic's today are not published."""
        return not self.draft and self.date is not None and dates.is_due(self.date, on=on)


def read_post(text: str, path: str, vocab: Vocabulary) -> tuple[PostMeta | None, list[Problem]]:
    """Parse and check one post's front matter; ``None`` when it cannot be read."""
    try:
        split = frontmatter.split(text)
    except frontmatter.FrontMatterError as err:
        return None, [Problem(path, err.line, err.message, err.fix)]
    checker = _Checker(path, split.key_lines, vocab)
    values = checker.check(split.data)
    if "date" not in split.data:
        checker.add(1, "the post has no date", "add `date: YYYY-MM-DD` to the front matter")
    return (
        PostMeta(body=split.body, body_line=split.body_line, key_lines=split.key_lines, **values),
        checker.problems,
    )


def did_you_mean(word: str, choices) -> str:
    """A suggestion for a near miss: other case, a shortened name, or a typo."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    key = word.casefold()
    close = [folded[key]] if key in folded else [c for c in choices if c.casefold().startswith(key)]
    close = close or [
        folded[c] for c in difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    ]
    return f' (did you mean "{close[0]}"?)' if close else ""


class _Checker:
    def __init__(self, path: str, key_lines: dict, vocab: Vocabulary):
        self.path, self.key_lines, self.vocab = path, key_lines, vocab
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, fix: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, message, fix, severity))

    def check(self, data: dict) -> dict:
        values: dict = {}
        for key, raw in data.items():
            line = self.key_lines.get(str(key), 1)
            spec = FIELDS.get(str(key))
            if spec is None:
                self.add(
                    line,
                    f'unknown front-matter setting "{key}"{did_you_mean(str(key), FIELDS)}',
                    "use one of: " + ", ".join(FIELDS),
                )
                continue
            value = getattr(self, "_" + spec.kind)(str(key), raw, line)
            if value is not None:
                name = {"author": "authors", "excerpt": "description"}.get(key, key)
                values[name] = value
        if "authors" not in values and self.vocab.default_author:
            values["authors"] = (self.vocab.default_author,)
        return values

    def _text(self, key, raw, line):
        if raw is None or isinstance(raw, list | dict) or str(raw).strip() == "":
            self.add(line, f"`{key}` should be a piece of text", f"write `{key}: ` and the text")
            return None
        return str(raw).strip()

    def _bool(self, key, raw, line):
        if not isinstance(raw, bool):
            self.add(
                line,
                f"`{key}: {raw}` is not true or false",
                f"write `{key}: true` or `{key}: false`",
            )
            return None
        return raw

    def _date(self, key, raw, line):
        try:
            return dates.parse_post_date(raw)
        except dates.DateError as err:
            message, _, fix = str(err).partition(" — ")
            self.add(line, f"`{key}`: {message}", fix)
            return None

    def _list(self, key, raw, line) -> tuple[str, ...] | None:
        if isinstance(raw, str):
            items = [part.strip() for part in raw.split(",")]
        elif isinstance(raw, list) and all(isinstance(x, str | int | float) for x in raw):
            items = [str(x).strip() for x in raw]
        else:
            self.add(line, f"`{key}` should be a list", f"write `{key}: [first, second]`")
            return None
        return tuple(dict.fromkeys(item for item in items if item))

    def _paths(self, key, raw, line):
        items = self._list(key, raw, line)
        for item in items or ():
            if not item.startswith("/") or "://" in item:
                self.add(
                    line,
                    f'"{item}" in `{key}` is not a path on this site',
                    "write the old address as a path starting with /, e.g. /post/my-old-post",
                )
        return items

    def _keys(self, key, raw, line):
        items = self._list(key, raw, line)
        known = self.vocab.authors if key == "author" else self.vocab.tags
        for item in items or ():
            self._known(key, item, known, line)
        return items

    def _key(self, key, raw, line):
        if not isinstance(raw, str) or not raw.strip():
            self.add(line, f"`{key}` should be one name", f"write `{key}: ` and one {key}")
            return None
        self._known(key, raw.strip(), self.vocab.categories, line)
        return raw.strip()

    def _known(self, key, item, known, line):
        if item in known:
            return
        where = {"author": "blog_authors", "tags": "blog_tags", "category": "blog_categories"}[key]
        label = {"author": "author", "tags": "tag", "category": "category"}[key]
        self.add(
            line,
            f'unknown {label} "{item}"{did_you_mean(item, known)}',
            f"use one listed in {where} in conf.py, or add it there on purpose",
        )
