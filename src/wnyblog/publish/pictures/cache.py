"""Derived pictures kept by content beside the doctrees, never in the site.

An entry's key is a digest of the source file's bytes, how it is derived (the
width ladder, this code's recipe) and the versions of Pillow, pillow-heif and
their codecs: the same photo with the same settings is never encoded twice,
whatever its name or post, and anything that would change its bytes makes a
new entry. The digests of the site's files come from the build's record of
them (``speed/filetimes.py``, which hashes only what changed), so a rebuild
does not read a hundred 10 MB photos again to find them unchanged. Entries
no build uses any more are removed.
"""

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .encode import Derived

FOLDER = "wnyblog-pictures"  # in the doctree folder
_META = "derived.json"


def versions() -> str:
    """The encoders that make the bytes: a new one means new entries."""
    import PIL
    import pillow_heif
    from PIL import features

    codecs = {name: features.version(name) for name in ("jpg", "webp", "avif", "zlib", "freetype2")}
    return json.dumps([PIL.__version__, pillow_heif.__version__, codecs], sort_keys=True)


class Cache:
    def __init__(
        self,
        doctreedir: str | os.PathLike[str],
        known: Mapping[str, Sequence[object]] | None = None,
    ) -> None:
        """*known*: path -> [sha256 hex, mtime_ns, size] of files already hashed
        in this build (the source folder's, from ``speed/filetimes.py``)."""
        self.root = Path(doctreedir, FOLDER)
        self.root.mkdir(parents=True, exist_ok=True)
        self._known = known or {}
        self._entries: dict[str, Derived | None] = {}

    def digest(self, path: Path) -> str:
        """The sha256 of the file's bytes: as the build found it when the file
        is as it was then, else read (the card's font, an emblem elsewhere)."""
        stat = path.stat()
        known = self._known.get(str(path))
        if known is not None and known[1:] == [stat.st_mtime_ns, stat.st_size]:
            return str(known[0])
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def entry(self, key: str) -> Path:
        return self.root / key

    def get(self, key: str) -> Derived | None:
        """The entry's metadata; None when there is none (yet)."""
        if self._entries.get(key) is None:
            try:
                self._entries[key] = Derived.from_json((self.entry(key) / _META).read_text())
            except (OSError, ValueError, KeyError, TypeError):
                return None
        return self._entries[key]

    def save(self, keep: set[str]) -> None:
        """Drop the entries not in *keep*."""
        for child in self.root.iterdir():
            if child.is_dir() and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)


def store(cache_root: Path, key: str, make: Callable[[Path], Derived]) -> Derived:
    """Run ``make(folder)`` (it writes the files and returns their Derived) into
    a fresh folder, then move it into place whole: an interrupted build never
    leaves half an entry."""
    work = cache_root / f".work-{key}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        derived = make(work)
        (work / _META).write_text(derived.to_json())
        final = cache_root / key
        shutil.rmtree(final, ignore_errors=True)
        os.replace(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return derived


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
