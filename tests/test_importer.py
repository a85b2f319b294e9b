"""Tests for the Wix plain-text export importer (wnyblog.cli.wix)."""

import datetime
import io
from pathlib import Path

import pytest
import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from wnyblog.cli.wix import (
    Block,
    WixImportError,
    WixPost,
    parse_wix_export,
    to_myst,
    wix_path,
    wix_slug,
)

# The clinic's one real Wix export (a copy of shared/seeds/000_b0c850823dd2a17a.txt).
SEED = Path(__file__).parent / "data" / "wix-export-empathy.txt"
SEED_TITLE = "Understanding Empathy: The Heartbeat of Mental Health Treatment"
SEED_HEADINGS = [
    "The Essence of Empathy",
    "Creating a Safe Haven",
    "Breaking Down Barriers",
    "Nurturing Healing Relationships",
    "Beyond Words: The Power of Presence",
    "Conclusion: Empathy as a Guiding Light",
]
IMPORT_DAY = datetime.date(2026, 11, 25)
CHROME = "top of page\n  \u2022 WNY Psychiatry & Counseling Associates\n\n"
CHROME_END = "\n\n\n\nPost: Blog2_Post\nbottom of page"


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.fail(
            f"the Wix seed export is missing: expected {SEED} "
            "(a copy of shared/seeds/000_b0c850823dd2a17a.txt)."
        )
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_paragraphs(seed_text) -> list[str]:
    # The seed's body paragraphs are its only long lines; found without the importer.
    paragraphs = [line for line in seed_text.splitlines() if len(line.split()) > 20]
    assert len(paragraphs) == 7
    return paragraphs


def export(*blocks: str, newline: str = "\n") -> str:
    """A synthetic Wix export: page chrome around blocks separated by blank lines."""
    return (CHROME + "\n\n".join(blocks) + CHROME_END).replace("\n", newline)


def paragraphs(post: WixPost) -> list[str]:
    return [b.text for b in post.blocks if b.kind == "paragraph"]


def headings(post: WixPost) -> list[str]:
    return [b.text for b in post.blocks if b.kind == "heading"]


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


# --- The real export --------------------------------------------------------


def test_seed_title_cover_alt_and_headings(seed_text):
    post = parse_wix_export(seed_text)
    assert post.title == SEED_TITLE
    assert post.cover_alt == "mental health treatment"
    assert headings(post) == SEED_HEADINGS


def test_seed_paragraphs_are_kept_exactly_and_alternate_with_headings(seed_text, seed_paragraphs):
    post = parse_wix_export(seed_text)
    assert paragraphs(post) == seed_paragraphs
    assert [b.kind for b in post.blocks] == ["paragraph"] + ["heading", "paragraph"] * 6


def test_seed_myst_has_no_wix_chrome(seed_text):
    text = to_myst(parse_wix_export(seed_text), date=IMPORT_DAY).lower()
    for chrome in ("top of page", "bottom of page", "post:", "blog2_post", "\u2022"):
        assert chrome not in text


def test_seed_myst_matches_the_agreed_layout(seed_text, seed_paragraphs):
    post = parse_wix_export(seed_text)
    old_url = (
        "https://www.wnypca.com/post/understanding-empathy-the-heartbeat-of-mental-health-treatment"
    )
    text = to_myst(post, date=IMPORT_DAY, old_url=old_url)
    assert text.startswith(
        "---\n"
        "date: 2026-11-25\n"
        "# The original publication date on the old Wix site is unknown:"
        " `date` is the day of the import.\n"
        "date_is_import_date: true\n"
        "imported_from: wix\n"
        "author: clinic\n"
        "# Wix cover image alt text (the image itself was not in the export):"
        ' "mental health treatment"\n'
        "redirect_from:\n"
        "  - /post/understanding-empathy-the-heartbeat-of-mental-health-treatment\n"
        "---\n\n"
        f"# {SEED_TITLE}\n\n{seed_paragraphs[0]}\n\n## The Essence of Empathy\n\n"
    )
    assert text.endswith(seed_paragraphs[-1] + "\n")
    assert "\n\n\n" not in text


# --- Synthetic exports: structure -------------------------------------------


