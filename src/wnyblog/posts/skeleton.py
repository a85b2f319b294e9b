"""The example text `blog new` writes into a new post, in one place.

``cli/new.py`` writes it; the checks (``posts/schema.py`` for the front
matter, ``checks/body.py`` for the text) fail a post until every piece is
replaced, each at its own line: left in, the description would be published
in listings, feeds and link previews, the rest on the page.
"""

import re

DESCRIPTION = "One or two plain sentences about the post, for listings and feeds."
# Commented out in a new post; a writer who uncomments it must describe the picture.
IMAGE_ALT = "What the picture shows"
OPENING = "Replace this paragraph with the opening of your post."
SECTION = "A first section"
MORE = (
    "More text. To show a picture, save it beside this file and write "
    "`![what the picture shows](picture.jpg)`."
)

# What gives each body placeholder away, also when a writer changed only part of it.
_BODY = [
    (re.compile(re.escape(OPENING), re.I), "the example opening paragraph"),
    (
        re.compile(rf"^\s{{0,3}}#{{2,6}}\s+{re.escape(SECTION)}\s*#*\s*$", re.I),
        f"the example heading “{SECTION}”",
    ),
    (
        re.compile(r"^\s*More text\.|To show a picture, save it beside this file", re.I),
        "the example text “More text. …”",
    ),
]


def body_placeholder(line: str) -> str | None:
    """Which piece of the example body *line* still holds, if any."""
    return next((what for pattern, what in _BODY if pattern.search(line)), None)


def same_text(value: str, placeholder: str) -> bool:
    """Whether *value* is *placeholder*, give or take case and spacing."""
    return " ".join(value.split()).casefold() == placeholder.casefold()
