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

import re
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
    fix: str | None = None  # how to mend it, when this module knows better than the caller


_TAG_FIX = "delete the `!!` tag and write the value as plain text"
_NESTING_FIX = "write the value as plain text, or as a short list: `[a, b]`"
_SURROGATE_FIX = "delete the `\\u` escape (or type the character itself)"
# Characters YAML takes as a line end though no editor shows one there (a
# carriage return not followed by a new line, Unicode's line and paragraph
# separators): every line number after one would be off.
_HIDDEN_BREAK = re.compile("\r(?!\n)|[\u2028\u2029]")
_HIDDEN_BREAK_FIX = "retype the line: it holds an invisible line break"


# Deeper than any front matter or vocabulary needs (they use three levels);
# PyYAML's composer recurses once per level and would hit Python's limit.
MAX_DEPTH = 50


def parse(text: str) -> tuple[Node | None, object]:
    """The text's node tree (for line numbers) and its data, parsed once.

    Whatever reading the text raises becomes a :class:`YamlError` with a line:
    PyYAML's own errors, and the ``ValueError``, ``KeyError``, ``OverflowError``
    or ``RecursionError`` its constructors raise for an explicit tag with a
    value they cannot make (``!!bool maybe``, ``!!binary %``)."""
    hidden = _HIDDEN_BREAK.search(text)
    if hidden is not None:
        raise YamlError(
            text.count("\n", 0, hidden.start()),
            "this line holds a line break that is not the end of the line",
            _HIDDEN_BREAK_FIX,
        )
    try:
        _check_depth(text)
        try:
            node, data = _parse(text, _FastLoader)
        except yaml.YAMLError:
            node, data = _parse(text, _Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        context = getattr(err, "context", None) or ""
        if context == "while scanning a simple key" or context.startswith("while parsing a flow"):
            # A line with no `key:` (a `- ` left out), a [ or { never closed:
            # where that starts, not where the parser gave up.
            mark = err.context_mark if isinstance(err, yaml.MarkedYAMLError) else mark
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise YamlError(mark.line if mark else 0, problem) from None
    except YamlError:
        raise
    except Exception as err:  # noqa: BLE001 - see the docstring: every failure is a line
        raise YamlError(0, _describe(err)) from None
    _check_text(node)
    return node, data


def _describe(err: BaseException) -> str:
    """One line naming what went wrong, for an exception PyYAML has no words for."""
    said = str(err).splitlines()[0] if str(err) else ""
    return f"{type(err).__name__}: {said}" if said else type(err).__name__


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH`, at the line where it gets
    there (scanners keep no stack, so they cannot overflow; libyaml's gives up
    at 1,000 levels, and the pure-Python one then looks)."""
    for loader_class in (_FastLoader, _Loader):
        try:
            _scan_depth(text, loader_class)
            return
        except yaml.YAMLError:
            continue  # not YAML at all: parsing says where, in its own words


def _scan_depth(text: str, loader_class: type[_Loader | _FastLoader]) -> None:
    depth = 0
    opening = (
        yaml.FlowSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.BlockMappingStartToken,
    )
    closing = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
    for token in yaml.scan(text, Loader=loader_class):
        if isinstance(token, opening):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    token.start_mark.line,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    _NESTING_FIX,
                )
        elif isinstance(token, closing):
            depth -= 1


def _parse(text: str, loader_class: type[_Loader | _FastLoader]) -> tuple[Node | None, object]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            return node, loader.construct_document(node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001 - a tag's value it cannot make
            culprit = _culprit(node, loader_class)
            raise YamlError(culprit.start_mark.line, _misfit(culprit), _TAG_FIX) from None
    finally:
        loader.dispose()


def _misfit(node: Node) -> str:
    """What is wrong with a value its tag cannot make, in one line."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    if isinstance(node, ScalarNode):
        value = str(node.value)
        value = value if len(value) <= 40 else value[:40] + "…"
        return f"the tag {tag} does not fit the value “{value}”"
    return f"the tag {tag} does not fit its value"


def _culprit(node: Node, loader_class: type[_Loader | _FastLoader]) -> Node:
    """The innermost node under *node* whose value cannot be made."""
    while isinstance(node, MappingNode | SequenceNode):
        children = (
            [part for pair in node.value for part in pair]
            if isinstance(node, MappingNode)
            else list(node.value)
        )
        failing = next((child for child in children if not _constructs(child, loader_class)), None)
        if failing is None:
            break
        node = failing
    return node


def _constructs(node: Node, loader_class: type[_Loader | _FastLoader]) -> bool:
    loader = loader_class("")
    try:
        loader.construct_document(node)
        return True
    except Exception:  # noqa: BLE001 - only which node fails matters here
        return False
    finally:
        loader.dispose()


def _check_text(node: Node | None) -> None:
    """Refuse a value holding half of a surrogate pair (``"\\ud800"`` typed as an
    escape): it is no character, and no file or page can hold it."""
    todo, seen = [node], set()
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            bad = next((c for c in str(node.value) if 0xD800 <= ord(c) <= 0xDFFF), None)
            if bad is not None:
                raise YamlError(
                    node.start_mark.line,
                    f"the value holds \\u{ord(bad):04x}, half of a character that is not text",
                    _SURROGATE_FIX,
                )
        elif isinstance(node, MappingNode):
            todo.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            todo.extend(node.value)


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
