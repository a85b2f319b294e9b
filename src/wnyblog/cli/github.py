"""``blog check`` on GitHub Actions: each problem on its line in the pull
request, and a summary of the run.

A step that prints ``::error file=…,line=…,title=…::message`` makes GitHub
show an annotation on that line of "Files changed"; Markdown appended to the
file named by ``$GITHUB_STEP_SUMMARY`` is shown on the run's page. Both are
written here from the same :class:`Problem` values ``blog check`` prints, so
this module does not care where the problems come from.

Which posts a pull request adds or changes comes from git: the files that
differ from the base branch (a pull request), from the commit before the push
(a push), or from the last commit (anything else). The checkout needs the
history for that (``fetch-depth: 0``); without it the summary says it cannot
tell rather than guessing.
"""

import datetime as dt
import html
import json
import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import config_values
from ..checks.checked import CheckedPost
from ..posts import dates
from ..posts.schema import ADVICE, Problem
from ..site import address

SUMMARY_TEMPLATE = "github/summary.md"
_NO_COMMIT = "0" * 40  # GitHub's "before" for a branch's first push


def active(environ: Mapping[str, str] = os.environ) -> bool:
    """True inside a GitHub Actions step (the runner sets GITHUB_ACTIONS=true)."""
    return environ.get("GITHUB_ACTIONS") == "true"


# -- Annotations ------------------------------------------------------------------------------


