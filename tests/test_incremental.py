"""An incremental build publishes exactly what a clean build of the same sources does.

A generated blog of 30 posts (the benchmark's generator) is built once; each
test then starts from a copy of that build, changes the sources the way a
writer would, rebuilds incrementally as `make html` does (the build's front
end, then Sphinx with -j auto), and compares every published file, byte for
byte, with a clean build.
"""

import dataclasses
import re
from pathlib import Path

import corpus
import pytest

from helpers import GENERATED_POSTS, assert_same_site, frontend_build, published
from wnyblog.publish.pictures.cache import FOLDER as CACHE

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


def sphinx_build(root: Path, out: Path, jobs: str | None = "auto", extra: tuple | list = ()) -> str:
    """Build root/conf.py + root/docs into out/html with the front end `make html` runs."""
    return frontend_build(root, out, today=corpus.TODAY.isoformat(), jobs=jobs, extra=extra)


class Blog:
    """A working copy of the generated blog and its incremental build."""

    def __init__(self, root: Path, posts: list):
        self.root = root
        self.src = root / "site" / "docs"
        self.posts = posts

    def rebuild_and_compare(self, tmp_path: Path) -> str:
        log = sphinx_build(self.root / "site", self.root / "build")
        clean = tmp_path / "clean"
        sphinx_build(self.root / "site", clean)
        assert_same_site(self.root / "build" / "html", clean / "html")
        return log


@pytest.fixture
def blog(generated_blog):
    """The generated blog and its build, as they were (file times kept)."""
    built, posts, _ = generated_blog
    return Blog(built.restore(), posts)


def test_no_change_writes_nothing_new(blog, tmp_path):
    before = published(blog.root / "build" / "html")
    log = blog.rebuild_and_compare(tmp_path)
    # The front end saw nothing to do: Sphinx did not even start.
    assert "Nothing has changed since the last build" in log
    assert "Running Sphinx" not in log
    assert published(blog.root / "build" / "html") == before


def test_edit_a_post_body(blog, tmp_path):
    corpus.edit_body(blog.src, blog.posts[12], "A sentence added later, with *emphasis*.")
    log = blog.rebuild_and_compare(tmp_path)
    # What other pages show of a post did not change: only the post is written.
    assert "1 changed" in log and "looking for now-outdated files... none found" in log


def test_edit_a_post_title(blog, tmp_path):
    corpus.edit_heading(blog.src, blog.posts[-1], "The newest post, renamed")
    blog.rebuild_and_compare(tmp_path)


def test_change_a_post_tags(blog, tmp_path):
    corpus.edit_front_matter(blog.src, blog.posts[8], "tags", "[stigma, therapy]")
    blog.rebuild_and_compare(tmp_path)


def test_change_a_post_category(blog, tmp_path):
    post = blog.posts[20]
    other = next(c for c in corpus.CATEGORIES if c != post.category)
    corpus.edit_front_matter(blog.src, post, "category", other)
    blog.rebuild_and_compare(tmp_path)


def test_change_a_post_date(blog, tmp_path):
    # An older post of this year becomes the newest (a post's folder names its
    # year): new neighbours, a new sidebar, reordered archives and feeds.
    post = next(p for p in blog.posts if p.date.year == corpus.TODAY.year)
    assert post is not blog.posts[-1]
    corpus.edit_front_matter(blog.src, post, "date", corpus.TODAY.isoformat())
    blog.rebuild_and_compare(tmp_path)


def test_add_a_post(blog, tmp_path):
    corpus.add_post(blog.src, GENERATED_POSTS)
    blog.rebuild_and_compare(tmp_path)


def test_published_cards_are_the_caches_own_files(blog, tmp_path):
    # A restored build (a copy: no links) publishes its cards again as hard
    # links to the picture cache, so later builds compare nothing.
    corpus.add_post(blog.src, GENERATED_POSTS)
    blog.rebuild_and_compare(tmp_path)
    html, cache = blog.root / "build" / "html", blog.root / "build" / "doctrees" / CACHE
    cards = sorted(html.glob("_images/*-card.png"))
    assert len(cards) > GENERATED_POSTS
    cached = {(f.stat().st_ino, f.stat().st_dev) for f in cache.rglob("card.png")}
    assert all((c.stat().st_ino, c.stat().st_dev) in cached for c in cards)


def test_delete_a_post(blog, tmp_path):
    oldest = blog.posts[0]
    # The only post of its year: its year's archive page goes with it.
    assert [p.date.year for p in blog.posts].count(oldest.date.year) == 1
    corpus.delete_post(blog.src, oldest)
    blog.rebuild_and_compare(tmp_path)
    assert not (blog.root / "build" / "html" / "blog" / str(oldest.date.year)).exists()


