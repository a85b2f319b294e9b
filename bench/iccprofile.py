"""A wide-gamut colour profile written by hand, as phones tag their photos.

Phones save photos in Display P3, a wider range of colours than the web's
sRGB; a published copy must be converted. littleCMS (in Pillow) can only
create sRGB and Lab profiles itself, so this one is built from the ICC
specification: a version 2 RGB display profile with Display P3's primaries
(adapted to D50) and a 2.2 gamma curve.
"""

import struct


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def display_p3_profile() -> bytes:
    """An ICC v2 RGB profile with Display P3's primaries (D50-adapted) and a
    2.2 gamma: what phone cameras tag their photos with. Its description
    names it "Display P3 (test)" so a test can look for it in published bytes."""
    description = b"Display P3 (test)\0"
    tags = {
        b"desc": b"desc"
        + b"\0" * 4
        + struct.pack(">I", len(description))
        + description
        + b"\0" * 12
        + b"\0" * 67,
        b"wtpt": _xyz(0.9642, 1.0, 0.8249),
        b"rXYZ": _xyz(0.5151, 0.2412, -0.0011),
        b"gXYZ": _xyz(0.2920, 0.6922, 0.0419),
        b"bXYZ": _xyz(0.1571, 0.0666, 0.7841),
        b"rTRC": b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0",
        b"cprt": b"text" + b"\0" * 4 + b"No copyright, test profile\0",
    }
    tags[b"gTRC"] = tags[b"bTRC"] = tags[b"rTRC"]
    table, data = b"", b""
    offset = 128 + 4 + 12 * len(tags)
    placed: dict[bytes, tuple[int, int]] = {}
    for signature, body in tags.items():
        if body not in [tags[s] for s in placed]:
            while (offset + len(data)) % 4:
                data += b"\0"
            placed[signature] = (offset + len(data), len(body))
            data += body
        else:
            first = next(s for s in placed if tags[s] == body)
            placed[signature] = placed[first]
        table += signature + struct.pack(">II", *placed[signature])
    body = struct.pack(">I", len(tags)) + table + data
    size = 128 + len(body)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + bytes([2, 0x10, 0, 0])
        + b"mntr"
        + b"RGB "
        + b"XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"APPL"
        + b"\0" * 4
        + b"\0" * 4
        + b"\0" * 4
        + b"\0" * 8
        + b"\0" * 4
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + b"\0" * 4
        + b"\0" * 16
        + b"\0" * 28
    )
    assert len(header) == 128, len(header)
    return header + body
