"""``blog strip-location [PATH...]``: take location data and camera serial
numbers out of pictures, in place, so they never reach the repository.

Only the metadata changes (``checks/location.py``): a JPEG is not re-encoded,
its pixels, orientation, colour profile and gain map stay. With no PATH, every
picture under the site's source folder; a folder means every picture in it.
"""

import argparse
from pathlib import Path

from ..checks import location
from ..checks.checked import shown
from ..checks.runner import IMAGE_SUFFIXES
from .errors import UserError


def run_strip_location(args: argparse.Namespace) -> int:
    """Strip each picture named (or every one under docs/) and say what each lost."""
    pictures = _pictures(args.paths or [args.docs])
    stripped = 0
    for path in pictures:
        removed = location.strip_file(path)
        if removed:
            stripped += 1
            print(f"{shown(path)}: removed {', '.join(removed)}")
    print(
        f"{stripped} of {len(pictures)} picture{'s' if len(pictures) != 1 else ''} "
        "had location data or a serial number" + ("; now they have none." if stripped else ".")
    )
    return 0


def _pictures(paths: list[Path]) -> list[Path]:
    """The picture files *paths* name: files as given, folders searched whole."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in IMAGE_SUFFIXES - {".svg"} and p.is_file()
            ]
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(f"{path}: no such file or folder — give a picture or a folder")
    return list(dict.fromkeys(found))
