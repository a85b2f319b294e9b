"""The extension's state of one build: one attribute on the Sphinx app, one on
its environment, each holding a dataclass per concern.

A module that keeps something for the rest of a build declares a dataclass
with defaults and reaches it with :func:`of` (the build, for this process)
or :func:`of_env` (per-document data that Sphinx pickles with the
environment and merges back from parallel readers; see the
``EnvironmentCollector`` subclasses). The class is the key: a concern never
reaches another's data by a string name, and a type checker sees what each
holds. This module imports no stage, so every stage may use it.
"""

import dataclasses
from collections.abc import Set
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")

# The one attribute the extension sets on the app, and on the environment.
ATTRIBUTE = "wnyblog"


class Parts:
    """Each concern's dataclass, made on first use."""

    def __init__(self, parts: dict[type, object] | None = None) -> None:
        self._parts: dict[type, object] = parts or {}

    def get(self, kind: type[T]) -> T:
        part = self._parts.get(kind)
        if not isinstance(part, kind):
            part = self._parts[kind] = kind()
        return part

    def reset(self, kind: type[T]) -> T:
        """A fresh part (the concern starts over)."""
        part = self._parts[kind] = kind()
        return part

    def without(self, docnames: Set[str]) -> "Parts":
        """A copy whose per-document parts (a ``by_docname`` dict) leave out
        *docnames*; other parts are shared as they are."""
        return Parts({kind: _without(part, docnames) for kind, part in self._parts.items()})


def _without(part: object, docnames: Set[str]) -> object:
    table = getattr(part, "by_docname", None)
    if not (dataclasses.is_dataclass(part) and isinstance(table, dict)):
        return part
    kept = {d: v for d, v in table.items() if d not in docnames}
    return dataclasses.replace(part, by_docname=kept)  # type: ignore[type-var]  # an instance


def _parts(owner: object) -> Parts:
    parts = getattr(owner, ATTRIBUTE, None)
    if not isinstance(parts, Parts):
        parts = Parts()
        setattr(owner, ATTRIBUTE, parts)
    return parts


def of(app: "Sphinx", kind: type[T]) -> T:
    """This build's part of *kind* (made with its defaults on first use)."""
    return _parts(app).get(kind)


def reset(app: "Sphinx", kind: type[T]) -> T:
    return _parts(app).reset(kind)


def of_env(env: "BuildEnvironment", kind: type[T]) -> T:
    """The environment's part of *kind*: pickled with it, so it lasts from one
    build to the next like Sphinx's own per-document data."""
    return _parts(env).get(kind)
