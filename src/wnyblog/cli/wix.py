"""Turn the plain text of a Wix blog post page into a MyST Markdown post.

Wix only gives us the page's visible text: no markup, no dates, no images.
Structure is therefore recovered from the shape of the text, using rules
checked against the one real export we have (see tests/test_importer.py).
"""

import dataclasses
import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import yaml


class WixImportError(ValueError):
    """The export cannot be imported; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "paragraph"]
    text: str


@dataclass(frozen=True)
class WixPost:
    title: str
    cover_alt: str | None
    blocks: tuple[Block, ...]
    # Characters that are not text, taken out of the export: {"U+007F": count}.
    removed: dict[str, int] = field(default_factory=dict)


# Text Wix adds around every post page. Only whole lines match, so prose that
# merely mentions "the top of page two" is kept.
_CHROME = re.compile(
    r"(?:top\s+of\s+page|bottom\s+of\s+page|post:\s*[a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*",
    re.IGNORECASE,
)
_BREADCRUMB = "\u2022"  # "• Site Name" line Wix prints above the title
_SENTENCE_END = (".", "!", "?", "\u2026", ":", ";", ",")
_CLOSERS = "\"'\u201d\u2019)]\u00bb"  # looked through: 'She said “stop.”' ends a sentence
_MAX_ALT_WORDS = 8
_MAX_HEADING_WORDS, _MAX_HEADING_CHARS = 12, 100

# Starts of a line that Markdown/MyST would read as structure rather than text:
# headings, lists, quotes, MyST comments (%), HTML, fences, thematic breaks,
# MyST block breaks (+++), link/footnote definitions and MyST targets "(x)=".
_BLOCK_START = re.compile(
    r"""(?:\#{1,6}(?:\s|$) | [-+*](?:\s|$) | [>%<|] | ([-*_])[ \t]*(?:\1[ \t]*){2,}$
        | `{3} | ~{3} | :{3} | \+{3} | \$\$ | \[[^\]]*\]: | \(.*\)= )""",
    re.VERBOSE,
)
_ORDERED_ITEM = re.compile(r"(\d{1,9})([.)])(?=\s|$)")


# What a post may not hold and a writer cannot see or mend in an export: control
# characters (YAML refuses them in the front matter, and they end lines where
# the checks see none), line and paragraph separators, halves of surrogate
# pairs, and the two non-characters. Spacing ones become a space; the others go.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_SPACING = "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def parse_wix_export(text: str) -> WixPost:
    """Parse the plain text of a Wix post page export into title, cover alt text and blocks."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, removed = _only_text(text)
    post = _parse(text)
    return dataclasses.replace(post, removed=removed)


def _only_text(text: str) -> tuple[str, dict[str, int]]:
    """*text* without the characters of :data:`_NOT_TEXT` (tabs and other
    spacing become a space), and how many of each were there."""
    removed: dict[str, int] = {}

    def clean(match: re.Match[str]) -> str:
        char = match.group()
        if char != "\t":
            name = f"U+{ord(char):04X}"
            removed[name] = removed.get(name, 0) + 1
        return " " if char in _SPACING else ""

    return _NOT_TEXT.sub(clean, text), dict(sorted(removed.items()))


def _parse(text: str) -> WixPost:
    if not text.strip():
        raise WixImportError(
            "the file is empty — copy the text of the Wix post page again and save it in this file"
        )
    blocks = _split_blocks(text)
    if not blocks:
        raise WixImportError(
            "the file has no text after removing the Wix page chrome — is this the right file? "
            "It should hold the post's title and text, not only 'top of page'/'bottom of page'"
        )
    title, rest = " ".join(blocks[0]), blocks[1:]
    cover_alt = None
    # Wix exports the cover image's alt text as a short lowercase phrase right
    # under the title ("mental health treatment"); a real first paragraph is a
    # sentence. Only taken when more text follows, so a post's only line is kept.
    if len(rest) > 1 and _looks_like_alt_text(rest[0]):
        cover_alt, rest = rest[0][0], rest[1:]
    if not rest:
        raise WixImportError(
            f'found the title "{title}" but no text after it — check that the whole post '
            "was copied, with a blank line between the title and the first paragraph"
        )
    # Decide from the end backwards: a heading must be followed by a paragraph,
    # so the last block, or a short line before a heading, stays a paragraph.
    kinds: list[Literal["heading", "paragraph"]] = ["paragraph"] * len(rest)
    for i in range(len(rest) - 2, -1, -1):
        if kinds[i + 1] == "paragraph" and _looks_like_heading(rest[i]):
            kinds[i] = "heading"
    return WixPost(
        title=title,
        cover_alt=cover_alt,
        blocks=tuple(Block(kind, " ".join(lines)) for kind, lines in zip(kinds, rest, strict=True)),
    )


def _split_blocks(text: str) -> list[list[str]]:
    """Lines without chrome, grouped into blocks separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip(" \t")
        before_title = not blocks and not current
        if _CHROME.fullmatch(line) or (before_title and line.startswith(_BREADCRUMB)):
            line = ""  # chrome also ends a block: it is never part of a paragraph
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _looks_like_alt_text(lines: list[str]) -> bool:
    line = lines[0]
    return (
        len(lines) == 1
        and line[0].islower()
        and not line.endswith(_SENTENCE_END)
        and len(line.split()) <= _MAX_ALT_WORDS
    )


def _looks_like_heading(lines: list[str]) -> bool:
    line = lines[0]
    return (
        len(lines) == 1
        and len(line) <= _MAX_HEADING_CHARS
        and len(line.split()) <= _MAX_HEADING_WORDS
        and any(ch.isalpha() for ch in line)
        and not line.rstrip(_CLOSERS).endswith(_SENTENCE_END)
    )


def to_myst(
    post: WixPost, *, date: datetime.date, author: str = "clinic", old_url: str | None = None
) -> str:
    """Return the text of a MyST Markdown post file for *post*."""
    front = [
        _yaml({"date": date}),
        "# The original publication date on the old Wix site is unknown:"
        " `date` is the day of the import.",
        "date_is_import_date: true",
        "imported_from: wix",
        _yaml({"author": author}),
    ]
    if post.cover_alt is not None:
        front.append(
            "# Wix cover image alt text (the image itself was not in the export): "
            + json.dumps(post.cover_alt, ensure_ascii=False)
        )
    if old_url is not None:
        # Indent the list item under its key, as writers see it in the other posts.
        front.append(_yaml({"redirect_from": [wix_path(old_url)]}).replace("\n- ", "\n  - "))
    body = [f"# {_escape_heading(post.title)}"]
    for block in post.blocks:
        if block.kind == "heading":
            body.append(f"## {_escape_heading(block.text)}")
        else:
            body.append(_escape_paragraph(block.text))
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n"


def _yaml(mapping: dict[str, object]) -> str:
    # safe_dump quotes whatever needs quoting (colons, quotes, "yes", numbers).
    dumped = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=float("inf"))
    return dumped.rstrip("\n")


def _escape_paragraph(text: str) -> str:
    """Backslash-escape a line start Markdown would read as structure, so it renders as written."""
    if _ORDERED_ITEM.match(text):
        return _ORDERED_ITEM.sub(r"\1\\\2", text, count=1)  # "1. " -> "1\. "
    return "\\" + text if _BLOCK_START.match(text) else text


def _escape_heading(text: str) -> str:
    # A trailing run of "#" would be read as the heading's optional closing sequence.
    return re.sub(r"(#+)$", r"\\\1", text)


def wix_path(old_url: str) -> str:
    """Normalise a post's old Wix address to a site path: "https://x.com/post/a/" -> "/post/a"."""
    url = old_url.strip()
    if "://" not in url and not url.startswith("/") and "." in url.split("/", 1)[0]:
        url = "https://" + url  # "www.example.com/post/slug" pasted without https://
    parts = urlsplit(url)
    path = "/" + parts.path.strip("/")
    if path == "/" or any(ch.isspace() for ch in path):
        raise WixImportError(
            f'"{old_url}" is not the address of a Wix post — give the old address of the post, '
            "like https://www.example.com/post/my-post or /post/my-post"
        )
    return path


def wix_slug(old_url: str) -> str:
    """The last part of a post's old Wix address: "/post/my-post" -> "my-post"."""
    return wix_path(old_url).rsplit("/", 1)[-1]
