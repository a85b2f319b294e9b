"""Which posts are not published: drafts, and posts dated after today.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import os
from collections.abc import Iterable
from typing import Protocol

from .schema import PostMeta


class Dated(Protocol):
    """A post with its front matter (a checked post, ``checks.checked.CheckedPost``)."""

    @property
    def docname(self) -> str: ...
    @property
    def meta(self) -> PostMeta: ...


def preview_mode() -> bool:
    return os.environ.get("BLOG_PREVIEW") == "1"


def unpublished(posts: Iterable[Dated]) -> dict[str, str]:
    """{docname: "draft" | "scheduled"} of the posts (checked ones, with their
    front matter) a published build leaves out. A post with no date is left
    to the checks, which report it as an error."""
    status = {}
    for post in posts:
        if post.meta.date is None or post.meta.is_published():
            continue
        status[post.docname] = "draft" if post.meta.draft else "scheduled"
    return status