def test_an_edit_that_changes_nothing_is_refused(blog):
    # Every edit below must change its file: otherwise a test would compare
    # two identical builds and pass whatever the build does.
    post = blog.posts[3]
    with pytest.raises(corpus.EditChangedNothing):
        corpus.edit_heading(blog.src, post, post.title)
    with pytest.raises(corpus.EditChangedNothing):
        corpus.edit_heading(blog.src, dataclasses.replace(post, title="Not its title"), "X")


def test_turn_a_post_into_a_draft_and_back(blog, tmp_path):
    post = blog.posts[15]
    corpus.edit_front_matter(blog.src, post, "draft", "true")
    blog.rebuild_and_compare(tmp_path / "draft")
    corpus.edit_front_matter(blog.src, post, "draft", "false")
    blog.rebuild_and_compare(tmp_path / "published")


def test_change_conf_py(blog, tmp_path):
    conf = blog.root / "site" / "conf.py"
    renamed = '\nblog_title = "A renamed blog"\nhtml_title = "A renamed site"\n'
    conf.write_text(conf.read_text() + renamed, encoding="utf-8")
    blog.rebuild_and_compare(tmp_path)


def test_change_the_vocabulary(blog, tmp_path):
    """An author renamed and given a link, a tag added in docs/vocabulary.yaml:
    every byline, listing and feed that names them is written again."""
    vocabulary = blog.src / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    renamed = text.replace(
        'name: "Dana Rivera, LCSW"',
        'name: "Dana Rivera-Lopez, LCSW"\n    link: https://dana.example',
    )
    assert renamed != text
    vocabulary.write_text(renamed + '  - "winter"\n', encoding="utf-8")
    corpus.edit_front_matter(blog.src, blog.posts[4], "tags", "[winter]")
    blog.rebuild_and_compare(tmp_path)
    html = blog.root / "build" / "html"
    assert (html / "blog/tag/winter/index.html").is_file()
    assert "Dana Rivera-Lopez" in (html / "blog/author/rivera/index.html").read_text()


def test_a_general_index_left_by_an_older_build_is_removed(blog, tmp_path):
    """Older builds published Sphinx's empty general index; a clean build has none."""
    stale = blog.root / "build" / "html" / "genindex" / "index.html"
    stale.parent.mkdir()
    stale.write_text("<title>Index</title>", encoding="utf-8")
    blog.rebuild_and_compare(tmp_path)
    assert not stale.parent.exists()


def test_add_replace_and_remove_a_photo(blog, tmp_path):
    post = blog.posts[12]
    corpus.add_photo(blog.src, post, seed=3, size=(2000, 1500))
    log = blog.rebuild_and_compare(tmp_path / "added")
    assert "pictures: 1 encoded" in log
    published = {p.name for p in (blog.root / "build/html/_images").iterdir()}
    # The same file name, other bytes (a writer saves a better photo over it).
    corpus.add_photo(blog.src, post, seed=4, size=(2000, 1500))
    log = blog.rebuild_and_compare(tmp_path / "replaced")
    assert "pictures: 1 encoded" in log
    replaced = {p.name for p in (blog.root / "build/html/_images").iterdir()}
    assert replaced != published and len(replaced) == len(published)
    corpus.remove_photo(blog.src, post)
    blog.rebuild_and_compare(tmp_path / "removed")
    assert not any(
        p.name.startswith("photo-") for p in (blog.root / "build/html/_images").iterdir()
    )


def test_change_the_width_ladder(blog, tmp_path):
    corpus.add_photo(blog.src, blog.posts[5], seed=5, size=(2000, 1500))
    blog.rebuild_and_compare(tmp_path / "photo")
    conf = blog.root / "site" / "conf.py"
    conf.write_text(conf.read_text() + "\nblog_picture_widths = [400, 900]\n", encoding="utf-8")
    log = blog.rebuild_and_compare(tmp_path / "ladder")
    assert "pictures: 1 encoded" in log
    widths = {p.stem.rsplit("-", 1)[1] for p in (blog.root / "build/html/_images").glob("photo-*")}
    assert widths == {"400", "900"}


def test_worker_processes_publish_what_one_process_does(blog, tmp_path):
    # Documents, archive pages and feeds are written by forked workers with -j;
    # a small blog is read in one process unless told otherwise (jobs.py).
    everything_in_workers = ["-D", "blog_serial_read_below=0"]
    # Pictures are encoded in forked processes too: the same bytes either way.
    for number, post in enumerate(blog.posts[3:5]):
        corpus.add_photo(blog.src, post, seed=10 + number, size=(2400, 1800))
    parallel = sphinx_build(
        blog.root / "site", tmp_path / "parallel", jobs="2", extra=everything_in_workers
    )
    # Sphinx shows the chunks its reading workers took: "[ 20%] first .. last".
    assert re.search(r"reading sources\.\.\. \[[ \d]+%\] \S+ \.\. \S+", parallel), parallel
    sphinx_build(blog.root / "site", tmp_path / "serial", jobs=None)
    assert_same_site(tmp_path / "parallel" / "html", tmp_path / "serial" / "html")
