"""The site's public address and what depends on it.

One setting (``site_url`` in conf.py) with two overrides, so a fork or a
preview can build with its own address: ``SITE_URL``, then Read the Docs'
``READTHEDOCS_CANONICAL_URL``.

A Read the Docs pull-request preview (``READTHEDOCS_VERSION_TYPE=external``)
is not the blog: it keeps the real address for canonical links and link
previews (never its own temporary one), and the pages say what it is.
"""

import os
from urllib.parse import urljoin, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config


def pull_request_preview() -> bool:
    """True when Read the Docs builds a pull request's preview."""
    return os.environ.get("READTHEDOCS_VERSION_TYPE") == "external"


def public_url(configured: str) -> str:
    read_the_docs = None if pull_request_preview() else os.environ.get("READTHEDOCS_CANONICAL_URL")
    url = os.environ.get("SITE_URL") or read_the_docs or configured
    if not url.startswith("https://"):
        raise ValueError(f"the site's public address must start with https:// (got {url!r})")
    return url.rstrip("/") + "/"


def configure(config: Config) -> None:
    """At ``config-inited``: derive every address-like setting from the one site URL."""
    config.site_url = public_url(config.site_url)
    config.html_baseurl = config.site_url
    config.blog_baseurl = config.site_url
    config.site_pull_request_preview = pull_request_preview()


def served_path(site_url: str) -> str:
    """The path the files are served under: a preview's own (Read the Docs'
    address for it), else the public address's."""
    own = os.environ.get("READTHEDOCS_CANONICAL_URL") if pull_request_preview() else None
    return urlsplit(own or site_url).path


def absolute(app: Sphinx, target_uri: str) -> str:
    """Absolute URL of a page or file given its builder target URI."""
    return urljoin(str(app.config.site_url), target_uri)


def page_url(app: Sphinx, pagename: str) -> str:
    return absolute(app, app.builder.get_target_uri(pagename))
