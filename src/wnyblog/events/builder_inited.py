"""``builder-inited``: the HTML builder is ready; no document is read yet."""

from sphinx.application import Sphinx

from .. import config_values, upstream
from ..publish import site_images
from ..speed import content_staleness, templatecache


def handle(app: Sphinx) -> None:
    # .buildinfo (published) must not depend on where the project is cloned.
    upstream.use_build_info(app, upstream.build_info(app, config_values.PORTABLE))
    # Stop early, with the fix, when a site image is missing or misshapen.
    site_images.check(app)
    templatecache.keep_compiled_templates(app)
    # Pagefind searches the site (publish/search_index.py): no searchindex.js.
    upstream.no_sphinx_search(app)
    # Before Sphinx decides what changed: by content, not by file time.
    content_staleness.start(app)
