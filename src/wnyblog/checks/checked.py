"""A post as the checks found it, and file paths as a writer reads them."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..posts.schema import PostMeta
from ..posts.schema import shown as shown  # how every check names a file

if TYPE_CHECKING:
    from .reading import Reading


@dataclass
class CheckedPost:
    path: Path  # the index.md
    docname: str  # e.g. posts/2026/slug/index
    meta: PostMeta
    title: str | None
    reading: "Reading | None" = None  # the prose's reading grade (checks/reading.py)

    @property
    def url(self) -> str:
        return "/" + self.docname.removesuffix("index")

    @property
    def slug(self) -> str:
        return self.path.parent.name
