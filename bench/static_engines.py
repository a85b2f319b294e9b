"""Jekyll and Hugo sites of the same generated posts (bench/corpus.py), for
bench.py: each figure of our build is then also a ratio to them, taken in the
same run on the same machine.

Both sites are plain blogs with what ours publishes: a page per post, a home
page listing the newest posts, archives by tag and category, and a feed
(Jekyll: jekyll-feed and jekyll-archives, Debian's ruby-jekyll-* packages;
Hugo: its own taxonomies and RSS). Layouts are minimal and local: nothing is
fetched. The posts keep the corpus' text; only where each engine expects a
post's file differs (:func:`jekyll_path`, Hugo takes the same path).
"""

import shutil
from collections.abc import Callable
from pathlib import Path

import corpus

_JEKYLL_CONFIG = """\
title: WNY Psychiatry & Counseling Associates
markdown: kramdown
permalink: /posts/:year/:title/
plugins: [jekyll-feed, jekyll-archives]
jekyll-archives:
  enabled: [tags, categories, year]
  layout: archive
  permalinks:
    tag: /blog/tag/:name/
    category: /blog/category/:name/
    year: /blog/:year/
"""
_JEKYLL_LAYOUT = """\
<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ page.title | default: site.title }}</title>{% feed_meta %}</head>
<body><aside><h2>Recent posts</h2><ul>
{% for post in site.posts limit:5 %}
<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}
</ul></aside><main>{{ content }}</main></body></html>
"""
_JEKYLL_POST = """\
---
layout: default
---
<article><p>{{ page.date | date: "%B %-d, %Y" }} · {{ page.category }}
{% for tag in page.tags %}<a href="/blog/tag/{{ tag }}/">{{ tag }}</a> {% endfor %}</p>
{{ content }}
{% if page.previous %}<a href="{{ page.previous.url }}">Older</a>{% endif %}
{% if page.next %}<a href="{{ page.next.url }}">Newer</a>{% endif %}</article>
"""
_JEKYLL_ARCHIVE = """\
---
layout: default
---
<h1>{{ page.title }}</h1><ul>
{% for post in page.posts %}<li><a href="{{ post.url }}">{{ post.title }}</a></li>{% endfor %}
</ul>
"""
_JEKYLL_HOME = """\
---
layout: default
---
<ul>{% for post in site.posts limit:10 %}<li><a href="{{ post.url }}">{{ post.title }}</a>
{{ post.excerpt }}</li>{% endfor %}</ul>
"""

_HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "WNY Psychiatry & Counseling Associates"
disableKinds = ["robotsTXT"]
[taxonomies]
  tag = "tags"
  category = "category"
[markup.goldmark.renderer]
  unsafe = false
"""
_HUGO_BASE = """\
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><aside><h2>Recent posts</h2><ul>
{{ range first 5 (where .Site.RegularPages "Section" "posts") }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></aside><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
_HUGO_SINGLE = """\
{{ define "main" }}<article><p>{{ .Date.Format "January 2, 2006" }}
{{ range .Params.tags }}<a href="/tags/{{ urlize . }}/">{{ . }}</a> {{ end }}</p>
{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">Newer</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">Older</a>{{ end }}</article>{{ end }}
"""
_HUGO_LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}
</ul>{{ end }}
"""


def _text(post: corpus.PostSpec) -> str:
    """The corpus post with the title in its front matter (both engines show
    it in listings; the Markdown keeps its heading, as ours does)."""
    title = post.title.replace('"', "'")
    return corpus.post_text(post).replace("---\n", f'---\ntitle: "{title}"\n', 1)


def jekyll_path(post: corpus.PostSpec) -> str:
    """Jekyll reads a post from _posts/<date>-<slug>.md."""
    return f"_posts/{post.date.isoformat()}-{post.slug}.md"


def write_jekyll_site(root: Path, count: int) -> list[corpus.PostSpec]:
    files = {
        "_config.yml": _JEKYLL_CONFIG,
        "_layouts/default.html": _JEKYLL_LAYOUT,
        "_layouts/post.html": _JEKYLL_POST,
        "_layouts/archive.html": _JEKYLL_ARCHIVE,
        "index.html": _JEKYLL_HOME,
    }
    return _write_site(root, files, count, lambda post: (root, jekyll_path(post)))


def write_hugo_site(root: Path, count: int) -> list[corpus.PostSpec]:
    files = {
        "config.toml": _HUGO_CONFIG,
        "layouts/_default/baseof.html": _HUGO_BASE,
        "layouts/_default/single.html": _HUGO_SINGLE,
        "layouts/_default/list.html": _HUGO_LIST,
        "layouts/index.html": _HUGO_LIST,
    }
    return _write_site(root, files, count, lambda post: (root / "content", post.path))


def _write_site(
    root: Path,
    files: dict[str, str],
    count: int,
    place: Callable[[corpus.PostSpec], tuple[Path, str]],
) -> list[corpus.PostSpec]:
    """A fresh site at *root*: its *files*, then *count* posts, each where
    *place* says (a folder and a path inside it)."""
    if root.exists():
        shutil.rmtree(root)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    posts = [corpus.spec(i, count) for i in range(count)]
    for post in posts:
        write_post(*place(post), post)
    return posts


def write_post(srcdir: Path, path: str, post: corpus.PostSpec) -> None:
    target = srcdir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_text(post), encoding="utf-8")
