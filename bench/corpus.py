"""A deterministic blog of generated posts, for the benchmark and the incremental tests.

The same seed and size always give the same files, byte for byte. Posts are
shaped like the clinic's: MyST Markdown, 600-900 words under a few headings,
with lists, links and emphasis; 1-3 tags from 12, one of 4 categories, one of
3 authors, dates spread over several years. Two flavours of the same corpus
are written: the project's own site (its conf.py, the corpus vocabulary)
and a stock ABlog + Furo site, so both engines read identical posts.
"""

import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from wnyblog.checks import location
from wnyblog.posts import vocabulary

REPO = Path(__file__).resolve().parents[1]
# The newest generated post is dated this day; builds pin BLOG_TODAY to it.
TODAY = dt.date(2025, 11, 20)
YEARS = 6

AUTHORS = {
    "clinic": "WNY Psychiatry & Counseling Associates",
    "rivera": "Dana Rivera, LCSW",  # fictional
    "okafor": "Dr. Chidi Okafor",  # fictional
}
# A clinician who reviews the posts of conf.py's review categories and writes
# none (fictional, listed only in the corpus's vocabulary file).
REVIEWER = ("patel", "Dr. Sam Patel", "PsyD")
# The site's own vocabulary (docs/vocabulary.yaml, through the one reader),
# with two more tags to make about twelve.
_SITE_VOCABULARY = vocabulary.load(REPO / "docs")[0]
CATEGORIES = list(_SITE_VOCABULARY.categories)
REVIEWED_CATEGORIES = ("Conditions and treatment",)  # as in conf.py
TAGS = [
    *_SITE_VOCABULARY.tags,
    *(t for t in ("grief", "stress") if t not in _SITE_VOCABULARY.tags),
]

_SUBJECTS = [
    "Sleep",
    "Worry",
    "Grief",
    "Stress at work",
    "Talking to teenagers",
    "Therapy",
    "Medication",
    "Loneliness",
    "Winter",
    "Routine",
    "Breathing",
    "Friendship",
    "Screen time",
    "Panic",
    "Self-compassion",
    "Burnout",
]
_ANGLES = [
    "what helps",
    "a gentle guide",
    "first steps",
    "questions people ask us",
    "myths and facts",
    "small changes that add up",
    "when to ask for help",
    "a clinician's view",
]
_WORDS = [
    "care",
    "calm",
    "feeling",
    "family",
    "friend",
    "habit",
    "health",
    "help",
    "hope",
    "listen",
    "mind",
    "mood",
    "night",
    "pace",
    "patience",
    "plan",
    "rest",
    "routine",
    "safety",
    "sleep",
    "space",
    "steady",
    "story",
    "support",
    "therapy",
    "time",
    "trust",
    "walk",
    "week",
    "worry",
    "breath",
    "body",
    "change",
    "choice",
    "comfort",
    "day",
    "energy",
    "focus",
    "goal",
    "kindness",
    "learning",
    "moment",
    "morning",
    "people",
    "practice",
    "progress",
    "question",
    "reason",
    "relief",
    "season",
    "sense",
    "signal",
    "skill",
    "step",
    "thought",
    "voice",
]
_VERBS = [
    "notice",
    "name",
    "share",
    "try",
    "plan",
    "rest",
    "breathe",
    "write",
    "call",
    "ask",
    "keep",
    "change",
]
_LINKS = [
    ("Get help now", "get-help.md"),
    ("our privacy notes", "privacy.md"),
    ("the 988 Lifeline", "https://988lifeline.org/"),
    ("NAMI", "https://www.nami.org/"),
]


@dataclass(frozen=True)
class PostSpec:
    """What a generated post is: enough for a test to find and change it."""

    index: int
    slug: str
    date: dt.date
    title: str
    author: str
    category: str
    tags: tuple[str, ...]

    @property
    def path(self) -> str:
        """The post's source file, relative to the source folder."""
        return f"posts/{self.date.year}/{self.slug}/index.md"

    @property
    def docname(self) -> str:
        return self.path.removesuffix(".md")


def spec(index: int, count: int, seed: int = 6) -> PostSpec:
    rng = random.Random(f"{seed}:{index}")
    # Oldest first, evenly over the years, the newest the day before TODAY
    # (a post added later, dated TODAY, is then the newest); index >= count
    # is such a later post.
    span = YEARS * 365
    days = span - span * index // max(count - 1, 1) + 1 if index < count else 0
    date = TODAY - dt.timedelta(days=days)
    title = f"{rng.choice(_SUBJECTS)}: {rng.choice(_ANGLES)} ({index + 1})"
    return PostSpec(
        index=index,
        slug=_slug(title),
        date=date,
        title=title,
        author=rng.choice(list(AUTHORS)),
        category=rng.choice(CATEGORIES),
        tags=tuple(sorted(rng.sample(TAGS, rng.randint(1, 3)))),
    )