def test_post_without_headings_is_title_and_paragraphs():
    post = parse_wix_export(export("A Quiet Title", "First paragraph.", "Second paragraph."))
    assert post == WixPost(
        "A Quiet Title",
        None,
        (Block("paragraph", "First paragraph."), Block("paragraph", "Second paragraph.")),
    )


def test_several_headings_each_before_a_paragraph():
    post = parse_wix_export(
        export(
            "Sleep and Mood",
            "sleep hygiene",
            "Intro paragraph.",
            "Why Sleep Matters",
            "Body one.",
            "What You Can Do Tonight",
            "Body two,\nwhich wraps onto\na third line.",
            "Last short line without a full stop",
        )
    )
    assert post.cover_alt == "sleep hygiene"
    assert [(b.kind, b.text) for b in post.blocks] == [
        ("paragraph", "Intro paragraph."),
        ("heading", "Why Sleep Matters"),
        ("paragraph", "Body one."),
        ("heading", "What You Can Do Tonight"),
        ("paragraph", "Body two, which wraps onto a third line."),
        ("paragraph", "Last short line without a full stop"),
    ]


@pytest.mark.parametrize(
    ("line", "is_heading"),
    [
        pytest.param(
            "Conclusion: Empathy as a Guiding Light", True, id="colon-mid-line-is-heading"
        ),
        pytest.param("When to Ask for Help", True, id="short-unpunctuated-is-heading"),
        pytest.param("We are here for you.", False, id="full-stop-is-paragraph"),
        pytest.param("Is it anxiety?", False, id="question-is-paragraph"),
        pytest.param("Here is how:", False, id="trailing-colon-is-paragraph"),
        pytest.param("Breathe\u2026", False, id="ellipsis-is-paragraph"),
        pytest.param("\u201cBe kind to yourself.\u201d", False, id="quoted-sentence-is-paragraph"),
        pytest.param(" ".join(["word"] * 13), False, id="thirteen-words-is-paragraph"),
        pytest.param("Two lines\nin one block", False, id="multi-line-block-is-paragraph"),
    ],
)
def test_heading_detection(line, is_heading):
    post = parse_wix_export(export("Title", "Intro.", line, "A following paragraph."))
    kind = "heading" if is_heading else "paragraph"
    assert post.blocks[1] == Block(kind, line.replace("\n", " "))


def test_short_line_before_a_heading_stays_a_paragraph():
    post = parse_wix_export(export("Title", "Intro.", "Not a heading", "A Heading", "Body."))
    assert [b.kind for b in post.blocks] == ["paragraph", "paragraph", "heading", "paragraph"]


@pytest.mark.parametrize(
    ("line", "alt"),
    [
        pytest.param("mental health treatment", "mental health treatment", id="short-lowercase"),
        pytest.param("Mental health treatment", None, id="capitalised-is-content"),
        pytest.param("mental health treatment.", None, id="sentence-is-content"),
        pytest.param("one two three four five six seven eight nine", None, id="nine-words"),
        pytest.param("a calm room\nwith a window", None, id="multi-line-is-content"),
    ],
)
def test_cover_alt_detection(line, alt):
    post = parse_wix_export(export("Title", line, "Body paragraph."))
    assert post.cover_alt == alt
    texts = [b.text for b in post.blocks]
    assert texts == (["Body paragraph."] if alt else [line.replace("\n", " "), "Body paragraph."])


def test_lone_lowercase_line_after_title_is_body_not_cover_alt():
    post = parse_wix_export(export("Title", "see you soon"))
    assert post.cover_alt is None
    assert post.blocks == (Block("paragraph", "see you soon"),)


# --- Synthetic exports: text fidelity and line ends -------------------------

UNICODE_PARAGRAPH = (
    "\u201cCurly\u201d and \u2018single\u2019 quotes, it\u2019s and it's \u2014 an em dash, "
    "an ellipsis\u2026 na\u00efve caf\u00e9, \u041f\u0440\u0438\u0432\u0435\u0442, "
    "\u3053\u3093\u306b\u3061\u306f, \u0645\u0631\u062d\u0628\u0627 \U0001f331."
)


