"""Security rules for a post: nothing in it may run code, submit data or
embed another site. (The page's Content-Security-Policy blocks such things in
the browser too; these checks tell the writer before anything is published.)"""

import re

from ..posts.schema import PostMeta, Problem
from .body import line_matches

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
    return [
        Problem(path, number, message.format(match.group(1).lower()), _UNSAFE_FIX)
        for number, match, message in line_matches(meta, _UNSAFE)
    ]