def _slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))


def front_matter(post: PostSpec) -> str:
    tags = ", ".join(post.tags)
    review = ""
    if post.category in REVIEWED_CATEGORIES:
        # conf.py's review categories: a live post there needs its review.
        review = (
            f"reviewed_by: {REVIEWER[0]}\nreviewed: {TODAY - dt.timedelta(days=30)}\n"
            "sources:\n  - title: A guide for patients\n    url: https://example.org/guide\n"
        )
    return (
        f"---\ndate: {post.date.isoformat()}\nauthor: {post.author}\n"
        f"category: {post.category}\ntags: [{tags}]\n{review}---\n"
    )


def body(post: PostSpec, seed: int = 6) -> str:
    """600-900 words of Markdown: headings, paragraphs, lists, links, emphasis."""
    rng = random.Random(f"{seed}:body:{post.index}")
    target = rng.randint(580, 780)  # the last paragraph overshoots
    parts, words = [f"# {post.title}\n"], 0
    while words < target:
        if words and rng.random() < 0.3:
            parts.append(f"## {_sentence(rng, 3, 6).rstrip('.')}\n")
        if rng.random() < 0.25:
            items = [_sentence(rng, 5, 10) for _ in range(rng.randint(3, 5))]
            marker = "1." if rng.random() < 0.4 else "-"
            parts.append("\n".join(f"{marker} {item}" for item in items) + "\n")
            words += sum(len(item.split()) for item in items)
        paragraph = " ".join(_sentence(rng, 8, 18) for _ in range(rng.randint(3, 6)))
        parts.append(_decorate(rng, paragraph) + "\n")
        words += len(paragraph.split())
    depth = "../" * 3
    text = "\n".join(parts)
    return text.replace("](LOCAL:", f"]({depth}")


def _sentence(rng, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(_VERBS))
    return " ".join(words).capitalize() + "."


def _decorate(rng, paragraph: str) -> str:
    words = paragraph.split(" ")
    at = rng.randrange(len(words) - 2)
    words[at] = f"*{words[at]}*"
    at = rng.randrange(len(words) - 2)
    words[at] = f"**{words[at]}**"
    if rng.random() < 0.5:
        label, target = rng.choice(_LINKS)
        target = target if target.startswith("https:") else "LOCAL:" + target
        words.insert(rng.randrange(len(words)), f"([{label}]({target}))")
    return " ".join(words)


def post_text(post: PostSpec, seed: int = 6) -> str:
    return front_matter(post) + "\n" + body(post, seed)


def write_posts(srcdir: Path, count: int, seed: int = 6) -> list[PostSpec]:
    posts = [spec(i, count, seed) for i in range(count)]
    for post in posts:
        path = srcdir / post.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(post_text(post, seed), encoding="utf-8")
    return posts


_AUTHOR_ENTRIES = {key: (name, None) for key, name in AUTHORS.items()}

# -- The two sites ---------------------------------------------------------------------------------


def _vocabulary_yaml() -> str:
    """The corpus's vocabulary file (names quoted: YAML needs no guessing)."""
    lines = ["# The generated corpus's authors, categories and tags.", "authors:"]
    for key, name in AUTHORS.items():
        lines += [f"  {key}:", f"    name: {json.dumps(name)}"]
    key, name, credentials = REVIEWER
    lines += [f"  {key}:", f"    name: {json.dumps(name)}", f"    credentials: {credentials}"]
    lines += ["default_author: clinic", "categories:"]
    lines += [f"  - {json.dumps(name)}" for name in CATEGORIES]
    lines += ["tags:", *(f"  - {json.dumps(name)}" for name in TAGS)]
    return "\n".join(lines) + "\n"


def write_site(root: Path, count: int, seed: int = 6) -> list[PostSpec]:
    """The project's site: its conf.py and pages, with *count* generated posts.

    Layout as in the repository: root/conf.py, sources in root/docs.
    """
    if root.exists():
        shutil.rmtree(root)
    # permalinks.txt records the real posts' addresses, which a generated blog does not have.
    ignore = shutil.ignore_patterns("posts", "permalinks.txt")
    shutil.copytree(REPO / "docs", root / "docs", ignore=ignore)
    shutil.copy(REPO / "conf.py", root / "conf.py")
    (root / "docs" / vocabulary.FILE).write_text(_vocabulary_yaml(), encoding="utf-8")
    return write_posts(root / "docs", count, seed)


_STOCK_CONF = f"""\
# Stock ABlog + Furo: ABlog's defaults, feeds on, one template fix (see _templates).
project = "Generated blog"
extensions = ["myst_parser", "ablog"]
source_suffix = {{".md": "markdown"}}
html_theme = "furo"
templates_path = ["_templates"]
blog_path = "blog"
blog_title = "Generated blog"
blog_baseurl = "https://example.org/blog/"
blog_post_pattern = ["posts/*/*/index.md"]
blog_feed_archives = True
blog_feed_fulltext = True
blog_feed_length = 20
blog_authors = {_AUTHOR_ENTRIES!r}
blog_default_author = "clinic"
"""

