"""Keep unpublished posts out of the build, and published pages up to date.

A draft may be under clinical or privacy review, so it is never even read
into a published build: no page, no listing, no feed, no search entry.
``BLOG_PREVIEW=1`` (``make preview``) reads them, with a banner.
"""

import datetime as dt
import os
import pickle
from pathlib import Path

import ablog.blog
from sphinx.util import logging

from ..checks import runner
from . import schema

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
    memo = _load_memo(app)
    vocab = schema.Vocabulary.from_config(config)
    report = runner.check_site(srcdir, vocab, memo=memo, jobs=app.parallel)
    _save_memo(app, memo)
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


# Checking a thousand posts takes seconds; a build that changed one post
# checks that one again (the memo says what each result depended on).
_MEMO = "wnyblog-checks.pickle"


def _load_memo(app) -> runner.Memo:
    try:
        with open(Path(app.doctreedir, _MEMO), "rb") as f:
            results = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        results = None
    return runner.Memo(results if isinstance(results, dict) else None)


def _save_memo(app, memo: runner.Memo) -> None:
    if not memo.changed:
        return  # every post was as the last build saw it
    path = Path(app.doctreedir, _MEMO)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(memo.used, f, pickle.HIGHEST_PROTOCOL)
