"""Shared fixtures: the real site is built once per test session with the same
make target a writer uses; the small sites under tests/roots/ are built on demand."""

import pytest

from helpers import build_root, make_html


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real docs/ site, built by `make html` into a temporary folder."""
    return make_html(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    """tests/roots/test-edges: several authors, no tags, an image, drafts, same-day posts."""
    return build_root("edges", tmp_path_factory.mktemp("edges"))


@pytest.fixture(scope="module")
def feeds_root(tmp_path_factory):
    """tests/roots/test-feeds: a feed length of two, raw HTML, a site at a domain's root."""
    return build_root("feeds", tmp_path_factory.mktemp("feeds"))