# ABlog injects a page.html that extends "layout.html", which in Furo is an
# error page. The smallest fix that makes Furo render: the site's own
# page.html, found before ABlog's, that is Furo's page ("!page.html" would
# find ABlog's again: Sphinx searches from the first loader after the site's).
_STOCK_PAGE = '{% extends "furo/page.html" %}\n'


def write_stock_site(root: Path, count: int, seed: int = 6) -> list[PostSpec]:
    """The same posts and pages on stock ABlog + Furo (sources and conf.py in *root*)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "conf.py").write_text(_STOCK_CONF, encoding="utf-8")
    (root / "_templates").mkdir()
    (root / "_templates" / "page.html").write_text(_STOCK_PAGE, encoding="utf-8")
    for page in (REPO / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        # The project's directives, in ABlog's words (or dropped).
        text = text.replace("```{latest-posts}\n```", "```{postlist} 5\n```")
        text = text.replace("```{clinic-contact}\n```\n", "")
        (root / page.name).write_text(text, encoding="utf-8")
    return write_posts(root, count, seed)


# -- Changes a writer makes ------------------------------------------------------------------------


def edit_body(srcdir: Path, post: PostSpec, words: str = "One more calm sentence.") -> None:
    """Add a sentence at the end of the post: what listings show does not change."""
    path = srcdir / post.path
    path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def edit_heading(srcdir: Path, post: PostSpec, title: str) -> None:
    path = srcdir / post.path
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"# {post.title}\n", f"# {title}\n", 1), encoding="utf-8")


def edit_front_matter(srcdir: Path, post: PostSpec, key: str, value: str) -> None:
    """Set front-matter *key* to *value* (YAML text), adding the key if missing."""
    path = srcdir / post.path
    head, sep, rest = path.read_text(encoding="utf-8").partition("\n---\n")
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
    lines.append(f"{key}: {value}")
    path.write_text("\n".join(lines) + sep + rest, encoding="utf-8")


def add_post(srcdir: Path, count: int, seed: int = 6) -> PostSpec:
    """Write post number *count* (the corpus had *count* posts): the newest, dated TODAY."""
    post = spec(count, count, seed)
    path = srcdir / post.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(post, seed), encoding="utf-8")
    return post


def delete_post(srcdir: Path, post: PostSpec) -> None:
    shutil.rmtree((srcdir / post.path).parent)


# -- Photos ----------------------------------------------------------------------------------------

PHOTO = "photo.jpg"
PHOTO_ALT = "Trees along the lake path in spring"
_PHOTO_LINE = f"\n![{PHOTO_ALT}]({PHOTO})\n"


def add_photo(
    srcdir: Path,
    post: PostSpec,
    *,
    seed: int = 1,
    size: tuple[int, int] = (4032, 3024),
    made: Path | None = None,
) -> Path:
    """Give *post* a phone photo (12 megapixels, EXIF, turned; its GPS and
    serial number taken out by ``blog strip-location``) beside
    it, shown in its text and as its cover: what a writer does most. Photos
    already drawn into the folder *made* are copied from there."""
    import photos

    photo = (srcdir / post.path).parent / PHOTO
    kept = made / f"{seed}-{size[0]}x{size[1]}.jpg" if made else None
    if kept is not None and kept.is_file():
        shutil.copyfile(kept, photo)
    else:
        photos.phone_jpeg(photo, size, seed=seed)
        # As a writer must before committing it (the check refuses the rest).
        location.strip_file(photo)
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(photo, kept)
    path = srcdir / post.path
    text = path.read_text(encoding="utf-8")
    if _PHOTO_LINE not in text:
        path.write_text(text + _PHOTO_LINE, encoding="utf-8")
    edit_front_matter(srcdir, post, "image", PHOTO)
    edit_front_matter(srcdir, post, "image_alt", PHOTO_ALT)
    return photo


def add_photos(srcdir: Path, posts: list[PostSpec], count: int, made: Path | None = None) -> None:
    """Phone photos for *count* posts spread evenly over the blog."""
    for number in range(count):
        add_photo(srcdir, posts[number * len(posts) // count], seed=100 + number, made=made)


def remove_photo(srcdir: Path, post: PostSpec) -> None:
    """Take the photo out of *post*: its file, its line and its cover."""
    path = srcdir / post.path
    head, sep, rest = path.read_text(encoding="utf-8").partition("\n---\n")
    lines = [line for line in head.splitlines() if not line.startswith(("image:", "image_alt:"))]
    path.write_text("\n".join(lines) + sep + rest.replace(_PHOTO_LINE, ""), encoding="utf-8")
    ((srcdir / post.path).parent / PHOTO).unlink()
