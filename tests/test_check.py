"""`blog check` and the build give every writer mistake the same clear message:
`path:line: what is wrong — how to fix it`, exit code 1, never a traceback."""

import pytest

from helpers import repo_layout, sphinx_in_layout
from wnyblog.cli import main as cli
from wnyblog.posts.skeleton import OPENING

FM = "---\ndate: 2026-06-01\n---\n"  # a valid front matter for body cases


def post(body: str, fm: str = FM) -> str:
    return fm + body


# (case id, {path under docs/: content}, [(path, line, message start)])
BAD = [
    (
        "yaml-malformed",
        {"posts/2026/bad-yaml/index.md": "---\ndate: 2026-06-01\ntags: [sleep\n---\n# T\n"},
        [("posts/2026/bad-yaml/index.md", 3, "the list of `tags` opens with [ but never closes")],
    ),
    (
        "front-matter-unclosed",
        {"posts/2026/unclosed/index.md": "---\ndate: 2026-06-01\n# T\n\nText.\n"},
        [
            (
                "posts/2026/unclosed/index.md",
                1,
                "the settings at the top of the post start on line 1 with --- but never end",
            )
        ],
    ),
    (
        "unknown-key-near-miss",
        {"posts/2026/tagz/index.md": "---\ndate: 2026-06-01\ntagz: [sleep]\n---\n# T tagz\n"},
        [
            (
                "posts/2026/tagz/index.md",
                3,
                'unknown front-matter setting "tagz" (did you mean "tags"?)',
            )
        ],
    ),
    (
        "unknown-key",
        {"posts/2026/colour/index.md": "---\ndate: 2026-06-01\ncolour: blue\n---\n# T colour\n"},
        [("posts/2026/colour/index.md", 3, 'unknown front-matter setting "colour"')],
    ),
    (
        "missing-title",
        {"posts/2026/no-title/index.md": post("Just text, no heading.\n")},
        [("posts/2026/no-title/index.md", 4, "the post has no title")],
    ),
    (
        "two-titles",
        {"posts/2026/two-h1/index.md": post("# One\n\nText.\n\n# Two\n")},
        [("posts/2026/two-h1/index.md", 8, "a second top-level heading (the first is on line 4)")],
    ),
    (
        "impossible-date",
        {"posts/2026/feb30/index.md": "---\ndate: 2026-02-30\n---\n# Feb 30\n"},
        [("posts/2026/feb30/index.md", 2, '`date`: "2026-02-30" is not a real calendar date')],
    ),
    (
        "vague-date",
        {"posts/2026/may/index.md": "---\ndate: May 2026\n---\n# May post\n"},
        [("posts/2026/may/index.md", 2, '`date`: "May 2026" is not a date the site understands')],
    ),
    (
        "season-date",
        {"posts/2026/spring/index.md": "---\ndate: Spring 2026\n---\n# Spring post\n"},
        [
            (
                "posts/2026/spring/index.md",
                2,
                '`date`: "Spring 2026" is not a date the site understands',
            )
        ],
    ),
    (
        "date-with-zone",
        {"posts/2026/zoned/index.md": "---\ndate: 2026-06-01T10:00:00+01:00\n---\n# Zoned\n"},
        [("posts/2026/zoned/index.md", 2, '`date`: "2026-06-01T10:00:00+01:00" has a time zone')],
    ),
    (
        "missing-date",
        {"posts/2026/undated/index.md": "---\ntags: [sleep]\n---\n# Undated\n"},
        [("posts/2026/undated/index.md", 1, "the post has no date")],
    ),
    (
        "future-not-draft",
        {"posts/2026/future/index.md": "---\ndate: 2026-12-20\n---\n# Future\n"},
        [
            (
                "posts/2026/future/index.md",
                2,
                "the date 2026-12-20 is in the future: is this a draft or a scheduled post?",
            )
        ],
    ),
    (
        "unknown-author",
        {"posts/2026/who/index.md": "---\ndate: 2026-06-01\nauthor: dr-leee\n---\n# Who\n"},
        [("posts/2026/who/index.md", 3, 'unknown author "dr-leee" (did you mean "dr-lee"?)')],
    ),
    (
        "unknown-tag",
        {"posts/2026/tag/index.md": "---\ndate: 2026-06-01\ntags: [anxeity]\n---\n# Tag\n"},
        [("posts/2026/tag/index.md", 3, 'unknown tag "anxeity" (did you mean "anxiety"?)')],
    ),
    (
        "unknown-category",
        {"posts/2026/cat/index.md": "---\ndate: 2026-06-01\ncategory: News\n---\n# Cat\n"},
        [("posts/2026/cat/index.md", 3, 'unknown category "News"')],
    ),
    (
        "draft-not-boolean",
        {"posts/2026/draft-yes/index.md": "---\ndate: 2026-06-01\ndraft: maybe\n---\n# D\n"},
        [("posts/2026/draft-yes/index.md", 3, "`draft: maybe` is not true or false")],
    ),
    (
        "duplicate-slug",
        {"posts/2025/good-plain/index.md": "---\ndate: 2025-06-01\n---\n# Other plain\n"},
        [("posts/2026/good-plain/index.md", 1, "the address “good-plain” is already used by")],
    ),
    (
        "duplicate-title",
        {"posts/2026/again/index.md": post("# Sleeping better\n\nAgain.\n")},
        [("posts/2026/again/index.md", 4, "the title “Sleeping better” is already used by")],
    ),
    (
        "image-missing",
        {"posts/2026/no-img/index.md": post("# Pic\n\n![A dog](dog.jpg)\n")},
        [("posts/2026/no-img/index.md", 6, "the image “dog.jpg” does not exist beside the post")],
    ),
    (
        "image-no-alt",
        {"posts/2026/no-alt/index.md": post("# Pic2\n\n![](../../2026/good-image/calm.png)\n")},
        [
            (
                "posts/2026/no-alt/index.md",
                6,
                "the image “../../2026/good-image/calm.png” has no description (alt text)",
            )
        ],
    ),
    (
        "cover-no-alt",
        {"posts/2026/cover/index.md": "---\ndate: 2026-06-01\nimage: x.png\n---\n# Cover\n"},
        [
            (
                "posts/2026/cover/index.md",
                3,
                "the cover image “x.png” does not exist beside the post",
            ),
            ("posts/2026/cover/index.md", 3, "the cover image has no description (alt text)"),
        ],
    ),
    (
        "remote-image",
        {
            "posts/2026/remote/index.md": post(
                "# Remote\n\n![A chart](https://cdn.example.com/c.png)\n"
            )
        },
        [
            (
                "posts/2026/remote/index.md",
                6,
                "the image https://cdn.example.com/c.png is loaded from another site",
            )
        ],
    ),
    (
        "script",
        {"posts/2026/script/index.md": post("# S\n\nHi <script>alert(1)</script>\n")},
        [("posts/2026/script/index.md", 6, "raw HTML <script> is not allowed")],
    ),
    (
        "iframe",
        {
            "posts/2026/iframe/index.md": post(
                '# I\n\n<iframe src="https://video.example.com/x"></iframe>\n'
            )
        },
        [("posts/2026/iframe/index.md", 6, "raw HTML <iframe> is not allowed")],
    ),
    (
        "object-embed",
        {"posts/2026/embed/index.md": post('# E\n\n<embed src="x.swf">\n')},
        [("posts/2026/embed/index.md", 6, "raw HTML <embed> is not allowed")],
    ),
    (
        "form",
        {
            "posts/2026/form/index.md": post(
                '# F\n\n<form action="https://x.example"><input></form>\n'
            )
        },
        [("posts/2026/form/index.md", 6, "raw HTML <form> is not allowed")],
    ),
    (
        "onclick",
        {"posts/2026/onclick/index.md": post('# O\n\n<span onclick="steal()">Tap</span>\n')},
        [
            (
                "posts/2026/onclick/index.md",
                6,
                "the HTML attribute onclick= runs code and is not allowed",
            )
        ],
    ),
    (
        # Browsers read a slash after the tag name like a space: still an attribute.
        "onclick-after-slash",
        {"posts/2026/slash/index.md": post('# O\n\n<b/onclick="steal()">Tap</b>\n')},
        [("posts/2026/slash/index.md", 6, "the HTML attribute onclick= runs code")],
    ),
    (
        "outside-cover",
        {
            "posts/2026/out/index.md": (
                "---\ndate: 2026-06-01\nimage: ../../../conf.py\nimage_alt: x\n---\n# Out\n"
            )
        },
        [("posts/2026/out/index.md", 3, "the cover image “../../../conf.py” is outside")],
    ),
    (
        "javascript-url",
        {"posts/2026/js/index.md": post("# J\n\n[Click](javascript:alert(1))\n")},
        [("posts/2026/js/index.md", 6, "a javascript: link runs code and is not allowed")],
    ),
    (
        "script-in-front-matter-position",
        {"posts/2026/deep/index.md": post("# D2\n\n- item\n  - nested <SCRIPT src=x></SCRIPT>\n")},
        [("posts/2026/deep/index.md", 7, "raw HTML <script> is not allowed")],
    ),
    (
        "suicide-without-crisis-block",
        {"posts/2026/nocrisis/index.md": post("# Loss\n\nWe talk about suicide here.\n")},
        [
            (
                "posts/2026/nocrisis/index.md",
                6,
                "the post mentions suicide or self-harm but has no crisis-resources block",
            )
        ],
    ),
    (
        "stigmatising-phrase",
        {
            "posts/2026/stigma/index.md": post(
                "# Words\n\n```{crisis-resources}\n```\n\nHe committed suicide last year.\n"
            )
        },
        [
            (
                "posts/2026/stigma/index.md",
                9,
                "“committed suicide” goes against safe-messaging guidelines",
            )
        ],
    ),
    (
        "empty-file",
        {"posts/2026/empty/index.md": ""},
        [("posts/2026/empty/index.md", 1, "the file is empty")],
    ),
    (
        "not-utf8",
        {"posts/2026/latin1/index.md": "---\ndate: 2026-06-01\n---\n# Caf\xe9\n".encode("latin-1")},
        [("posts/2026/latin1/index.md", 4, "the file is not UTF-8 text")],
    ),
    (
        "not-markdown",
        {"posts/2026/good-plain/notes.docx": b"PK\x03\x04binary"},
        [("posts/2026/good-plain/notes.docx", 1, "this file is not a Markdown post")],
    ),
    (
        "misplaced-post",
        {"posts/2026/loose.md": post("# Loose\n")},
        [("posts/2026/loose.md", 1, "posts must be at posts/<year>/<slug>/index.md")],
    ),
    (
        "year-folder-mismatch",
        {"posts/2026/old/index.md": "---\ndate: 2024-06-01\n---\n# Old\n"},
        [
            (
                "posts/2026/old/index.md",
                2,
                "the date is in 2024 but the post is in the posts/2026 folder",
            )
        ],
    ),
    (
        "broken-internal-link",
        {"posts/2026/link/index.md": post("# Link\n\nSee [sleep](../no-such-post/index.md).\n")},
        [
            (
                "posts/2026/link/index.md",
                6,
                "the link to “../no-such-post/index.md” points to a file that does not exist",
            )
        ],
    ),
    (
        "skeleton-left",
        {"posts/2026/skel/index.md": post("# Skel\n\n" + OPENING + "\n")},
        [
            (
                "posts/2026/skel/index.md",
                6,
                "the post still has the example opening paragraph from `blog new`",
            )
        ],
    ),
]


