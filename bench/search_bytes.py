"""What one search costs a reader: bytes on the wire, as GitHub Pages sends them.

    python bench/search_bytes.py SITE_DIR [--words sleep anxiety "caregiving routine"]

SITE_DIR is a built site (``make html``'s ``_build/html``, or a benchmark
site kept with ``bench/bench.py --keep DIR``: ``DIR/ours/_build/html``). It is
served under ``/blog/`` from 127.0.0.1; for each search, Chromium (390 px
wide, a fresh profile, so nothing is cached) opens ``search/?q=WORDS`` and
every byte the server sends is counted, from the page's first request until
8 s after the first result shows. Text (HTML, CSS, JavaScript, JSON, SVG, XML)
is counted gzipped, as GitHub Pages sends it; everything else (Pagefind's
index chunks and WebAssembly, already compressed, and pictures) as it is.

Needs the test tools (``make .venv/.dev``): Playwright and Debian's Chromium.
"""

import argparse
import functools
import gzip
import http.server
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "/blog/"
BUDGET = 300_000  # bytes on the wire per search (issue 19)
WORDS = ("sleep", "anxiety", "caregiving routine")
SETTLE = 8.0  # seconds counted after the first result
WIDTH = 390
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run"]
# GitHub Pages compresses these; Pagefind's own files are gzip already.
TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


@dataclass
class Search:
    """One search and what it cost."""

    words: str
    results: int = 0
    wire: int = 0  # bytes as sent: text gzipped
    raw: int = 0  # bytes of the files served, uncompressed
    files: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes on the wire)


class _Counter:
    """Every file the server sent since the last reset."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int, int]] = []

    def add(self, path: str, raw: bytes) -> None:
        wire = len(gzip.compress(raw, 9)) if path.endswith(TEXT) or path.endswith("/") else len(raw)
        with self.lock:
            self.sent.append((path, len(raw), wire))

    def take(self) -> list[tuple[str, int, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent


class _Handler(http.server.SimpleHTTPRequestHandler):
    counter: _Counter

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX) :]
        return super().translate_path(path)

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.counter.add(self.path.split("?", 1)[0], data)
        outputfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, _Counter, str]:
    """The site under /blog/ on a free port: (server, its counter, the base URL)."""
    counter = _Counter()
    handler = functools.partial(
        type("Handler", (_Handler,), {"counter": counter}), directory=str(root)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, counter, f"http://127.0.0.1:{server.server_port}{PREFIX}"


def search(browser, base: str, counter: _Counter, words: str, timeout: float = 60) -> Search:
    """Open the search page for *words* in a fresh context and count its bytes."""
    from urllib.parse import quote

    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    counter.take()
    try:
        page.goto(base + "search/?q=" + quote(words))
        page.wait_for_selector(".pagefind-ui__result", timeout=timeout * 1000)
        time.sleep(SETTLE)
        found = Search(words, results=len(page.query_selector_all(".pagefind-ui__result")))
    finally:
        context.close()
    for path, raw, wire in counter.take():
        found.raw += raw
        found.wire += wire
        found.files.append((path, wire))
    return found


def measure(root: Path, words=WORDS, browser=None) -> list[Search]:
    """Each search of *words* on the site at *root*, served under /blog/, in
    *browser* (a Playwright Chromium; one is started when None)."""
    server, counter, base = serve(root)
    try:
        if browser is not None:
            return [search(browser, base, counter, w) for w in words]
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return [search(own, base, counter, w) for w in words]
            finally:
                own.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (its index.html's folder)")
    parser.add_argument("--words", nargs="+", default=list(WORDS))
    parser.add_argument("--files", action="store_true", help="list every file each search fetched")
    args = parser.parse_args(argv)
    pages = len(list(args.site.glob("posts/*/*/index.html")))
    print(f"{args.site}: {pages} posts, served under {PREFIX}, Chromium at {WIDTH} px")
    over = False
    for found in measure(args.site, args.words):
        over |= found.wire > BUDGET or found.results == 0
        print(
            f"{found.words!r:24} {found.results:3} results shown  "
            f"{found.wire / 1000:7.1f} KB on the wire ({found.raw / 1000:7.1f} KB uncompressed, "
            f"{len(found.files)} files)"
        )
        if args.files:
            for path, wire in found.files:
                print(f"    {wire:8} {path}")
    print(f"budget: {BUDGET / 1000:.0f} KB per search: {'EXCEEDED' if over else 'kept'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
