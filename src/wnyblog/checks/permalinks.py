"""Published addresses stay: every address a post was ever published at is
recorded in ``docs/permalinks.txt``; a post that moves needs ``redirect_from``."""

import datetime as dt
from pathlib import Path

from ..posts.schema import Problem
from .checked import CheckedPost, shown

RECORD = "permalinks.txt"  # in the source folder: every address ever published


def check(srcdir: Path, posts: list[CheckedPost], today: dt.date | None) -> list[Problem]:
    record = srcdir / RECORD
    if not record.exists():
        return []
    live = {p.url for p in posts if p.meta.is_published(today)}
    redirected = {_as_dir(old) for p in posts for old in p.meta.redirect_from}
    problems = []
    for number, line in enumerate(record.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#") or url in live or url in redirected:
            continue
        moved = _likely_new_home(url, posts)
        target = f"in {shown(moved.path)} " if moved else "in the post's new front matter "
        problems.append(
            Problem(
                shown(record),
                number,
                f"{url} was published but no post is there any more",
                f"if the post moved, add {target}the line `redirect_from: [{url}]`; if it was "
                "taken down on purpose, delete this line",
            )
        )
    return problems


def _as_dir(path: str) -> str:
    return path.rstrip("/") + "/"


def _likely_new_home(url: str, posts: list[CheckedPost]) -> CheckedPost | None:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    return next((p for p in posts if p.slug == slug and p.url != url), None)


def record_new(srcdir: Path, posts: list[CheckedPost], today: dt.date | None = None) -> list[str]:
    """Add the addresses of newly published posts to the record; return them."""
    record = srcdir / RECORD
    existing = record.read_text(encoding="utf-8") if record.exists() else _RECORD_HEADER
    new = sorted({url for _, url in _unrecorded(existing, posts, today)})
    if new:
        record.write_text(existing.rstrip("\n") + "\n" + "\n".join(new) + "\n", encoding="utf-8")
    return new


def unrecorded(
    srcdir: Path, posts: list[CheckedPost], today: dt.date | None = None
) -> list[Problem]:
    """Published addresses missing from the record, for a check that cannot
    add them itself (on GitHub, whose copy of the files is thrown away): a
    warning on each post, with the line the writer adds."""
    record = srcdir / RECORD
    existing = record.read_text(encoding="utf-8") if record.exists() else ""
    return [
        Problem(
            shown(post.path),
            1,
            f"the address {url} is not recorded in {shown(record)} yet",
            f"add the line {url} at the end of {shown(record)}, in the same pull request: "
            "then the check makes sure this address keeps working",
            "warning",
        )
        for post, url in _unrecorded(existing, posts, today)
    ]


def _unrecorded(
    record_text: str, posts: list[CheckedPost], today: dt.date | None
) -> list[tuple[CheckedPost, str]]:
    known = {line.strip() for line in record_text.splitlines()}
    found: dict[str, CheckedPost] = {}
    for post in posts:
        if post.meta.is_published(today):
            for url in (post.url, *(_as_dir(old) for old in post.meta.redirect_from)):
                if url not in known:
                    found.setdefault(url, post)
    return [(post, url) for url, post in sorted(found.items())]


_RECORD_HEADER = """\
# Every address a post has been published at. `blog check` adds new ones and
# fails when one of these stops working: a moved post needs `redirect_from`.
# Commit this file with your posts. Delete a line only when a post is taken
# down on purpose.
"""
