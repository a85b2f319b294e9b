"""Must-show 7: in `make preview`, a post whose settings cannot be read shows
its problems at its own address, not "there is no page at this address"."""

from lxml import html

from helpers import fetch_text, free_port, preview_server, repo_layout, wait_for

BROKEN = """\
---
date: 2026-11-02
title: Grief: what helps
tags: [grief]
---
# Grief: what helps

![](calm.png)
"""


def test_the_preview_shows_a_broken_posts_problems_at_its_address(tmp_path):
    site = repo_layout("check", tmp_path)
    post = site / "docs/posts/2026/grief-what-helps/index.md"
    post.parent.mkdir()
    post.write_text(BROKEN, encoding="utf-8")
    port = free_port()
    with preview_server(site, port) as output:
        url = f"http://127.0.0.1:{port}/posts/2026/grief-what-helps/"
        doc = html.fromstring(wait_for(lambda: fetch_text(url), timeout=180))
        problems = [
            " ".join(item.text_content().split()) for item in doc.cssselect(".problem-list li")
        ]
        where = "docs/posts/2026/grief-what-helps/index.md"
        assert problems == [
            f"{where}:3: the value of `title` contains “: ”, which starts a new setting there — "
            'put double quotes around the whole value: `title: "Grief: what helps"`',
            f"{where}:8: the image “calm.png” does not exist beside the post — put the image "
            "file in docs/posts/2026/grief-what-helps or correct the file name",
            f"{where}:8: the image “calm.png” has no description (alt text) — write what it "
            "shows between the brackets: ![A quiet lake at dawn](lake.jpg)",
        ]
        assert doc.cssselect("h1")[0].text_content() == "This post has problems to fix"
        assert "no page at this address" not in doc.text_content()
        # Fixed and saved: the same address shows the post.
        post.write_text(
            BROKEN.replace("title: Grief: what helps\n", "").replace("![]", "![A calm sea]"),
            encoding="utf-8",
        )
        (post.parent / "calm.png").write_bytes(
            (site / "docs/posts/2026/good-image/calm.png").read_bytes()
        )
        fixed = wait_for(
            lambda: "problem-list" not in (fetch_text(url) or "problem-list") and fetch_text(url),
            timeout=120,
        )
        assert (
            html.fromstring(fixed)
            .cssselect("article h1, h1")[0]
            .text_content()
            .startswith("Grief: what helps")
        )
    assert "Traceback" not in output[0]
