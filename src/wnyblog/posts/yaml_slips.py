"""The settings block's common slips, said in a writer's words with the line
as it should be written.

The parser's own words ("mapping values are not allowed here") name neither
the slip nor the fix, and often point past it (an unclosed quote is noticed
at the end of the block). So the lines are read again, first to last, and
the first slip found at or before the line the parser gave up on is the one
reported: a colon-space in a value, a value starting with a sign that has a
meaning of its own, quotes that do not pair up, tabs, a list written wrongly,
a setting indented or with no space after its colon. A ``#`` in a value is no
error to the parser (it starts a note, and the rest of the value is quietly
dropped): :func:`cut_by_hash` finds it.
"""

import re
from dataclasses import dataclass

_SETTING = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][\w-]*):(?P<gap>[ \t]*)(?P<value>.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)-(\s|$)")
# Signs that mean something at the start of a value, not text.
_SPECIAL_START = set("@`*&!%|>{,")
WHERE = "the settings at the top of the post (between the --- lines)"


@dataclass(frozen=True)
class Slip:
    line: int  # 0-based in the settings block
    message: str
    fix: str


def explain(lines: list[str], error_line: int, problem: str) -> Slip:
    """The slip that stopped the parser at *error_line* (0-based), in plain words."""
    for number, line in enumerate(lines[: error_line + 1]):
        slip = _slip(lines, number, line)
        if slip is not None:
            return slip
    return Slip(
        min(error_line, max(len(lines) - 1, 0)),
        f"this line of {WHERE} cannot be read",
        "write each setting as `name: value` on its own line, for example "
        '`title: "Coping with winter"`; put double quotes around a value that holds a colon, '
        "a # or a quote",
    )


def cut_by_hash(line: str) -> tuple[str, str] | None:
    """The whole value as typed and the part a ``#`` cut off from it
    (``title: Tips #3`` reads as "Tips"), or None when the value is whole."""
    match = _SETTING.match(line)
    if match is None or match["indent"] or not match["value"]:
        return None
    value = match["value"]
    if value[0] in "\"'[{" or value.startswith("#") and not match["gap"]:
        return None
    if value.startswith("#"):
        return value.strip(), value.strip()
    # One space before the # is a slip ("Tips #3"); two or more is a note
    # written on purpose ("image: cover.jpg   # a picture beside this file").
    found = re.search(r"(?<=\S) #", value)
    return (value.strip(), value[found.start() :].strip()) if found else None


def quote_fix(key: str, value: str) -> str:
    """How to write *value* whole: in double quotes, or in single quotes when
    it holds double quotes itself."""
    if '"' in value:
        return (
            f"put single quotes around the whole value (it holds double quotes): `{key}: '{value}'`"
        )
    return f'put double quotes around the whole value: `{key}: "{value}"`'


def _slip(lines: list[str], number: int, line: str) -> Slip | None:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    if "\t" in line[: len(line) - len(line.lstrip())] or "\t" in line and '"' not in line:
        return Slip(
            number,
            "this line holds a tab, which the settings block cannot read",
            "replace the tab with spaces: a setting starts at the left edge, a list item with "
            "two spaces and a dash, e.g. `  - sleep`",
        )
    item = _ITEM.match(line)
    if item is not None:
        return _list_item(lines, number, item["indent"])
    setting = _SETTING.match(line)
    if setting is None:
        return Slip(
            number,
            "this line is not a setting: it has no `name: value`",
            "write each setting as `name: value` on its own line; a value that goes on over "
            "two lines needs double quotes around the whole of it, on one line",
        )
    key, value = setting["key"], setting["value"].rstrip()
    if value and not setting["gap"]:
        return Slip(
            number,
            f"there is no space after the colon of `{key}:`",
            f"put a space after the colon: `{key}: {value}`",
        )
    if setting["indent"] and not _opens_block(lines, number):
        return Slip(
            number,
            f"the setting `{key}:` is indented",
            f"start `{key}:` at the very left edge of the line, like the other settings",
        )
    return _value(number, key, value)


