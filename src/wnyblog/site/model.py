"""The published blog as the templates and feeds see it.

Built once per build from the reading side's records; every list is in a
fixed order (newest first, ties broken by title and document name) so two
builds of the same sources write the same bytes.
"""

import datetime as dt
import enum
import heapq
import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol, assert_never

from ..posts.records import PostRecord
from ..posts.schema import Profile
from ..posts.slugs import slugify
from ..posts.sources import Source

# An adult reads about 230 words of plain prose a minute.
WORDS_PER_MINUTE = 230
RELATED_POSTS = 3


def reading_minutes(words: int) -> int:
    """Whole minutes, rounded up, never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class ArchiveKind(enum.StrEnum):
    """What a listing gathers (text too, as templates and feeds compare it)."""

    ALL = "all"
    YEAR = "year"
    TAG = "tag"
    CATEGORY = "category"
    AUTHOR = "author"


# The listings' reprs name them, not their posts: Sphinx writes every event's
# arguments into its debug log with repr(), and a listing page's context holds
# its archive, whose posts each hold the blog (a long walk per page).
@dataclass(repr=False)
class Archive:
    """One listing: all posts, a year, a tag, a category or an author."""

    kind: ArchiveKind
    key: str
    name: str
    pagename: str
    posts: list["PublishedPost"] = field(default_factory=list)
    page_size: int = 10
    # An author's: what the vocabulary says of them, and the posts they reviewed.
    profile: Profile | None = None
    reviewed: list["PublishedPost"] = field(default_factory=list)
    photo: object = None  # the profile's photo as pages show it (publish.pictures.markup.View)

    def __repr__(self) -> str:
        return f"<Archive {self.pagename}: {len(self.posts)} posts>"

    @property
    def credited_name(self) -> str:
        """The name with credentials, as bylines show it: "Jane Lee, PsyD"."""
        credentials = self.profile.credentials if self.profile else None
        return f"{self.name}, {credentials}" if credentials else self.name

    @property
    def title(self) -> str:
        match self.kind:
            case ArchiveKind.ALL:
                return "All posts"
            case ArchiveKind.YEAR:
                return f"Posts from {self.name}"
            case ArchiveKind.TAG:
                return f"Posts tagged “{self.name}”"
            case ArchiveKind.CATEGORY:
                return f"Posts in {self.name}"
            case ArchiveKind.AUTHOR:
                return f"Posts by {self.name}"
            case _:
                assert_never(self.kind)

    @property
    def pages(self) -> list["ArchivePage"]:
        """The listing in pages of ``page_size`` posts: the first page keeps
        the archive's own address, page k is at ``<archive>/page/<k>``."""
        size = self.page_size
        count = max(1, math.ceil(len(self.posts) / size))
        pages = [
            ArchivePage(self, number, self.posts[(number - 1) * size : number * size])
            for number in range(1, count + 1)
        ]
        for page in pages:
            page.siblings = pages
        return pages


@dataclass(eq=False, repr=False)
class ArchivePage:
    """One page of an archive's listing."""

    archive: Archive
    number: int
    posts: list["PublishedPost"]
    siblings: list["ArchivePage"] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<ArchivePage {self.pagename}>"

    @property
    def pagename(self) -> str:
        if self.number == 1:
            return self.archive.pagename
        return f"{self.archive.pagename}/page/{self.number}"

    @property
    def title(self) -> str:
        if len(self.siblings) < 2:
            return self.archive.title
        return f"{self.archive.title}, page {self.number} of {len(self.siblings)}"

    @property
    def newer_page(self) -> "ArchivePage | None":
        """The page before: newer posts."""
        return self.siblings[self.number - 2] if self.number > 1 else None

    @property
    def older_page(self) -> "ArchivePage | None":
        """The page after: older posts."""
        return self.siblings[self.number] if self.number < len(self.siblings) else None

    def window(self, radius: int = 2) -> list["ArchivePage | None"]:
        """The pages a pager links by number: the first, the last and those
        within *radius* of this one; ``None`` where numbers are skipped."""
        last = len(self.siblings)
        shown = [
            page
            for page in self.siblings
            if page.number in (1, last) or abs(page.number - self.number) <= radius
        ]
        window: list[ArchivePage | None] = []
        for page in shown:
            before = window[-1] if window else None
            if before is not None and page.number - before.number > 1:
                # A gap of one page shows that page rather than an ellipsis.
                if page.number - before.number == 2:
                    window.append(self.siblings[page.number - 2])
                else:
                    window.append(None)
            window.append(page)
        return window


