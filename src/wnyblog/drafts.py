"""Keep unpublished posts out of the build.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import datetime as dt
import os
from pathlib import Path

import ablog.blog

from . import schema

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
        candidates = (srcdir / (docname + suffix) for suffix in config.source_suffix)
        path = next((p for p in candidates if p.is_file()), None)
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
