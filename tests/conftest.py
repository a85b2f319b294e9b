"""Shared fixtures: the real site is built once per test session with the same
make target a writer uses; the small sites under tests/roots/ are built on demand."""

import datetime as dt
import os
import shutil

import corpus
import pytest

from browser import CHROMIUM_ARGS, Server, open_page, require_chromium
from helpers import (
    GENERATED_POSTS,
    REPO,
    SITE_URL,
    BuiltBlog,
    Site,
    build_root,
    frontend_build,
    make_html,
)

# What GitHub Actions and Read the Docs set, which change what `blog check`
# prints and what a build publishes, and what turns on colour codes in
# Sphinx's messages (Sphinx colours its output whenever CI=true, as on every
# CI runner). Removed for the whole session, before any fixture builds a site,
# so that the tests read the same plain lines on a laptop and on a runner;
# tests that want one of them set it themselves.
HOSTING_ENVIRONMENT = (
    "CI",
    "FORCE_COLOR",
    "FORCE_COLOUR",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_BASE_REF",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "GITHUB_WORKSPACE",
    "READTHEDOCS",
    "READTHEDOCS_VERSION_TYPE",
    # Set by the Makefile (`make test`): messages would name `make new`, and
    # the published addresses would be compared with another branch.
    "BLOG_COMMANDS",
    "BLOG_BASE_REF",
)
for _name in HOSTING_ENVIRONMENT:
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real docs/ site, built by `make html` into a temporary folder."""
    return make_html(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def generated_blog(tmp_path_factory):
    """A generated blog built once (sources in site/, output in build/) and
    kept aside: (the BuiltBlog to restore copies from, its posts, the log)."""
    built = BuiltBlog(tmp_path_factory, "generated")
    posts = corpus.write_site(built.work / "site", GENERATED_POSTS)
    log = frontend_build(built.work / "site", built.work / "build", today=corpus.TODAY.isoformat())
    built.keep()
    return built, posts, log


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    """tests/roots/test-edges: several authors, no tags, an image, drafts, same-day posts."""
    return build_root("edges", tmp_path_factory.mktemp("edges"))


@pytest.fixture(scope="module")
def feeds_root(tmp_path_factory):
    """tests/roots/test-feeds: a feed length of two, raw HTML, a site at a domain's root."""
    return build_root("feeds", tmp_path_factory.mktemp("feeds"))


@pytest.fixture(scope="session")
def trust_root(tmp_path_factory):
    """tests/roots/test-trust: a clinically reviewed post with sources, its
    reviewer's page (no post of their own), a writer's profile with a photo."""
    return build_root("trust", tmp_path_factory.mktemp("trust-root"), edit=add_site_images)


def add_site_images(src):
    """The real site's icon, logo and preview image, which feeds carry."""
    shutil.copytree(REPO / "docs" / "_static", src / "_static")
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(
            'html_static_path = ["_static"]\nsite_icon = "icon.png"\n'
            'site_favicon = "icon-64.png"\nsite_logo = "logo.png"\n'
            'site_image = "social-card.png"\nsite_image_alt = "The clinic\'s emblem"\n'
        )


# The reader fixture's generated posts: 25 in one tag, so listings paginate
# (10, 10, 5), and one whose length sits exactly on a minute boundary.
SLEEP_POSTS = 25
TIMED_WORDS = 460  # title (2 words) + body: 460 / 230 = exactly 2 minutes


def add_reader_posts(src):
    start = dt.date(2025, 1, 6)
    for number in range(1, SLEEP_POSTS + 1):
        folder = src / "posts" / "2025" / f"sleep-note-{number:02d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\ndate: {start + dt.timedelta(days=7 * number)}\ntags: [sleep]\n"
            f"category: Rest\n---\n# Sleep note {number:02d}\n\nA short note about rest.\n",
            encoding="utf-8",
        )
    folder = src / "posts" / "2026" / "timed-reading"
    folder.mkdir(parents=True)
    body = " ".join(f"word{n}" for n in range(TIMED_WORDS - 2))
    (folder / "index.md").write_text(
        "---\ndate: 2026-01-05\ndescription: Front matter is not read as part of the post.\n"
        "---\n# Timed reading\n\n"
        "% An editor's note in a comment: readers never see these words at all.\n\n"
        f"{body}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def reader(tmp_path_factory):
    """tests/roots/test-reader plus generated posts: pagination, related posts,
    reading time, a cover image and injected active content."""
    return build_root("reader", tmp_path_factory.mktemp("reader"), edit=add_reader_posts)


@pytest.fixture(scope="session")
def photo_site(tmp_path_factory):
    """The real site with phone photos (tests/photosite.py), built with -j 2."""
    import photosite

    root = tmp_path_factory.mktemp("photo-site")
    photosite.write(root / "site")
    log = photosite.build(root / "site", root / "out")
    return Site(root / "out" / "html", log)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (each test opens its own page)."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_server(site):
    server = Server(site.root, SITE_URL)
    yield server
    server.close()


@pytest.fixture(scope="session")
def reader_server(reader):
    server = Server(reader.root, "https://example.org/reader/")
    yield server
    server.close()


@pytest.fixture
def new_page(browser):
    """Open pages with browser.open_page; their contexts close after the test."""
    pages = []

    def make(**options):
        page = open_page(browser, **options)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()
