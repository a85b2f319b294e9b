"""A real browser on the built site: Debian's Chromium driven by Playwright,
the site served over HTTP on 127.0.0.1, axe-core for accessibility."""

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from helpers import PagesHandler

CHROMIUM = "/usr/bin/chromium"
# As root in a container, and with none of Chromium's own calls home (the
# machine reaches no other host; they would only slow every start).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 390}
MODES = ("light", "dark")
# WCAG 2.0, 2.1 and 2.2, levels A and AA: every rule axe-core has for them.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
_AXE = Axe()


def require_chromium() -> str:
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: `apt-get install -y chromium` (.ci/run does this in CI)"
        )
    return CHROMIUM


class Server:
    """A built site on a free port of 127.0.0.1, served from a thread at the
    path of its public address (``/blog/`` for https://host/blog/)."""

    def __init__(self, root, public_url: str):
        prefix = "/" + urlsplit(public_url).path.strip("/") + "/"
        prefix = "/" if prefix == "//" else prefix
        not_found = Path(root, "404.html")
        handler = type(
            "Handler",
            (PagesHandler,),
            {"prefix": prefix, "not_found": not_found.read_bytes() if not_found.exists() else None},
        )
        handler = functools.partial(handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.base = self.origin + prefix

    def url(self, path: str = "") -> str:
        return self.base + path

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def open_page(
    browser,
    *,
    width: int = 1280,
    mode: str = "light",
    theme: str | None = None,
    pixel_ratio: float = 1,
):
    """A new page in a fresh context: a *width* px wide window whose system
    colour scheme is *mode*, with *pixel_ratio* screen pixels per CSS pixel;
    *theme* is the reader's saved Furo choice."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=mode,
        reduced_motion="reduce",
        device_scale_factor=pixel_ratio,
    )
    if theme is not None:
        context.add_init_script(f"localStorage.setItem('theme', {theme!r});")
    return context.new_page()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG A/AA violations on the page, one line per failing node."""
    results = _AXE.run(page, options=AXE_OPTIONS).response
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} — {node['failureSummary']}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


def press_tab(page) -> dict:
    """Press Tab, give the newly focused element up to a second to come into
    view (a skip link slides in), then describe it."""
    page.keyboard.press("Tab")
    # If it never shows, the caller's assertions report what is wrong with it.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"() => ({_FOCUSED})().visible", timeout=1000)
    return focused(page)


# Playwright evaluates plain expressions with eval(), which the site's policy
# forbids: every script the tests run in a page is a function.
def focused(page) -> dict:
    """What has the keyboard focus, where it is and how it shows."""
    return page.evaluate(_FOCUSED)


_FOCUSED = """() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
            tag: el.tagName.toLowerCase(),
            text: (el.innerText || el.value || "").trim(),
            href: el.getAttribute("href"),
            label: el.getAttribute("aria-label"),
            classes: el.className,
            outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
            shadow: style.boxShadow,
            visible: el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                && box.width > 0 && box.height > 0
                && box.bottom > 0 && box.right > 0
                && box.top < innerHeight && box.left < innerWidth,
            inSidebar: Boolean(el.closest(".sidebar-drawer, .toc-drawer")),
            index: [...document.querySelectorAll("*")].indexOf(el),
        };
    }"""
