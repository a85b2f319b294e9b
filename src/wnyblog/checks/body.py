"""Checks on a post's Markdown body: its title, the example text, images, links
and the cover image. (Unsafe HTML is :mod:`.security`'s; wording, :mod:`.wording`'s.)

Pure functions over text, shared by ``blog check`` and the build. Each
problem carries the line in the file where the writer will find it.
"""

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from ..posts import commands, filenames, skeleton
from ..posts.schema import PostMeta, Problem
from ..posts.values import has_words
from . import files, picture_files
from .checked import shown

Carried = TypeVar("Carried")
# Reports a problem: line, what, how to fix.
Add = Callable[[int, str, str], None]

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_H1 = re.compile(r"^\s{0,3}#(?:\s+(?P<text>.*?))?\s*#*\s*$")
# A Markdown destination: <anything but brackets> (spaces allowed), or a run
# without spaces; then an optional "title".
_DESTINATION = r"\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<plain>[^)\s<][^)\s]*))(?:\s+\"[^\"]*\")?\s*\)"
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]" + _DESTINATION)
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]" + _DESTINATION)
_DIRECTIVE_IMAGE = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{(?:image|figure)\}\s*(?P<src>\S.*?)\s*$")
_INLINE_CODE = re.compile(r"(`+).+?\1")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
# ABlog's own way of giving a post's settings, in place of the front matter.
_ABLOG_POST = re.compile(r"^\s*(?:`{3,}|:{3,})\s*\{post\}")

# Said the same way when Sphinx finds them (checks/messages.py): said once.
MISSING_IMAGE = (
    "the image “{src}” does not exist beside the post",
    "put the image file in {folder} or correct the file name",
)
MISSING_LINK = (
    "the link to “{href}” points to a file that does not exist",
    "link to another post's index.md with a path from this post's folder, "
    "e.g. [Sleep](../sleep-and-anxiety/index.md), or correct the path",
)


def body_lines(meta: PostMeta) -> Iterator[tuple[int, str, bool]]:
    """(line number in the file, text, inside a code fence) for each body line."""
    fence = None
    for offset, line in enumerate(meta.body.split("\n")):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            yield meta.body_line + offset, line, True
            continue
        if fence is not None and line.strip().startswith(fence):
            fence = None
            yield meta.body_line + offset, line, True
            continue
        yield meta.body_line + offset, line, fence is not None


def line_matches(
    meta: PostMeta, rules: Iterable[tuple[re.Pattern[str], Carried]]
) -> Iterator[tuple[int, re.Match[str], Carried]]:
    """(line number, match, what the rule carries) for each match of each
    (pattern, anything) rule in the body, line by line. Every build checks
    every post: only the patterns the whole text has are tried on each line
    (what one line matches, the whole text matches too)."""
    found = [(pattern, carried) for pattern, carried in rules if pattern.search(meta.body)]
    if not found:
        return
    for number, line, _ in body_lines(meta):
        for pattern, carried in found:
            for match in pattern.finditer(line):
                yield number, match, carried


def title_of(meta: PostMeta) -> str | None:
    """The post's title: the `title` setting, else its one # heading."""
    if meta.title:
        return meta.title
    for _, line, in_code in body_lines(meta):
        match = _H1.match(line)
        if match and not in_code and match.group("text"):
            return match.group("text")
    return None


def check_body(
    meta: PostMeta,
    path: str,
    folder: Path,
    exists: Callable[[Path], bool] = os.path.isfile,
    inspect: Callable[[Path, str], picture_files.Finding | None] = picture_files.problem,
) -> list[Problem]:
    """Problems in a post's text. Whether other files exist is asked of
    *exists*, what is wrong with a picture of *inspect* (the remembered checks
    note which files a result depended on)."""
    problems: list[Problem] = []

    def add(line: int, message: str, fix: str, severity: str = "error") -> None:
        problems.append(Problem(path, line, message, fix, severity))

    inspected: set[Path] = set()

    def check_picture(line: int, src: str) -> None:
        """A bad picture is reported once, where the post first shows it."""
        target = folder / src
        key = Path(os.path.normpath(target))
        if key in inspected:
            return
        inspected.add(key)
        finding = inspect(target, src)
        if finding is not None:
            add(line, finding.message, finding.fix)

    heads = [(n, _H1.match(line)) for n, line, code in body_lines(meta) if not code]
    h1s = [(n, match.group("text") or "") for n, match in heads if match]
    if not h1s and not meta.title:
        add(
            meta.body_line,
            "the post has no title",
            "start the text with one line `# Your title` (or add `title:` to the front matter)",
        )
    for number, text in h1s[:1]:
        if not has_words(text):
            add(
                number,
                "the title line has no words" + (f" (“{text}”)" if text else ""),
                "write the post's title after the `# `, e.g. `# Coping with winter`",
            )
    for extra, _ in h1s[1:]:
        add(
            extra,
            f"a second top-level heading (the first is on line {h1s[0][0]})",
            "keep one `# Title`; make this one a section with `## `",
        )

    if meta.image:
        cover_line = meta.key_lines.get("image", 1)
        if not _inside(folder, meta.image):
            # The build publishes the cover: from outside the folder it could
            # publish any file of the site's sources.
            add(
                cover_line,
                f"the cover image “{meta.image}” is outside the post's folder",
                f"put the image file in {shown(folder)} and give just its name",
            )
        elif not exists(folder / meta.image):
            add(
                cover_line,
                f"the cover image “{meta.image}” does not exist beside the post",
                f"put the image file in {shown(folder)} or correct the file name",
            )
        else:
            check_picture(cover_line, meta.image)
        if "image_alt" not in meta.key_lines:  # a bad one is the schema's to report
            add(
                cover_line,
                "the cover image has no description (alt text)",
                "add `image_alt:` saying what the image shows, for readers who cannot see it",
            )

    for number, line, in_code in body_lines(meta):
        if _ABLOG_POST.match(line):
            add(
                number,
                "the `{post}` block gives the post's settings a second time, unchecked",
                "put its date, tags, category and author in the front matter and remove the block",
            )
        example = None if in_code else skeleton.body_placeholder(line)
        if example:
            add(
                number,
                f"the post still has {example} from `{commands.named('new')}`",
                "replace it with your own words, or delete it",
            )
        if not in_code and _may_show_or_link(line):  # an image shown as code is only text
            prose = _INLINE_CODE.sub("", line)
            _check_images(prose, number, folder, add, exists, check_picture)
            _check_links(prose, number, folder, add, exists)

    return problems


