"""Keep unpublished posts out of the build, and published pages up to date.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import datetime as dt
import os
from pathlib import Path

import ablog.blog
from sphinx.util import logging

from . import schema, sitecheck
from .model import reading_minutes

logger = logging.getLogger(__name__)

# ABlog would otherwise re-decide publication with the build machine's local
# clock; by the time ABlog sees a post, this extension has already decided.
ablog.blog.TOMORROW = dt.datetime.max


def preview_mode() -> bool:
    return os.environ.get("BLOG_PREVIEW") == "1"


def exclude_unpublished(app, config) -> None:
    """``config-inited``: check every post, then exclude drafts and posts dated after today.

    Checking here, before anything is read, reports every problem at once,
    including those of drafts that a published build never reads.
    """
    srcdir = Path(app.srcdir)
    report = sitecheck.check_site(srcdir, schema.Vocabulary.from_config(config))
    for problem in report.problems:
        logger.warning(
            "%s — %s",
            problem.message,
            problem.fix,
            location=f"{problem.path}:{problem.line}",
            type="blog",
            subtype="post",
        )
    for path in report.unreadable:  # reported above; Sphinx itself would crash on them
        config.exclude_patterns.append(path.relative_to(srcdir).as_posix())
    app.wnyblog_unpublished = {}
    for post in report.posts:
        if post.meta.date is None or post.meta.is_published():
            continue
        app.wnyblog_unpublished[post.docname] = "draft" if post.meta.draft else "scheduled"
        if not preview_mode():
            config.exclude_patterns.append(post.path.relative_to(srcdir).as_posix())


def pages_showing_posts(app, env):
    """``env-get-updated``: every page's sidebar lists posts, and every post
    suggests related ones, so when what a listing shows of any post changes,
    every page is written again."""
    fingerprint = tuple(
        sorted(
            (
                *(r.docname, r.title, r.date, r.updated, r.authors, r.tags, r.category),
                *(r.excerpt, reading_minutes(r.words), r.image, r.image_alt, r.status),
            )
            for r in getattr(env, "wnyblog_posts", {}).values()
        )
    )
    if getattr(env, "wnyblog_fingerprint", None) == fingerprint:
        return []
    env.wnyblog_fingerprint = fingerprint
    return sorted(env.found_docs)
