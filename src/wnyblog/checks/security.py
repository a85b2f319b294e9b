"""Security rules for a post: nothing in it may run code, submit data or
embed another site. (The page's Content-Security-Policy blocks such things in
the browser too; these checks tell the writer before anything is published.)"""

import re

from ..posts.schema import PostMeta, Problem
from .body import body_lines

# Raw HTML that runs code, submits data or embeds another site.
_UNSAFE = [
    (
        re.compile(r"<\s*(script|iframe|object|embed|form|frame|applet)\b", re.I),
        "raw HTML <{0}> is not allowed: it can run code or embed another site",
    ),
    (
        re.compile(r"<[a-z][^>]*?[\s/](on[a-z]+)\s*=", re.I),
        "the HTML attribute {0}= runs code and is not allowed",
    ),
    (re.compile(r"(javascript)\s*:", re.I), "a javascript: link runs code and is not allowed"),
]
_UNSAFE_FIX = "remove it; to show something from another site, link to it instead"


def check(meta: PostMeta, path: str) -> list[Problem]:
    text = meta.body
    # Every build checks every post: line by line only for the patterns the
    # whole text has (what one line matches, the whole text matches too).
    unsafe = [(pattern, message) for pattern, message in _UNSAFE if pattern.search(text)]
    problems = []
    if not unsafe:
        return problems
    for number, line, _ in body_lines(meta):
        for pattern, message in unsafe:
            for match in pattern.finditer(line):
                problems.append(
                    Problem(path, number, message.format(match.group(1).lower()), _UNSAFE_FIX)
                )
    return problems
