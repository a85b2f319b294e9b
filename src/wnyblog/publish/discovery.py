"""What each page tells search engines and link previews.

One description per page, Open Graph and Twitter card data, and schema.org
JSON-LD (``BlogPosting`` on posts, ``WebSite`` + ``Blog`` on the home page,
``CollectionPage`` on listings), all from the blog model so a post's preview
says what its listing and its feeds say. The templates only print it.
"""

import json
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..posts.schema import Profile
from ..posts.sources import Source
from ..site import address
from ..site.model import Archive, Blog, PublishedPost
from . import feeds, site_images
from .pictures import markup

DESCRIPTION_CHARS = 200
SCHEMA = "https://schema.org"
# A JSON-LD object: its values are of every JSON type.
Json = dict[str, Any]


def _shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _first_paragraph(doctree: nodes.document | None) -> str:
    """The page's own first paragraph: never the title, sidebar or announcement."""
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section) and paragraph.astext().strip():
            return paragraph.astext()
    return ""


def json_ld(data: Json) -> str:
    """JSON for a ``<script type="application/ld+json">`` block.

    ``<``, ``>`` and ``&`` are written as \\u escapes (the same JSON value), so
    no text in a post can close the script element or open a comment in it.
    """
    # Compact: every page carries it, and only machines read it.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _image_object(image: site_images.Image | None) -> Json | None:
    if image is None:
        return None
    data: Json = {"@type": "ImageObject", "url": image.url}
    if image.width and image.height:
        data.update(width=image.width, height=image.height)
    return data


def _organisation(app: Sphinx) -> Json:
    publisher = feeds.publisher(app)
    return _present(
        {
            "@type": "MedicalOrganization",
            "@id": app.config.site_url + "#organization",
            "name": publisher.name,
            "url": publisher.url,
            "logo": _image_object(site_images.by_setting(app)["site_icon"]),
        }
    )


def _present(data: Json) -> Json:
    """*data* without the properties the site has no value for."""
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def _author(app: Sphinx, key: str, archive: Archive) -> Json:
    person = feeds.person(app, key, archive)
    if key == app.config.clinic_author:
        return {"@type": "MedicalOrganization", "name": person.name, "url": person.url}
    profile = archive.profile or Profile()
    link = (app.config.blog_authors.get(key) or (None, None))[1]
    return _present(
        {
            "@type": "Person",
            "name": person.name,
            "url": person.url,
            "jobTitle": profile.role,
            "honorificSuffix": profile.credentials,
            "description": profile.bio,
            "image": _image_object(markup.photo_image(app, archive)),
            "sameAs": [link] if link else None,
        }
    )


def _page(app: Sphinx, post: PublishedPost, url: str) -> Json:
    """The post's page, whose main entity is the posting: the review belongs
    to the page (schema.org defines reviewedBy and lastReviewed on WebPage)."""
    page: Json = {"@type": "WebPage", "@id": url}
    reviewer = post.reviewer_archive
    if reviewer is not None and post.reviewed is not None:
        page["reviewedBy"] = _author(app, reviewer.key, reviewer)
        page["lastReviewed"] = post.reviewed.date().isoformat()
    return page


def _citation(source: Source) -> Json:
    """One of the post's sources, as schema.org's ``citation``."""
    return _present(
        {
            "@type": "CreativeWork",
            "name": source.title,
            "url": source.link,
            "sameAs": [f"https://doi.org/{source.doi}"] if source.url and source.doi else None,
            "publisher": {"@type": "Organization", "name": source.publisher}
            if source.publisher
            else None,
            "datePublished": str(source.year) if source.year else None,
        }
    )


class PageMeta:
    """Discovery data of one page; ``None`` fields are left out of the page."""

    def __init__(
        self,
        app: Sphinx,
        *,
        title: str,
        description: str,
        url: str,
        image: site_images.Image | None,
        article: Json | None = None,
        data: Json | None = None,
    ) -> None:
        self.site_name = app.config.blog_title
        self.title = title
        self.description = description
        self.url = url
        self.image = image
        self.type = "article" if article else "website"
        self.article = article  # Open Graph article:* values of a post
        self.structured_data = json_ld(data) if data else None


