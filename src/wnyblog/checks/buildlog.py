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

Advice (:func:`advise`) is the other level: shown the same way, marked
``advice:``, and never a warning.
"""

import json
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import build_state, upstream
from ..posts.schema import ADVICE, Problem, problem_text
from . import messages

logger = logging.getLogger(__name__)

WARNED = "wnyblog-warned.json"  # in the doctree folder
# The advice of the last build, said again when `make html` finds nothing changed.
ADVISED = "wnyblog-advice.txt"  # in the doctree folder
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


@dataclass
class BuildLog:
    """This build's :class:`Log` (None before ``config-inited``)."""

    log: "Log | None" = None


def advise(app: Sphinx, problem: Problem) -> None:
    """Give advice: printed like a problem and collected for ``blog check``,
    but logged as information, not a warning. So it never fails a ``-W``
    build, never changes an exit status, and never marks its page to be read
    again (only warnings pass through :meth:`Log.record`)."""
    log = _log(app)
    key = (problem.path, problem.line, _same(problem.message))
    if key in log.seen:
        return
    log.seen.add(key)
    log.problems.append(problem)
    text = problem_text(problem)
    logger.info("%s", text, location=f"{problem.path}:{problem.line}")


def install(app: Sphinx) -> None:
    """At ``config-inited``, before the blog's checks report anything."""
    log = build_state.of(app, BuildLog).log = Log(app)
    upstream.on_warning(app, log.record, _ATTACHED)


def _log(app: Sphinx) -> "Log":
    log = build_state.of(app, BuildLog).log
    assert log is not None, "buildlog.install runs at config-inited"
    return log


def problems(app: Sphinx) -> list[Problem]:
    """Every problem the build reported, in order, each once."""
    return list(_log(app).problems)


def pages_to_read_again(app: Sphinx) -> list[str]:
    """At ``env-get-outdated``: the pages that warned in the last build."""
    return sorted(_log(app).previous)


def finish(app: Sphinx, failed: bool) -> None:
    """At ``build-finished``: remember the pages that warned in this build (and,
    after a failure, those of the last one too: they may not have been read)."""
    log = build_state.of(app, BuildLog).log
    if log is not None:
        log.save(log.warned | log.previous if failed else log.warned)
        advice = [str(p) for p in log.problems if p.severity == ADVICE]
        Path(app.doctreedir, ADVISED).write_text(
            "".join(line + "\n" for line in advice), encoding="utf-8"
        )


def last_advice(doctreedir: Path) -> list[str]:
    """The advice lines the last build printed (none when it kept none)."""
    try:
        return Path(doctreedir, ADVISED).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _same(message: str) -> str:
    """*message* with the file names in it normalised: Sphinx and the blog's
    checks name the same missing image as “images/x.png” and “./images/x.png”."""
    return re.sub(r"“([^”]+)”", lambda m: f"“{posixpath.normpath(m.group(1))}”", message)


# Reported before any page is read (every build checks every post again).
_NOT_FROM_READING = {"blog.post"}


class Log:
    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.problems: list[Problem] = []
        self.seen: set[tuple[str, int, str]] = set()
        self.warned: set[str] = set()
        self.file = Path(app.doctreedir, WARNED)
        try:
            self.previous: set[str] = set(json.loads(self.file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self.previous = set()

    def record(
        self, location: str | None, text: str, kind: str, problem: Problem | None
    ) -> tuple[str, str] | None:
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
        return f"{problem.path}:{problem.line}", f"{problem.message} — {problem.fix}"

    def _note_page(self, path: str) -> None:
        env = getattr(self.app, "env", None)
        docname = env.path2doc(os.path.abspath(path)) if env is not None else None
        if docname is None or docname in self.warned:
            return
        self.warned.add(docname)
        # Saved at once: a build killed before it finishes must not forget it.
        self.save(self.warned | self.previous)

    def save(self, docnames: Iterable[str]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps(sorted(docnames)), encoding="utf-8")
