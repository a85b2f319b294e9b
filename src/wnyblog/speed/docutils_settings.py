"""Docutils settings made once per build process instead of twice per document.

For every document it reads, Sphinx builds the document's docutils settings
from scratch (an optparse ``OptionParser`` filled from every component's
settings spec), and MyST builds another set for a document it makes and throws
away (``options.get("document", make_document())`` evaluates its default).
That was a tenth of the reading time. The settings depend only on the
components and defaults passed in, which are the same for every document of a
build, so a shallow copy of the first result is what a new parser would give:
the option parser hands each setting's default object to every result anyway.
The one setting a document adds to, its dependency list, is new in each copy.
"""

import copy
import functools
import optparse
import os
from collections.abc import Hashable, Mapping

from docutils import utils

from .. import upstream
from ..upstream import SettingsFactory

# Component attributes the option parser reads the settings from.
_SPEC_ATTRIBUTES = (
    "settings_spec",
    "settings_defaults",
    "settings_default_overrides",
    "relative_path_settings",
    "config_section",
    "config_section_dependencies",
)
_LIMIT = 8  # results kept (one or two per build; tests build many sites in a process)


def install() -> None:
    """Memoise the settings factories Sphinx and MyST call for each document."""
    upstream.memoise_settings_factories(memoised)


def memoised(factory: SettingsFactory) -> SettingsFactory:
    results: dict[Hashable, tuple[dict[str, object], optparse.Values]] = {}

    @functools.wraps(factory)
    def settings(*components: object, **options: object) -> optparse.Values:
        key = _key(components, options)
        if key is None:
            return factory(*components, **options)
        entry = results.get(key)
        if entry is None:
            if len(results) >= _LIMIT:
                results.clear()
            # The entry keeps the defaults alive, so their ids in the key stay theirs.
            entry = results[key] = (options, factory(*components, **options))
        values = copy.copy(entry[1])
        values.record_dependencies = utils.DependencyList()
        return values

    return settings


def _key(components: tuple[object, ...], options: Mapping[str, object]) -> Hashable | None:
    """What the settings depend on, or None when that cannot be told cheaply."""
    kinds = []
    for component in components:
        if isinstance(component, type):
            kinds.append(component)
        elif any(name in getattr(component, "__dict__", {}) for name in _SPEC_ATTRIBUTES):
            return None  # an instance with settings of its own
        else:
            kinds.append(type(component))
    defaults = options.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        return None
    given = tuple((name, value) for name, value in options.items() if name != "defaults")
    try:
        hash(given)
    except TypeError:
        return None
    shown = tuple(sorted((name, id(value)) for name, value in defaults.items()))
    # Sphinx asks for docutils.conf files to be read: they are found from here.
    return (tuple(kinds), given, shown, os.getcwd(), os.environ.get("DOCUTILSCONFIG"))
