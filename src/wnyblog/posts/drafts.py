"""Which posts are not published: drafts, and posts dated after today.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from sphinx.application import Sphinx
from sphinx.config import Config

from .. import build_state
from .schema import PostMeta


class Dated(Protocol):
    """A post with its front matter (a checked post, ``checks.checked.CheckedPost``)."""

    @property
    def docname(self) -> str: ...
    @property
    def meta(self) -> PostMeta: ...


def preview_mode(config: Config | None = None) -> bool:
    """Whether drafts and scheduled posts are read too: ``blog check`` says so
    in its config (``blog_read_unpublished``), ``make preview`` with
    ``BLOG_PREVIEW=1``."""
    if config is not None and config.blog_read_unpublished:
        return True
    return os.environ.get("BLOG_PREVIEW") == "1"


@dataclass
class Unpublished:
    """This build's unpublished posts: {docname: "draft" | "scheduled"}."""

    status: dict[str, str] = field(default_factory=dict)


def status(app: Sphinx, docname: str) -> str | None:
    """ "draft" or "scheduled" for a post a published build leaves out, else None."""
    return build_state.of(app, Unpublished).status.get(docname)


def unpublished(posts: Iterable[Dated]) -> dict[str, str]:
    """{docname: "draft" | "scheduled"} of the posts (checked ones, with their
    front matter) a published build leaves out. A post with no date is left
    to the checks, which report it as an error."""
    status: dict[str, str] = {}
    for post in posts:
        if post.meta.date is None or post.meta.is_published():
            continue
        status[post.docname] = "draft" if post.meta.draft else "scheduled"
    return status
