"""Published addresses stay: every address that is live on the base branch
(``checks/published.py`` reads them from git) still leads somewhere.

- A post that moved (its folder renamed, its year changed) must keep its old
  address in ``redirect_from``: readers' bookmarks and links lead there.
- An old address in ``redirect_from`` stays there.
- Taking a post down is deliberate, and needs no list to edit: delete the
  post (its whole folder; the editor's Delete does that) or mark it
  ``draft: true``. A deleted post is told apart from a moved one by its text,
  title and folder name: if another post carries them, it moved.
"""

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from ..posts import dates, schema
from ..posts.schema import Problem
from . import body
from .checked import CheckedPost, shown
from .published import BaseBranch, BasePost, base_posts

# How alike a new post's text must be to a removed one to count as the same
# post moved (difflib's ratio; an edited post stays well above it).
SAME_POST = 0.6


@dataclass(frozen=True)
class TakenDown:
    """A live post this change takes down on purpose: shown, not refused."""

    path: str  # the post's file, as the writer reads it
    url: str
    how: str  # "deleted" or "marked as a draft"


def check(
    srcdir: Path, posts: list[CheckedPost], today: dt.date | None, base: BaseBranch | None = None
) -> list[Problem]:
    """A problem for each live address of the base branch this change breaks."""
    base = base_posts(srcdir) if base is None else base
    here = {post.url: post for post in posts}
    redirected = {_as_dir(old) for post in posts for old in post.meta.redirect_from}
    problems = []
    for old in _live(base, today):
        if old.url in here or old.url in redirected:
            continue
        home = _new_home(old, posts, base)
        if home is None:
            continue  # deleted: taken down on purpose (see taken_down)
        problems.append(_moved(old.url, home))
    for old in _live(base, today):
        post = here.get(old.url)
        for address in map(_as_dir, old.redirect_from):
            if post is None or address in redirected or address in here:
                continue
            problems.append(
                Problem(
                    shown(post.path),
                    post.meta.key_lines.get("redirect_from", 1),
                    f"readers who open the old address {address} are sent to this post today, "
                    "and this change stops that",
                    f"keep {address} in the post's old addresses: the line "
                    f"`redirect_from: [{address}]` (several addresses go between the brackets, "
                    "separated by commas)",
                )
            )
    return problems


def taken_down(
    srcdir: Path, posts: list[CheckedPost], today: dt.date | None, base: BaseBranch | None = None
) -> list[TakenDown]:
    """The live posts this change deletes or turns into drafts, for a note."""
    base = base_posts(srcdir) if base is None else base
    here = {post.url: post for post in posts}
    found = []
    for old in _live(base, today):
        post = here.get(old.url)
        if post is None and (srcdir / old.path).exists():
            continue  # still there, but unreadable: its own problem is reported
        if post is None and _new_home(old, posts, base) is None:
            found.append(TakenDown(shown(srcdir / old.path), old.url, "deleted"))
        elif post is not None and post.meta.draft:
            found.append(TakenDown(shown(post.path), old.url, "marked as a draft"))
    return found


def _live(base: BaseBranch, today: dt.date | None) -> list[BasePost]:
    """The base branch's posts readers can open: not drafts, and due."""
    live = []
    for post in base.posts:
        try:
            due = post.date_text is not None and dates.is_due(
                dates.parse_post_date(post.date_text), on=today
            )
        except dates.DateError:
            due = False  # the build refused it: it never went live
        if due and not post.draft:
            live.append(post)
    return live


def _moved(url: str, home: CheckedPost) -> Problem:
    return Problem(
        shown(home.path),
        home.meta.key_lines.get("redirect_from", 1),
        f"this post is published at {url} today, and this change moves it to {home.url}: "
        "links and bookmarks to the old address would stop working",
        f"keep the old address by adding the line `redirect_from: [{url}]` to the settings at "
        "the top of the post (in the editor: “Old addresses”); if the post should stay where "
        "it was, move it back",
    )


def _new_home(old: BasePost, posts: list[CheckedPost], base: BaseBranch) -> CheckedPost | None:
    """The post *old* became, if it still exists elsewhere: same folder name,
    same title, or much the same text as a post the base branch lacks."""
    slug = old.path.rsplit("/", 2)[-2]
    title = _title(old)
    others = [post for post in posts if post.url != old.url]
    for post in others:
        if post.slug == slug or (title is not None and post.title == title):
            return post
    known = {"/" + post.path.removesuffix("index.md") for post in base.posts}
    for post in others:
        if post.url in known:
            continue
        try:
            text = post.path.read_text(encoding="utf-8-sig")
        except OSError:
            continue
        matcher = difflib.SequenceMatcher(None, old.text, text, autojunk=False)
        if matcher.real_quick_ratio() >= SAME_POST and matcher.ratio() >= SAME_POST:
            return post
    return None


def _title(old: BasePost) -> str | None:
    meta, _ = schema.read_post(old.text, old.path, schema.Vocabulary({}, (), ()))
    return body.title_of(meta) if meta is not None else None


def _as_dir(path: str) -> str:
    return path.rstrip("/") + "/"
