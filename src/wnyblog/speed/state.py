"""What an incremental build knows of the last one, and keeps for the next.

The state of the last build that did not crash is kept beside the doctrees
(:data:`FILE`): the key of every page it wrote, the files it published and
its related posts. A build that crashes deletes it (:func:`forget`), so the
next one writes everything.
"""

import pickle
from dataclasses import dataclass, field, fields
from pathlib import Path

from sphinx.application import Sphinx

from .. import build_state

FILE = "wnyblog-state.pickle"  # in the doctree folder


@dataclass
class State:
    """What the previous build wrote, and the keys it wrote it with."""

    salt: str = ""
    outdir: str = ""
    doc_keys: dict[str, str] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)
    file_keys: dict[str, str] = field(default_factory=dict)  # other generated files (feeds)
    related_input: str = ""
    related_names: dict[str, list[str]] | None = None
    sidebar: str = ""
    outputs: frozenset[str] = frozenset()  # files (relative to outdir) of pages and feeds
    version: str = ""  # VERSION when saved


# What a saved State holds: its fields' names and types. Follows the class by
# itself, so a State of another shape is never loaded (no number bumped by hand).
VERSION = repr([(f.name, str(f.type)) for f in fields(State)])


@dataclass
class Build:
    """This build's bookkeeping (main process only)."""

    previous: State | None  # what the last build into this folder wrote
    keyed: State | None  # the same, when its keys still hold (same settings and templates)
    state: State
    written: set[str] = field(default_factory=set)  # documents resolved and written
    # generated pages left as they were -> their template context
    kept: dict[str, dict[str, object]] = field(default_factory=dict)


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir, FILE)


def load(app: Sphinx) -> State | None:
    """The last build's state, if it built into this output folder."""
    try:
        with open(_path(app), "rb") as f:
            state = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(state, State) or state.version != VERSION:
        return None
    return state if state.outdir == str(app.outdir) else None


def save(app: Sphinx, state: State) -> None:
    state.version = VERSION
    with open(_path(app), "wb") as f:
        pickle.dump(state, f, pickle.HIGHEST_PROTOCOL)


def forget(app: Sphinx) -> None:
    """After a crash: the next build writes everything."""
    _path(app).unlink(missing_ok=True)


@dataclass
class Current:
    """This build's bookkeeping, once the keys are made."""

    build: Build | None = None


def start(app: Sphinx, previous: State | None, keyed: State | None, salt: str) -> Build:
    build = build_state.of(app, Current).build = Build(
        previous, keyed, State(salt, str(app.outdir))
    )
    return build


def current(app: Sphinx) -> Build | None:
    """This build's bookkeeping (None before the keys are made, or for other builders)."""
    return build_state.of(app, Current).build
