"""Split a Markdown post into its YAML front matter and body, keeping line numbers."""

from dataclasses import dataclass

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so the schema sees what was typed.

    Stock YAML turns ``2024-02-30`` into a crash and ``2024-05-01T09:00Z`` into
    a UTC time; the schema gives both a clear message instead.
    """


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, on libyaml's parser when PyYAML has it (its wheels do): every
    build reads every post's front matter when it starts, ~10x faster so. A
    block it rejects is parsed again by :class:`_Loader`, whose messages the
    writers see."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatterError(Exception):
    """The front matter cannot be read at all; *line* is 1-based in the file."""

    line: int
    message: str
    fix: str


@dataclass(frozen=True)
class Split:
    data: dict
    key_lines: dict  # key -> 1-based line of the key in the file
    body: str
    body_line: int  # 1-based line in the file where the body starts


def split(text: str) -> Split:
    """Return the parsed front matter (empty when there is none) and the body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Split({}, {}, text, 1)
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), None)
    if end is None:
        raise FrontMatterError(
            1,
            "the front matter that starts on line 1 with --- is never closed",
            "add a line with just --- after the last front-matter line",
        )
    block = "\n".join(lines[1:end])
    try:
        try:
            node, data = _parse(block, _FastLoader)
        except yaml.YAMLError:
            node, data = _parse(block, _Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise FrontMatterError(
            line,
            f"the front matter is not valid YAML ({problem})",
            "write each setting as `key: value` on its own line, and put quotes around "
            "values that contain a colon",
        ) from None
    if not isinstance(data, dict):
        raise FrontMatterError(
            2,
            "the front matter is not a list of `key: value` settings",
            "write each setting as `key: value` on its own line",
        )
    key_lines = {}
    for key_node, _ in node.value if node is not None else ():
        key_lines[str(key_node.value)] = 2 + key_node.start_mark.line
    body = "\n".join(lines[end + 1 :])
    return Split(data, key_lines, body, end + 2)


def _parse(block: str, loader_class):
    """The block's node tree (for line numbers) and its data, parsed once."""
    loader = loader_class(block)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()
