"""Writing files the build generates itself (feeds, sitemap, robots.txt)."""

import os
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> None:
    """Leave an identical file alone, so its timestamp says when it last changed."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def replace_whole(path: Path, data: bytes) -> None:
    """Write *path* whole or not at all: a reader (the search indexer, which may
    be reading the site) never sees half a file, and a write that fails leaves
    no stray file beside it."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
