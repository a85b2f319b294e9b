"""File times that follow content, so a fresh checkout builds incrementally.

Sphinx decides by file times what to read again (a source newer than when it
was read, or one of its images) and which pages to write again (a template
newer than the page). A fresh clone gives every source the time of the
checkout, and a fresh ``pip install`` gives every installed template the time
of the install: on a CI runner with the build state restored from a cache
(pages.yml), Sphinx would read and write everything though one post changed.

So a build remembers, beside the doctrees (:data:`FILE`), the content digest
and time of every file Sphinx compares by time, as the build found them. At
the next build's start, a file with the same content gets that time back; a
changed or new file keeps its own, newer time, so Sphinx sees exactly what
changed, by content. The record is removed when a build starts and written
again only when it succeeds: after a failed or interrupted build, every file
keeps the time it has.
"""

import hashlib
import json
import os
from pathlib import Path

from .. import upstream

FILE = "wnyblog-filetimes.json"  # in the doctree folder


def _path(app) -> Path:
    return Path(app.doctreedir, FILE)


def _files(app):
    """Every file Sphinx compares by time: the sources and what they include,
    and the HTML templates (only their newest time counts)."""
    for folder, dirs, names in os.walk(app.srcdir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            yield os.path.join(folder, name)
    for root in upstream.template_folders(app):
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".html"):
                    yield os.path.join(folder, name)


def _digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def restore(app) -> None:
    """At ``builder-inited``, before Sphinx compares any time: unchanged files
    get their remembered times back."""
    path = _path(app)
    try:
        remembered = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        remembered = {}
    path.unlink(missing_ok=True)
    found = {}
    for file in _files(app):
        try:
            stat = os.stat(file)
        except OSError:
            continue
        old = remembered.get(file)
        if old is not None and old[1:] == [stat.st_mtime_ns, stat.st_size]:
            found[file] = old  # as the last build found it
            continue
        digest = _digest(file)
        if old is not None and old[0] == digest and old[2] == stat.st_size:
            os.utime(file, ns=(stat.st_atime_ns, old[1]))
            found[file] = old
        else:
            found[file] = [digest, stat.st_mtime_ns, stat.st_size]
    app.wnyblog_filetimes = found


def found(app) -> dict:
    """path -> [sha256 hex, mtime_ns, size] of every file :func:`restore` saw."""
    return getattr(app, "wnyblog_filetimes", None) or {}


def save(app) -> None:
    """At ``build-finished`` of a build that succeeded: remember the files as
    this build found them."""
    found = getattr(app, "wnyblog_filetimes", None)
    if found is not None:
        _path(app).write_text(json.dumps(found, sort_keys=True), encoding="utf-8")
