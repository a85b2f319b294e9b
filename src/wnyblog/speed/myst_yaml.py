"""MyST's front matter read by libyaml instead of PyYAML's pure-Python parser.

MyST parses each page's front matter twice with ``yaml.safe_load`` (once for
its own settings, once for the page's fields): about 2% of a clean build's
time at 1,000 posts. libyaml's loader (in PyYAML's wheels) makes the same
values from the same text: only the parser is C, the constructor and the
resolver are the safe loader's own. A text libyaml refuses goes on to the
pure-Python loader, so MyST's warning for malformed YAML is unchanged.
"""

import yaml

from .. import upstream

_C_LOADER = getattr(yaml, "CSafeLoader", None)


def install() -> None:
    upstream.myst_yaml_loader(safe_load)


def safe_load(stream: upstream.YamlStream) -> object:
    if _C_LOADER is not None and isinstance(stream, str):
        try:
            return yaml.load(stream, Loader=_C_LOADER)  # noqa: S506 - the safe loader, in C
        except yaml.YAMLError:
            pass  # the pure-Python parser raises its own error, with its own words
    return upstream.pure_yaml_safe_load(stream)
