"""Which files a page may read while the site is built, and what a writer is
told when it reaches further.

A post reads only files in its own folder (``docs/posts/<year>/<slug>/``);
the site's other pages read files anywhere in the source folder (``docs/``).
Nothing is fetched from the network. Symbolic links are followed before
deciding: a link in a post's folder to a file elsewhere is elsewhere.

Every directive, role and Markdown construct that reads a file asks
:func:`refusal` (:mod:`.insertion` finds them); this module knows no Sphinx.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..posts import filenames
from .checked import shown


@dataclass(frozen=True)
class Target:
    """A file (or web address) something in a page would read.

    *reader* names what reads it ("`{include}`", or "image" and "download"
    for what Sphinx copies into the site); *written* is what the writer typed;
    *path* is the absolute path read, before the system follows the links in
    it (None for a web address); *real* is the file the reader opens, when it
    says so itself (else the system's answer for *path*).
    """

    reader: str
    written: str
    path: str | None
    real: str | None = None

    @property
    def subject(self) -> str:
        if self.reader in ("image", "download"):
            return {"image": "the image", "download": "the file linked for download"}[
                self.reader
            ] + f" “{self.written}”"
        return f"the file “{self.written}” that {self.reader} reads"


def allowed_folder(srcdir: str | os.PathLike[str], source: str | os.PathLike[str]) -> str:
    """The real folder the page read from *source* may read files from: a
    post's own folder, or the whole source folder for the site's other pages."""
    srcdir = os.path.realpath(srcdir)
    folder = os.path.realpath(os.path.dirname(os.path.abspath(source)))
    posts = os.path.join(srcdir, "posts")
    if folder != posts and _within(folder, posts):
        return folder
    return srcdir


def is_post_folder(srcdir: str | os.PathLike[str], folder: str) -> bool:
    return folder != os.path.realpath(srcdir)


def is_url(text: str) -> bool:
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.replace("+", "").replace("-", "").replace(".", "").isalnum()


def as_named(written: str) -> str:
    """The file name a Markdown image or link means: a space in a file name
    is written %20 (GitHub's preview reads it so), and MyST hands images on
    with every space and accent so encoded, even from `<IMG 1234.JPG>`."""
    return unquote(written) if "%" in written and not is_url(written) else written


def refusal(target: Target, folder: str, is_post: bool) -> tuple[str, str] | None:
    """(message, fix) when *target* may not be read by a page whose allowed
    folder is *folder*; None when it may."""
    where = shown(Path(folder))
    own = "the post's folder" if is_post else "the site's docs folder"
    refused = filenames.refused(target.path or target.written)
    if refused is not None:
        return f"{target.subject} {refused}", filenames.FIX
    if target.path is None:
        return (
            f"{target.reader} fetches “{target.written}” from another site: nothing is "
            "fetched while the blog is built",
            f"save the file in {where} and give its name with `:file:` instead",
        )
    if _within(os.path.realpath(target.real or target.path), folder):
        return None
    if _within(os.path.normpath(target.path), folder):
        return (
            f"{target.subject} is a link to a file outside {own}",
            f"copy the file itself into {where} in place of the link",
        )
    return (
        f"{target.subject} is outside {own}",
        f"put the file in {where} and give just its name",
    )


def _within(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives (Windows)
        return False