@dataclass(repr=False)
class Catalog:
    """An index page of archives of one kind: years, tags, categories, authors."""

    kind: ArchiveKind
    title: str
    pagename: str
    archives: dict[str, Archive] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<Catalog {self.pagename}: {len(self.archives)} archives>"

    def __iter__(self) -> Iterator[Archive]:
        return iter(self.archives.values())

    def __len__(self) -> int:
        return len(self.archives)


class Cover(Protocol):
    """A post's cover as listing cards show it (``publish.pictures.markup.View``,
    a later stage): its cache key is part of a listing's key."""

    @property
    def key(self) -> str: ...


class PublishedPost:
    """A published post with links to its archives and neighbours; what the
    templates read of its record is named below, one property each."""

    # Given by the build once the pictures are made.
    cover: Cover | None = None

    def __init__(self, record: PostRecord, blog: "Blog", position: int) -> None:
        self.record = record
        self.blog = blog
        self.position = position  # in the blog's newest-first order
        self.older: PublishedPost | None = None
        self.newer: PublishedPost | None = None
        # The record's, a second later where another post has the same (Blog).
        self.updated: dt.datetime = record.updated
        # related() by count: a model is not changed once built, and the keys
        # (speed/keys.py) ask before the pages are written in forked children,
        # which inherit the answers instead of finding them again.
        self._related: dict[int, list[PublishedPost]] = {}

    @property
    def docname(self) -> str:
        return self.record.docname

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def date(self) -> dt.datetime:
        return self.record.date

    @property
    def authors(self) -> tuple[str, ...]:
        return self.record.authors

    @property
    def tags(self) -> tuple[str, ...]:
        return self.record.tags

    @property
    def category(self) -> str | None:
        return self.record.category

    @property
    def reviewed_by(self) -> str | None:
        return self.record.reviewed_by

    @property
    def reviewed(self) -> dt.datetime | None:
        return self.record.reviewed

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.record.sources

    @property
    def excerpt(self) -> str:
        return self.record.excerpt

    @property
    def words(self) -> int:
        return self.record.words

    @property
    def image(self) -> str | None:
        return self.record.image

    @property
    def image_alt(self) -> str | None:
        return self.record.image_alt

    @property
    def date_is_import_date(self) -> bool:
        return self.record.date_is_import_date

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def redirect_from(self) -> tuple[str, ...]:
        return self.record.redirect_from

    @property
    def author_archives(self) -> list[Archive]:
        return [self.blog.authors.archives[a] for a in self.record.authors]

    @property
    def tag_archives(self) -> list[Archive]:
        return [self.blog.tags.archives[slugify(t)] for t in self.record.tags]

    @property
    def category_archive(self) -> Archive | None:
        return self.blog.categories.archives.get(slugify(self.record.category or ""))

    @property
    def reviewer_archive(self) -> "Archive | None":
        """The reviewer's page, when the post names a review."""
        key = self.record.reviewed_by
        return self.blog.authors.archives.get(key) if key else None

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.record.words)

    def related(self, count: int = RELATED_POSTS) -> list["PublishedPost"]:
        """Other posts most like this one: most tags in common, then the same
        category, then the newest. Never a draft or a scheduled post (those
        are read only by a preview build)."""
        if count not in self._related:
            self._related[count] = self._find_related(count)
        return list(self._related[count])

    def _find_related(self, count: int) -> list["PublishedPost"]:
        # Only a post sharing a tag or the category can outrank the newest
        # posts, so those and the newest few are all the candidates there are.
        # Tags in common are counted through the tag archives (a post is in
        # one archive per tag): every post's related posts are found on each
        # build, so this stays linear in the posts an archive shares.
        shared: dict[int, int] = {}
        candidates: dict[int, PublishedPost] = {}
        for archive in self.tag_archives:
            for post in archive.posts:
                shared[post.position] = shared.get(post.position, 0) + 1
                candidates[post.position] = post
        category = self.category_archive
        same_category = set()
        for post in category.posts if category else ():
            same_category.add(post.position)
            candidates[post.position] = post
        others = (p for p in self.blog.posts if p is not self and p.status == "published")
        for post in itertools.islice(others, count):
            candidates[post.position] = post

        def closeness(position: int) -> tuple[int, bool, int]:
            return (-shared.get(position, 0), position not in same_category, position)

        chosen = (
            position
            for position, post in candidates.items()
            if post is not self and post.status == "published"
        )
        return [candidates[p] for p in heapq.nsmallest(count, chosen, key=closeness)]


