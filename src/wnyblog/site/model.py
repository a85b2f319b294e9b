"""The published blog as the templates and feeds see it.

Built once per build from the reading side's records; every list is in a
fixed order (newest first, ties broken by title and document name) so two
builds of the same sources write the same bytes.
"""

import datetime as dt
import heapq
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..posts.records import PostRecord
from ..posts.schema import Profile
from ..posts.slugs import slugify

# An adult reads about 230 words of plain prose a minute.
WORDS_PER_MINUTE = 230
RELATED_POSTS = 3


def reading_minutes(words: int) -> int:
    """Whole minutes, rounded up, never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass
class Archive:
    """One listing: all posts, a year, a tag, a category or an author."""

    kind: str  # all | year | tag | category | author
    key: str
    name: str
    pagename: str
    posts: list = field(default_factory=list)
    page_size: int = 10
    # An author's: what the vocabulary says of them, and the posts they reviewed.
    profile: Profile | None = None
    reviewed: list = field(default_factory=list)
    photo: object = None  # the profile's photo as pages show it (publish.pictures.markup.View)

    @property
    def credited_name(self) -> str:
        """The name with credentials, as bylines show it: "Jane Lee, PsyD"."""
        credentials = self.profile.credentials if self.profile else None
        return f"{self.name}, {credentials}" if credentials else self.name

    @property
    def title(self) -> str:
        return {
            "all": "All posts",
            "year": f"Posts from {self.name}",
            "tag": f"Posts tagged “{self.name}”",
            "category": f"Posts in {self.name}",
            "author": f"Posts by {self.name}",
        }[self.kind]

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


@dataclass(eq=False)
class ArchivePage:
    """One page of an archive's listing."""

    archive: Archive
    number: int
    posts: list
    siblings: list = field(default_factory=list, repr=False)

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
            if window and page.number - window[-1].number > 1:
                # A gap of one page shows that page rather than an ellipsis.
                if page.number - window[-1].number == 2:
                    window.append(self.siblings[page.number - 2])
                else:
                    window.append(None)
            window.append(page)
        return window


@dataclass
class Catalog:
    """An index page of archives of one kind: years, tags, categories, authors."""

    kind: str
    title: str
    pagename: str
    archives: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.archives.values())

    def __len__(self):
        return len(self.archives)


class PublishedPost:
    """A published post with links to its archives and neighbours."""

    # Its cover as listing cards show it (a publish.pictures.markup.View),
    # given by the build once the pictures are made.
    cover = None

    def __init__(self, record: PostRecord, blog: "Blog", position: int):
        self.record = record
        self.blog = blog
        self.position = position  # in the blog's newest-first order
        self.older: PublishedPost | None = None
        self.newer: PublishedPost | None = None

    def __getattr__(self, name):
        return getattr(self.record, name)

    @property
    def author_archives(self):
        return [self.blog.authors.archives[a] for a in self.record.authors]

    @property
    def tag_archives(self):
        return [self.blog.tags.archives[slugify(t)] for t in self.record.tags]

    @property
    def category_archive(self):
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
        # Only a post sharing a tag or the category can outrank the newest
        # posts, so those and the newest few are all the candidates there are.
        # Tags in common are counted through the tag archives (a post is in
        # one archive per tag): every post's related posts are found on each
        # build, so this stays linear in the posts an archive shares.
        shared: dict[int, int] = {}
        candidates = {}
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

        def closeness(position):
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
        authors: dict,
        page_size: int = 10,
        profiles: dict[str, Profile] | None = None,
    ):
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
        self.all = Archive("all", "", "All posts", root, self.posts, page_size)
        self.years = Catalog("year", "Posts by year", f"{root}/archive")
        self.tags = Catalog("tag", "Tags", f"{root}/tag")
        self.categories = Catalog("category", "Categories", f"{root}/category")
        self.authors = Catalog("author", "Authors", f"{root}/author")
        for post in self.posts:
            year = str(post.date.year)
            self._add(self.years, "year", year, year, f"{root}/{year}", post)
            for tag in post.tags:
                self._add(self.tags, "tag", slugify(tag), tag, None, post)
            if post.category:
                self._add(
                    self.categories, "category", slugify(post.category), post.category, None, post
                )
            for key in post.authors:
                self._add(self.authors, "author", key, authors.get(key, key), None, post)
        # A reviewer has a page, with the posts they reviewed, even when they
        # wrote none. Listed newest first, like the posts.
        for post in self.posts:
            if post.reviewed_by and post.reviewed_by in authors:
                key = post.reviewed_by
                self._add(self.authors, "author", key, authors[key], None, None)
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
        taken = set()
        for post in reversed(self.posts):
            when = post.record.updated
            while when in taken:
                when += dt.timedelta(seconds=1)
            taken.add(when)
            post.updated = when

    def _add(
        self,
        catalog: Catalog,
        kind: str,
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
    def catalogs(self):
        return [self.years, self.tags, self.categories, self.authors]

    def archives(self):
        """Every listing, the all-posts one first."""
        yield self.all
        for catalog in self.catalogs:
            yield from catalog

    def recent(self, count: int):
        return self.posts[:count]
