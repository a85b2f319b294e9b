"""Reading a built site the way a reader, a browser or a feed reader would."""

import contextlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html

REPO = Path(__file__).resolve().parents[1]
# Fixed inputs, so every test run sees the same site whatever the date or zone.
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1764000000", "TZ": "UTC"}
SPHINX_OPTIONS = ["-b", "dirhtml", "-W", "--keep-going", "-n"]
SITE_URL = "https://wny-psychiatry.github.io/blog/"
ATOM = "{http://www.w3.org/2005/Atom}"
NS = {
    "a": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


@dataclass
class Site:
    root: Path
    log: str
    returncode: int = 0

    def pages(self) -> list[Path]:
        """The readers' pages (not the writers' editor at admin/: tests/test_editor.py)."""
        return sorted(
            p
            for p in self.root.rglob("*.html")
            if not p.relative_to(self.root).as_posix().startswith("admin/")
        )

    def page(self, url_path: str):
        """Parse the page served at *url_path* (relative to the site root, e.g. "blog/tag/x/")."""
        path = self.root / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return html.parse(str(path)).getroot()

    def xml(self, rel: str):
        return etree.parse(str(self.root / rel)).getroot()

    def url_path(self, file: Path) -> str:
        rel = file.relative_to(self.root).as_posix()
        return rel.removesuffix("index.html")

    def exists(self, url_path: str) -> bool:
        path = self.root / unquote(url_path)
        return path.is_file() or (path / "index.html").is_file()


def text(element) -> str:
    return " ".join(element.text_content().split())


def article(doc):
    return doc.get_element_by_id("furo-main-content")


def resolve(site: Site, page: Path, ref: str) -> tuple[str, str] | None:
    """Map an internal href/src on *page* to (path relative to the site root, fragment)."""
    base = "https://site.invalid/" + site.url_path(page)
    target = urljoin(base, ref)
    parts = urlsplit(target)
    if parts.netloc != "site.invalid":
        return None
    return unquote(parts.path.lstrip("/")), parts.fragment


def build_env(extra: dict) -> dict:
    env = {**os.environ, **BUILD_ENV, **extra}
    for name in (
        "SITE_URL",
        "READTHEDOCS_CANONICAL_URL",
        "READTHEDOCS_VERSION_TYPE",
        "BLOG_PREVIEW",
    ):
        if name not in extra:
            env.pop(name, None)
    return env


def make_html(where: Path, env: dict | None = None) -> Site:
    """Build the real site with `make html`, into *where* (with *env* set)."""
    out, doctrees = where / "html", where / "doctrees"
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"OUT={out}", f"DOCTREES={doctrees}"],
        cwd=REPO,
        env=build_env(env or {}),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(out, result.stdout + result.stderr)


def build_root(
    name: str,
    where: Path,
    *,
    expect_ok: bool = True,
    env: dict | None = None,
    edit: Callable[[Path], None] | None = None,
) -> Site:
    """Build tests/roots/test-NAME (copied to *where*, then changed by *edit*)
    with the project's Sphinx options."""
    src = where / "src"
    shutil.copytree(REPO / "tests" / "roots" / f"test-{name}", src)
    if edit is not None:
        edit(src)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *SPHINX_OPTIONS,
            "-d",
            str(where / "doctrees"),
            str(src),
            str(where / "html"),
        ],
        env=build_env({"BLOG_TODAY": "2026-11-25", **(env or {})}),
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    if expect_ok:
        assert result.returncode == 0, log
    return Site(where / "html", log, result.returncode)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: the site under its path prefix, and
    the site's 404.html for any missing address."""

    prefix = "/"
    not_found: bytes | None = None

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory, "__not_in_this_site__"))
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.not_found)
        return None

    def log_message(self, format, *args):
        pass


def real_site(where: Path) -> Path:
    """A copy of this repository's site (conf.py and docs/) at *where*."""
    shutil.copytree(REPO / "docs", where / "docs")
    shutil.copy(REPO / "conf.py", where / "conf.py")
    return where


def repo_layout(name: str, where: Path) -> Path:
    """Lay tests/roots/test-NAME out like this repository: conf.py at *where*, sources in docs/."""
    shutil.copytree(REPO / "tests" / "roots" / f"test-{name}", where / "docs")
    shutil.move(where / "docs" / "conf.py", where / "conf.py")
    return where


