"""Each stylesheet's and script's checksum found once per process, not per page.

Sphinx adds ``?v=<checksum>`` to every page's stylesheet and script links.
It remembers each file's checksum by its resolved path, but resolves the
path again for every link of every page: a dozen ``realpath`` walks a page,
about 1 CPU-second of a 1,000-post build. The checksums are remembered here
by the (output folder, file name) they are asked for, which resolve to the
path Sphinx keys them by, so a page gets the same links either way.
"""

import functools
import os
from pathlib import Path

from .. import upstream
from ..upstream import AssetChecksum


def install() -> None:
    upstream.memoise_asset_checksum(memoised)


def memoised(checksum: AssetChecksum) -> AssetChecksum:
    known: dict[tuple[str, str], str] = {}

    @functools.wraps(checksum)
    def remembered(outdir: Path, filename: "str | os.PathLike[str]") -> str:
        key = (os.fspath(outdir), os.fspath(filename))
        found = known.get(key)
        if found is None:
            found = known[key] = checksum(outdir, filename)
        return found

    return remembered
