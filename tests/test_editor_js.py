"""The web editor's own scripts, run under node exactly as the browser loads
them: the folder name of a new post is what `blog new` makes of its title, and
saving a post changes only the lines of the settings that changed."""

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, real_site

EDITOR = REPO / "src" / "wnyblog" / "editor"
FIXTURES = REPO / "tests" / "data" / "editor"
POSTS = sorted((REPO / "docs" / "posts").glob("*/*/index.md"))


def node(script: str, data: object) -> object:
    """Run an ES module *script* under node with *data* as JSON on stdin; its JSON answer."""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        cwd=EDITOR,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


READ_STDIN = """
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
"""

TITLES = [
    "Coping with winter",
    "Café & Calm",
    "Naïve résumé: crème brûlée, façade, jalapeño",
    "Ærøskøbing Straße Łódź Œuvre",
    "Тревога и сон",
    "Депрессия: что делать?",
    "睡眠と不安",
    "睡眠",
    "불안과 수면",
    "القلق والنوم",
    "Ψυχική υγεία",
    "चिंता और नींद",
    "Sleep 😴 and anxiety 😟",
    "🙂",
    "Don't panic: it's OK",
    "Parents' & kids' guide",
    "What's new — 2026/27 (part 1)",
    "  spaces   and\ttabs\n",
    "100% of 3½ hours",
    "C++ & C# for therapists?!",
    "Mother’s Day “quotes”",
    "ß ẞ ﬁ ﬀ",
    "Ⅻ ① ⅔",
    "&&&",
    "",
    "...",
]


def test_the_editor_names_a_post_folder_as_blog_new_does():
    from wnyblog.posts.slugs import slugify

    got = node(
        READ_STDIN
        + """
import { slugify } from "./slugify.js";
console.log(JSON.stringify(data.map((t) => [slugify(t), slugify(t, 3)])));
""",
        TITLES,
    )
    want = [[slugify(t), slugify(t, max_words=3)] for t in TITLES]
    assert got == want
    # The cases the issue names, spelled out.
    assert dict(zip(TITLES, (g[0] for g in got), strict=True))["Café & Calm"] == "cafe-and-calm"
    assert got[TITLES.index("Тревога и сон")][0] == "trevoga-i-son"


def new_post(where: Path) -> str:
    """What `blog new` writes (its commented hints included)."""
    real_site(where)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wnyblog.cli.main",
            "new",
            "Coping with winter",
            "--date",
            "2026-12-01",
        ],
        cwd=where,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (where / "docs/posts/2026/coping-with-winter/index.md").read_text("utf-8")


def post_texts(where: Path) -> dict[str, str]:
    """Every post of the blog, a fixture per construct, and a post made by `blog new`."""
    texts = {p.relative_to(REPO).as_posix(): p.read_text("utf-8") for p in POSTS}
    texts |= {f.relative_to(REPO).as_posix(): f.read_text("utf-8") for f in FIXTURES.glob("*.md")}
    texts["blog new"] = new_post(where)
    return texts


ROUND_TRIP = (
    READ_STDIN
    + """
import { fromFile, toFile } from "./post-format.js";
const keys = data.keys;
const out = {};
for (const [name, text] of Object.entries(data.posts)) {
  const values = fromFile(text);
  out[name] = {
    values: Object.fromEntries(Object.entries(values).filter(([k]) => k !== "wnyblog_source")),
    same: toFile(values, keys),
    changed: toFile({ ...values, date: "2030-01-02" }, keys),
    added: toFile({ ...values, updated: values.updated ? undefined : "2030-02-03",
                    title: values.title ?? "A title that differs" }, keys),
    body: toFile({ ...values, body: values.body + "\\nOne more line.\\n" }, keys),
  };
}
console.log(JSON.stringify(out));
"""
)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    from wnyblog.posts.schema import FIELDS

    texts = post_texts(tmp_path_factory.mktemp("new"))
    return texts, node(ROUND_TRIP, {"posts": texts, "keys": list(FIELDS)})


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


def test_every_post_is_saved_unchanged_when_nothing_changed(round_trip):
    texts, out = round_trip
    assert len(texts) >= 4
    for name, text in texts.items():
        assert out[name]["same"] == text, name


def test_changing_one_setting_changes_exactly_its_line(round_trip):
    texts, out = round_trip
    for name, text in texts.items():
        removed, added = changed_lines(text, out[name]["changed"])
        assert len(removed) == 1 and removed[0].startswith("date:"), (name, removed)
        assert len(added) == 1 and "2030-01-02" in added[0], (name, added)
        # The quoting and a trailing comment stay as the writer had them.
        assert added[0] == removed[0].replace(out[name]["values"]["date"], "2030-01-02"), name


