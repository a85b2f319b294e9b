"""What Sphinx, MyST and docutils say about a page, in a writer's words.

Their warnings name the machine's absolute paths, sometimes give no line, and
speak to programmers ("Unknown directive type: 'margin'"). :func:`problem`
turns one into a :class:`Problem` like the blog's own: the file relative to
the repository, a line (found in the file when the warning has none), what
is wrong and how to fix it. Warnings this module has no words for keep
theirs, with the paths made relative.
"""

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..posts.schema import Problem
from .body import MISSING_IMAGE, MISSING_LINK
from .checked import shown

_NOT_HERE = "it belongs to a Sphinx extension this blog does not use"
_PLAIN = "WRITING.md lists what a post can use"


@dataclass(frozen=True)
class Rule:
    kinds: tuple[str, ...]  # "type.subtype" of the warnings it applies to; () for any
    pattern: re.Pattern[str]
    message: str | None  # str.format()ed with the pattern's groups, {rel} and {folder}
    fix: str
    # Where the writer finds it: a pattern (formatted like message) for the
    # line, when the warning has none or points elsewhere.
    line: str | None = None
    base: str = "srcdir"  # what the `path` group is relative to: srcdir | cwd


def _rule(kinds: Iterable[str], pattern: str, message: str | None, fix: str, **more: str) -> Rule:
    return Rule(tuple(kinds), re.compile(pattern, re.S), message, fix, **more)


_MISSING_FILE = "the file “{rel}” does not exist"
_MISSING_FIX = "put the file in {folder} or correct its name"

RULES = [
    # Said by Sphinx with no page or line, right before MyST says it with them.
    _rule((), r"^unknown role name: ", None, ""),
    _rule(
        (),
        r"Unknown directive type:? [\"'](?P<name>[^\"']+)[\"']",
        "the block `{{{name}}}` is not one this blog has ({not_here})",
        "remove it, or write what it holds as plain Markdown; " + _PLAIN,
        line=r"^\s*(?:`{{3,}}|~{{3,}}|:{{3,}})\s*\{{{name}\}}|^\s*\.\. {name}::",
    ),
    _rule(
        (),
        r"Unknown interpreted text role:? [\"'](?P<name>[^\"']+)[\"']",
        "the role `{{{name}}}` is not one this blog has ({not_here})",
        "remove `{{{name}}}` and keep the words in backticks as plain text; " + _PLAIN,
        line=r"\{{{name}\}}`|:{name}:`",
    ),
    _rule(
        ("image.not_readable",),
        r"image file not readable: (?P<path>.+)",
        MISSING_IMAGE[0].replace("{src}", "{rel}"),
        MISSING_IMAGE[1],
    ),
    _rule(
        ("download.not_readable",),
        r"download file not readable: (?P<path>.+)",
        _MISSING_FILE,
        _MISSING_FIX,
    ),
    _rule(
        (),
        r"Directive \"(?P<name>[^\"]+)\": file not found: '(?P<path>.+)'",
        _MISSING_FILE + " (`{{{name}}}` reads it)",
        _MISSING_FIX,
        base="cwd",
    ),
    _rule(
        (),
        r"Problems with \"(?P<name>[^\"]+)\" directive path:.*No such file or directory: "
        r"'(?P<path>[^']+)'",
        _MISSING_FILE + " (`{{{name}}}` reads it)",
        _MISSING_FIX,
        base="cwd",
    ),
    _rule(
        (),
        r"Include file '?(?P<path>.+?)'? not found or reading it failed",
        _MISSING_FILE + " (`{{literalinclude}}` reads it)",
        _MISSING_FIX,
        base="cwd",
    ),
    _rule(
        ("myst.header",),
        r"Non-consecutive header level increase; H(?P<a>\d) to H(?P<b>\d)",
        "a heading jumps from level {a} to level {b}",
        "go one level at a time: `##` under the `#` title, `###` under `##`",
    ),
    _rule(  # a link to a file (said as the blog's own check says it)
        ("myst.xref_missing",),
        r"cross-reference target not found: '(?P<href>[^'#]*[./][^']*)'",
        MISSING_LINK[0],
        MISSING_LINK[1],
        line=r"\]\(<?{href}",
    ),
    _rule(
        (),
        r"(?:cross-reference target not found|unknown document|Could not find document"
        r"|Unknown source document):? "
        r"'?(?P<target>[^']*)'?",
        "the link “{target}” points to nothing on this site",
        "link to another post's index.md with a path from this post's folder, "
        "e.g. [Sleep](../sleep-and-anxiety/index.md), or correct the link",
        line=r"{target}",
    ),
    _rule(
        (),
        r"local id not found in doc '(?P<doc>[^']+)': '(?P<anchor>[^']+)'",
        "the link to “#{anchor}” finds no such heading in {doc}",
        "link to one of that page's headings: its words in lowercase, joined by dashes, "
        "e.g. #a-part for “## A part”",
        line=r"#{anchor}\b",
    ),
    _rule(
        ("ref.ref", "ref.numref"),
        r"undefined label: '?(?P<target>[^']*)'?",
        "the reference “{target}” points to no label on this site",
        "link to a heading of this post with [its text](#its-name), or remove the reference",
        line=r"{target}",
    ),
    _rule(
        ("misc.highlighting_failure",),
        r"(?:Lexing literal_block|Could not lex literal_block).*? as \"(?P<lang>[^\"]+)\"",
        "the code block is not valid {lang}, so it cannot be shown in colour",
        "correct the code, or mark the block as ```text so it is shown as typed",
        line=r"^\s*(?:`{{3,}}|~{{3,}}).*\b{lang}\b|^\s*:language:\s*{lang}",
    ),
    _rule(
        (),
        r"Pygments lexer name '(?P<lang>[^']+)' is not known",
        "the code block's language “{lang}” is not one the blog knows",
        "use a common name such as python, bash, json or text",
        line=r"^\s*(?:`{{3,}}|~{{3,}}).*\b{lang}\b|^\s*:language:\s*{lang}",
    ),
    _rule(
        (),
        r"Footnote \[[^\]]+\] is not referenced",
        "this footnote is never referred to in the text",
        "refer to it where it belongs, e.g. [^1] for the footnote [^1]:, or remove it",
    ),
    _rule(
        (),
        r"Unknown target name: \"(?P<name>[^\"]+)\"",
        "[^{name}] refers to a footnote that is not written",
        "add the footnote as a line [^{name}]: and its text at the end of the post, "
        "or remove the reference",
        line=r"\[\^{name}\]",
    ),
    _rule(
        (),
        r"Too many autonumbered footnote references",
        "a footnote reference has no footnote to go with it",
        "add the footnote at the end of the post as [^name]: and its text, or remove the reference",
    ),
    _rule(
        (),
        r"Directive '(?P<name>[^']+)': \d+ argument\(s\) required, 0 supplied",
        "the block `{{{name}}}` needs a title (or file name) after its name",
        "write it on the same line: ```{{{name}}} A title",
        line=r"\{{{name}\}}",
    ),
    _rule(
        ("myst.topmatter",),
        r"the front-matter setting “(?P<key>[^”]+)”",
        "{text}",
        "remove it: pages follow the blog's Markdown settings in conf.py",
        line=r"^{key}\s*:",
    ),
]


