"""What each kind of front-matter value may hold (the kinds of ``schema.FIELDS``).

Text must have words, a list must hold real names, a date must be one date,
and the example text `blog new` writes must be replaced. Every slip gets a
message and a fix at the setting's line; :mod:`.schema` turns them into
problems with the file's path.
"""

import difflib
import re

from . import dates, filenames, skeleton

# Placeholders writers leave in a description, as typed (case and dots aside).
_PLACEHOLDERS = {"todo", "tbd", "tba", "fixme", "xxx", "placeholder", "description"}
_WEB_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S*$", re.I)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)$", re.I)
_NOT_ALT = {"image", "picture", "photo", "photograph", "img", "cover", "cover image", "alt"}
_NOUNS = {"tags": "tag", "author": "author", "redirect_from": "address"}
# What a text setting holds, for "write … after `key:`".
_TEXTS = {
    "title": "the title",
    "description": "one or two sentences about the post",
    "excerpt": "one or two sentences about the post",
    "image": "the picture's file name",
    "image_alt": "what the picture shows",
    "imported_from": "where the post came from",
}
_CATALOGS = {"author": "authors", "tags": "tags", "category": "categories"}
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


class Checker:
    """Checks one post's settings; ``problems`` collects (line, message, fix)."""

    def __init__(self, fields: dict, key_lines: dict, vocab):
        self.fields, self.key_lines, self.vocab = fields, key_lines, vocab
        self.problems: list[tuple[int, str, str]] = []

    def add(self, line: int, message: str, fix: str) -> None:
        self.problems.append((line, message, fix))

    def check(self, data: dict) -> dict:
        values: dict = {}
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
            value = getattr(self, "_" + spec.kind)(key, raw, line)
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

    def _text(self, key, raw, line):
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
        usable = getattr(self, "_text_" + key, lambda *_: True)(key, text, line)
        return text if usable is not False else None

    def _text_description(self, key, text, line):
        if skeleton.same_text(text, skeleton.DESCRIPTION):
            message = f"the `{key}` is still the example text from `blog new`"
        elif _WEB_ADDRESS.match(text):
            message = f"the `{key}` is only a web address"
        elif text.strip(" .!…").casefold() in _PLACEHOLDERS or text.casefold().startswith("lorem"):
            message = f"the `{key}` “{text}” is a placeholder"
        else:
            return
        self.add(
            line,
            message,
            "write one or two plain sentences about the post: they are shown in listings, "
            "feeds, search results and link previews",
        )

    _text_excerpt = _text_description

    def _text_image(self, key, text, line):
        refused = filenames.refused(text)
        if refused is not None:
            self.add(line, f"the cover image “{text}” {refused}", filenames.FIX)
            return False
        if _WEB_ADDRESS.match(text):
            self.add(
                line,
                f"the cover image “{text}” is a web address",
                "save the picture beside the post and give its file name: the blog loads "
                "nothing from other sites",
            )
            return False
        return True

    def _text_image_alt(self, key, text, line):
        if skeleton.same_text(text, skeleton.IMAGE_ALT):
            message = "`image_alt` is still the example text from `blog new`"
        elif text.casefold() in _NOT_ALT or _IMAGE_FILE.search(text):
            message = f"`image_alt: {text}` does not say what the picture shows"
        else:
            return
        self.add(
            line,
            message,
            "describe the picture in a few words for readers who cannot see it, "
            "e.g. `image_alt: A snowy path through a quiet park`",
        )

    def _bool(self, key, raw, line):
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

    def _date(self, key, raw, line):
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

    def _list(self, key, raw, line) -> tuple[str, ...] | None:
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

    def _list_fix(self, key) -> str:
        if key == "tags":
            return "list tags like `tags: [sleep, anxiety]`, or write `tags: []` for none"
        if key == "author":
            return (
                "write an author key, e.g. `author: "
                f"{self.vocab.default_author or 'clinic'}`, or delete the line to use "
                "the default author"
            )
        return "write old addresses like `redirect_from: [/post/old-name]`, or delete the line"

    def _paths(self, key, raw, line):
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

    def _keys(self, key, raw, line):
        items = self._list(key, raw, line)
        known = self.vocab.authors if key == "author" else self.vocab.tags
        for item in items or ():
            self._known(key, item, known, line)
        return items

    def _key(self, key, raw, line):
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

    def _known(self, key, item, known, line):
        section = _CATALOGS[key]
        if item in known or section in self.vocab.unknown:
            return
        label = _NOUNS.get(key, key)  # "category" is its own noun
        self.add(
            line,
            f'unknown {label} "{item}"{did_you_mean(item, known)}',
            f"use one listed under `{section}:` in {self.vocab.source}, or add it there on purpose",
        )
