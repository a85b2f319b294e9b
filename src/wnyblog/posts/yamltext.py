"""YAML as writers type it: front matter and the vocabulary file.

Three things stock YAML does behind a writer's back are undone here:
- a key written twice keeps the last value silently: :func:`duplicate_keys`
  finds every repeat, with both lines, so the checks can say so;
- ``2024-02-30`` would crash and ``2024-05-01T09:00Z`` become a UTC time:
  dates stay the text that was typed, for the schema to judge;
- ``title: 1984`` would be a number and ``tags: [3.10]`` the number 3.1:
  numbers stay text too. Only true/false (yes/no) and empty values keep their
  YAML meaning, since ``draft: yes`` means what it says.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class _Loader(yaml.SafeLoader):
    """The pure-Python parser: its error messages are the ones writers see."""


if TYPE_CHECKING:
    _FastBase = yaml.CSafeLoader
else:
    _FastBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_FastBase):
    """The same, on libyaml's parser when PyYAML has it (its wheels do): every
    build reads every post's front matter when it starts, ~10x faster so. A
    block it rejects is parsed again by :class:`_Loader` for the message."""


_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# What an empty plain value reads as (`tags:` with nothing after it, or ~).
EMPTY = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class YamlError(Exception):
    """The text is not YAML; *line* is 0-based in the text."""

    line: int
    problem: str


def parse(text: str) -> tuple[Node | None, object]:
    """The text's node tree (for line numbers) and its data, parsed once."""
    try:
        try:
            return _parse(text, _FastLoader)
        except yaml.YAMLError:
            return _parse(text, _Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        context = getattr(err, "context", None) or ""
        if context == "while scanning a simple key" or context.startswith("while parsing a flow"):
            # A line with no `key:` (a `- ` left out), a [ or { never closed:
            # where that starts, not where the parser gave up.
            mark = err.context_mark if isinstance(err, yaml.MarkedYAMLError) else mark
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise YamlError(mark.line if mark else 0, problem) from None


def _parse(text: str, loader_class: type[_Loader | _FastLoader]) -> tuple[Node | None, object]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def duplicate_keys(node: Node | None) -> list[tuple[str, int, int]]:
    """(key, line, line of its first appearance) for every key written again in
    the same mapping, anywhere in the tree; lines are 0-based."""
    found, seen_nodes, todo = [], set(), [node]
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen_nodes:  # an alias points back: seen
            continue
        seen_nodes.add(id(node))
        if isinstance(node, MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else None
                if name is not None and name in first:
                    found.append((name, key.start_mark.line, first[name]))
                elif name is not None:
                    first[name] = key.start_mark.line
                todo.append(value)
        elif isinstance(node, SequenceNode):
            todo.extend(node.value)
    return sorted(found, key=lambda item: item[1])


def is_empty(node: Node | None) -> bool:
    """Nothing written: no value, or a plain ``~`` / ``null``."""
    return node is None or (
        isinstance(node, ScalarNode) and node.style is None and node.value in EMPTY
    )


def line_of(node: Node | None) -> int:
    """The 1-based line where *node* starts (the first when nothing is written)."""
    return node.start_mark.line + 1 if node is not None else 1


def text_of(node: Node) -> str:
    """A scalar's text as typed, stripped; "" when nothing is written."""
    return "" if is_empty(node) else str(node.value).strip()