def test_unicode_punctuation_is_preserved_byte_for_byte():
    post = parse_wix_export(export("Caf\u00e9 \u2014 Title", UNICODE_PARAGRAPH))
    assert post.title == "Caf\u00e9 \u2014 Title"
    assert post.blocks[0].text.encode("utf-8") == UNICODE_PARAGRAPH.encode("utf-8")
    assert ("\n" + UNICODE_PARAGRAPH + "\n").encode() in to_myst(post, date=IMPORT_DAY).encode()


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="old-mac-cr"),
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(lambda t: t.replace("\n", " \t\n"), id="trailing-spaces-and-tabs"),
    ],
)
def test_line_end_variants_give_the_same_post(seed_text, variant):
    assert parse_wix_export(variant(seed_text)) == parse_wix_export(seed_text)


def test_chrome_matching_is_case_and_whitespace_tolerant():
    text = (
        "  TOP  OF PAGE \n   \u2022 Site Name\nTitle\n\nmental health\n\nBody.\n\n"
        "  post:  Blog2_Post\t\n Bottom of Page  "
    )
    post = parse_wix_export(text)
    assert (post.title, post.cover_alt, post.blocks) == (
        "Title",
        "mental health",
        (Block("paragraph", "Body."),),
    )


def test_prose_mentioning_chrome_words_is_kept():
    lines = [
        "Scroll back to the top of page one.",
        "Post: what to expect at your first visit.",
        "\u2022 A bullet line in the body is text too.",
        "Then read the bottom of page two.",
    ]
    assert paragraphs(parse_wix_export(export("Title", *lines))) == lines


# --- Errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "the file is empty", id="empty"),
        pytest.param("\ufeff \n\t\r\n  ", "the file is empty", id="whitespace-only"),
        pytest.param("\ufeff", "the file is empty", id="byte-order-mark-only"),
        pytest.param(
            CHROME + CHROME_END,
            "no text after removing the Wix page chrome \u2014 is this the right file?",
            id="chrome-only",
        ),
        pytest.param(
            export("Just A Title"), 'found the title "Just A Title" but no text', id="no-body"
        ),
    ],
)
def test_bad_input_raises_a_helpful_error(text, message):
    with pytest.raises(WixImportError, match=message):
        parse_wix_export(text)


def test_import_error_is_a_value_error():
    assert issubclass(WixImportError, ValueError)


# --- MyST output ------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "markdown"),
    [
        pytest.param("1. Sleep is medicine.", "1\\. Sleep is medicine.", id="ordered-list"),
        pytest.param("12) Twelve steps.", "12\\) Twelve steps.", id="ordered-list-paren"),
        pytest.param("# Not a heading.", "\\# Not a heading.", id="atx-heading"),
        pytest.param("- Not a list.", "\\- Not a list.", id="dash-list"),
        pytest.param("* Not a list.", "\\* Not a list.", id="star-list"),
        pytest.param("> Not a quote.", "\\> Not a quote.", id="block-quote"),
        pytest.param("% Not a comment.", "\\% Not a comment.", id="myst-comment"),
        pytest.param("***", "\\***", id="thematic-break"),
        pytest.param("```not code", "\\```not code", id="code-fence"),
    ],
)
def test_markdown_special_paragraph_start_is_escaped(paragraph, markdown):
    post = parse_wix_export(export("Title", "Intro.", paragraph))
    assert post.blocks[-1].text == paragraph
    assert to_myst(post, date=IMPORT_DAY).endswith("\n\n" + markdown + "\n")


def test_ordinary_punctuation_is_left_untouched():
    text = "Costs range $5-$10 (per visit); see #3 & 4 \u2014 it's 50/50, really!"
    post = parse_wix_export(export("Title", text, "1.5 hours is typical.", "-5 degrees out."))
    body = to_myst(post, date=IMPORT_DAY)
    assert "\n\n" + text + "\n\n1.5 hours is typical.\n\n-5 degrees out.\n" in body
    assert "\\" not in body


def test_front_matter_is_valid_yaml_with_expected_keys():
    post = parse_wix_export(export("Title", 'a room: \u201cquiet\u201d "calm"', "Body."))
    text = to_myst(post, date=IMPORT_DAY, author='Dr. Lee: "MD"', old_url="/post/old-slug/")
    front, body = split_front_matter(text)
    assert front == {
        "date": IMPORT_DAY,
        "date_is_import_date": True,
        "imported_from": "wix",
        "author": 'Dr. Lee: "MD"',
        "redirect_from": ["/post/old-slug"],
    }
    assert (
        "\n# Wix cover image alt text (the image itself was not in the export): "
        '"a room: \u201cquiet\u201d \\"calm\\""\n' in text
    )
    assert body == "\n# Title\n\nBody.\n"


