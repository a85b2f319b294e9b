"""Writing files the build generates itself (feeds, sitemap, robots.txt)."""

import os
from collections.abc import Callable
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> None:
    """Leave an identical file alone, so its timestamp says when it last changed."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def site_path(outdir: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """*path*, a file the site publishes, relative to the output folder with
    ``/`` between folders. By its text, not ``os.path.relpath``: this runs for
    every page of a thousand-post site, twice a build."""
    folder, text = os.path.join(os.fspath(outdir), ""), os.fspath(path)
    inside = text[len(folder) :] if text.startswith(folder) else os.path.relpath(text, folder)
    return inside.replace(os.sep, "/")


def replace_whole(path: Path, data: bytes) -> None:
    """Write *path* whole or not at all: a reader (the search indexer, which may
    be reading its copies of the pages) never sees half a file, and a write
    that fails leaves no stray file beside it."""
    _whole(path, lambda partial: partial.write_bytes(data))


def link_whole(source: Path, path: Path) -> None:
    """Make *path* a hard link to *source*, in place of what was there (as
    :func:`replace_whole`); OSError where links are refused."""
    _whole(path, lambda partial: os.link(source, partial))


def _whole(path: Path, make: Callable[[Path], object]) -> None:
    """*make* the file beside *path*, then rename it over *path*."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.unlink(missing_ok=True)  # left by a build that was killed
        make(partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