def make_site(tmp_path, files: dict):
    docs = repo_layout("check", tmp_path) / "docs"
    for rel, content in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")


@pytest.mark.slow  # one build per case; the all-at-once test stays fast
@pytest.mark.parametrize(("files", "expected"), [pytest.param(f, e, id=i) for i, f, e in BAD])
def test_check_names_file_line_and_fix(tmp_path, monkeypatch, capsys, files, expected):
    monkeypatch.chdir(make_site(tmp_path, files))
    code = cli.main(["check", "--no-record"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert str(tmp_path) not in out  # paths as the writer sees them, from the repository
    lines = out.splitlines()
    for path, line, message in expected:
        prefix = f"docs/{path}:{line}: {message}"
        assert any(row.startswith(prefix) and " — " in row for row in lines), (prefix, out)
    assert lines[-1].startswith(f"{len(lines) - 1} error")


def test_good_posts_pass_untouched(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path, {})
    before = {p: p.read_bytes() for p in (site / "docs" / "posts").rglob("*") if p.is_file()}
    monkeypatch.chdir(site)
    assert cli.main(["check", "--no-record"]) == 0
    assert capsys.readouterr().out == "All 5 posts look good.\n"
    assert before == {
        p: p.read_bytes() for p in (site / "docs" / "posts").rglob("*") if p.is_file()
    }


def test_build_reports_every_mistake_at_once_and_keeps_valid_posts(tmp_path):
    files = {}
    for _, case_files, _ in BAD:
        files.update(case_files)
    site = make_site(tmp_path, files)
    result = sphinx_in_layout(site, "_build/html")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log and "Exception occurred" not in log
    for _, _, expected in BAD:
        for path, line, message in expected:
            assert f"docs/{path}:{line}: {message}" in log, (path, message)
    html = site / "_build" / "html"
    for good in ("good-plain", "good-image", "good-safe"):
        assert (html / "posts" / "2026" / good / "index.html").is_file(), good


def test_check_limits_its_report_to_the_files_given(tmp_path, monkeypatch, capsys):
    files = {**BAD[4][1], **BAD[12][1]}
    monkeypatch.chdir(make_site(tmp_path, files))
    assert cli.main(["check", "--no-record", "docs/posts/2026/who/index.md"]) == 1
    out = capsys.readouterr().out
    assert "docs/posts/2026/who/index.md:3:" in out and "no-title" not in out


def test_remembered_results_notice_a_deleted_link_target(tmp_path, monkeypatch):
    """A build remembers each post's check between runs; deleting the post that
    another one links to must still be reported, though the linking file did not change."""
    from wnyblog.checks import runner as sitecheck
    from wnyblog.posts import schema
    from wnyblog.speed import checkmemo

    docs = (
        make_site(
            tmp_path,
            {
                "posts/2026/a/index.md": post("# A\n\nSee [B](../b/index.md).\n"),
                "posts/2026/b/index.md": post("# B\n\nText.\n"),
            },
        )
        / "docs"
    )
    monkeypatch.chdir(tmp_path)
    vocab = schema.Vocabulary(authors={"clinic": "Clinic"}, tags=(), categories=())
    broken = "the link to “../b/index.md” points to a file that does not exist"
    first = checkmemo.Memo()
    assert broken not in [p.message for p in sitecheck.check_site(docs, vocab, memo=first).problems]
    (docs / "posts/2026/b/index.md").unlink()
    (docs / "posts/2026/b").rmdir()
    again = checkmemo.Memo(first.used)
    problems = sitecheck.check_site(docs, vocab, memo=again).problems
    assert [(p.path, p.message) for p in problems if p.message == broken] == [
        ("docs/posts/2026/a/index.md", broken)
    ]


def test_posts_checked_in_worker_processes_report_the_same(tmp_path, monkeypatch):
    """A build checks the posts it does not remember in several processes."""
    from wnyblog.checks import runner as sitecheck
    from wnyblog.posts import schema
    from wnyblog.speed import checkmemo

    files = {}
    for _, bad, _ in BAD:
        files.update(bad)
    files["posts/2026/fine/index.md"] = post("# Fine\n\nText.\n")
    docs = make_site(tmp_path, files) / "docs"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(checkmemo, "_MIN_AHEAD", 1)
    vocab = schema.Vocabulary(authors={"clinic": "Clinic"}, tags=(), categories=())
    one = sitecheck.check_site(docs, vocab, memo=checkmemo.Memo(), jobs=1)
    memo = checkmemo.Memo()
    two = sitecheck.check_site(docs, vocab, memo=memo, jobs=2)
    assert one.problems and one.posts
    assert (two.problems, two.posts, two.unreadable) == (one.problems, one.posts, one.unreadable)


def test_remembered_results_follow_the_files_a_post_looks_for(tmp_path, monkeypatch):
    """A link to a post not written yet is reported until that post exists; a new
    post elsewhere checks only itself (the others remember what they looked for)."""
    from wnyblog.checks import runner as sitecheck
    from wnyblog.posts import schema
    from wnyblog.speed import checkmemo

    docs = (
        make_site(
            tmp_path,
            {
                "posts/2026/a/index.md": post("# A\n\nSee [B](../b/index.md).\n"),
                "posts/2026/c/index.md": post("# C\n\nText.\n"),
            },
        )
        / "docs"
    )
    monkeypatch.chdir(tmp_path)
    vocab = schema.Vocabulary(authors={"clinic": "Clinic"}, tags=(), categories=())
    broken = "the link to “../b/index.md” points to a file that does not exist"
    first = checkmemo.Memo()
    assert broken in [p.message for p in sitecheck.check_site(docs, vocab, memo=first).problems]

    checked = []
    real = sitecheck.check_file
    monkeypatch.setattr(
        sitecheck,
        "check_file",
        lambda path, *a: checked.append(path.parent.name) or real(path, *a),
    )
    (docs / "posts/2026/b").mkdir()
    (docs / "posts/2026/b/index.md").write_text(post("# B\n\nText.\n"), encoding="utf-8")
    again = checkmemo.Memo(first.used)
    problems = sitecheck.check_site(docs, vocab, memo=again).problems
    assert broken not in [p.message for p in problems]
    assert sorted(checked) == ["a", "b"]  # c did not link to b: it was not checked again


def test_remembered_results_are_not_used_by_other_code(tmp_path):
    """New checks must judge every post again: a build by other code than the
    last one forgets the results that code kept."""
    from types import SimpleNamespace

    from wnyblog.speed import checkmemo, codeversion

    doctrees = tmp_path / "doctrees"
    memo = checkmemo.Memo()
    memo.used = {("a post",): ("its result", ())}
    checkmemo.save(doctrees, memo)
    app = SimpleNamespace(doctreedir=doctrees)
    (doctrees / codeversion.STAMP).write_text(str(codeversion.code_version()))
    codeversion.discard_stale_environment(app)  # the same code: kept
    assert checkmemo.load(doctrees).results == memo.used
    (doctrees / codeversion.STAMP).write_text("0")  # other code made them
    codeversion.discard_stale_environment(app)
    assert checkmemo.load(doctrees).results == {}