def test_front_matter_leaves_out_optional_parts():
    text = to_myst(parse_wix_export(export("Title", "Body.")), date=IMPORT_DAY)
    front, _ = split_front_matter(text)
    assert front == {
        "date": IMPORT_DAY,
        "date_is_import_date": True,
        "imported_from": "wix",
        "author": "clinic",
    }
    assert "cover image" not in text


def test_trailing_hash_in_a_heading_is_kept():
    post = WixPost("Tips #", None, (Block("heading", "Step #"), Block("paragraph", "Body.")))
    assert "# Tips \\#\n\n## Step \\#\n\nBody.\n" in to_myst(post, date=IMPORT_DAY)


@pytest.mark.parametrize(
    "old_url",
    [
        pytest.param("https://www.example.com/post/my-post", id="full-url"),
        pytest.param("http://example.com/post/my-post/?lang=en#top", id="query-and-fragment"),
        pytest.param("www.example.com/post/my-post", id="no-scheme"),
        pytest.param("/post/my-post", id="path"),
        pytest.param("  post/my-post/ ", id="path-without-slash"),
    ],
)
def test_old_url_is_normalised_to_a_path(old_url):
    assert wix_path(old_url) == "/post/my-post"
    assert wix_slug(old_url) == "my-post"


@pytest.mark.parametrize(
    "old_url",
    [
        pytest.param("https://www.example.com/", id="site-root"),
        pytest.param("", id="empty"),
        pytest.param("/post/my post", id="space-in-path"),
    ],
)
def test_old_url_without_a_post_path_is_refused(old_url):
    with pytest.raises(WixImportError, match="like https://www.example.com/post/my-post"):
        wix_path(old_url)


# --- Rendering through Sphinx + MyST ----------------------------------------


def render(tmp_path: Path, markdown: str) -> nodes.document:
    """Build *markdown* as index.md of a minimal MyST project; return its doctree."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser"]\nsmartquotes = False\n')
    (src / "index.md").write_text(markdown, encoding="utf-8")
    warnings = io.StringIO()
    # docutils_namespace undoes this app's global node/role registrations afterwards,
    # so the next build in the same process does not warn about them.
    with docutils_namespace():
        app = Sphinx(
            srcdir=src,
            confdir=src,
            outdir=tmp_path / "out",
            doctreedir=tmp_path / "doctrees",
            buildername="html",
            status=None,
            warning=warnings,
        )
        app.build()
        assert warnings.getvalue() == ""
        return app.env.get_doctree("index")


def test_seed_renders_with_title_six_sections_and_exact_paragraphs(
    tmp_path, seed_text, seed_paragraphs
):
    post = parse_wix_export(seed_text)
    doctree = render(tmp_path, to_myst(post, date=IMPORT_DAY, old_url="/post/x"))
    top = [node for node in doctree.children if isinstance(node, nodes.section)]
    assert len(top) == 1
    assert top[0][0].astext() == SEED_TITLE
    sections = [s for s in top[0].findall(nodes.section) if s is not top[0]]
    assert [s[0].astext() for s in sections] == SEED_HEADINGS
    assert [p.astext() for p in doctree.findall(nodes.paragraph)] == seed_paragraphs


def test_escaped_paragraph_starts_render_as_written(tmp_path):
    tricky = [
        "1. Sleep is medicine.",
        "# Not a heading.",
        "- Not a list.",
        "> Not a quote.",
        "% Not a comment.",
        "+++ not a block break.",
        "[note]: not a link definition.",
        "<b>not html.",
        "***",
        "(label)=",
    ]
    post = parse_wix_export(export("Title", *tricky))
    doctree = render(tmp_path, to_myst(post, date=IMPORT_DAY))
    assert [p.astext() for p in doctree.findall(nodes.paragraph)] == tricky
    assert not list(doctree.findall(nodes.bullet_list))
    assert not list(doctree.findall(nodes.enumerated_list))
