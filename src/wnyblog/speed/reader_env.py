"""A parallel reader sends back the documents it read, not the whole environment.

Sphinx forks a reader per chunk of documents; the reader pickles its whole
environment back and the main process merges that chunk's documents from it.
A reader forked late inherits every document merged before it, so at 1,000
posts the readers pickled, and the main process unpickled, about 20 MB of
other documents' tables of contents, titles and records: some 3 CPU-seconds
of a clean build, partly in the main process while the other reader waited.

Before pickling, a reader now leaves the project's other documents out of the
per-document tables (:data:`upstream.ENV_PER_DOCUMENT` and this package's
``by_docname`` parts). Nothing merged changes: Sphinx's collectors, ABlog's
posts and this package's collectors merge exactly the reader's documents. The
main process (a serial build, the environment saved to disk) is never trimmed.
"""

import copy
import os
from typing import Any

from sphinx.application import Sphinx

from .. import build_state, upstream
from . import heap

_main_pid: int | None = None
_read_here: set[str] = set()


def plan(app: Sphinx) -> None:
    """In the main process, before the reading starts."""
    global _main_pid
    _main_pid = os.getpid()
    _read_here.clear()
    upstream.trim_pickled_environment(trim)


def note_read(app: Sphinx) -> None:
    """A document was read (``doctree-read``): in a reader, it is one to send back."""
    if os.getpid() != _main_pid:
        if not _read_here:
            # What this reader inherited from the main process stays until it exits.
            heap.settle()
        _read_here.add(app.env.docname)


def trim(state: dict[str, Any]) -> None:
    """The environment's pickled state, in place: in a forked reader, without
    the other documents of the project. (Keys that are no document stay, such
    as the metadata sphinx-notfound-page keeps for its page and merges whole.)"""
    project = state.get("project")
    if os.getpid() == _main_pid or not _read_here or project is None:
        return
    others = set(project.docnames) - _read_here
    for name in upstream.ENV_PER_DOCUMENT:
        table = state.get(name)
        if isinstance(table, dict):
            # Of the same type: some are defaultdicts, which merging relies on.
            kept = copy.copy(table)
            for docname in others.intersection(table):
                del kept[docname]
            state[name] = kept
    parts = state.get(build_state.ATTRIBUTE)
    if isinstance(parts, build_state.Parts):
        state[build_state.ATTRIBUTE] = parts.without(others)
