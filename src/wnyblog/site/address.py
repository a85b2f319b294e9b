"""The site's public address and what depends on it.

One setting (``site_url`` in conf.py) with two overrides, so a fork or a
preview can build with its own address: ``SITE_URL``, then Read the Docs'
``READTHEDOCS_CANONICAL_URL``.
"""

import os
from urllib.parse import urljoin


def public_url(configured: str) -> str:
    url = os.environ.get("SITE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL") or configured
    if not url.startswith("https://"):
        raise ValueError(f"the site's public address must start with https:// (got {url!r})")
    return url.rstrip("/") + "/"


def configure(config) -> None:
    """At ``config-inited``: derive every address-like setting from the one site URL."""
    config.site_url = public_url(config.site_url)
    config.html_baseurl = config.site_url
    config.blog_baseurl = config.site_url


def absolute(app, target_uri: str) -> str:
    """Absolute URL of a page or file given its builder target URI."""
    return urljoin(app.config.site_url, target_uri)


def page_url(app, pagename: str) -> str:
    return absolute(app, app.builder.get_target_uri(pagename))
