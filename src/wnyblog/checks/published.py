"""The addresses readers can open today, read from git: the posts live on the
base branch (what GitHub Pages publishes), with their old addresses.

No file records them: a post is live on the base branch when its file is
there, is not a draft and its date has come (a post merged with a future date
goes live on its day, with the daily build). The base branch is

- ``BLOG_BASE_REF`` when set (a branch, tag or commit);
- on a GitHub pull request, ``GITHUB_BASE_REF`` (the branch it merges into),
  as ``origin/<branch>`` or ``<branch>``;
- otherwise the clone's ``origin/HEAD`` (what a fresh ``git clone`` knows as
  the repository's main branch), ``origin/main`` or ``main``.

The change is compared with the point where it left that branch (``git
merge-base``), so a branch that is behind does not see the newer posts of
others as its own removals. A folder that is no git clone has published
nothing. A clone without the base branch (a shallow clone on GitHub fetches
only the pull request's own commit) cannot tell: :func:`base_posts` says why,
and the caller decides.
"""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..gitrun import git
from ..posts import frontmatter

POST_PARTS = 3  # posts/<year>/<slug>/index.md


@dataclass(frozen=True)
class BasePost:
    """A post as it is on the base branch."""

    path: str  # e.g. posts/2026/slug/index.md, relative to the source folder
    text: str  # its whole file, to recognise it after a move
    draft: bool
    date_text: str | None
    redirect_from: tuple[str, ...]

    @property
    def url(self) -> str:
        return "/" + self.path.removesuffix("index.md")


@dataclass(frozen=True)
class BaseBranch:
    """What git knows of the base branch: its posts, or why none are known."""

    ref: str | None  # as the writer would name it, e.g. origin/main
    posts: tuple[BasePost, ...] = ()
    missing: str | None = None  # why the base branch is unknown


def base_posts(srcdir: Path) -> BaseBranch:
    """The posts of the base branch, at the point where this change left it."""
    if git(srcdir, "rev-parse", "--is-inside-work-tree") is None:
        return BaseBranch(None)  # not a clone (a copy of the files): nothing was published
    candidates = _base_candidates()
    for ref in candidates:
        if git(srcdir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is not None:
            break
    else:
        return BaseBranch(
            None,
            missing=f"this clone has no {' or '.join(candidates)}"
            + (" (it is shallow)" if _is_shallow(srcdir) else ""),
        )
    fork = (git(srcdir, "merge-base", ref, "HEAD") or "").strip()
    commit = fork or ref  # unrelated histories: the branch's tip
    listing = git(srcdir, "ls-tree", "-r", "--name-only", "--full-name", commit, "--", "posts")
    prefix = (git(srcdir, "rev-parse", "--show-prefix") or "").strip()
    names = [
        name
        for name in (listing or "").splitlines()
        if name.endswith("/index.md") and len(Path(name).relative_to(prefix).parts) == 4
    ]
    texts = _read_blobs(srcdir, [f"{commit}:{name}" for name in names])
    posts = tuple(
        _base_post(Path(name).relative_to(prefix).as_posix(), text)
        for name, text in zip(names, texts, strict=True)
        if text is not None
    )
    return BaseBranch(ref, posts)


def _base_candidates() -> list[str]:
    explicit = os.environ.get("BLOG_BASE_REF", "").strip()
    if explicit.strip("0"):  # a push that made a branch has no "before": all zeros
        return [explicit]
    github = os.environ.get("GITHUB_BASE_REF", "").strip()
    if github:
        return [f"origin/{github}", github]
    return ["origin/HEAD", "origin/main", "main"]


def _base_post(path: str, text: str) -> BasePost:
    """The settings that decide whether and where a post was live. A file the
    base branch holds but cannot read is taken as live at its own address."""
    try:
        data = frontmatter.split(text).data
    except frontmatter.FrontMatterError:
        data = {}
    old: object = data.get("redirect_from") or ()
    return BasePost(
        path,
        text,
        data.get("draft") is True,
        None if data.get("date") is None else str(data["date"]),
        tuple(str(item) for item in _as_list(old)),
    )


def _read_blobs(srcdir: Path, objects: list[str]) -> list[str | None]:
    """Every object's text in one ``git cat-file --batch`` (one process, not one per post)."""
    if not objects:
        return []
    done = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=srcdir,
        input="\n".join(objects).encode() + b"\n",
        capture_output=True,
        check=False,
    )
    out, at = done.stdout, 0
    texts: list[str | None] = []
    for _ in objects:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3 or header[1] != b"blob":
            texts.append(None)
            at = end + 1
            continue
        size = int(header[2])
        texts.append(out[end + 1 : end + 1 + size].decode("utf-8-sig", errors="replace"))
        at = end + 1 + size + 1
    return texts


def _is_shallow(srcdir: Path) -> bool:
    return (git(srcdir, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def _as_list(value: object) -> list[object]:
    """A setting written as one value or as a list, as a list."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value]