def add_redirect(post: Path, old_address: str) -> None:
    """Give a post of the fixtures (whose settings name a category) an old address."""
    text = post.read_text(encoding="utf-8")
    line = f"redirect_from: [{old_address}]"
    post.write_text(text.replace("\ncategory: ", f"\n{line}\ncategory: ", 1), encoding="utf-8")


def sphinx_in_layout(site: Path, out: str, *, env: dict | None = None):
    """Run the project's Sphinx build in a repository-shaped *site*, as `make html` does."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            *SPHINX_OPTIONS,
            "-c",
            ".",
            "-d",
            out + "-doctrees",
            "docs",
            out,
        ],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25", **(env or {})}),
        capture_output=True,
        text=True,
    )


def make_target(
    site: Path, target: str, *variables: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the repository's Makefile target in a repository-shaped *site*, with this .venv."""
    venv = Path(sys.executable).parents[1]
    return subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "--no-print-directory", target]
        + [f"VENV={venv}", "-o", str(venv / ".site"), *variables],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25", **(env or {})}),
        capture_output=True,
        text=True,
    )


def make_html_in_layout(site: Path) -> subprocess.CompletedProcess:
    """What `make html` runs in a repository-shaped *site*: the build's front
    end (which checks conf.py and the vocabulary, then runs Sphinx)."""
    return subprocess.run(
        [sys.executable, "-m", "wnyblog.speed.frontend", *SPHINX_OPTIONS, "-c", "."]
        + ["-d", "_build/doctrees", "docs", "_build/html"],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25"}),
        capture_output=True,
        text=True,
    )


# The generated blog conftest's `generated_blog` builds once for the tests of
# incremental and fresh-checkout builds.
GENERATED_POSTS = 30


class BuiltBlog:
    """A generated blog built once and kept aside, so each test can start from
    the same build. A build records its folders, so every copy is put back at
    the same path (with its file times)."""

    def __init__(self, tmp_path_factory, name: str):
        self.work = Path(tmp_path_factory.getbasetemp()) / f"{name}-work"
        self._factory, self._name = tmp_path_factory, name
        self.snapshot: Path | None = None

    def keep(self) -> None:
        self.snapshot = self._factory.mktemp(f"{self._name}-base")
        shutil.copytree(self.work, self.snapshot, dirs_exist_ok=True)

    def restore(self) -> Path:
        shutil.rmtree(self.work)
        shutil.copytree(self.snapshot, self.work)
        return self.work


def published(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same_site(incremental: Path, clean: Path) -> None:
    got, want = published(incremental), published(clean)
    only_inc = sorted(set(got) - set(want))
    only_clean = sorted(set(want) - set(got))
    differ = sorted(name for name in set(got) & set(want) if got[name] != want[name])
    assert not (only_inc or only_clean or differ), (
        f"incremental build differs from a clean build:\n"
        f"  only in the incremental build: {only_inc[:20]}\n"
        f"  missing from the incremental build: {only_clean[:20]}\n"
        f"  different content ({len(differ)}): {differ[:20]}"
    )


def frontend_build(
    root: Path, out: Path, *, today: str, jobs: str | None = "auto", extra: tuple | list = ()
) -> str:
    """Build root/conf.py + root/docs into out/html (doctrees in out/doctrees)
    with the front end `make html` runs; the log, in plain text (CI=true would
    colour it)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wnyblog.speed.frontend",
            *SPHINX_OPTIONS,
            "--no-color",
            *(["-j", jobs] if jobs else []),
            *extra,
            "-c",
            str(root),
            "-d",
            str(out / "doctrees"),
            str(root / "docs"),
            str(out / "html"),
        ],
        env=build_env({"BLOG_TODAY": today}),
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return log


GIT = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org"]


def git(repo: Path, *args: str) -> str:
    """Run git in *repo* as a writer would; its output, stripped."""
    result = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def free_port() -> int:
    """A port on the loopback address that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_text(url: str) -> str | None:
    """The page at *url*, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate: Callable[[], object], timeout: float) -> object:
    """*predicate*'s first true value, asked five times a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


@contextlib.contextmanager
def preview_server(site: Path, port: int) -> Iterator[list[str]]:
    """`blog preview` running in *site* on *port*; the list it gives holds
    the server's output once it has stopped."""
    server = subprocess.Popen(
        [sys.executable, "-m", "wnyblog.cli.main", "preview", "--port", str(port)],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25"}),
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        yield output
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output.append(server.communicate(timeout=20)[0])