def test_a_new_setting_is_one_line_at_the_end_of_the_settings_block(round_trip):
    texts, out = round_trip
    for name, text in texts.items():
        values = out[name]["values"]
        after = out[name]["added"]
        removed, added = changed_lines(text, after)
        lines = after.splitlines()
        close = lines.index("---", 1)
        if "title" in values:  # only `updated` is new (or removed when the post had it)
            expect = [] if values.get("updated") else ["updated: 2030-02-03\n"]
        else:
            expect = ["title: A title that differs\n"]
            if not values.get("updated"):
                expect.append("updated: 2030-02-03\n")
        if values.get("updated"):
            assert len(removed) == 1 and removed[0].startswith("updated:"), name
        else:
            assert removed == [], name
        assert sorted(added) == sorted(expect), name
        assert lines[close - len(expect) : close] == [e.rstrip("\n") for e in expect] or not expect


def test_the_form_reads_the_title_from_the_heading_and_settings_as_the_schema_does(round_trip):
    from wnyblog.posts.schema import Vocabulary, read_post

    texts, out = round_trip
    vocab = Vocabulary(authors={"clinic": "Clinic"}, tags=(), categories=())
    for name, text in texts.items():
        values = out[name]["values"]
        meta, _ = read_post(text, name, vocab)
        assert meta is not None
        heading = next(line[2:] for line in meta.body.splitlines() if line.startswith("# "))
        assert values["heading"] == heading, name
        assert values["date"] == str(meta.date.date()), name
        assert tuple(values.get("tags", ())) == meta.tags, name
        assert values.get("category") == meta.category, name
        assert values.get("description") == meta.description, name
        # The body the form shows is the text after the heading line.
        assert out[name]["body"].startswith(text[: text.index(f"# {heading}")]), name
        assert out[name]["body"].endswith("\nOne more line.\n"), name


def test_photos_committed_to_github_are_stripped_in_the_request(tmp_path):
    """The GraphQL commit and the REST upload GitHub's API receive: every
    photo in them goes through the stripper, known by its bytes; text does not."""
    import base64

    import photos
    from PIL import Image

    photo = photos.phone_jpeg(tmp_path / "IMG_1.jpg", size=(640, 480))
    encoded = base64.b64encode(photo.read_bytes()).decode("ascii")
    text = base64.b64encode(b"# A post\n").decode("ascii")
    got = node(
        READ_STDIN
        + """
import { stripCommitBody } from "./commit-strip.js";
import { stripLocation } from "./strip-location.js";
const strip = async (bytes) => stripLocation(bytes);
const graphql = JSON.stringify({ query: "mutation", variables: { input: { fileChanges: {
  additions: [{ path: "docs/posts/2026/x/.sveltia-tmp", contents: data.photo },
              { path: "docs/posts/2026/x/index.md", contents: data.text }] } } } });
const rest = JSON.stringify({ content: data.photo, encoding: "base64" });
const api = (path) => new URL(`https://api.github.com${path}`);
const a = JSON.parse(await stripCommitBody(api("/graphql"), graphql, strip));
const b = JSON.parse(await stripCommitBody(api("/repos/o/r/git/blobs"), rest, strip));
const sent = a.variables.input.fileChanges.additions.map((f) => f.contents);
console.log(JSON.stringify({ graphql: sent, rest: b.content }));
""",
        {"photo": encoded, "text": text},
    )
    assert got["graphql"][1] == text
    for sent in (got["graphql"][0], got["rest"]):
        out = tmp_path / "sent.jpg"
        out.write_bytes(base64.b64decode(sent))
        assert out.stat().st_size == photo.stat().st_size  # metadata blanked in place
        with Image.open(out) as image:
            exif = image.getexif()
            assert exif.get(0x0112) == 6
            assert 0x8825 not in exif
            assert 0xA431 not in exif.get_ifd(0x8769)
        assert photos.SERIAL.encode() not in out.read_bytes()


def test_a_list_of_sources_keeps_the_lines_of_the_sources_not_changed(round_trip):
    texts, _ = round_trip
    name = "tests/data/editor/sources.md"
    text = texts[name]
    got = node(
        READ_STDIN
        + """
import { fromFile, toFile } from "./post-format.js";
const values = fromFile(data);
const sources = [...values.sources, { title: "A third source", doi: "10.1000/xyz" }];
console.log(JSON.stringify([values.sources, toFile({ ...values, sources })]));
""",
        text,
    )
    sources, after = got
    assert sources[0] == {
        "title": "Sleep and mood in adolescents",
        "url": "https://example.org/sleep",
        "year": "2020",
    }
    removed, added = changed_lines(text, after)
    assert removed == []
    assert added == ["  - title: A third source\n", "    doi: 10.1000/xyz\n"]
