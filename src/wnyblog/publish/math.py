"""Mathematics shown as its source text, never with a script from another site.

Sphinx renders math with MathJax, loaded from a CDN (cdn.jsdelivr.net) on
every page that has a formula: a request to another site, which the blog
never makes. A clinic's posts rarely hold formulas; when one does (a
`{math}` role or block copied from another blog), the reader sees its
LaTeX source as code, in a page that loads nothing from elsewhere. Sphinx
prefers a registered renderer to its default MathJax one, so registering
this one is enough; conf.py may still choose another with
``html_math_renderer``.
"""

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

NAME = "wnyblog-source"


def _as_source(tag: str, end: str) -> Callable[[HTML5Translator, nodes.Element], None]:
    """A visitor that writes a math node's LaTeX source, escaped, in *tag*."""

    def visit(translator: HTML5Translator, node: nodes.Element) -> None:
        translator.body.append(
            translator.starttag(node, tag, "", CLASS="math notranslate")
            + translator.encode(node.astext())
            + f"</{tag}>{end}"
        )
        raise nodes.SkipNode

    return visit


def register(app: Sphinx) -> None:
    app.add_html_math_renderer(
        NAME, (_as_source("code", ""), None), (_as_source("pre", "\n"), None)
    )