def topmatter_refused(key: str) -> str:
    """The warning MyST gives for a page whose front matter changes its settings."""
    return f"the front-matter setting “{key}” changes how the blog reads Markdown"


# A line's words (text) or its pattern, for finding the line a warning is about.
Needle = str | re.Pattern[str]


def problem(
    location: str | None,
    text: str,
    kind: str,
    srcdir: str | os.PathLike[str],
    confdir: str | os.PathLike[str],
) -> Problem | None:
    """A Sphinx warning (its "path:line" location, or None) as a writer's
    Problem; None for a warning said again with a place."""
    path, line = split_location(location)
    if path is None:
        path = os.path.join(confdir, "conf.py")  # warnings about no page are about the settings
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    text = " ".join(text.split())
    message, fix = relative_paths(text), _GENERIC_FIX
    needles: Sequence[Needle] = _quoted(message)
    for rule in RULES:
        match = (not rule.kinds or kind in rule.kinds) and rule.pattern.search(text)
        if not match:
            continue
        if rule.message is None:
            return None
        values = {k: v.strip() for k, v in match.groupdict().items() if v is not None}
        if values.get("path"):
            base = srcdir if rule.base == "srcdir" else os.getcwd()
            values["rel"] = os.path.relpath(os.path.join(base, values["path"]), folder)
        if rule.line:
            escaped = {k: re.escape(v) for k, v in values.items()}
            needles = [re.compile(rule.line.format(**escaped), re.M)]
        values.update(folder=shown(Path(folder)), not_here=_NOT_HERE, text=message)
        message, fix = rule.message.format(**values), rule.fix.format(**values)
        needles = needles if rule.line else _quoted(message)
        break
    return Problem(shown(Path(path)), _line(path, line, needles), message, fix)


_GENERIC_FIX = "correct it: the site is not built until it is fixed (" + _PLAIN + ")"
# How far below the line a warning gives (a paragraph's or block's first
# line) the words it is about may be.
_NEAR = 40


def _line(path: str, given: int | None, needles: Sequence[Needle]) -> int:
    """The line of the file the warning is about: where its words are, at or
    just below the line it gives (anywhere when it gives none)."""
    if needles:
        found = find_line(path, needles, start=given or 1)
        if found is not None and (given is None or found - given <= _NEAR):
            return found
    return given or 1


def split_location(location: str | None) -> tuple[str | None, int | None]:
    """("path", line) from Sphinx's "path:line", "path:" or "path"."""
    if not location:
        return None, None
    path, sep, line = location.rpartition(":")
    if sep and (line.isdigit() or line == ""):
        if path in ("<unknown>", ""):
            return None, int(line) if line else None
        return path, int(line) if line else None
    return location, None


_ABSOLUTE = re.compile(r"(?<![\w.:/~-])(/[^\s'\"“”‘’:,;()\[\]<>]+)")


def relative_paths(text: str) -> str:
    """*text* with every absolute path inside the working folder made relative."""
    here = os.getcwd()

    def relative(match: re.Match[str]) -> str:
        path = match.group(1)
        if path == here or path.startswith(here.rstrip(os.sep) + os.sep):
            return os.path.relpath(path, here)
        return path

    return _ABSOLUTE.sub(relative, text)


def _quoted(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"[\"'“‘]([^\"'”’]{2,})[\"'”’]", text)]


def find_line(
    path: str | os.PathLike[str], needles: Iterable[Needle], start: int = 1
) -> int | None:
    """The first line at or after *start* of the file *path* holding one of
    *needles* (text, or compiled patterns searched line by line); None if none."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    for number in range(max(start, 1), len(lines) + 1):
        line = lines[number - 1]
        for needle in needles:
            if needle.search(line) if isinstance(needle, re.Pattern) else needle in line:
                return number
    return None
