"""Split a Markdown post into its YAML front matter and body, keeping line numbers."""

from dataclasses import dataclass, field

from yaml.nodes import MappingNode

from . import yaml_slips, yamltext


@dataclass(frozen=True)
class FrontMatterError(Exception):
    """The front matter cannot be read at all; *line* is 1-based in the file.
    *body* is the text after it when its end is known, so the text and its
    pictures can still be checked."""

    line: int
    message: str
    fix: str
    body: str | None = None
    body_line: int = 1


@dataclass(frozen=True)
class Split:
    data: dict[object, object]
    key_lines: dict[str, int]  # key -> 1-based line of the key in the file (its last appearance)
    body: str
    body_line: int  # 1-based line in the file where the body starts
    # (key, line, line of the first appearance) of each key written again (1-based)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    # (key, line, value as typed, the part a # cut off) of each plain value a
    # `#` shortened (1-based line)
    cut: list[tuple[str, int, str, str]] = field(default_factory=list)


def split(text: str) -> Split:
    """Return the parsed front matter (empty when there is none) and the body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Split({}, {}, text, 1)
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), None)
    if end is None:
        raise FrontMatterError(
            1,
            f"{yaml_slips.WHERE.split(' (')[0]} start on line 1 with --- but never end",
            "add a line with just --- after the last setting",
        )
    body = "\n".join(lines[end + 1 :])
    try:
        node, data = yamltext.parse("\n".join(lines[1:end]))
    except yamltext.YamlError as err:
        if err.fix is not None:  # a value YAML reads but cannot take (a tag, deep nesting)
            raise FrontMatterError(
                2 + err.line,
                f"{yaml_slips.WHERE} cannot be read ({err.problem})",
                err.fix,
                body,
                end + 2,
            ) from None
        slip = yaml_slips.explain(lines[1:end], err.line, err.problem)
        raise FrontMatterError(2 + slip.line, slip.message, slip.fix, body, end + 2) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            2,
            f"{yaml_slips.WHERE} are not a list of `name: value` settings",
            "write each setting as `name: value` on its own line",
            body,
            end + 2,
        )
    key_lines = {}
    for key_node, _ in node.value if isinstance(node, MappingNode) else ():
        key_lines[str(key_node.value)] = 2 + key_node.start_mark.line
    duplicates = [(key, 2 + line, 2 + first) for key, line, first in yamltext.duplicate_keys(node)]
    cut = [
        (str(key_node.value), 2 + key_node.start_mark.line, *cut)
        for key_node, _ in (node.value if isinstance(node, MappingNode) else ())
        if (cut := yaml_slips.cut_by_hash(lines[1 + key_node.start_mark.line])) is not None
    ]
    return Split(data, key_lines, body, end + 2, duplicates, cut)
