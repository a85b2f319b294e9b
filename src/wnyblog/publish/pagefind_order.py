"""Pagefind's filters written in a fixed order, so the same pages always give
the same ``pagefind/`` bytes.

Pagefind 1.5.2 lists the filters of its index (tag, category, author, year)
and the values of each filter in hash-map order, which changes from one run
to the next: two builds of the same pages published different
``pagefind.<hash>.pf_meta`` and ``filter/<hash>.pf_filter`` files (same
search, different bytes and names). This rewrites them in sorted order after
the indexer ran and renames them by their new content, as Pagefind names them
(a digest of the content, same length), then points ``pagefind-entry.json``
at the new metadata file.

The files are gzip, then ``pagefind_dcd`` and one CBOR value. Only the
definite-length subset Pagefind writes is read; every file is checked to
encode back to its exact bytes before anything in it is reordered, so a
future Pagefind that writes something else is left as it is.
"""

import gzip
import hashlib
import json
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


class Unknown(ValueError):
    """A file this module does not understand; it is left unchanged."""


class Raw:
    """A CBOR item kept as its bytes (floats and simple values)."""

    def __init__(self, data: bytes) -> None:
        self.data = data


Key = int | str | bytes  # what a CBOR map's keys are in Pagefind's files
Item = int | str | bytes | list["Item"] | dict[Key, "Item"] | Raw


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head)."""
    first = data[at]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise Unknown("indefinite length")
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def decode(data: bytes, at: int = 0) -> tuple[Item, int]:
    """One CBOR item at *at*: (item, position after it)."""
    if data[at] >> 5 == 7:  # a float or a simple value: kept as it is
        info = data[at] & 31
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
        return Raw(data[at : at + 1 + size]), at + 1 + size
    major, arg, at = _head(data, at)
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        chunk = data[at : at + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + arg
    if major == 4:
        items: list[Item] = []
        for _ in range(arg):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs: dict[Key, Item] = {}
        for _ in range(arg):
            key, at = decode(data, at)
            if not isinstance(key, int | str | bytes):
                raise Unknown("a map key that is not a number or text")
            pairs[key], at = decode(data, at)
        return pairs, at
    raise Unknown(f"CBOR major type {major}")


def _encode_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise Unknown("integer too large")


def encode(item: Item) -> bytes:
    """CBOR with the shortest heads, as Pagefind writes it."""
    if isinstance(item, Raw):
        return item.data
    if isinstance(item, bool):
        raise Unknown("bool")
    if isinstance(item, int):
        return _encode_head(0, item) if item >= 0 else _encode_head(1, -1 - item)
    if isinstance(item, bytes):
        return _encode_head(2, len(item)) + item
    if isinstance(item, str):
        text = item.encode("utf-8")
        return _encode_head(3, len(text)) + text
    if isinstance(item, list):
        return _encode_head(4, len(item)) + b"".join(encode(i) for i in item)
    return _encode_head(5, len(item)) + b"".join(encode(k) + encode(v) for k, v in item.items())


def read(path: Path) -> Item:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise Unknown(f"{path.name}: no {MAGIC!r}")
    item, end = decode(data, len(MAGIC))
    if end != len(data) or encode(item) != data[len(MAGIC) :]:
        raise Unknown(f"{path.name}: does not encode back to its bytes")
    return item


def write(folder: Path, prefix: str, old: str, item: Item, suffix: str) -> str:
    """Write *item* as *folder*/<prefix><new hash><suffix>, remove the old
    file, and return the new hash (a digest of the content, as long as *old*)."""
    data = MAGIC + encode(item)
    language, _, digest = old.partition("_")
    new = f"{language}_{hashlib.sha256(data).hexdigest()[: len(digest)]}"
    (folder / f"{prefix}{old}{suffix}").unlink()
    (folder / f"{prefix}{new}{suffix}").write_bytes(gzip.compress(data, 9, mtime=0))
    return new


def _is_filter_list(item: Item) -> bool:
    """The metadata's [[filter name, file hash], ...] list."""
    return (
        isinstance(item, list)
        and bool(item)
        and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in item
        )
    )


def _pairs(item: Item) -> list[list[Item]]:
    """A filter list's [name, hash] pairs, as the list itself (sorting it sorts the file)."""
    if not isinstance(item, list) or not all(isinstance(p, list) for p in item):
        raise Unknown("filter list shape")
    return item  # type: ignore[return-value]  # every member checked to be a list above


def _text(item: Item) -> str:
    if not isinstance(item, str):
        raise Unknown("text expected")
    return item


def _sorted_filter(item: Item) -> Item:
    """A filter file: [name, [[value, [page, ...]], ...]], values and pages sorted."""
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
        raise Unknown("filter file shape")
    values: list[tuple[Item, list[Item]]] = []
    for value in item[1]:
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
            raise Unknown("filter value shape")
        values.append((value[0], sorted(value[1], key=encode)))
    ordered: list[Item] = [
        [name, pages] for name, pages in sorted(values, key=lambda v: encode(v[0]))
    ]
    return [item[0], ordered]


def normalise(bundle: Path) -> bool:
    """Rewrite the bundle's filters in sorted order. False when a file was not
    understood (then the bundle is left as Pagefind wrote it)."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    try:
        plans = []
        for language in entry["languages"].values():
            meta = read(bundle / f"pagefind.{language['hash']}.pf_meta")
            lists = [i for i in meta if _is_filter_list(i)] if isinstance(meta, list) else []
            if len(lists) > 1:
                raise Unknown("two lists look like filters")
            filters = [
                (pair, _sorted_filter(read(bundle / "filter" / f"{_text(pair[1])}.pf_filter")))
                for pair in (_pairs(lists[0]) if lists else [])
            ]
            plans.append((language, meta, lists, filters))
    except (Unknown, OSError, EOFError, KeyError, IndexError, UnicodeDecodeError):
        return False
    text = entry_path.read_text(encoding="utf-8")
    for language, meta, lists, filters in plans:
        for pair, content in filters:
            pair[1] = write(bundle / "filter", "", _text(pair[1]), content, ".pf_filter")
        if lists:
            _pairs(lists[0]).sort(key=lambda p: _text(p[0]))
        old = language["hash"]
        new = write(bundle, "pagefind.", old, meta, ".pf_meta")
        # Pagefind's own JSON, with only the hash changed.
        text = text.replace(f'"hash":"{old}"', f'"hash":"{new}"')
    entry_path.write_text(text, encoding="utf-8")
    return True
