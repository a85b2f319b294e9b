"""Keep unpublished posts out of the build, and published pages up to date.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import datetime as dt
import os
from pathlib import Path

import ablog.blog

from . import schema
from .model import reading_minutes

# ABlog would otherwise re-decide publication with the build machine's local
# clock; by the time ABlog sees a post, this extension has already decided.
ablog.blog.TOMORROW = dt.datetime.max


def preview_mode() -> bool:
    return os.environ.get("BLOG_PREVIEW") == "1"


def exclude_unpublished(app, config) -> None:
    """``config-inited``: exclude drafts and posts dated after today."""
    app.wnyblog_unpublished = []
    vocab = schema.Vocabulary.from_config(config)
    srcdir = Path(app.srcdir)
    for docname in config.matched_blog_posts:
        path = next(srcdir.glob(docname + ".*"), None)
        if path is None:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports it when reading the file
        meta, _ = schema.read_post(text, str(path), vocab)
        if meta is not None and meta.date is not None and not meta.is_published():
            app.wnyblog_unpublished.append(docname)
            if not preview_mode():
                config.exclude_patterns.append(path.relative_to(srcdir).as_posix())


def pages_showing_posts(app, env):
    """``env-get-updated``: every page's sidebar lists posts, and every post
    suggests related ones, so when what a listing shows of any post changes,
    every page is written again."""
    fingerprint = tuple(
        sorted(
            (
                *(r.docname, r.title, r.date, r.updated, r.authors, r.tags, r.category),
                *(r.excerpt, reading_minutes(r.words), r.image, r.image_alt),
            )
            for r in getattr(env, "wnyblog_posts", {}).values()
        )
    )
    if getattr(env, "wnyblog_fingerprint", None) == fingerprint:
        return []
    env.wnyblog_fingerprint = fingerprint
    return sorted(env.found_docs)
