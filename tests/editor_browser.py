"""The web editor in Chromium, on a repository: Sveltia CMS's local-repository
mode, with the browser's directory picker handing over a copy of the
repository kept in the page's private file system (OPFS), filled from and
copied back to a folder on disk. Every request is recorded; any to another
origin than the site and GitHub's API is refused and reported."""

import base64
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from browser import Server

GITHUB_API = "https://api.github.com"
# The guide's screenshots are these tests' own. A test run writes them under
# _build/ (a run must not change tracked files); UPDATE_SCREENSHOTS=1 puts them
# in the guide (WRITING.md links guide/screenshots/).
_REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = _REPO / (
    "guide/screenshots" if os.environ.get("UPDATE_SCREENSHOTS") else "_build/screenshots"
)
# Generous: two cores are shared by many builds and browsers.
TIMEOUT = 60_000

# The directory picker answers with a folder of the page's own file system.
PICKER = """
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("repo", { create: true });
"""

FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry("repo", { recursive: true }); } catch {}
  const repo = await root.getDirectoryHandle("repo", { create: true });
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split("/");
    let dir = repo;
    for (const part of parts.slice(0, -1)) {
      dir = await dir.getDirectoryHandle(part, { create: true });
    }
    const file = await dir.getFileHandle(parts.at(-1), { create: true });
    // Run on a reader page, not admin/: the files go in as they are, with no editor.
    const writable = await file.createWritable();
    await writable.write(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    await writable.close();
  }
  return Object.keys(files).length;
}"""

READ_ALL = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === "directory") await walk(handle, prefix + name + "/");
      else {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let binary = "";
        for (let i = 0; i < bytes.length; i += 0x8000)
          binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        out[prefix + name] = btoa(binary);
      }
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("repo"), "");
  return out;
}"""


def repository_files(root: Path) -> dict[str, str]:
    """What the editor sees of a repository: docs/ (its posts) and a .git marker."""
    files = {
        p.relative_to(root).as_posix(): base64.b64encode(p.read_bytes()).decode("ascii")
        for p in sorted((root / "docs").rglob("*"))
        if p.is_file()
    }
    files[".git/HEAD"] = base64.b64encode(b"ref: refs/heads/main\n").decode("ascii")
    return files


class EditorSession:
    """One browser page on admin/ of a served site, recording what happens."""

    def __init__(self, browser, server: Server, *, width: int = 1280, height: int = 800):
        self.server = server
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        self.context.set_default_timeout(TIMEOUT)
        self.context.add_init_script(PICKER)
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))

    def _route(self, route) -> None:
        url = route.request.url
        own = self.server.is_own(url) or urlsplit(url).scheme in ("data", "blob")
        if own or url.startswith(GITHUB_API + "/"):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def open(self) -> None:
        self.page.goto(self.server.url("admin/"))
        self.page.get_by_role("button", name="Sign In Using Access Token").wait_for()

    def open_repository(self, root: Path) -> None:
        """Sign in with the local repository at *root* (its files copied in)."""
        # Filled from the home page (same origin, same private file system), where
        # the editor's own handling of photos is not loaded.
        self.page.goto(self.server.url(""))
        self.page.evaluate(FILL, repository_files(root))
        self.open()
        self.page.get_by_role("button", name="Work with Local Repository").click()
        self.page.get_by_role("button", name="New").wait_for()

    def repository(self) -> dict[str, bytes]:
        """Every file of the repository as the editor left it."""
        return {path: base64.b64decode(data) for path, data in self.page.evaluate(READ_ALL).items()}

    def copy_back(self, root: Path) -> list[str]:
        """Write the editor's repository over *root*; the paths that changed."""
        changed = []
        for path, data in self.repository().items():
            if path.startswith(".git/"):
                continue
            target = root / path
            if not target.exists() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                changed.append(path)
        return sorted(changed)

    def field(self, key: str):
        """The form's field for *key* (scrolled to, so it is drawn)."""
        locator = self.page.locator(f'section.field[data-key-path="{key}"]')
        for _ in range(30):
            if locator.count():
                break
            # The form draws its fields as they scroll into view.
            self.page.locator("section.field").last.hover()
            self.page.mouse.wheel(0, 600)
            time.sleep(0.3)
        locator.scroll_into_view_if_needed()
        return locator

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        self.page.screenshot(path=path)
        # Small for the guide: 256 colours are plenty for a form.
        from PIL import Image

        with Image.open(path) as shot:
            small = shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
        return path

    def close(self) -> None:
        self.context.close()
