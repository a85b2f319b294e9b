"""Remembered post checks: a build that changed one post checks that one again.

Checking a thousand posts takes seconds, and every build checks every post
before reading (drafts and scheduled posts too). A :class:`Memo` keeps each
post file's result with everything it depended on (the file, the files beside
it, the other files it looked for, the pictures it opened, the vocabulary and
the day) beside the doctrees; a result is used again only when all of those
are as they were (``speed/codeversion.py`` deletes them all when the checking
code changes). Opening a 12-megapixel photo whole to
find it cut short takes a tenth of a second: done once per photo, not per build.
"""

import datetime as dt
import multiprocessing
import os
import pickle
from pathlib import Path

from ..checks import picture_files, runner
from ..checks.checked import CheckedPost
from ..posts import commands
from ..posts.schema import Problem, Vocabulary

FILE = "wnyblog-checks.pickle"  # in the doctree folder

# A post file's checked result, as runner.check_file returns it.
Result = tuple[CheckedPost | None, list[Problem]]
# A picture's size, time and inode (None: no such file).
PictureState = tuple[int, int, int] | None
# What a result depended on: the file, the files beside it, the vocabulary, the day...
Key = tuple[object, ...]
# The result (or why the file is unreadable), the files it looked for (found
# or not) and the pictures it inspected, as they were.
Entry = tuple[
    Result | runner.Unreadable, tuple[tuple[str, bool], ...], tuple[tuple[str, PictureState], ...]
]
# The files in a folder: name, time, size (None: the folder cannot be read).
Listing = tuple[tuple[str, int, int], ...] | None


def load(doctreedir: str | os.PathLike[str]) -> "Memo":
    try:
        with open(Path(doctreedir, FILE), "rb") as f:
            results = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        results = None
    return Memo(results if isinstance(results, dict) else None)


def save(doctreedir: str | os.PathLike[str], memo: "Memo") -> None:
    if not memo.changed:
        return  # every post was as the last build saw it
    path = Path(doctreedir, FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(memo.used, f, pickle.HIGHEST_PROTOCOL)


class Memo:
    """Results of checking files, with everything each result depended on.

    ``results`` is what an earlier run kept; ``used`` is what this run needed
    (the one to keep for the next run)."""

    def __init__(self, results: dict[Key, Entry] | None = None) -> None:
        self.results = results or {}
        self.loaded = frozenset(self.results)
        self.used: dict[Key, Entry] = {}
        self.checked = False  # some post was checked again this run
        self._folders: dict[str, Listing] = {}

    @property
    def changed(self) -> bool:
        return self.checked or self.used.keys() != self.loaded

    def _key(self, path: Path, vocab: Vocabulary, today: dt.date) -> Key | None:
        beside = self._beside(str(path.parent))
        if beside is None:
            return None
        # The messages name the writer's commands (`make new` or `blog new`).
        return (str(path), beside, repr(vocab), today, os.getcwd(), commands.through_make())

    def _beside(self, folder: str) -> Listing:
        """The files in a post's folder (the images it shows sit beside it),
        read once per run: every file of the folder, and both passes of a
        build (:meth:`check_ahead`, then :meth:`check`), ask for them."""
        if folder not in self._folders:
            try:
                self._folders[folder] = tuple(
                    sorted(
                        (e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                    )
                )
            except OSError:
                self._folders[folder] = None
        return self._folders[folder]

    def _remembered(self, key: Key) -> Entry | None:
        """The result kept under *key*, if the files it looked for are as they were
        (a post's links and cover image may point at other posts' folders)."""
        entry = self.results.get(key)
        if entry is None:
            return None
        looked_for, inspected = entry[1], entry[2]
        if any(os.path.isfile(name) != found for name, found in looked_for):
            return None
        if any(_picture_state(name) != state for name, state in inspected):
            return None
        return entry

    def pictures_inspected(self) -> set[str]:
        """Every picture the posts checked this run showed (their verdicts said
        where), as normalised paths."""
        return {os.path.normpath(name) for entry in self.used.values() for name, _ in entry[2]}

    def check_ahead(
        self, paths: list[Path], srcdir: Path, vocab: Vocabulary, today: dt.date, jobs: int
    ) -> None:
        """Check the files not remembered yet in *jobs* forked processes (a
        clean build checks a thousand posts before it reads any), so that
        :meth:`check` then finds every result here."""
        if jobs < 2 or not hasattr(os, "fork"):
            return
        todo: dict[Key, Path] = {}
        for path in paths:
            key = self._key(path, vocab, today)
            if key is not None and self._remembered(key) is None:
                todo[key] = path
        if len(todo) < _MIN_AHEAD:
            return
        tasks = [(path, srcdir, vocab, today) for path in todo.values()]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.starmap(_result, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
        self.results.update(zip(todo, results, strict=True))
        self.checked = True

    def check(self, path: Path, srcdir: Path, vocab: Vocabulary, today: dt.date) -> Result:
        key = self._key(path, vocab, today)
        if key is None:
            return runner.check_file(path, srcdir, vocab, today)
        entry = self._remembered(key)
        if entry is None:
            entry = self.results[key] = _result(path, srcdir, vocab, today)
            self.checked = True
        self.used[key] = entry
        result = entry[0]
        if isinstance(result, runner.Unreadable):
            raise result
        return result


# Fewer unknown posts than this are checked in this process: forking costs more.
_MIN_AHEAD = 64


def _result(path: Path, srcdir: Path, vocab: Vocabulary, today: dt.date) -> Entry:
    """What :meth:`Memo.check` remembers: the result (or the file's
    unreadability), which other files it looked for and found or not, and
    the pictures it inspected as they were (a picture may sit in another
    post's folder, whose changes the key does not see)."""
    looked_for: dict[str, bool] = {}
    inspected: dict[str, PictureState] = {}

    def exists(target: Path) -> bool:
        name = str(target)
        if name not in looked_for:
            looked_for[name] = os.path.isfile(name)
        return looked_for[name]

    def inspect(target: Path, shown: str) -> picture_files.Finding | None:
        inspected[str(target)] = _picture_state(str(target))
        return picture_files.problem(target, shown)

    result: Result | runner.Unreadable
    try:
        result = runner.check_file(path, srcdir, vocab, today, exists, inspect)
    except runner.Unreadable as err:
        result = err
    return result, tuple(sorted(looked_for.items())), tuple(sorted(inspected.items()))


def _picture_state(name: str) -> PictureState:
    try:
        stat = os.stat(name)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino
