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

from docutils import nodes

NAME = "wnyblog-source"


def visit_inline(translator, node: nodes.math) -> None:
    translator.body.append(
        translator.starttag(node, "code", "", CLASS="math notranslate")
        + translator.encode(node.astext())
        + "</code>"
    )
    raise nodes.SkipNode


def visit_block(translator, node: nodes.math_block) -> None:
    translator.body.append(
        translator.starttag(node, "pre", "", CLASS="math notranslate")
        + translator.encode(node.astext())
        + "</pre>\n"
    )
    raise nodes.SkipNode


def register(app) -> None:
    app.add_html_math_renderer(NAME, (visit_inline, None), (visit_block, None))
