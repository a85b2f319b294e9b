"""The published blog as the templates and feeds see it.

Built once per build from the reading side's records; every list is in a
fixed order (newest first, ties broken by title and document name) so two
builds of the same sources write the same bytes.
"""

import datetime as dt
from dataclasses import dataclass, field

from .records import PostRecord
from .slugs import slugify


@dataclass
class Archive:
    """One listing page: all posts, a year, a tag, a category or an author."""

    kind: str  # all | year | tag | category | author
    key: str
    name: str
    pagename: str
    posts: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return {
            "all": "All posts",
            "year": f"Posts from {self.name}",
            "tag": f"Posts tagged “{self.name}”",
            "category": f"Posts in {self.name}",
            "author": f"Posts by {self.name}",
        }[self.kind]


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


class Post:
    """A published post with links to its archives and neighbours."""

    def __init__(self, record: PostRecord, blog: "Blog"):
        self.record = record
        self.blog = blog
        self.prev = self.next = None  # older / newer post

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


class Blog:
    def __init__(self, records, *, blog_path: str, authors: dict):
        self.blog_path = blog_path
        order = sorted(records, key=lambda r: (-r.date.timestamp(), r.title, r.docname))
        self.posts = [Post(r, self) for r in order]
        self.by_docname = {p.docname: p for p in self.posts}
        self._distinct_updates()
        for newer, older in zip(self.posts, self.posts[1:], strict=False):
            newer.prev, older.next = older, newer
        root = blog_path
        self.all = Archive("all", "", "All posts", root, self.posts)
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

    @staticmethod
    def _add(catalog, kind, key, name, pagename, post):
        archive = catalog.archives.get(key)
        if archive is None:
            pagename = pagename or f"{catalog.pagename}/{key}"
            archive = catalog.archives[key] = Archive(kind, key, name, pagename)
        archive.posts.append(post)

    @property
    def catalogs(self):
        return [self.years, self.tags, self.categories, self.authors]

    def archives(self):
        """Every listing page, the all-posts page first."""
        yield self.all
        for catalog in self.catalogs:
            yield from catalog

    def recent(self, count: int):
        return self.posts[:count]