def _value(number: int, key: str, value: str) -> Slip | None:
    if not value:
        return None
    if value.startswith('"'):
        end = _closing(value, '"')
        if end is None:
            return Slip(
                number,
                f'the value of `{key}` opens a double quote (") that is never closed',
                f'end the value with a double quote too: `{key}: "{value[1:]}"`',
            )
        if value[end + 1 :].strip() and not value[end + 1 :].strip().startswith("#"):
            return Slip(
                number,
                f"the value of `{key}` goes on after its closing double quote",
                quote_fix(key, value),
            )
        return None
    if value.startswith("'"):
        end = _closing(value, "'")
        if end is None or value[end + 1 :].strip() and value[end + 1 :].strip()[0] != "#":
            inner = value[1:].rstrip("'")
            return Slip(
                number,
                f"the value of `{key}` has an apostrophe (') inside single quotes",
                f'put double quotes around the whole value instead: `{key}: "{inner}"`',
            )
        return None
    if value.startswith("["):
        end = value.find("]")
        example = value[1 : end if end >= 0 else None].strip() or "sleep, grief"
        if end < 0:
            return Slip(
                number,
                f"the list of `{key}` opens with [ but never closes with ]",
                f"end it with ] on the same line: `{key}: [{example}]`",
            )
        if value[end + 1 :].strip() and not value[end + 1 :].strip().startswith("#"):
            return Slip(
                number,
                f"the list of `{key}` goes on after its closing ]",
                f"put every item inside the brackets, separated by commas: `{key}: [{example}]`",
            )
        return None
    if value.startswith("- "):
        return Slip(
            number,
            f"a list item is written on the `{key}:` line",
            f"write the list in brackets: `{key}: [{value[2:].strip()}]`",
        )
    if value[0] in _SPECIAL_START:
        return Slip(
            number,
            f"the value of `{key}` starts with “{value[0]}”, which has a meaning of its own there",
            quote_fix(key, value),
        )
    if ": " in value or value.endswith(":"):
        return Slip(
            number,
            f"the value of `{key}` contains “: ”, which starts a new setting there",
            quote_fix(key, value),
        )
    return None


def _closing(value: str, quote: str) -> int | None:
    """Where the quote opening *value* closes (a doubled '' or an escaped \\"
    is part of the text), or None."""
    at = 1
    while at < len(value):
        if value[at] == quote:
            if quote == "'" and value[at + 1 : at + 2] == "'":
                at += 2
                continue
            return at
        at += 2 if quote == '"' and value[at] == "\\" else 1
    return None


def _opens_block(lines: list[str], number: int) -> bool:
    """Whether an indented line belongs to the setting above it (``author:``
    with nothing after it opens a nested list or block)."""
    for line in reversed(lines[:number]):
        if not line.strip() or line.strip().startswith("#"):
            continue
        above = _SETTING.match(line)
        return bool(_ITEM.match(line)) or (above is not None and not above["value"].strip())
    return False


def _list_item(lines: list[str], number: int, indent: str) -> Slip | None:
    """A ``- item`` line: under a ``name:`` with nothing after it, lined up
    with the items before it."""
    for line in reversed(lines[:number]):
        if not line.strip() or line.strip().startswith("#"):
            continue
        before = _ITEM.match(line)
        if before is not None:
            if before["indent"] != indent:
                return Slip(
                    number,
                    "the items of this list are not lined up",
                    "start every item of the list the same way: two spaces and a dash, "
                    "e.g. `  - sleep`",
                )
            continue
        setting = _SETTING.match(line)
        if setting is not None and not setting["value"].strip():
            return None
        if setting is not None:
            return Slip(
                number,
                f"a list item follows `{setting['key']}:`, which already has a value",
                f"leave nothing after `{setting['key']}:` and put each item on its own line "
                f"below, or write the list in brackets: `{setting['key']}: [a, b]`",
            )
        return None
    return None
