"""Which pictures a build publishes, made before any page is written.

At ``env-updated`` every document is read, so every picture a page shows
(Sphinx's image nodes, in posts and pages), every post's cover and every
post needing a link-preview card is known. Each gets its cache key; those the
cache lacks are encoded in forked processes, one per core, before writing
starts. Writing then only reads the cache's metadata (``markup.py``), and
``html-collect-pages`` copies the files into the site (:func:`publish`).

A picture the writers' checks refused (damaged, mislabelled, too large...)
is checked again here and left out: the check already reported it, at the
line of the post that shows it.
"""

import json
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging

from ... import build_state
from ...checks import picture_files
from ...posts import records
from ...posts.slugs import slugify
from ..output import link_whole, write_if_changed
from ..site_images import by_setting, static_file
from . import cache as picture_cache
from . import derive, encode, socialcard

logger = logging.getLogger(__name__)

IMAGES = "_images"  # where published pictures live in the site (Sphinx's own folder)
# An author's photo shows at most 8rem wide on their page: published this wide at most.
PHOTO_WIDTH = 480


@dataclass(frozen=True)
class Published:
    """A picture as this build publishes it: its cache entry and public names."""

    key: str
    name: str  # readable part of its file names
    derived: encode.Derived

    def path(self, variant: encode.Variant) -> str:
        """The variant's path in the site: content-addressed, so a browser may keep it."""
        return f"{IMAGES}/{self.name}-{self.key[:12]}-{variant.file}"

    def paths(self) -> list[str]:
        return [self.path(v) for v in self.derived.files()]


@dataclass
class Registry:
    """What :func:`prepare` made of this build's pictures."""

    # source path (srcdir-relative) -> Published
    pictures: dict[str, Published] = field(default_factory=dict)
    cards: dict[str, Published] = field(default_factory=dict)  # post docname -> Published


@dataclass
class Pictures:
    """This build's pictures (None for a build that publishes none)."""

    registry: Registry | None = None


@dataclass(frozen=True)
class _Job:
    key: str
    kind: Literal["picture", "card"]
    source: str = ""  # absolute path of a picture
    shown: str = ""  # its name as a post writes it
    title: str = ""  # a card's title and site name
    site_name: str = ""
    emblem: str = ""
    widths: tuple[int, ...] = ()


def widths(config: Config) -> tuple[int, ...]:
    """``blog_picture_widths``, checked: whole numbers of pixels, smallest first."""
    value = config.blog_picture_widths
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(w, int) and 16 <= w <= 8000 for w in value)
    ):
        raise ConfigError(
            f"blog_picture_widths = {value!r}: give a list of widths in pixels, "
            "each between 16 and 8000, e.g. [320, 480, 800, 1200, 1600]"
        )
    return tuple(sorted(set(value)))


# What became of a job: "made", "refused" or "failed", and why.
Outcome = tuple[str, str | None]


def prepare(
    app: Sphinx,
    env: BuildEnvironment,
    processes: int,
    known: Mapping[str, Sequence[object]],
) -> None:
    """At ``env-updated``: give every picture and card this build publishes its
    cache entry, encoding the missing ones in *processes* processes. *known*
    holds the digests of the files this build has already hashed."""
    if app.builder.format != "html":
        build_state.of(app, Pictures).registry = None
        return
    store = picture_cache.Cache(app.doctreedir, known)
    posts = records.of_env(env)
    wanted, users = _wanted(app, env, posts, store)
    todo = {job.key: job for _, job in wanted.values() if store.get(job.key) is None}
    results = dict(_run(store.root, list(todo.values()), processes))
    registry = Registry()
    for ident, (name, job) in wanted.items():
        outcome = results.get(job.key, ("cached", None))
        shown_by = users.get(ident, [])
        if outcome[0] == "failed":
            _report_failure(job, outcome[1] or "", shown_by)
        elif outcome[0] == "refused" and not any(d in posts for d in shown_by):
            # Only posts are checked before reading: a page's picture is reported here.
            _report_refusal(outcome[1] or "", shown_by)
        elif (derived := store.get(job.key)) is not None:  # None: refused, and said why
            published = Published(job.key, name, derived)
            if ident.startswith("card:"):
                registry.cards[ident.removeprefix("card:")] = published
            else:
                registry.pictures[ident] = published
    keys = {job.key for _, job in wanted.values()}
    store.save(keys)
    build_state.of(app, Pictures).registry = registry
    encoded = sum(1 for outcome in results.values() if outcome[0] == "made")
    logger.info(f"pictures: {encoded} encoded, {len(keys) - len(todo)} from the cache")


