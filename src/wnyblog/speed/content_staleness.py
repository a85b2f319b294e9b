"""Sphinx reads and writes again what changed by content, not by file time.

A fresh clone gives every source a new time and a fresh install every
template; on a CI runner with the last build restored from the cache
(pages.yml), Sphinx would read and write everything for one edited post. The
writers' files are never touched: instead Sphinx's two time-based decisions
(which sources to read again, which pages to write again) ask the one record
of content digests (:mod:`.digests`) first (``upstream.judge_sources_by_content``
and ``upstream.judge_pages_by_content``). A file the record does not know
(the first build, a file saved in the last two seconds) is judged by its time,
as Sphinx does. The templates count by content too: their digest is part of
the incremental keys' salt (:func:`templates_digest`), so a changed template
writes every page.

The record is saved at the end of a build that did not crash: it then says
what the build read.
"""

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx

from .. import build_state, upstream
from .digests import DigestRecord


@dataclass
class Staleness:
    """This build's digest record and its templates' digest."""

    record: DigestRecord = field(default_factory=DigestRecord)
    templates: str = ""


def start(app: Sphinx) -> None:
    """At ``builder-inited``, before Sphinx compares anything."""
    part = build_state.reset(app, Staleness)
    part.record = record = DigestRecord.for_build(app.doctreedir)
    # Every source hashed now (unchanged ones by their size, time and inode):
    # the record of the build that succeeds knows them all.
    for path in _sources(app):
        record.of(path)
    digest = hashlib.sha256()
    for path in upstream.template_files(app):
        digest.update(path.encode() + b"\0" + record.of(path))
    part.templates = digest.hexdigest()
    upstream.judge_sources_by_content(app, record.unchanged)
    upstream.judge_pages_by_content(app, record.unchanged)


def _sources(app: Sphinx) -> Iterator[str]:
    for folder, dirs, names in os.walk(app.srcdir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            yield os.path.join(folder, name)


def templates_digest(app: Sphinx) -> str:
    """The names and content of every template the builder may render."""
    return build_state.of(app, Staleness).templates


def found(app: Sphinx) -> dict[str, list[int | str]]:
    """path -> [sha256 hex, mtime_ns, size] of every file hashed this build."""
    return build_state.of(app, Staleness).record.found()


def finish(app: Sphinx, succeeded: bool) -> None:
    """At ``build-finished``: remember what a successful build read."""
    upstream.stop_judging(app)
    if succeeded and Path(app.doctreedir).is_dir():
        build_state.of(app, Staleness).record.save()
