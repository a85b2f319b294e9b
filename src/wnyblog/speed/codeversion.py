"""Which code built the last build: this package's Python code and every
installed distribution, as one number kept beside the doctrees.

When it changes, the build reads every post again and writes every page again
(``speed.incremental`` keys pages on it too): what the last build made with
other code is not trusted. It is never written into the published site.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path
from typing import TYPE_CHECKING

from .. import upstream

if TYPE_CHECKING:
    from sphinx.application import Sphinx


# The whole package (this file is in its speed/ folder).
PACKAGE = Path(__file__).parents[1]
STAMP = "wnyblog-code.txt"  # in the doctree folder


def installed() -> list[str]:
    """Installed distributions by folder name, which carries the version: those
    in site-packages and anywhere else on Python's path (PYTHONPATH)."""
    names: set[str] = set()
    for folder in dict.fromkeys([sysconfig.get_paths()["purelib"], *sys.path]):
        try:
            names.update(n for n in os.listdir(folder or ".") if n.endswith(".dist-info"))
        except OSError:
            continue
    return sorted(names)


def code_version() -> int:
    """A number that changes whenever this package's Python code (or JSON rules) or any
    installed package does. The build then reads every post again
    (:func:`discard_stale_environment`) and incremental.py writes every page
    again: what the last build made with other code is not trusted. It is
    kept with the build's state, never in the published site."""
    digest = hashlib.sha256(json.dumps([sys.version, installed()]).encode())
    # The rules the checks read from JSON (editor/location-rules.json) are code too.
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.json")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:15], 16)


def discard_stale_environment(app: Sphinx) -> None:
    """At ``config-inited`` (Sphinx loads its saved environment right after): an
    environment read by other code is thrown away, so every post is read again,
    and the checks it remembered (``checkmemo``) too.

    This is what an extension's ``env_version`` would do, but Sphinx also
    writes every ``env_version`` into the published search index: a number
    that follows the installed packages would make the same sources publish
    different bytes on machines with different tools installed.
    """
    stamp = Path(app.doctreedir, STAMP)
    version = str(code_version())
    try:
        if stamp.read_text() == version:
            return
    except OSError:
        pass
    # Imported here: the build's front end imports this module to decide
    # whether to build at all, and checkmemo brings in every check.
    from . import checkmemo

    upstream.discard_saved_environment(app)
    # Checks remembered by other code may not be what this code finds.
    Path(app.doctreedir, checkmemo.FILE).unlink(missing_ok=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(version)
