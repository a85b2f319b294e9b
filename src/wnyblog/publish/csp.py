"""The Content-Security-Policy every page carries in a ``<meta>`` element.

GitHub Pages cannot send headers, so the policy travels in the page, ahead of
any script. Scripts run only from the site itself, plus Furo's one inline
script (it applies the reader's saved light/dark choice before the page
paints), allowed by its SHA-256. The hash is taken from Furo's template, the
source of that script, so an injected inline script in a post can never be
allowed by it.
"""

import base64
import hashlib
import re
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ExtensionError

# A <script> element with no attributes: Furo's inline theme script.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_CODE = re.compile(r"{{|{%|{#")

REFERRER_POLICY = "same-origin"


def inline_scripts(app: Sphinx, template: str = "base.html") -> list[str]:
    """The inline scripts of *template* exactly as they are rendered."""
    loader = cast(StandaloneHTMLBuilder, app.builder).templates
    source, filename, _ = loader.get_source(loader.environment, template)
    scripts: list[str] = _INLINE_SCRIPT.findall(source)
    for script in scripts:
        if _TEMPLATE_CODE.search(script):
            # Rendered text would then depend on the page: no fixed hash exists.
            raise ExtensionError(
                f"the inline script in {filename} now contains template code, so the "
                "Content-Security-Policy cannot allow it by hash; update src/wnyblog/publish/csp.py"
            )
    if not scripts:
        raise ExtensionError(
            f"no inline theme script found in {filename}: Furo changed; "
            "update src/wnyblog/publish/csp.py"
        )
    return scripts


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(app: Sphinx) -> str:
    """The site's policy, computed once per build."""
    cached: str | None = getattr(app, "wnyblog_csp", None)
    if cached is None:
        hashes = " ".join(script_hash(s) for s in inline_scripts(app))
        directives = {
            "default-src": "'self'",
            "script-src": f"'self' {hashes}",
            # Furo's icons and Sphinx's image sizes use style attributes, and
            # Furo writes its colour variables in a <style> element. Styles
            # cannot run code, and default-src keeps them from loading
            # anything from another site.
            "style-src": "'self' 'unsafe-inline'",
            # Furo's stylesheet draws its small icons from data: URLs.
            "img-src": "'self' data:",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-src": "'none'",
        }
        cached = app.wnyblog_csp = "; ".join(  # type: ignore[attr-defined]
            f"{k} {v}" for k, v in directives.items()
        )
    return cached