def _wanted(
    app: Sphinx,
    env: BuildEnvironment,
    posts: dict[str, records.PostRecord],
    store: picture_cache.Cache,
) -> tuple[dict[str, tuple[str, "_Job"]], dict[str, list[str]]]:
    """What this build publishes: source path (or "card:" + post) -> (public
    name, job); and the documents showing each source (for messages)."""
    ladder = widths(app.config)
    versions = picture_cache.versions()
    recipe = json.dumps([derive.RECIPE_VERSION, ladder, encode.BUDGET, versions])
    wanted: dict[str, tuple[str, _Job]] = {}
    users: dict[str, list[str]] = {}

    def add_picture(rel: str, docnames: Iterable[str], sizes: tuple[int, ...] = ladder) -> None:
        users.setdefault(rel, []).extend(docnames)
        source = Path(app.srcdir, rel)
        if rel in wanted or not source.is_file():
            return
        made = recipe if sizes == ladder else json.dumps([recipe, sizes])
        key = picture_cache.key("picture", store.digest(source), made)
        name = slugify(Path(rel).stem, max_words=8) or "picture"
        wanted[rel] = (name, _Job(key, "picture", str(source), Path(rel).name, widths=sizes))

    for rel, (docnames, _) in sorted(env.images.items()):
        if docnames:
            add_picture(rel, sorted(docnames))
    # Authors' photos (docs/authors/, named in the vocabulary file): their pages show them.
    small = tuple(w for w in ladder if w <= PHOTO_WIDTH) or ladder[:1]
    for profile in sorted(app.config.blog_author_profiles.values(), key=str):
        if profile.get("photo"):
            add_picture(profile["photo"], [], small)
    emblem, site_name = _emblem(app), app.config.blog_title
    card_recipe = _card_recipe(app, store, emblem, versions)
    for docname, record in sorted(posts.items()):
        if record.image:
            add_picture(record.image, [docname])
        if not record.image or record.image.lower().endswith(".svg"):
            # No cover a link preview can show: the post gets a card.
            key = picture_cache.key("card", record.title, card_recipe)
            job = _Job(key, "card", title=record.title, site_name=site_name, emblem=emblem)
            wanted["card:" + docname] = (slugify(Path(docname).parent.name, max_words=8), job)
    return wanted, users


def _card_recipe(app: Sphinx, store: picture_cache.Cache, emblem: str, versions: str) -> str:
    return json.dumps(
        [
            socialcard.CARD_VERSION,
            app.config.blog_title,
            store.digest(Path(emblem)) if emblem else "",
            store.digest(socialcard.FONT),
            versions,
        ]
    )


def _emblem(app: Sphinx) -> str:
    """The site's square icon (``site_icon``), drawn on every card."""
    if by_setting(app).get("site_icon") is None:  # conf.py names none
        return ""
    path = static_file(app, app.config.site_icon)
    return str(path) if path else ""


def _report_refusal(finding: str, docnames: list[str]) -> None:
    logger.warning(
        finding, location=docnames[0] if docnames else None, type="blog", subtype="picture"
    )


def _report_failure(job: _Job, error: str, docnames: list[str]) -> None:
    where = docnames[0] if docnames else None
    logger.warning(
        f"the picture “{job.shown}” could not be converted ({error}) — "
        "open it on your computer, then save or export it again as JPEG or PNG",
        location=where,
        type="blog",
        subtype="picture",
    )


def _run(root: Path, jobs: list[_Job], processes: int) -> list[tuple[str, Outcome]]:
    """(key, outcome) for each job, in *processes* forked processes when there
    is more than one job (each writes its own cache entry)."""
    if processes < 2 or len(jobs) < 2 or not hasattr(os, "fork"):
        return [_do(root, job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(min(processes, len(jobs))) as pool:
        return pool.starmap(_do, [(root, job) for job in jobs], chunksize=1)


def _do(root: Path, job: _Job) -> tuple[str, Outcome]:
    if job.kind == "card":
        emblem = Path(job.emblem) if job.emblem else None
        picture_cache.store(
            root, job.key, lambda out: socialcard.draw(job.title, job.site_name, emblem, out)
        )
        return job.key, ("made", None)
    source = Path(job.source)
    finding = picture_files.problem(source, job.shown)
    if finding is not None:
        return job.key, ("refused", f"{finding.message} — {finding.fix}")
    try:
        picture_cache.store(root, job.key, lambda out: derive.derive(source, job.widths, out))
    except Exception as err:  # noqa: BLE001 - reported with the post's name, never a traceback
        return job.key, ("failed", f"{type(err).__name__}: {err}")
    return job.key, ("made", None)


def registry(app: Sphinx) -> Registry:
    """This build's pictures (empty before :func:`prepare`, or for other builders)."""
    return build_state.of(app, Pictures).registry or Registry()


def made(app: Sphinx) -> bool:
    """Whether this build publishes pictures (an HTML build, after ``env-updated``)."""
    return build_state.of(app, Pictures).registry is not None


def everything(app: Sphinx) -> list[Published]:
    found = registry(app)
    return [*found.pictures.values(), *found.cards.values()]


def publish(app: Sphinx) -> None:
    """At ``html-collect-pages``: copy every derived file this build publishes
    from the cache into the site (a file already there as it should be is left alone)."""
    store = Path(app.doctreedir, picture_cache.FOLDER)
    for published in everything(app):
        for variant in published.derived.files():
            _publish(
                store / published.key / variant.file, Path(app.outdir, published.path(variant))
            )


def _publish(cached: Path, target: Path) -> None:
    """The published file is the cache's own file, hard-linked (cache entries
    are never rewritten): a later build that finds it there reads neither,
    where comparing them read a thousand cards on every build."""
    try:
        if os.path.samefile(cached, target):
            return
    except OSError:
        pass  # not published yet
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        link_whole(cached, target)
    except OSError:  # another file system, or no links there: a copy
        write_if_changed(target, cached.read_bytes())


def paths(app: Sphinx) -> list[str]:
    """Every picture file this build publishes, relative to the site root."""
    return sorted({path for published in everything(app) for path in published.paths()})
