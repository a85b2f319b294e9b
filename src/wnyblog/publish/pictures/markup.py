"""Where pictures appear: ``<picture>`` in pages and listing cards, one JPEG
for link previews and feeds.

In a page, each image node Sphinx read (Markdown images, ``{image}``,
``{figure}``, whose caption stays) is replaced at ``doctree-resolved`` by the
markup of ``templates/blog/picture.html``: an AVIF and a WebP ``<source>``
and an ``<img>`` fallback, each with every width in ``srcset`` and ``sizes``
saying how wide the picture shows, and the ``<img>``'s ``width`` and
``height`` so nothing moves while it loads. Sphinx copies only the image
nodes left in a page into ``_images``: none are, so the writer's original
file is never published. A post's first picture loads at once with high
priority (it is usually what a reader sees first); every other one loads
lazily.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from ...site import address
from ...site.context import render
from ...site.model import Archive, Blog, PublishedPost
from .. import site_images
from . import encode, prepare

# How wide a picture shows: the article column (Furo: 46em less 3em padding on
# each side; the whole width less 1em on each side on a phone). On a phone
# with 3 pixels per CSS pixel (most iPhones), two-thirds of that: the browser
# then takes twice the width, not three times (the 800-px file, not the
# 1200-px one: 37 KB, not 90 KB, per photo), sharp to the eye and what
# Lighthouse asks for (it caps the resolution it expects at 2x).
ARTICLE_SIZES = (
    "(min-resolution: 2.5dppx) and (max-width: 46em) calc((100vw - 2em) * 2 / 3), "
    "(min-width: 46em) 40em, calc(100vw - 2em)"
)
FALLBACK_SRC_WIDTH = 800  # what a browser without srcset gets
# A listing card's cover shows at most 10rem wide (blog.css; 6rem on phones):
# its small variants only (a 3x screen takes the 480-px one at most).
CARD_WIDTH = 800


@dataclass(frozen=True)
class Candidate:
    path: str  # relative to the site root
    width: int


@dataclass(frozen=True)
class View:
    """What templates/blog/picture.html needs of a published picture."""

    key: str
    width: int
    height: int
    sources: tuple[tuple[str, tuple[Candidate, ...]], ...]
    fallback: tuple[Candidate, ...]
    src: str


def view(published: prepare.Published, largest: int | None = None) -> View:
    """The picture's markup data; with *largest*, only its variants up to that
    width (the narrowest always)."""
    derived = published.derived

    def candidates(variants: Sequence[encode.Variant]) -> tuple[Candidate, ...]:
        kept = [v for v in variants if largest is None or v.width <= largest] or variants[:1]
        return tuple(Candidate(published.path(v), v.width) for v in kept)

    fallback = candidates(derived.fallback)
    small = [c for c in fallback if c.width <= FALLBACK_SRC_WIDTH]
    width = fallback[-1].width if largest is not None else derived.width
    return View(
        key=published.key,
        width=width,
        height=max(1, round(derived.height * width / derived.width)),
        sources=tuple((mime, candidates(variants)) for mime, variants in derived.sources),
        fallback=fallback,
        src=(small[-1] if small else fallback[0]).path,
    )


def resolve(app: Sphinx, doctree: nodes.document, docname: str, *, is_post: bool) -> None:
    """At ``doctree-resolved``: every image node becomes its ``<picture>``."""
    if not prepare.made(app):
        return  # not an HTML build: pictures are left as Sphinx read them
    found = prepare.registry(app).pictures
    first = is_post
    for node in list(doctree.findall(nodes.image)):
        candidates = node.get("candidates") or {}
        published = found.get(candidates.get("*") or node.get("uri", ""))
        if published is None:
            # Refused by the checks (which said why) or from another site:
            # nothing of it is published.
            node.parent.remove(node)
            continue
        html = render(
            app,
            "blog/picture.html",
            docname,
            picture=view(published),
            alt=node.get("alt", ""),
            sizes=ARTICLE_SIZES,
            classes=" ".join(node.get("classes", [])),
            eager=first,
        )
        first = False
        node.replace_self(nodes.raw("", html, format="html"))


def attach_covers(app: Sphinx, model: Blog) -> None:
    """Give each post of the blog model its cover as listing cards show it."""
    found = prepare.registry(app).pictures
    for post in model.posts:
        published = found.get(post.image) if post.image else None
        post.cover = view(published, CARD_WIDTH) if published is not None else None


def attach_photos(app: Sphinx, model: Blog) -> None:
    """Give each author page its profile's photo, small (metadata-free, like
    every published picture)."""
    found = prepare.registry(app).pictures
    for archive in model.authors:
        photo = archive.profile.photo if archive.profile else None
        published = found.get(photo) if photo else None
        archive.photo = view(published, prepare.PHOTO_WIDTH) if published is not None else None


def photo_image(app: Sphinx, archive: Archive) -> site_images.Image | None:
    """An author's photo as one file, for JSON-LD (the fallback format, small)."""
    photo = archive.profile.photo if archive.profile else None
    published = prepare.registry(app).pictures.get(photo) if photo else None
    if published is None:
        return None
    fitting = [v for v in published.derived.fallback if v.width <= prepare.PHOTO_WIDTH]
    variant = fitting[-1] if fitting else published.derived.fallback[0]
    return site_images.Image(
        address.absolute(app, published.path(variant)),
        variant.width,
        variant.height,
        f"Photo of {archive.name}",
        variant.mime,
    )


def preview(app: Sphinx, post: PublishedPost) -> site_images.Image | None:
    """The picture link previews, JSON-LD and feeds show for *post*: its cover
    as one JPEG at most 1200 px wide, else its generated card."""
    registry = prepare.registry(app)
    cover = registry.pictures.get(post.image) if post.image else None
    shown: prepare.Published | None
    if cover is not None and cover.derived.preview is not None:
        shown, alt = cover, post.image_alt or ""
    else:
        shown = registry.cards.get(post.docname)
        alt = f"The title “{post.title}” on a card of the {app.config.blog_title}"
    variant = shown.derived.preview if shown is not None else None
    if shown is None or variant is None:
        return None
    return site_images.Image(
        address.absolute(app, shown.path(variant)), variant.width, variant.height, alt, variant.mime
    )
