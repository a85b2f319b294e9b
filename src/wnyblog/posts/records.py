"""Reading side: turn each post's source into a small, picklable record.

Runs once per post while Sphinx reads it (possibly in a worker process): the
front matter goes through the shared schema, problems become warnings with the
file and line, and ABlog receives front matter it can parse unambiguously.
"""

import datetime as dt
import posixpath
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path

from ablog.post import PostNode
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms import SphinxTransform

from .. import build_state, upstream
from . import dates, drafts, schema
from .sources import Source

EXCERPT_WORDS = 60


@dataclass(frozen=True)
class PostRecord:
    docname: str
    title: str
    date: dt.datetime
    updated: dt.datetime
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    category: str | None
    excerpt: str
    words: int
    image: str | None = None  # path relative to the source folder
    image_alt: str | None = None
    date_is_import_date: bool = False
    status: str = "published"  # or "draft" / "scheduled", seen only in previews
    redirect_from: tuple[str, ...] = ()
    reviewed_by: str | None = None  # an author key
    reviewed: dt.datetime | None = None
    sources: tuple[Source, ...] = ()


def is_post(app: Sphinx, docname: str) -> bool:
    return docname in upstream.ablog_post_docnames(app)


def vocabulary(app: Sphinx) -> schema.Vocabulary:
    return schema.Vocabulary.from_config(app.config)


class PostFrontMatter(SphinxTransform):
    """Check a post's front matter and hand ABlog a normalised copy.

    Runs before ABlog's own front-matter transform (priority 800). ABlog parses
    docinfo text with dateutil and comma splits, which silently turns
    "May 2024" into today's day and YAML lists into garbage, so it only ever
    sees values this schema has already validated.
    """

    default_priority = 790

    def apply(self) -> None:
        docname = self.env.docname
        if not is_post(self.app, docname):
            return
        source = Path(self.env.doc2path(docname)).read_text(encoding="utf-8")
        # Problems were reported before reading, by events/config_inited.exclude_unpublished.
        meta, _ = schema.read_post(source, str(self.env.doc2path(docname)), vocabulary(self.app))
        self.env.temp_data["wnyblog_meta"] = meta
        for docinfo in list(self.document.findall(nodes.docinfo)):
            docinfo.parent.remove(docinfo)
        # ABlog's `{post}` block would override the front matter unchecked (the
        # checks report it); ABlog makes its post from the front matter alone.
        for post in list(self.document.findall(PostNode)):
            post.parent.remove(post)
        if meta is None:
            return
        fields = {
            "date": meta.date and meta.date.strftime("%Y-%m-%d %H:%M:%S"),
            "author": ", ".join(meta.authors),
            "tags": ", ".join(meta.tags),
            "category": meta.category or "",
            "title": meta.title or "",
        }
        docinfo = nodes.docinfo()
        for name, value in fields.items():
            if value:
                docinfo += nodes.field(
                    "", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", value))
                )
        self.document.insert(0, docinfo)


def record_post(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after ABlog's handler: store this post's record."""
    env = app.env
    meta = env.temp_data.pop("wnyblog_meta", None)
    posts = of_env(env)
    posts.pop(env.docname, None)
    ablog_info = upstream.ablog_post(env, env.docname)
    if meta is None or ablog_info is None or meta.date is None:
        return
    title, ablog_update = upstream.ablog_title_and_update(ablog_info)
    # A title line with no words is reported by the checks; until it is fixed
    # (a preview, a build that goes on to list every problem) the post is
    # listed under its address, as feeds and listings need a title.
    title = (title or "").strip() or env.docname.removesuffix("/index").rsplit("/", 1)[-1]
    updated = [meta.date, *(d.replace(tzinfo=dates.CLINIC_TZ) for d in [ablog_update] if d)]
    if meta.updated:
        updated.append(meta.updated)
    posts[env.docname] = PostRecord(
        docname=env.docname,
        title=title,
        date=meta.date,
        updated=max(updated),
        authors=meta.authors,
        tags=meta.tags,
        category=meta.category,
        excerpt=meta.description or _first_paragraph(doctree),
        words=article_words(doctree),
        image=_cover_image(app, meta),
        image_alt=meta.image_alt,
        date_is_import_date=meta.date_is_import_date,
        redirect_from=meta.redirect_from,
        reviewed_by=meta.reviewed_by if meta.reviewed is not None else None,
        reviewed=meta.reviewed if meta.reviewed_by is not None else None,
        sources=meta.sources,
        status=drafts.status(app, env.docname) or "published",
    )


# Nodes a reader never sees as text: comments, targets, substitution
# definitions, raw HTML (its markup is not prose), messages, front matter.
_UNREAD = (nodes.Invisible, nodes.raw, nodes.system_message, nodes.docinfo)


def article_words(node: nodes.Node) -> int:
    """How many words a reader reads in the post: title, headings and body."""
    if isinstance(node, _UNREAD):
        return 0
    if isinstance(node, nodes.Text):
        return len(node.astext().split())
    return sum(article_words(child) for child in node.children)


def _first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section):
            # Raw HTML is markup and an image's text is its alt text: neither
            # is the words of an excerpt, and a paragraph of only that is skipped.
            paragraph = paragraph.deepcopy()
            for node in list(paragraph.findall(lambda n: isinstance(n, nodes.raw | nodes.image))):
                node.parent.remove(node)
            words = paragraph.astext().split()
            if not words:
                continue
            text = " ".join(words[:EXCERPT_WORDS])
            return text + ("…" if len(words) > EXCERPT_WORDS else "")
    return ""


def _beside(docname: str, filename: str) -> str:
    folder = docname.rpartition("/")[0]
    return posixpath.normpath(f"{folder}/{filename}" if folder else filename)


def _cover_image(app: Sphinx, meta: schema.PostMeta) -> str | None:
    """The cover image's path in the source folder, when it is a file inside
    the post's folder (the build copies it beside the post's page). The
    writers' checks report a missing or misplaced cover before reading."""
    if not meta.image:
        return None
    docname = app.env.docname
    image = _beside(docname, meta.image)
    folder = docname.rpartition("/")[0]
    if folder and not image.startswith(folder + "/") or not Path(app.srcdir, image).is_file():
        return None
    app.env.note_dependency(str(Path(app.srcdir, image)))
    return image


@dataclass
class Records:
    """Every read post's record, by docname, kept in the environment."""

    by_docname: dict[str, "PostRecord"] = field(default_factory=dict)


def of_env(env: BuildEnvironment) -> dict[str, "PostRecord"]:
    """The records of the posts read so far (this build and earlier ones)."""
    return build_state.of_env(env, Records).by_docname


class PostRecords(EnvironmentCollector):
    """Each post's record, with Sphinx's lifecycle of per-document data: made
    at ``doctree-read`` (after ABlog's handler), dropped before its document is
    read again, brought home from parallel readers (ABlog's posts too, which
    ABlog itself would not merge)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        of_env(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        theirs = of_env(other)
        of_env(env).update({d: theirs[d] for d in docnames if d in theirs})
        upstream.merge_ablog_posts(env, docnames, other)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        record_post(app, doctree)
