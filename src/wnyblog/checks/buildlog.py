"""Every warning of a build, as one kind of message: a :class:`Problem`.

The blog's own checks, Sphinx, MyST and docutils all warn through Sphinx's
logging. :func:`install` puts :class:`Log` on its warning output, so that
each warning is printed as ``path:line: what — how to fix`` (relative path,
a line always; :mod:`.messages` words it), a repeated one only once, and
``blog check`` gets them all as Problems (:func:`problems`).

Sphinx reads a page again only when its source changed, so a page that warned
would pass the next build unread and unreported. The Log remembers the pages
that warned (beside the doctrees), and the next build reads them again
(``env-get-outdated``): a page fails every build until it is fixed.
"""

import json
import os
import posixpath
import re
from pathlib import Path

from sphinx.util import logging

from .. import upstream
from ..posts.schema import Problem
from . import messages

logger = logging.getLogger(__name__)

WARNED = "wnyblog-warned.json"  # in the doctree folder
_ATTACHED = "wnyblog_problem"  # the log record's Problem, when the blog made it


def warn(problem: Problem, subtype: str) -> None:
    """Report one of the blog's own problems (``-W`` makes it fail the build)."""
    logger.warning(
        "%s — %s",
        problem.message,
        problem.fix,
        location=f"{problem.path}:{problem.line}",
        type="blog",
        subtype=subtype,
        extra={_ATTACHED: problem},
    )


def install(app) -> None:
    """At ``config-inited``, before the blog's checks report anything."""
    app.wnyblog_log = Log(app)
    upstream.on_warning(app, app.wnyblog_log.record, _ATTACHED)


def problems(app) -> list[Problem]:
    """Every problem the build reported, in order, each once."""
    return list(app.wnyblog_log.problems)


def pages_to_read_again(app) -> list[str]:
    """At ``env-get-outdated``: the pages that warned in the last build."""
    return sorted(app.wnyblog_log.previous)


def finish(app, failed: bool) -> None:
    """At ``build-finished``: remember the pages that warned in this build (and,
    after a failure, those of the last one too: they may not have been read)."""
    log = getattr(app, "wnyblog_log", None)
    if log is not None:
        log.save(log.warned | log.previous if failed else log.warned)


def _same(message: str) -> str:
    """*message* with the file names in it normalised: Sphinx and the blog's
    checks name the same missing image as “images/x.png” and “./images/x.png”."""
    return re.sub(r"“([^”]+)”", lambda m: f"“{posixpath.normpath(m.group(1))}”", message)


# Reported before any page is read (every build checks every post again).
_NOT_FROM_READING = {"blog.post"}


class Log:
    def __init__(self, app):
        self.app = app
        self.problems: list[Problem] = []
        self.seen: set[tuple] = set()
        self.warned: set[str] = set()
        self.file = Path(app.doctreedir, WARNED)
        try:
            self.previous = set(json.loads(self.file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self.previous = set()

    def record(self, location, text, kind, problem):
        if problem is None:
            problem = messages.problem(location, text, kind, self.app.srcdir, self.app.confdir)
            if problem is None:
                return None
        key = (problem.path, problem.line, _same(problem.message))
        if key in self.seen:
            return None
        self.seen.add(key)
        self.problems.append(problem)
        if kind not in _NOT_FROM_READING:
            self._note_page(problem.path)
        return str(problem)

    def _note_page(self, path: str) -> None:
        env = getattr(self.app, "env", None)
        docname = env.path2doc(os.path.abspath(path)) if env is not None else None
        if docname is None or docname in self.warned:
            return
        self.warned.add(docname)
        # Saved at once: a build killed before it finishes must not forget it.
        self.save(self.warned | self.previous)

    def save(self, docnames) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps(sorted(docnames)), encoding="utf-8")