class Blog:
    def __init__(
        self,
        records: Iterable[PostRecord],
        *,
        blog_path: str,
        authors: Mapping[str, str],
        page_size: int = 10,
        profiles: dict[str, Profile] | None = None,
    ) -> None:
        if page_size < 1:
            raise ValueError(f"blog_page_size must be a whole number above 0 (got {page_size!r})")
        self.blog_path = blog_path
        self.page_size = page_size
        order = sorted(records, key=lambda r: (-r.date.timestamp(), r.title, r.docname))
        self.posts = [PublishedPost(r, self, position) for position, r in enumerate(order)]
        self.by_docname = {p.docname: p for p in self.posts}
        self._distinct_updates()
        for newer, older in zip(self.posts, self.posts[1:], strict=False):
            newer.older, older.newer = older, newer
        root = blog_path
        self.all = Archive(ArchiveKind.ALL, "", "All posts", root, self.posts, page_size)
        self.years = Catalog(ArchiveKind.YEAR, "Posts by year", f"{root}/archive")
        self.tags = Catalog(ArchiveKind.TAG, "Tags", f"{root}/tag")
        self.categories = Catalog(ArchiveKind.CATEGORY, "Categories", f"{root}/category")
        self.authors = Catalog(ArchiveKind.AUTHOR, "Authors", f"{root}/author")
        for post in self.posts:
            year = str(post.date.year)
            self._add(self.years, ArchiveKind.YEAR, year, year, f"{root}/{year}", post)
            for tag in post.tags:
                self._add(self.tags, ArchiveKind.TAG, slugify(tag), tag, None, post)
            if post.category:
                self._add(
                    self.categories,
                    ArchiveKind.CATEGORY,
                    slugify(post.category),
                    post.category,
                    None,
                    post,
                )
            for key in post.authors:
                self._add(self.authors, ArchiveKind.AUTHOR, key, authors.get(key, key), None, post)
        # A reviewer has a page, with the posts they reviewed, even when they
        # wrote none. Listed newest first, like the posts.
        for post in self.posts:
            if post.reviewed_by and post.reviewed_by in authors:
                key = post.reviewed_by
                self._add(self.authors, ArchiveKind.AUTHOR, key, authors[key], None, None)
                self.authors.archives[key].reviewed.append(post)
        for key, archive in self.authors.archives.items():
            archive.profile = (profiles or {}).get(key)
        for catalog in (self.tags, self.categories, self.authors):
            catalog.archives = dict(
                sorted(catalog.archives.items(), key=lambda kv: kv[1].name.lower())
            )

    def _distinct_updates(self) -> None:
        """Give every post its own ``updated`` instant.

        Feed readers (and the W3C validator) take two entries updated at the
        same instant for a mistake, and two posts of the same day would be.
        A second apart, the newer-listed post later, changes no day a reader
        sees and keeps every feed the same from build to build.
        """
        taken: set[dt.datetime] = set()
        for post in reversed(self.posts):
            when = post.record.updated
            while when in taken:
                when += dt.timedelta(seconds=1)
            taken.add(when)
            post.updated = when

    def _add(
        self,
        catalog: Catalog,
        kind: ArchiveKind,
        key: str,
        name: str,
        pagename: str | None,
        post: PublishedPost | None,
    ) -> None:
        archive = catalog.archives.get(key)
        if archive is None:
            pagename = pagename or f"{catalog.pagename}/{key}"
            archive = catalog.archives[key] = Archive(
                kind, key, name, pagename, page_size=self.page_size
            )
        if post is not None:
            archive.posts.append(post)

    @property
    def catalogs(self) -> list[Catalog]:
        return [self.years, self.tags, self.categories, self.authors]

    def archives(self) -> Iterator[Archive]:
        """Every listing, the all-posts one first."""
        yield self.all
        for catalog in self.catalogs:
            yield from catalog

    def recent(self, count: int) -> list[PublishedPost]:
        return self.posts[:count]
