"""Pages in fewer bytes that a browser shows exactly as before.

Furo's templates and ours are indented for the people who edit them, and Furo
puts its whole icon set in every page, though a page uses only some icons.
Every HTML template is rendered through :class:`Templates` (Sphinx's
``template_bridge``), which hands back :func:`compact` of the output:

- whitespace that spans lines becomes one line break: in HTML's normal
  white-space handling any run of whitespace shows as one space, so the page
  looks the same. ``<pre>``, ``<textarea>`` and ``<script>`` are left exactly
  as written (a script's text is what the Content-Security-Policy hashes);
- ``<symbol>`` elements nothing on the page points at (``#id``) are dropped:
  a symbol is only ever drawn through a reference to it.

:func:`one_viewport` drops docutils' second viewport ``<meta>`` (Furo's
template has its own).

The same text always gives the same bytes, and a fragment (the blog sidebar
that incremental builds put into pages) compacts to what it is inside its page.
"""

import re

from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.jinja2glue import BuiltinTemplateLoader

from .. import config_values

BRIDGE = config_values.TEMPLATE_BRIDGE

# HTML's whitespace characters (str.split and \s would also take a no-break space).
_SPACE = r"[ \t\n\f\r]*\n[ \t\n\f\r]*"
_TOKENS = re.compile(
    r"""(<(pre|textarea|script)\b.*?</\2[ \t\n\f\r]*>  # shown or run as written
    |<!--.*?-->
    |<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>)  # a tag, quoted values and all
    |(?P<space>"""
    + _SPACE
    + ")",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
# Between a tag's attributes (never inside a quoted value).
_TAG_SPACE = re.compile(r"""("[^"]*"|'[^']*')|""" + _SPACE)
_SYMBOL = re.compile(r'<symbol\b[^>]*?\bid="([^"]+)"[^>]*>.*?</symbol>\n?', re.DOTALL)
_REFERENCE = re.compile(r"#([\w.:-]+)")
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def _token(match: re.Match[str]) -> str:
    if match["space"] is not None:
        return "\n"
    text: str = match[0]
    if text[1] in "!/" or "\n" not in text or match[2]:
        return text
    return _TAG_SPACE.sub(lambda m: m[1] or " ", text)


def compact(page: str) -> str:
    """*page* (HTML) without the whitespace and icons that show nothing."""
    page = _TOKENS.sub(_token, page)
    if "<symbol" in page:
        used = set(_REFERENCE.findall(page))
        page = _SYMBOL.sub(lambda m: m[0] if m[1] in used else "", page)
    return page


class Templates(BuiltinTemplateLoader):
    """Sphinx's template loader, giving every HTML template's output compacted."""

    # Sphinx's TemplateBridge says render returns None; its loader returns the
    # text, and so does this override (hence the ignore).
    def render(self, template: str, context: dict[str, object]) -> str:  # type: ignore[override]
        output = super().render(template, context)
        # Not robots.txt and the like: there line breaks mean something.
        return compact(output) if template.endswith(".html") else output


def configure(config: Config) -> None:
    """At ``config-inited``: render through :class:`Templates`."""
    if config.template_bridge not in (None, "", BRIDGE):
        raise ExtensionError(
            f"template_bridge = {config.template_bridge!r} would replace the blog's "
            f"template loader ({BRIDGE}), which keeps pages small: remove the setting"
        )
    config.template_bridge = BRIDGE


def one_viewport(context: dict[str, object]) -> None:
    """A page's ``<meta>`` tags with one viewport ``<meta>``, the theme's."""
    if context.get("metatags"):
        context["metatags"] = _VIEWPORT.sub("", str(context["metatags"]))