def _may_show_or_link(line: str) -> bool:
    """False for a line none of the image and link patterns can match (most lines)."""
    return "](" in line or "{image}" in line or "{figure}" in line or "<img" in line.lower()


def _destination(match: re.Match[str]) -> str:
    """The file a Markdown image or link names, as the writer sees it."""
    return files.as_named(match.group("angled") or match.group("plain") or "")


def _check_images(
    line: str,
    number: int,
    folder: Path,
    add: Add,
    exists: Callable[[Path], bool],
    check_picture: Callable[[int, str], None],
) -> None:
    found: list[tuple[str, str | None]]
    found = [(_destination(m), m.group("alt")) for m in _MD_IMAGE.finditer(line)]
    found += [(files.as_named(m.group("src")), None) for m in _DIRECTIVE_IMAGE.finditer(line)]
    # HTML typed in the text, not a Markdown destination such as <IMG 1234.JPG>.
    typed = _MD_LINK.sub("", _MD_IMAGE.sub("", line))
    for tag in _HTML_IMG.finditer(typed):
        src_attr = re.search(
            r"\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", tag.group("attrs"), re.I
        )
        alt_attr = re.search(r"\balt\s*=\s*[\"']([^\"']*)", tag.group("attrs"), re.I)
        written = (
            next((part for part in src_attr.groups() if part is not None), "") if src_attr else ""
        )
        found.append((files.as_named(written), alt_attr.group(1) if alt_attr else ""))
    for src, alt in found:
        if re.match(r"^[a-z]+:|^//", src, re.I):
            add(
                number,
                f"the image {src} is loaded from another site",
                "save the image beside the post and use its file name: the blog loads nothing "
                "from other sites",
            )
        elif src and filenames.refused(src) is not None:
            add(number, f"the image “{src}” {filenames.refused(src)}", filenames.FIX)
        elif src and not _inside(folder, src):
            pass  # the file-access rule says so, once (checks/insertion.py), and nothing is opened
        elif src and not exists(folder / src):
            message, fix = MISSING_IMAGE
            add(number, message.format(src=src), fix.format(folder=shown(folder)))
        elif src:
            check_picture(number, src)
        if alt is not None and not alt.strip():
            add(
                number,
                f"the image “{src}” has no description (alt text)",
                "write what it shows between the brackets: ![A quiet lake at dawn](lake.jpg)",
            )


def _inside(folder: Path, src: str) -> bool:
    """Whether a picture the post names (its cover, or one in the text) is in
    the post's folder, links followed; a path from the site's root (/…) never is."""
    return not src.startswith("/") and (folder / src).resolve().is_relative_to(folder.resolve())


def _check_links(
    line: str, number: int, folder: Path, add: Add, exists: Callable[[Path], bool]
) -> None:
    """Links to other files of the site must point at files that exist."""
    for match in _MD_LINK.finditer(line):
        href = _destination(match)
        path = href.split("#", 1)[0]
        if not path or path.startswith("/") or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            continue  # a page anchor, a site address or another site: checked elsewhere
        refused = filenames.refused(path)
        if refused is not None:
            add(number, f"the link “{href}” {refused}", filenames.FIX)
            continue
        target = folder / path
        if not (exists(target) or exists(target / "index.md")):
            add(number, MISSING_LINK[0].format(href=href), MISSING_LINK[1])
