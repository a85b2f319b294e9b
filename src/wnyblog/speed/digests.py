"""The one record of content digests, shared by the build's front end and the
extension.

A file's content decides whether it changed, never its time: a fresh clone
gives every source a new time, a fresh ``pip install`` every template, and an
editor that saves the same bytes again a new one. So every file a build
depends on by content is hashed, and its digest remembered beside the
doctrees (:data:`RECORD`) as the last successful build found it, with the
file's size, time and inode, so that an unchanged file is not read again
(a hundred phone photos are a gigabyte).

The front end (:mod:`.frontend`) fingerprints the sources and the package
with it; the extension (:mod:`.content_staleness`) tells Sphinx, from the same
record, which sources and templates changed. Each saves what it hashed at the
end of a successful build, merged into what the other saved. This module
imports nothing of Sphinx: the front end decides before Sphinx is imported.
"""

import hashlib
import json
import os
import time
from pathlib import Path

RECORD = "wnyblog-digests.json"  # in the doctree folder

# [size, mtime_ns, inode, sha256 hex]
Entry = list[int | str]

# A file changed this recently may change again within the same tick of its
# clock, keeping its size and time: its digest is remembered as what the build
# found, but not by its size and time (:data:`_UNTRUSTED` for its inode), so
# the next build hashes it again.
_SETTLED_NS = 2_000_000_000
_UNTRUSTED = -1

# The record the front end hands to the build it starts in the same process.
_SHARED: dict[Path, "DigestRecord"] = {}


def _valid(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 4
        and all(isinstance(v, int) for v in entry[:3])
        and isinstance(entry[3], str)
    )


class DigestRecord:
    """Each file's content digest as the last successful build found it
    (:attr:`known`), and as this build finds it (:attr:`seen`)."""

    def __init__(self, known: dict[str, Entry] | None = None, path: Path | None = None) -> None:
        self.known: dict[str, Entry] = known or {}
        self.seen: dict[str, Entry] = {}
        self._recent: dict[str, Entry] = {}  # hashed, too recent to trust its time
        self.path = path
        self._now = time.time_ns()

    @classmethod
    def load(cls, folder: Path | str | None) -> "DigestRecord":
        """The record kept in *folder* (the doctree folder); empty when none."""
        if folder is None:
            return cls()
        path = Path(os.path.abspath(Path(folder, RECORD)))
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if not isinstance(saved, dict):
            saved = {}
        return cls({k: v for k, v in saved.items() if _valid(v)}, path)

    @classmethod
    def for_build(cls, folder: Path | str) -> "DigestRecord":
        """The record the front end shared with the build in this process
        (:meth:`share`), so no file is hashed twice; else the one on disk."""
        shared = _SHARED.pop(Path(os.path.abspath(Path(folder, RECORD))), None)
        return shared if shared is not None else cls.load(folder)

    def share(self) -> None:
        """Hand this record to the Sphinx build about to start in this process."""
        if self.path is not None:
            _SHARED[self.path] = self

    def of(self, path: str) -> bytes:
        """The sha256 of the file's bytes (OSError when it cannot be read)."""
        path = os.path.abspath(path)
        stat = os.stat(path)
        state: Entry = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        recent = self._recent.get(path)
        if recent is not None and recent[:3] == state:
            return bytes.fromhex(str(recent[3]))
        entry = self.seen.get(path) or self.known.get(path)
        if entry is not None and entry[:3] == state:
            self.seen[path] = entry
            return bytes.fromhex(str(entry[3]))
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        entry = [*state, digest.hexdigest()]
        if stat.st_mtime_ns < self._now - _SETTLED_NS:
            self.seen[path] = entry
        else:
            self.seen[path] = [stat.st_size, stat.st_mtime_ns, _UNTRUSTED, digest.hexdigest()]
            self._recent[path] = entry
        return digest.digest()

    def hexdigest(self, path: str) -> str:
        return self.of(path).hex()

    def unchanged(self, path: str) -> bool | None:
        """Whether *path* holds the bytes the last successful build found
        there; None when the record does not know the file (then only its
        time can tell)."""
        entry = self.known.get(os.path.abspath(path))
        if entry is None:
            return None
        try:
            return self.hexdigest(path) == entry[3]
        except OSError:
            return False

    def found(self) -> dict[str, list[int | str]]:
        """path -> [sha256 hex, mtime_ns, size] of every file hashed so far."""
        return {p: [e[3], e[1], e[0]] for p, e in self.seen.items() if e[2] != _UNTRUSTED}

    def save(self) -> None:
        """Merge what this build found into the record on disk (what another
        part of the build saved stays); forget files that are gone."""
        if self.path is None:
            return
        on_disk = DigestRecord.load(self.path.parent).known
        on_disk.update(self.seen)
        kept = {p: e for p, e in on_disk.items() if p in self.seen or os.path.exists(p)}
        self.path.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
