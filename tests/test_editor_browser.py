"""The web editor driven in Chromium: the real Sveltia CMS bundle as the site
serves it at /blog/admin/, on a copy of the repository (local-repository
mode, with a directory picker that hands over the copy's files)."""

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import photos
import pytest
import yaml
from lxml import html

from browser import Server, axe_violations
from editor_browser import GITHUB_API, EditorSession
from helpers import REPO, SITE_URL, SPHINX_OPTIONS, build_env, real_site

pytestmark = pytest.mark.slow  # drives the real editor in Chromium

FIXTURES = REPO / "tests" / "data" / "editor"


@pytest.fixture(scope="module")
def editor_server(site):
    server = Server(site.root, SITE_URL)
    yield server
    server.close()


@pytest.fixture
def session(browser, editor_server):
    session = EditorSession(browser, editor_server)
    yield session
    session.close()


def test_the_editor_shows_its_sign_in_screen_and_reaches_no_other_site(session):
    session.open()
    page = session.page
    # (Sveltia wraps names in invisible isolation marks: "Sign In with ⁨GitHub⁩".)
    for name in (r"Sign In with \W?GitHub", "Sign In Using Access Token"):
        assert page.get_by_role("button", name=re.compile(name)).is_visible()
    page.wait_for_load_state("networkidle")
    assert session.errors == []
    assert session.refused == []
    for url in session.requests:
        assert session.server.is_own(url) or url.startswith(GITHUB_API + "/"), url
    # Its fonts are the site's own, and they are the ones drawn.
    assert any(
        url.endswith("/admin/fonts/source-sans-3-latin-wght-normal.woff2")
        for url in session.requests
    )
    assert page.evaluate("() => document.fonts.check('16px \"Source Sans 3\"')")
    session.screenshot("editor-sign-in.png")
    assert axe_violations(page) == []


