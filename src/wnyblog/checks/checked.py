"""A post as the checks found it, and file paths as a writer reads them."""

import os
from dataclasses import dataclass
from pathlib import Path

from ..posts.schema import PostMeta


@dataclass
class Post:
    path: Path  # the index.md
    docname: str  # e.g. posts/2026/slug/index
    meta: PostMeta
    title: str | None

    @property
    def url(self) -> str:
        return "/" + self.docname.removesuffix("index")

    @property
    def slug(self) -> str:
        return self.path.parent.name


def shown(path: Path) -> str:
    """A path as the writer will recognise it: relative to where they are."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
