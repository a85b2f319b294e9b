"""How many processes each phase of the build uses (``-j``).

Sphinx runs every phase with the same ``-j N``, which fits this blog badly
twice over:

- Reading in parallel forks readers that each pickle the *whole* environment
  back to the main process. For a few changed posts of a large blog that
  costs more than reading them: below ``blog_serial_read_below`` documents
  (a setting, 50 unless conf.py says otherwise; see config_values.py) the main
  process reads them itself.
- Writing in parallel keeps the main process busy loading doctrees and
  indexing them for search, and gives the rendering to N - 1 workers: with
  ``-j auto`` on two cores, one worker renders every page while the other
  core waits. Rendering is the heavy part, so writing gets one worker per
  core (N), alongside the main process.

Neither changes what is built, only where.
"""

from dataclasses import dataclass

from sphinx.application import Sphinx

from .. import build_state, upstream


@dataclass
class Processes:
    """The processes the build was given (``-j``), once reading starts."""

    requested: int | None = None


def plan_reading(app: Sphinx, docnames: list[str]) -> None:
    """At ``env-before-read-docs``: read a handful of documents in this process."""
    given = build_state.of(app, Processes).requested = upstream.processes(app)
    if given > 1 and len(docnames) < app.config.blog_serial_read_below:
        upstream.set_processes(app, 1)


def plan_writing(app: Sphinx) -> None:
    """At ``env-updated`` (Sphinx decides how to write right after): a worker per core."""
    jobs = requested(app)
    upstream.set_processes(app, jobs + 1 if jobs > 1 else jobs)


def requested(app: Sphinx) -> int:
    """The processes the build was given (``-j``), whatever this phase uses."""
    return build_state.of(app, Processes).requested or upstream.processes(app)