def page_meta(
    app: Sphinx,
    model: Blog,
    pagename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> PageMeta | None:
    """``html-page-context`` data for blog/meta.html (None: the page says nothing)."""
    config = app.config
    url = address.page_url(app, pagename)
    default_image = site_images.by_setting(app)["site_image"]
    post = model.by_docname.get(pagename)
    if post is not None:
        return _post_meta(app, post, url, default_image)
    archive = context.get("archive")
    if archive is not None:
        count = len(archive.posts)
        # The list is what this page lists: one page of a paginated listing
        # (all of it on every page would repeat the whole archive each time).
        page = context.get("archive_page")
        listed = page.posts if page is not None else archive.posts
        return _listing(
            app,
            archive.title,
            f"{archive.title} on the {config.blog_title}: {count} "
            f"post{'s' if count != 1 else ''}, newest first.",
            url,
            [(address.page_url(app, p.docname), p.title) for p in listed],
        )
    catalog = context.get("catalog")
    if catalog is not None:
        return _listing(
            app,
            catalog.title,
            f"{catalog.title} of the {config.blog_title}, with the posts filed under each.",
            url,
            [(address.page_url(app, a.pagename), a.name) for a in catalog],
        )
    if pagename == "search":
        # Kept out of search engines (Furo's noindex), but a shared link
        # to it still deserves a title and a sentence.
        return PageMeta(
            app,
            title="Search",
            description=f"Search the posts and pages of the {config.blog_title}.",
            url=url,
            image=default_image,
        )
    if pagename not in app.env.found_docs:
        return None  # a moved post's old address, the 404 page: nothing to preview
    metadata = app.env.metadata.get(pagename, {})
    description = _shorten(
        metadata.get("description")
        or _first_paragraph(doctree)
        or config.blog_feed_subtitle
        or config.blog_title
    )
    is_home = pagename == config.root_doc
    title = config.blog_title if is_home else app.env.titles[pagename].astext()
    return PageMeta(
        app,
        title=title,
        description=description,
        url=url,
        image=default_image,
        data=_home(app, model, description) if is_home else None,
    )


def _post_meta(
    app: Sphinx, post: PublishedPost, url: str, default_image: site_images.Image | None
) -> PageMeta:
    image = markup.preview(app, post) or default_image
    data = _present(
        {
            "@context": SCHEMA,
            "@type": "BlogPosting",
            "@id": url + "#article",
            "url": url,
            "mainEntityOfPage": _page(app, post, url),
            "headline": post.title,
            "description": post.excerpt,
            "datePublished": post.date.isoformat(),
            "dateModified": post.updated.isoformat(),
            "author": [
                _author(app, key, archive)
                for key, archive in zip(post.authors, post.author_archives, strict=True)
            ],
            "publisher": _organisation(app),
            "image": _image_object(image),
            "keywords": list(post.tags),
            "inLanguage": app.config.language or "en",
            "wordCount": post.words,
            "isPartOf": {"@type": "Blog", "@id": app.config.site_url + "#blog"},
            "articleSection": post.category,
            "citation": [_citation(source) for source in post.sources],
        }
    )
    article = {
        "published_time": data["datePublished"],
        "modified_time": data["dateModified"],
        "author": [author["url"] for author in data.get("author", [])],
        "section": post.category,
        "tag": list(post.tags),
    }
    return PageMeta(
        app,
        title=post.title,
        description=post.excerpt,
        url=url,
        image=image,
        article=article,
        data=data,
    )


def _listing(
    app: Sphinx, title: str, description: str, url: str, items: Sequence[tuple[str, str]]
) -> PageMeta:
    """An archive or index page: a ``CollectionPage`` of what it lists."""
    return PageMeta(
        app,
        title=title,
        description=description,
        url=url,
        image=site_images.by_setting(app)["site_image"],
        data=_collection(app, title, description, url, items),
    )


def _collection(
    app: Sphinx, title: str, description: str, url: str, items: Sequence[tuple[str, str]]
) -> Json:
    return {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": title,
        "description": description,
        "inLanguage": app.config.language or "en",
        "isPartOf": {"@type": "WebSite", "@id": app.config.site_url + "#website"},
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": item_url, "name": name}
                for n, (item_url, name) in enumerate(items, start=1)
            ],
        },
    }


def _home(app: Sphinx, model: Blog, description: str) -> Json:
    config = app.config
    home = config.site_url
    organisation = _organisation(app)
    return {
        "@context": SCHEMA,
        "@graph": [
            {
                "@type": "WebSite",
                "@id": home + "#website",
                "url": home,
                "name": config.blog_title,
                "description": description,
                "inLanguage": config.language or "en",
                "publisher": {"@id": organisation["@id"]},
            },
            _present(
                {
                    "@type": "Blog",
                    "@id": home + "#blog",
                    "url": home,
                    "name": config.blog_title,
                    "description": config.blog_feed_subtitle or description,
                    "inLanguage": config.language or "en",
                    "publisher": {"@id": organisation["@id"]},
                    "image": _image_object(site_images.by_setting(app)["site_image"]),
                    "blogPost": [
                        {
                            "@type": "BlogPosting",
                            "@id": address.page_url(app, post.docname) + "#article",
                            "url": address.page_url(app, post.docname),
                            "headline": post.title,
                            "datePublished": post.date.isoformat(),
                        }
                        for post in model.recent(config.blog_home_posts)
                    ],
                }
            ),
            organisation,
        ],
    }