def escape_message(text: str) -> str:
    """A workflow command's message: GitHub reads %, CR and LF as its own."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also , and : (they separate properties)."""
    return escape_message(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(path: str | os.PathLike[str] | None, root: Path) -> str | None:
    """*path* (as a problem names it: relative to the current folder, or
    absolute) relative to the repository root; None when it is outside."""
    if not path:
        return None
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return None


def annotation(problem: Problem, root: Path) -> str:
    """One workflow command for *problem*: what is wrong as the title, the
    fix as the message, on the problem's file and line when it has them."""
    command = problem.severity if problem.severity in ("error", "warning") else "notice"
    properties = []
    file = repository_path(problem.path, root)
    if file is not None:
        properties.append(f"file={escape_property(file)}")
        if problem.line:
            properties.append(f"line={int(problem.line)}")
    properties.append(f"title={escape_property(problem.message)}")
    return f"::{command} {','.join(properties)}::{escape_message(problem.fix or problem.message)}"


# -- Which posts changed ------------------------------------------------------------------------


def repository_root(environ: Mapping[str, str] = os.environ) -> Path:
    """The checkout GitHub works in (GITHUB_WORKSPACE), else git's top folder."""
    workspace = environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(os.path.abspath(workspace))
    top = _git(Path.cwd(), "rev-parse", "--show-toplevel")
    return Path(top) if top else Path.cwd()


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _commit(root: Path, rev: str) -> bool:
    return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") is not None


def compared_with(root: Path, environ: Mapping[str, str] = os.environ) -> tuple[str, str] | None:
    """(git revision, how to say it) that this run's changes are counted from."""
    base = environ.get("GITHUB_BASE_REF")
    if base:  # a pull request: against its base branch, as "Files changed" does
        return (f"origin/{base}", f"the {base} branch") if _commit(root, f"origin/{base}") else None
    before = _push_before(environ)
    if before and before != _NO_COMMIT and _commit(root, before):
        return before, f"the commit before this push ({before[:7]})"
    if _commit(root, "HEAD^"):
        return "HEAD^", "the previous commit"
    return None


def _push_before(environ: Mapping[str, str]) -> str | None:
    if environ.get("GITHUB_EVENT_NAME") != "push" or not environ.get("GITHUB_EVENT_PATH"):
        return None
    try:
        event = json.loads(Path(environ["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    before = event.get("before") if isinstance(event, dict) else None
    return before if isinstance(before, str) else None


def changed_files(root: Path, base: str) -> dict[str, str] | None:
    """Repository path -> A (added), M (modified) or D (deleted) since the
    point where this branch left *base* (git's three-dot difference)."""
    out = _git(root, "diff", "--name-status", "--no-renames", "-z", f"{base}...HEAD")
    if out is None:
        return None
    fields = out.split("\0")
    return {path: status[0] for status, path in zip(fields[::2], fields[1::2], strict=False)}


@dataclass(frozen=True)
class ChangedPost:
    title: str
    file: str  # repository path of its index.md
    change: str  # new | changed | removed
    address: str  # the public address it has once merged (or had, when removed)
    status: str  # what happens to it when merged
    grade: float | None = None  # the reading grade of its prose (checks/reading.py)


def changed_posts(
    posts: Iterable[CheckedPost],
    changes: dict[str, str],
    srcdir: Path,
    root: Path,
    site_url: str,
    base: str,
) -> list[ChangedPost]:
    """The posts *changes* touch (the post or anything in its folder), and the
    posts it deletes (titled as they were in *base*), in file order."""
    today = dates.today()
    found: list[ChangedPost] = []
    files: set[str] = set()
    for post in posts:
        file = repository_path(post.path, root)
        if file is None or not any(p.startswith(file.rsplit("/", 1)[0] + "/") for p in changes):
            continue
        files.add(file)
        change = "new" if changes.get(file) == "A" else "changed"
        address_ = site_url + post.url.lstrip("/")
        grade = post.reading.grade if post.reading is not None else None
        found.append(
            ChangedPost(post.title or file, file, change, address_, _status(post, today), grade)
        )
    source = repository_path(srcdir, root)
    for file, status in changes.items():
        if status != "D" or file in files or source is None or not _is_post(file, source):
            continue
        url = file[len(source) + 1 :].removesuffix("index.md")
        title = _old_title(root, base, file) or file
        found.append(ChangedPost(title, file, "removed", site_url + url, "taken down"))
    return sorted(found, key=lambda p: p.file)


def _old_title(root: Path, base: str, file: str) -> str | None:
    text = _git(root, "show", f"{base}:{file}") or ""
    return next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), None)


def _is_post(file: str, source: str | None) -> bool:
    return (
        source is not None
        and re.fullmatch(re.escape(source) + r"/posts/\d+/[^/]+/index\.md", file) is not None
    )


def _status(post: CheckedPost, today: dt.date) -> str:
    meta = post.meta
    if meta.draft:
        return "draft: not published"
    if meta.date is None:
        return "not published: it has no date"
    if not meta.is_published(today):
        return f"scheduled: goes live on {meta.date:%Y-%m-%d}"
    return "published when merged"


# -- The job summary ----------------------------------------------------------------------------


def cell(text: str) -> str:
    """Text for one Markdown table cell: `code` as <code>, everything else
    escaped, so a message quoting <iframe> or a | cannot break the table."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick is just a character
        parts = [("`".join(parts))]
    out = []
    for number, part in enumerate(parts):
        escaped = html.escape(part, quote=False).replace("|", "&#124;")
        out.append(f"<code>{escaped}</code>" if number % 2 else escaped)
    return "".join(out).replace("\r\n", "\n").replace("\n", "<br>")


def summary(
    problems: Sequence[Problem],
    count: int,
    changed: list[ChangedPost] | None,
    compared: str | None,
    root: Path,
) -> str:
    environment = Environment(
        loader=FileSystemLoader(config_values.TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cell"] = cell
    errors = sum(1 for p in problems if p.severity == "error")
    advice = sum(1 for p in problems if p.severity == ADVICE)
    rows = [(repository_path(p.path, root) or str(p.path or ""), p.line or "", p) for p in problems]
    return environment.get_template(SUMMARY_TEMPLATE).render(
        count=count,
        errors=errors,
        warnings=len(problems) - errors - advice,
        advice=advice,
        rows=rows,
        changed=changed,
        compared=compared,
    )


def report(
    problems: Sequence[Problem],
    posts: Sequence[CheckedPost],
    srcdir: Path,
    site_url: str,
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Print an annotation per problem and append the summary, if GitHub asked for one."""
    root = repository_root(environ)
    for problem in problems:
        print(annotation(problem, root))
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    base = compared_with(root, environ)
    changes = changed_files(root, base[0]) if base else None
    if changes is None or base is None:
        changed, compared = None, None
    else:
        url = address.public_url(str(site_url or config_values.SETTINGS["site_url"][0]))
        changed = changed_posts(posts, changes, srcdir, root, url, base[0])
        compared = base[1]
    text = summary(problems, len(posts), changed, compared, root)
    with open(target, "a", encoding="utf-8") as f:
        f.write(text)