def run_blog(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wnyblog.cli.main", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repository(tmp_path) -> Path:
    """A copy of the repository's site, with a post per construct the blog
    supports and a post made by `blog new`."""
    root = real_site(tmp_path / "repo")
    for fixture in sorted(FIXTURES.glob("*.md")):
        folder = root / "docs/posts/2026" / f"editor-{fixture.stem}"
        folder.mkdir(parents=True)
        shutil.copy(fixture, folder / "index.md")
    made = run_blog(root, "new", "Coping with winter", "--date", "2026-12-01")
    assert made.returncode == 0, made.stdout + made.stderr
    return root


def headings(root: Path) -> dict[str, str]:
    """Each post's "# " heading (what the editor lists) -> its file."""
    out = {}
    for path in sorted((root / "docs/posts").glob("*/*/index.md")):
        text = path.read_text("utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        heading = next(line[2:] for line in body.splitlines() if line.startswith("# "))
        out[heading] = path.relative_to(root).as_posix()
    return out


def diff(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(before.decode().splitlines(True), after.decode().splitlines(True)))
    return (
        [line[2:] for line in lines if line.startswith("- ")],
        [line[2:] for line in lines if line.startswith("+ ")],
    )


def open_post(session: EditorSession, heading: str) -> None:
    session.page.get_by_text(heading, exact=True).first.click()
    session.field("date").wait_for()


def save(session: EditorSession) -> None:
    session.page.get_by_role("button", name="Save", exact=True).click()
    session.page.get_by_text("Entry saved.").wait_for()
    session.page.get_by_role("button", name="New").wait_for()


def test_every_post_saved_from_the_editor_changes_only_the_setting_changed(session, repository):
    """Every post of the blog, one per construct, and one from `blog new`:
    opened, the date changed, saved — the file's diff is that one line.
    Then a setting a post lacked is added: exactly one more line."""
    before = {path: (repository / path).read_bytes() for path in headings(repository).values()}
    assert len(before) >= 5
    session.open_repository(repository)
    for heading in headings(repository):
        open_post(session, heading)
        session.field("date").locator("input").first.fill("2030-01-02")
        save(session)
    after = session.repository()
    for path, old in before.items():
        removed, added = diff(old, after[path])
        assert len(removed) == 1 and removed[0].startswith("date:"), (path, removed, added)
        assert len(added) == 1 and added[0].startswith("date:") and "2030-01-02" in added[0], (
            path,
            added,
        )
    # A setting the post did not have: one line at the end of its settings block.
    heading, path = next(iter(headings(repository).items()))
    open_post(session, heading)
    session.field("title").locator("input").fill("A title that differs")
    save(session)
    removed, added = diff(after[path], session.repository()[path])
    assert removed == [] and added == ["title: A title that differs\n"], (removed, added)
    text = session.repository()[path].decode()
    block = text.split("\n---\n", 1)[0].splitlines()
    assert block[-1] == "title: A title that differs"
    assert session.errors == [] and session.refused == []


TITLE = "Café & Calm: sleeping well when the days are short"
COVER_ALT = "A bedside lamp lit on a winter evening"
BODY_ALT = "A window with frost on the glass at dawn"
BODY_TEXT = "Short days make sleep harder. A few habits help.\n\nKeep the same wake-up time."


class Steps:
    """What the writer does, counted: clicks and the fields filled in or chosen."""

    def __init__(self) -> None:
        self.clicks = 0
        self.fields = 0

    def click(self, locator) -> None:
        self.clicks += 1
        locator.click()

    def fill(self, locator, text: str) -> None:
        self.fields += 1
        locator.fill(text)


def photo_metadata(path: Path) -> dict:
    from PIL import Image

    with Image.open(path) as image:
        exif = image.getexif()
        data = path.read_bytes()
        return {
            "orientation": exif.get(0x0112),
            "gps": 0x8825 in exif or b"GPSLatitude" in data or b"GPSLongitude" in data,
            "serial": 0xA431 in exif.get_ifd(0x8769) or photos.SERIAL.encode() in data,
        }


def test_a_writer_makes_a_post_with_two_photos_and_it_publishes(session, tmp_path):
    """From signing in to a saved post with a cover photo and a picture in
    the text: the writer types the title, a description and the text, and
    chooses everything else. The post passes `blog check`, builds, and shows
    both pictures; the photos in the repository have no location or serial
    number but keep their orientation."""
    from wnyblog.posts.slugs import slugify

    repository = real_site(tmp_path / "repo")
    cover = photos.phone_jpeg(tmp_path / "IMG_4032.jpg")
    inside = photos.phone_jpeg(tmp_path / "IMG_4033.jpg", seed=2)
    for original in (cover, inside):
        assert photo_metadata(original) == {"orientation": 6, "gps": True, "serial": True}
    page = session.page
    session.open_repository(repository)
    session.screenshot("editor-post-list.png")
    steps = Steps()  # from here: signed in

    steps.click(page.get_by_role("button", name="New"))
    steps.fill(session.field("heading").locator("input"), TITLE)
    steps.fields += 1  # the category: one click on its name
    steps.click(session.field("category").get_by_text("Living well", exact=True))
    steps.fields += 1  # the tags: chosen from the list
    for tag in ("sleep", "self-care"):
        steps.click(session.field("tags").get_by_role("combobox"))
        steps.click(page.get_by_role("option", name=tag, exact=True))
    steps.fill(
        session.field("description").locator("textarea"),
        "How to sleep better when the days are short.",
    )
    session.field("heading").scroll_into_view_if_needed()
    session.screenshot("editor-new-post.png")

    # The cover photo: "Browse" opens the browser's file chooser, which hands
    # the file to the field's file input (done here directly).
    steps.clicks += 1
    steps.fields += 1
    session.field("image").locator('input[type="file"]').first.set_input_files(str(cover))
    session.field("image").get_by_text(cover.name).wait_for()
    steps.fill(session.field("image_alt").locator("input"), COVER_ALT)
    session.field("image").scroll_into_view_if_needed()
    session.screenshot("editor-cover-photo.png")

    body = session.field("body")
    steps.fill(body.locator("textarea"), BODY_TEXT)
    steps.click(body.get_by_role("button", name="Picture…"))
    dialog = page.get_by_role("dialog", name="Add a picture")
    # Without a description the picture cannot be inserted.
    steps.fields += 1
    dialog.get_by_label("Picture", exact=True).set_input_files(str(inside))
    dialog.get_by_role("button", name="Insert the picture").click()
    assert dialog.is_visible()
    assert page.evaluate(
        "() => document.querySelector('#wnyblog-picture-alt').validity.valueMissing"
    )
    steps.fill(dialog.get_by_label("What the picture shows"), BODY_ALT)
    session.screenshot("editor-insert-picture.png")
    steps.click(dialog.get_by_role("button", name="Insert the picture"))
    expect_line = f"![{BODY_ALT}]({inside.name})"
    page.wait_for_function(
        "(line) => document.querySelector('section.field[data-key-path=\"body\"] textarea')"
        ".value.includes(line)",
        arg=expect_line,
    )
    steps.click(page.get_by_role("button", name="Save", exact=True))
    page.get_by_text("Entry saved.").wait_for()
    page.get_by_role("button", name="New").wait_for()
    page.get_by_text(TITLE, exact=True).wait_for()
    session.screenshot("editor-saved.png")
    # What it took, for the guide and the note.
    print(
        f"\nsigned in -> saved post with two photos: {steps.clicks} clicks, {steps.fields} fields"
    )
    assert steps.clicks <= 12 and steps.fields <= 10

    changed = session.copy_back(repository)
    year = page.evaluate("() => new Date().getFullYear()")
    folder = f"docs/posts/{year}/{slugify(TITLE)}"
    assert slugify(TITLE) == "cafe-and-calm-sleeping-well-when-the-days-are-short"
    assert changed == [f"{folder}/{cover.name}", f"{folder}/{inside.name}", f"{folder}/index.md"]
    text = (repository / folder / "index.md").read_text("utf-8")
    block, body_text = text.removeprefix("---\n").split("\n---\n", 1)
    settings = yaml.safe_load(block)
    assert settings["tags"] == ["sleep", "self-care"]
    assert settings["category"] == "Living well"
    assert settings["image"] == cover.name and settings["image_alt"] == COVER_ALT
    assert "title" not in settings and "draft" not in settings
    # The writer typed no syntax: the heading line and the picture line are the editor's.
    assert body_text == f"\n# {TITLE}\n\n{BODY_TEXT}\n\n{expect_line}\n"
    for name in (cover.name, inside.name):
        assert photo_metadata(repository / folder / name) == {
            "orientation": 6,
            "gps": False,
            "serial": False,
        }

    today = str(settings["date"])
    env = build_env({"BLOG_TODAY": today})
    check = subprocess.run(
        [sys.executable, "-m", "wnyblog.cli.main", "check", f"{folder}/index.md"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0 and "look good" in check.stdout, check.stdout + check.stderr
    built = subprocess.run(
        [sys.executable, "-m", "wnyblog.speed.frontend", *SPHINX_OPTIONS, "-c", "."]
        + ["-d", "_build/doctrees", "docs", "_build/html"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    out = repository / "_build/html"
    doc = html.parse(str(out / folder.removeprefix("docs/") / "index.html")).getroot()
    article = doc.cssselect("article")[0]
    alts = [img.get("alt") for img in article.cssselect("img")]
    assert BODY_ALT in alts, alts
    published = [
        out / urljoin(folder.removeprefix("docs/") + "/", img.get("src")).lstrip("/")
        for img in doc.cssselect("img")
        if img.get("alt") in (BODY_ALT, COVER_ALT)
    ]
    assert published and all(p.is_file() for p in published), published
    cover_meta = doc.cssselect('meta[property="og:image:alt"]')
    assert [m.get("content") for m in cover_meta] == [COVER_ALT]
    for picture in out.rglob("*"):
        kind = picture.suffix.lower() in (".jpg", ".jpeg", ".webp", ".avif", ".png")
        if kind and folder.removeprefix("docs/") in picture.as_posix():
            data = picture.read_bytes()
            assert b"Exif" not in data[:4096] and photos.SERIAL.encode() not in data, picture
            assert b"GPS" not in data, picture
    assert session.errors == [] and session.refused == []


def test_the_editor_screens_pass_axe(session, repository):
    """The post list and a post's form: the screens a writer spends time on."""
    session.open_repository(repository)
    page = session.page
    list_violations = axe_violations(page)
    page.get_by_role("button", name="New").click()
    session.field("heading").wait_for()
    form_violations = axe_violations(page)
    print("\nlist:", list_violations, "\nform:", form_violations)
    assert list_violations == []
    assert form_violations == []
