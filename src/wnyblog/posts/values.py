"""What each kind of front-matter value may hold (the kinds of ``schema.FIELDS``).

Text must have words, a list must hold real names, a date must be one date,
and the example text `blog new` writes must be replaced. Every slip gets a
message and a fix at the setting's line; :mod:`.schema` turns them into
problems with the file's path.
"""

import datetime as dt
import difflib
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Protocol

from . import commands, dates, skeleton
from .sources import Source


class Kind(enum.Enum):
    """What a front-matter setting holds; each kind has one check (``Checker._CHECKS``)."""

    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    KEYS = "keys"  # names from the vocabulary file (authors, tags)
    KEY = "key"  # one name from the vocabulary file (the category)
    PATHS = "paths"  # old addresses on this site
    AUTHOR = "author"  # one author key from the vocabulary file (a reviewer)
    SOURCES = "sources"  # a list of sources, each a title and where to find it


class Names(Protocol):
    """What the checks read of the vocabulary file (``schema.Vocabulary``,
    which imports this module)."""

    @property
    def authors(self) -> Mapping[str, str]: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def categories(self) -> tuple[str, ...]: ...
    @property
    def default_author(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def unknown(self) -> frozenset[str]: ...


class HasKind(Protocol):
    """A schema field, as the checks see it (``schema.Field``)."""

    @property
    def kind(self) -> Kind: ...


# A checked value: text, a date, true or false, or names.
Value = str | dt.datetime | bool | tuple[str, ...] | tuple[Source, ...]

# Placeholders writers leave in a description, as typed (case and dots aside).
_PLACEHOLDERS = {"todo", "tbd", "tba", "fixme", "xxx", "placeholder", "description"}
_WEB_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S*$", re.I)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)$", re.I)
_NOT_ALT = {"image", "picture", "photo", "photograph", "img", "cover", "cover image", "alt"}
_NOUNS = {"tags": "tag", "author": "author", "redirect_from": "address", "reviewed_by": "author"}
# What a text setting holds, for "write … after `key:`".
_TEXTS = {
    "title": "the title",
    "description": "one or two sentences about the post",
    "excerpt": "one or two sentences about the post",
    "image": "the picture's file name",
    "image_alt": "what the picture shows",
    "imported_from": "where the post came from",
}
_CATALOGS = {
    "author": "authors",
    "reviewed_by": "authors",
    "tags": "tags",
    "category": "categories",
}
# What an item of `sources:` may hold; only the title is required.
SOURCE_SETTINGS = ("title", "url", "doi", "publisher", "year")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_HTTPS = re.compile(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?")
_SOURCES_FIX = (
    "write each source as a list item: `- title: Name of the book or article`, then, "
    "indented under it, `url:`, `doi:`, `publisher:` and `year:` when it has them"
)
# Which vocabulary section each key's names come from (the web editor's choices too).
CATALOGS = _CATALOGS
_UNUSABLE_IN_PATHS = [
    (" ", "a space"),
    ("?", "a ?"),
    ("#", "a #"),
    ("\\", "a backslash"),
    ("//", "two slashes in a row"),
]


def has_words(text: str) -> bool:
    """At least one letter or digit, in any script (an emoji is not a word)."""
    return any(char.isalnum() for char in text)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A suggestion for a near miss: other case, a shortened name, or a typo."""
    choices = list(choices)
    folded = {choice.casefold(): choice for choice in choices}
    key = word.casefold()
    close = [folded[key]] if key in folded else [c for c in choices if c.casefold().startswith(key)]
    close = close or [
        folded[c] for c in difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    ]
    return f' (did you mean "{close[0]}"?)' if close else ""


class Checker:
    """Checks one post's settings; ``problems`` collects (line, message, fix)."""

    def __init__(
        self, fields: Mapping[str, HasKind], key_lines: dict[str, int], vocab: Names
    ) -> None:
        self.fields, self.key_lines, self.vocab = fields, key_lines, vocab
        self.problems: list[tuple[int, str, str]] = []

    def add(self, line: int, message: str, fix: str) -> None:
        self.problems.append((line, message, fix))

    def check(self, data: Mapping[object, object]) -> dict[str, Any]:
        """The usable values by PostMeta's names (each of its own type, hence
        ``Any`` here: ``PostMeta(**values)`` types them)."""
        values: dict[str, Any] = {}
        for key, raw in data.items():
            key = str(key)
            line = self.key_lines.get(key, 1)
            spec = self.fields.get(key)
            if spec is None:
                self.add(
                    line,
                    f'unknown front-matter setting "{key}"{did_you_mean(key, self.fields)}',
                    "use one of: " + ", ".join(self.fields),
                )
                continue
            value = self._CHECKS[spec.kind](self, key, raw, line)
            if value is not None:
                values[{"author": "authors", "excerpt": "description"}.get(key, key)] = value
        if "description" in data and "excerpt" in data:
            later = max(("description", "excerpt"), key=lambda k: self.key_lines.get(k, 1))
            self.add(
                self.key_lines.get(later, 1),
                "`description` and `excerpt` are the same setting, and both are set",
                "keep one of the two lines",
            )
        if "image_alt" in data and "image" not in data:
            self.add(
                self.key_lines.get("image_alt", 1),
                "`image_alt` describes a cover image, but the post has no `image:`",
                "add `image:` with the picture's file name, or delete this line",
            )
        if "authors" not in values and "author" not in data and self.vocab.default_author:
            values["authors"] = (self.vocab.default_author,)
        return values

    def _text(self, key: str, raw: object, line: int) -> str | None:
        if isinstance(raw, bool):
            self.add(
                line,
                f"`{key}` reads as {str(raw).lower()}, not as text",
                f'put the text in quotes: `{key}: "your text"`',
            )
            return None
        if isinstance(raw, list | dict):
            self.add(
                line,
                f"`{key}` should be one piece of text",
                f"write the text on the same line: `{key}: your text` "
                "(in quotes if it contains a colon)",
            )
            return None
        text = "" if raw is None else str(raw).strip()
        if not text:
            what = _TEXTS.get(key, "the text")
            self.add(line, f"`{key}` is empty", f"write {what} after `{key}:`, or delete the line")
            return None
        if not has_words(text):
            self.add(line, f"`{key}` has no words (“{text}”)", "write it in words, or delete it")
            return None
        # A rule of one setting returns False when the value is not usable at all.
        rule = self._TEXT_RULES.get(key)
        return text if rule is None or rule(self, key, text, line) else None

    def _text_description(self, key: str, text: str, line: int) -> bool:
        if skeleton.same_text(text, skeleton.DESCRIPTION):
            message = f"the `{key}` is still the example text from `{commands.named('new')}`"
        elif _WEB_ADDRESS.match(text):
            message = f"the `{key}` is only a web address"
        elif text.strip(" .!…").casefold() in _PLACEHOLDERS or text.casefold().startswith("lorem"):
            message = f"the `{key}` “{text}” is a placeholder"
        else:
            return True
        self.add(
            line,
            message,
            "write one or two plain sentences about the post: they are shown in listings, "
            "feeds, search results and link previews",
        )
        return True

    def _text_image(self, key: str, text: str, line: int) -> bool:
        if _WEB_ADDRESS.match(text):
            self.add(
                line,
                f"the cover image “{text}” is a web address",
                "save the picture beside the post and give its file name: the blog loads "
                "nothing from other sites",
            )
            return False
        return True

    def _text_image_alt(self, key: str, text: str, line: int) -> bool:
        if skeleton.same_text(text, skeleton.IMAGE_ALT):
            message = f"`image_alt` is still the example text from `{commands.named('new')}`"
        elif text.casefold() in _NOT_ALT or _IMAGE_FILE.search(text):
            message = f"`image_alt: {text}` does not say what the picture shows"
        else:
            return True
        self.add(
            line,
            message,
            "describe the picture in a few words for readers who cannot see it, "
            "e.g. `image_alt: A snowy path through a quiet park`",
        )
        return True

    def _bool(self, key: str, raw: object, line: int) -> bool | None:
        if isinstance(raw, bool):
            return raw
        if raw is None:
            message = f"`{key}` is empty"
        elif isinstance(raw, str):
            message = f"`{key}: {raw}` is not true or false"
        else:
            message = f"`{key}` should be true or false"
        self.add(line, message, f"write `{key}: true` or `{key}: false`")
        return None

    def _date(self, key: str, raw: object, line: int) -> dt.datetime | None:
        if raw is None or isinstance(raw, bool | list | dict):
            self.add(
                line,
                f"`{key}` is empty" if raw is None else f"`{key}` should be one date",
                "write the date as YYYY-MM-DD, for example 2026-05-14",
            )
            return None
        try:
            return dates.parse_post_date(raw)
        except dates.DateError as err:
            message, _, fix = str(err).partition(" — ")
            self.add(line, f"`{key}`: {message}", fix)
            return None

    def _list(self, key: str, raw: object, line: int) -> tuple[str, ...] | None:
        noun = _NOUNS[key]
        if raw is None:
            self.add(line, f"`{key}` is empty", self._list_fix(key))
            return None
        if isinstance(raw, str):
            items = raw.split(",")
        elif isinstance(raw, list) and all(x is None or isinstance(x, str) for x in raw):
            items = ["" if x is None else x for x in raw]
        elif isinstance(raw, list):
            self.add(
                line,
                f"`{key}` should be a list of names",
                f"write `{key}: [first, second]`, with quotes around a name that YAML reads "
                'otherwise, such as "yes" or "no"',
            )
            return None
        else:
            self.add(line, f"`{key}` should be a list", f"write `{key}: [first, second]`")
            return None
        items = [item.strip() for item in items]
        usable = [item for item in items if has_words(item) or (key == "redirect_from" and item)]
        if (items or key == "author") and not usable:
            self.add(line, f"`{key}` holds no {noun}", self._list_fix(key))
            return None
        for item in items:
            if not item:
                self.add(line, f"`{key}` has an empty entry", "delete the extra comma")
            elif item not in usable:
                self.add(
                    line,
                    f"“{item}” in `{key}` is not a {noun}: it has no letters or digits",
                    f"delete it, or write the {noun} in words",
                )
        for item in sorted({i for i in usable if usable.count(i) > 1}):
            self.add(line, f"“{item}” is listed twice in `{key}`", "delete one of the two")
        return tuple(dict.fromkeys(usable))

    def _list_fix(self, key: str) -> str:
        if key == "tags":
            return "list tags like `tags: [sleep, anxiety]`, or write `tags: []` for none"
        if key == "author":
            return (
                "write an author key, e.g. `author: "
                f"{self.vocab.default_author or 'clinic'}`, or delete the line to use "
                "the default author"
            )
        return "write old addresses like `redirect_from: [/post/old-name]`, or delete the line"

    def _paths(self, key: str, raw: object, line: int) -> tuple[str, ...] | None:
        items = self._list(key, raw, line)
        for item in items or ():
            if not item.startswith("/") or "://" in item:
                self.add(
                    line,
                    f'"{item}" in `{key}` is not a path on this site',
                    "write the old address as a path starting with /, e.g. /post/my-old-post",
                )
                continue
            parts = item.split("/")
            reasons = [why for text, why in _UNUSABLE_IN_PATHS if text in item]
            reasons += ["a . or .. folder"] if {".", ".."} & set(parts) else []
            if reasons:
                self.add(
                    line,
                    f"“{item}” in `{key}` cannot be an old address here: it has {reasons[0]}",
                    "write the path as it appeared in the old address bar, up to any ? or #, "
                    "e.g. /post/my-old-post (a space is written %20)",
                )
        return items

    def _keys(self, key: str, raw: object, line: int) -> tuple[str, ...] | None:
        items = self._list(key, raw, line)
        known: Iterable[str] = self.vocab.authors if key == "author" else self.vocab.tags
        for item in items or ():
            self._known(key, item, known, line)
        return items

    def _author(self, key: str, raw: object, line: int) -> str | None:
        """One author key from the vocabulary (a reviewer)."""
        if isinstance(raw, bool | list | dict):
            self.add(
                line, f"`{key}` should be one author key", f"write `{key}: ` and one author key"
            )
            return None
        text = "" if raw is None else str(raw).strip()
        if not has_words(text):
            self.add(
                line,
                f"`{key}` is empty",
                f"write one author key from {self.vocab.source}, or delete the line",
            )
            return None
        self._known(key, text, self.vocab.authors, line)
        return text

    def _sources(self, key: str, raw: object, line: int) -> tuple[Source, ...] | None:
        """A list of sources, each a title and optionally its address, DOI,
        publisher and year (books and manuals have no address)."""
        if raw is None or not isinstance(raw, list):
            self.add(
                line,
                f"`{key}` is empty" if raw is None else f"`{key}` should be a list of sources",
                _SOURCES_FIX,
            )
            return None
        found: list[Source] = []
        for number, item in enumerate(raw, start=1):
            source = self._source(key, number, item, line)
            if source is not None:
                found.append(source)
        return tuple(found)

    def _source(self, key: str, number: int, item: object, line: int) -> Source | None:
        what = f"source {number} in `{key}`"
        if not isinstance(item, dict):
            self.add(line, f"{what} has no `title:`", _SOURCES_FIX)
            return None
        fields: dict[str, object] = {}
        for name, value in item.items():
            name = str(name)
            if name not in SOURCE_SETTINGS:
                self.add(
                    line,
                    f'unknown setting "{name}" in {what}{did_you_mean(name, SOURCE_SETTINGS)}',
                    "a source has `title:` and, when it has them, `url:`, `doi:`, "
                    "`publisher:` and `year:`",
                )
                continue
            text = "" if value is None else str(value).strip()
            if isinstance(value, list | dict | bool) or not has_words(text):
                self.add(
                    line,
                    f"the `{name}` of {what} is empty"
                    if not text
                    else f"the `{name}` of {what} should be one piece of text",
                    f"write it after `{name}:`, or delete the line",
                )
                continue
            fields[name] = text
        if "title" not in fields:
            if "title" not in item:  # an empty one is reported above
                self.add(line, f"{what} has no `title:`", _SOURCES_FIX)
            return None
        url = fields.get("url")
        if url is not None and not _HTTPS.fullmatch(str(url)):
            self.add(
                line,
                f"the `url` of {what} is not an https:// address (“{url}”)",
                "copy the whole address from the browser, starting with https://, or delete "
                "the `url:` line",
            )
            url = None
        doi = fields.get("doi")
        if doi is not None:
            bare = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", str(doi), flags=re.I)
            if not _DOI.fullmatch(bare):
                self.add(
                    line,
                    f"the `doi` of {what} is not a DOI (“{doi}”)",
                    "write the DOI alone, starting with 10. (e.g. "
                    "`doi: 10.1176/appi.books.9780890425787`), or delete the line",
                )
                doi = None
            else:
                doi = bare
        year = fields.get("year")
        if year is not None and not (str(year).isdigit() and 1400 <= int(str(year)) <= 2200):
            self.add(
                line,
                f"the `year` of {what} is not a year (“{year}”)",
                "write the year it was published, e.g. `year: 2022`, or delete the line",
            )
            year = None
        return Source(
            title=str(fields["title"]),
            url=str(url) if url else None,
            doi=str(doi) if doi else None,
            publisher=str(fields["publisher"]) if "publisher" in fields else None,
            year=int(str(year)) if year is not None else None,
        )

    def _key(self, key: str, raw: object, line: int) -> str | None:
        if isinstance(raw, bool | list | dict):
            self.add(line, f"`{key}` should be one name", f"write `{key}: ` and one {key}")
            return None
        text = "" if raw is None else str(raw).strip()
        if not has_words(text):
            self.add(
                line,
                f"`{key}` is empty" if not text else f"`{key}` holds no {key} (“{text}”)",
                f"write one {key} from {self.vocab.source}, or delete the line",
            )
            return None
        self._known(key, text, self.vocab.categories, line)
        return text

    def _known(self, key: str, item: str, known: Iterable[str], line: int) -> None:
        section = _CATALOGS[key]
        if item in known or section in self.vocab.unknown:
            return
        label = _NOUNS.get(key, key)  # "category" is its own noun
        self.add(
            line,
            f'unknown {label} "{item}"{did_you_mean(item, known)}',
            f"use one listed under `{section}:` in {self.vocab.source}, or add it there on purpose",
        )

    # The check of each kind of value, and the extra rule of some text settings
    # (False: the text is not usable at all).
    _CHECKS: ClassVar[dict[Kind, Callable[["Checker", str, object, int], Value | None]]] = {
        Kind.TEXT: _text,
        Kind.DATE: _date,
        Kind.BOOL: _bool,
        Kind.KEYS: _keys,
        Kind.KEY: _key,
        Kind.PATHS: _paths,
        Kind.AUTHOR: _author,
        Kind.SOURCES: _sources,
    }
    _TEXT_RULES: ClassVar[dict[str, Callable[["Checker", str, str, int], bool]]] = {
        "description": _text_description,
        "excerpt": _text_description,
        "image": _text_image,
        "image_alt": _text_image_alt,
    }
