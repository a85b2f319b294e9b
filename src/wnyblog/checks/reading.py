"""A post's reading grade: how hard its prose is to read, as a US school grade.

Health-literacy guidance asks for patient material at a 6th- to 8th-grade
level. The grade is textstat's Flesch-Kincaid grade (words per sentence and
syllables per word) of the body's prose only: its paragraphs and list items,
as MyST's own Markdown parser finds them. The title, headings, code, the
front matter, blocks such as ``{crisis-resources}`` or a figure and its
caption, tables, raw HTML, pictures and link addresses are left out: they are
not sentences a reader reads (a link's own words stay). The text of notes,
tips and other admonitions is prose and is measured.

Measured once per post with the rest of its checks (``speed/checkmemo.py``
remembers it); whether it earns advice depends on conf.py's
``blog_reading_grade`` (:func:`advice`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import upstream
from ..posts.schema import ADVICE, PostMeta, Problem

# Blocks whose text is prose a reader reads, like a paragraph's.
ADMONITIONS = frozenset(
    {
        "note",
        "tip",
        "hint",
        "important",
        "attention",
        "caution",
        "warning",
        "danger",
        "error",
        "seealso",
        "admonition",
    }
)
# How many of the longest sentences the advice names.
LONGEST = 3
# Below this many words of prose a grade says little (one long sentence would
# decide it): measured and shown, but no advice.
MIN_WORDS = 100
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)
# A sentence ends at . ! ? (or …), possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_DIRECTIVE = re.compile(r"\{([a-z-]+)\}")


@dataclass(frozen=True)
class Sentence:
    line: int  # where it starts, in the post's file
    words: int
    text: str


@dataclass(frozen=True)
class Reading:
    grade: float  # Flesch-Kincaid grade of the prose
    words: int
    # The longest sentences (at most LONGEST), in the order they come: all the
    # advice names. Every post's reading is kept between builds (the memo).
    sentences: tuple[Sentence, ...]

    def longest(self, count: int = LONGEST) -> list[Sentence]:
        return _longest(self.sentences, count)


def _longest(sentences: Iterable[Sentence], count: int = LONGEST) -> list[Sentence]:
    """The *count* longest sentences (by words), in the order they come."""
    chosen = sorted(sentences, key=lambda s: (-s.words, s.line))[:count]
    return sorted(chosen, key=lambda s: s.line)


@cache
def _parser() -> MarkdownIt:
    """MyST's Markdown parser with the extensions the blog's conf.py turns on
    that change where blocks start and end."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist"})
    parser = create_md_parser(config, RendererHTML)
    # MyST counts every document's words for its reading time; the grade counts its own.
    parser.disable("wordcount", ignoreInvalid=True)
    return parser


def prose(text: str, first_line: int) -> list[tuple[int, str]]:
    """The paragraphs and list items of Markdown *text* (which starts at line
    *first_line* of the file): ``(line, text)`` pieces, one per line of prose."""
    pieces: list[tuple[int, str]] = []
    heading = 0
    for token in _parser().parse(text):
        if token.type in ("heading_open", "heading_close"):
            heading += 1 if token.type == "heading_open" else -1
        elif token.type == "inline" and not heading and token.map is not None:
            block = _inline_text(token, first_line + token.map[0])
            if block:
                pieces += block
        elif token.type in ("fence", "colon_fence") and token.map is not None:
            match = _DIRECTIVE.match(token.info.strip())
            if match and match.group(1) in ADMONITIONS:
                pieces += _admonition(token, first_line)
    return pieces


def _admonition(token: Token, first_line: int) -> list[tuple[int, str]]:
    """An admonition's text, measured like the post's own (its options left out)."""
    lines = token.content.split("\n")
    skip = 0
    while skip < len(lines) and lines[skip].startswith(":"):
        skip += 1
    start = token.map[0] if token.map is not None else 0
    return prose("\n".join(lines[skip:]), first_line + start + 1 + skip)


def _inline_text(token: Token, line: int) -> list[tuple[int, str]]:
    """One paragraph's words line by line: no code, pictures, raw HTML, roles,
    link addresses (written out as the link's text or not)."""
    lines: list[tuple[int, list[str]]] = [(line, [])]
    in_address = 0
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            lines.append((line, []))
        elif child.type == "link_open":
            in_address += child.markup in ("autolink", "linkify")
        elif child.type == "link_close":
            in_address -= child.markup in ("autolink", "linkify")
        elif child.type == "text" and not in_address:
            lines[-1][1].append(_ADDRESS.sub("", child.content))
    found = [(number, " ".join("".join(parts).split())) for number, parts in lines]
    found = [(number, text) for number, text in found if any(c.isalnum() for c in text)]
    if found and not found[-1][1].endswith((".", "!", "?", "…", ":", ";")):
        # A list item or a line without a full stop is still a sentence of its own.
        found[-1] = (found[-1][0], found[-1][1] + ".")
    return found


def sentences(pieces: list[tuple[int, str]]) -> list[Sentence]:
    """Split prose into sentences, each with the line it starts on."""
    found: list[Sentence] = []
    current: list[str] = []
    start = 0
    for line, text in pieces:
        parts = _SENTENCE_END.split(text)
        for number, part in enumerate(parts):
            if not current:
                start = line
            current.append(part)
            ends = number < len(parts) - 1 or part.rstrip("\"'”’)]").endswith((".", "!", "?", "…"))
            if ends:
                words = " ".join(current).split()
                if words:
                    found.append(Sentence(start, len(words), " ".join(words)))
                current = []
    if current and " ".join(current).split():
        words = " ".join(current).split()
        found.append(Sentence(start, len(words), " ".join(words)))
    return found


def measure(meta: PostMeta) -> Reading | None:
    """The reading grade of a post's prose; None when it has no sentences."""
    # Its dictionaries load in a fraction of a second: only when a post is measured.
    textstat = upstream.import_textstat()

    found = sentences(prose(meta.body, meta.body_line))
    if not found:
        return None
    text = " ".join(sentence.text for sentence in found)
    # Very short, simple sentences score below zero: a reader needs no schooling.
    grade = max(0.0, round(float(textstat.flesch_kincaid_grade(text)), 1))
    return Reading(grade, sum(s.words for s in found), tuple(_longest(found)))


def _lines(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return f"line {words[0]}"
    return "lines " + ", ".join(words[:-1]) + " and " + words[-1]


def advice(path: str, reading: Reading | None, limit: float) -> list[Problem]:
    """Advice at the post's first line when its grade is above *limit*."""
    if reading is None or reading.words < MIN_WORDS or reading.grade <= limit:
        return []
    longest = reading.longest()
    return [
        Problem(
            path,
            1,
            f"the reading grade is {reading.grade:.1f}, above {limit:g}: the prose may be "
            "hard for many readers",
            f"shorten the longest sentences ({_lines(sorted({s.line for s in longest}))}), split "
            "them in two, and prefer short everyday words",
            ADVICE,
        )
    ]
