"""A moved post's old addresses (``redirect_from``) must be free.

The build writes a forwarding page at each old address (``site/pages.py``,
through :func:`pagename`); at the address of the home page, of a page such as
/about/, of a post, or of another post's old address, it would silently
replace that page.
"""

from pathlib import Path

from ..posts.schema import Problem
from .checked import CheckedPost, shown


def pagename(old: str) -> str:
    """The page a redirect from *old* is written as: ``/post/x/`` -> ``post/x``."""
    return old.strip("/").removesuffix(".html").removesuffix("/index") or "index"


def _page_of(docname: str) -> str:
    return docname.removesuffix("/index") if docname != "index" else "index"


def check(srcdir: Path, posts: list[CheckedPost]) -> list[Problem]:
    if not any(post.meta.redirect_from for post in posts):
        return []  # every build checks: most have nothing to look up in the site's pages
    taken: dict[str, str] = {"index": "the home page"}
    for path in sorted(srcdir.rglob("*.md")):
        rel = path.relative_to(srcdir)
        if rel.parts[0] != "posts" and path.name != "README.md" and rel.parts[0][0] not in "._":
            taken.setdefault(_page_of(rel.with_suffix("").as_posix()), f"the page {shown(path)}")
    for post in posts:
        taken[_page_of(post.docname)] = f"the post {shown(post.path)}"
    problems = []
    for post in sorted(posts, key=lambda p: (p.meta.date is None, p.meta.date, p.docname)):
        line = post.meta.key_lines.get("redirect_from", 1)
        for old in post.meta.redirect_from:
            if not old.startswith("/") or "://" in old:
                continue  # the schema reports it
            name = pagename(old)
            there = taken.setdefault(name, f"an old address of {shown(post.path)}")
            if name == _page_of(post.docname):
                message = f"“{old}” is this post's own address"
                fix = "remove it from `redirect_from`"
            elif there.startswith("an old address of "):
                if there.endswith(shown(post.path)):
                    continue
                message = f"“{old}” is already {there}"
                fix = "keep it in one post's `redirect_from` only"
            else:
                message = f"“{old}” is the address of {there}"
                fix = "a forwarding page there would replace it: remove it from `redirect_from`"
            problems.append(Problem(shown(post.path), line, message, fix))
    return problems
