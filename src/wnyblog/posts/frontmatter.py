"""Split a Markdown post into its YAML front matter and body, keeping line numbers."""

from dataclasses import dataclass, field

from . import yamltext


@dataclass(frozen=True)
class FrontMatterError(Exception):
    """The front matter cannot be read at all; *line* is 1-based in the file."""

    line: int
    message: str
    fix: str


@dataclass(frozen=True)
class Split:
    data: dict
    key_lines: dict  # key -> 1-based line of the key in the file (its last appearance)
    body: str
    body_line: int  # 1-based line in the file where the body starts
    # (key, line, line of the first appearance) of each key written again (1-based)
    duplicates: list = field(default_factory=list)


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
    try:
        node, data = yamltext.parse("\n".join(lines[1:end]))
    except yamltext.YamlError as err:
        raise FrontMatterError(
            2 + err.line,
            f"the front matter is not valid YAML ({err.problem})",
            err.fix
            or "write each setting as `key: value` on its own line, and put quotes around a "
            "value that contains a colon or starts with , [ { * & ! % @ or a quote",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            2,
            "the front matter is not a list of `key: value` settings",
            "write each setting as `key: value` on its own line",
        )
    key_lines = {}
    for key_node, _ in node.value if node is not None else ():
        key_lines[str(key_node.value)] = 2 + key_node.start_mark.line
    duplicates = [(key, 2 + line, 2 + first) for key, line, first in yamltext.duplicate_keys(node)]
    body = "\n".join(lines[end + 1 :])
    return Split(data, key_lines, body, end + 2, duplicates)
