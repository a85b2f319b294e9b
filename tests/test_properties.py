"""Property-based tests: whatever a writer types or saves, the readers, the
checks and the importer keep the promise (see tests/fuzzing.py): every
problem is one line with its path and a line inside the file, and nothing
raises but the project's own errors.

`make test` runs each property a few times with a fixed seed; `make fuzz`
runs the fuzzing budgets (tests/fuzzing.py BUDGETS).
"""

import datetime as dt
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import (
    TEXT,
    assert_one_line,
    budget,
    front_matter,
    lines_of,
    markdown_body,
    mutated,
    png_bytes,
    real_format_files,
    yaml_scalar,
)
from helpers import REPO
from wnyblog.checks import picture_files, runner
from wnyblog.cli import wix
from wnyblog.posts import config_reader, schema, slugs, vocabulary_parser, yamltext

VOCABULARY = REPO / "docs" / "vocabulary.yaml"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def vocab():
    found, problems = vocabulary_parser.read(VOCABULARY)
    assert problems == []
    return found


@pytest.fixture(scope="module")
def post_folder(tmp_path_factory):
    """docs/posts/2026/x/ with a picture beside the post, reused by every example."""
    srcdir = tmp_path_factory.mktemp("site") / "docs"
    folder = srcdir / "posts" / "2026" / "x"
    folder.mkdir(parents=True)
    (folder / "calm.png").write_bytes(png_bytes())
    return srcdir, folder


# -- Front matter -----------------------------------------------------------------------------


@budget("front_matter")
@given(head=front_matter(), body=TEXT)
def test_any_front_matter_reads_into_one_line_problems(vocab, head, body):
    text = head + "\n# A title\n\n" + body + "\n"
    meta, problems = schema.read_post(text, "docs/posts/2026/x/index.md", vocab)
    assert meta is not None or problems
    for problem in problems:
        assert_one_line(problem, lines_of(text))


@budget("front_matter")
@given(value=yaml_scalar(), key=st.sampled_from(["title", "date", "tags", "category"]))
def test_every_yaml_failure_is_a_yaml_error_with_a_line(key, value):
    text = f"author: clinic\n{key}: {value}\n"
    try:
        yamltext.parse(text)
    except yamltext.YamlError as err:
        assert 0 <= err.line < lines_of(text)
        assert "\n" not in err.problem


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("!!timestamp 2026-02-30", "the tag !!timestamp does not fit the value “2026-02-30”"),
        ("!!int abc", "the tag !!int does not fit the value “abc”"),
        ("!!bool maybe", "the tag !!bool does not fit the value “maybe”"),
        ("!!int " + "9" * 5000, "the tag !!int does not fit the value “99999"),
        ("[" * 1500 + "]" * 1500, "values are nested more than 50 levels deep"),
        ('"\\ud800"', "the value holds \\ud800, half of a character that is not text"),
    ],
)
def test_the_crashing_values_of_issue_18_are_problems_at_their_line(vocab, value, said):
    text = f"---\ndate: 2026-11-01\ntitle: {value}\n---\n\n# X\n\nText.\n"
    meta, problems = schema.read_post(text, "docs/posts/2026/x/index.md", vocab)
    assert meta is None
    [problem] = problems
    assert (problem.line, problem.message[:70]) == (
        3,
        f"the settings at the top of the post (between the --- lines) cannot be read ({said}"[:70],
    )
    assert_one_line(problem, lines_of(text))


def test_a_newline_in_a_value_is_printed_escaped_on_the_one_line(vocab):
    text = '---\ndate: 2026-11-01\ncategory: "Living\\nwell"\n---\n\n# X\n\nText.\n'
    _, problems = schema.read_post(text, "docs/posts/2026/x/index.md", vocab)
    [problem] = problems
    assert str(problem).startswith('docs/posts/2026/x/index.md:3: unknown category "Living\\nwell"')
    assert_one_line(problem)


# -- Whole post files: front matter and Markdown body -----------------------------------------


@budget("post_file")
@given(head=front_matter(), body=markdown_body())
def test_any_post_file_is_checked_into_one_line_problems(vocab, post_folder, head, body):
    srcdir, folder = post_folder
    path = folder / "index.md"
    text = head + "\n" + body
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        _, problems = runner.check_file(path, srcdir, vocab, TODAY)
    except runner.Unreadable as err:
        problems = [err.problem]
    for problem in problems:
        assert_one_line(problem, lines_of(text))


# -- The vocabulary file ----------------------------------------------------------------------


@st.composite
def vocabulary_text(draw) -> str:
    rows = VOCABULARY.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(rows)))
        kind = draw(st.integers(0, 4))
        if kind == 0:
            rows.insert(at, f"  - {draw(yaml_scalar())}")
        elif kind == 1:
            rows.insert(at, f"{draw(TEXT)}: {draw(yaml_scalar())}")
        elif kind == 2 and rows:
            del rows[min(at, len(rows) - 1)]
        elif kind == 3:
            rows.insert(at, draw(TEXT))
        else:
            rows.insert(at, f"    name: {draw(yaml_scalar())}")
    return "\n".join(rows) + "\n"


@budget("vocabulary")
@given(text=vocabulary_text())
def test_any_vocabulary_file_reads_into_one_line_problems(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _, problems = vocabulary_parser.read(path)
    for problem in problems:
        assert_one_line(problem, lines_of(text))


# -- Pictures ---------------------------------------------------------------------------------

FORMATS = real_format_files()


@budget("pictures")
@given(data=st.data(), suffix=st.sampled_from(sorted(FORMATS)))
def test_any_damaged_picture_is_a_finding_not_a_crash(tmp_path_factory, data, suffix):
    damaged = data.draw(mutated(FORMATS[suffix]))
    name = data.draw(st.sampled_from(["p", "IMG 1 2", "été", "写真"])) + suffix
    path = tmp_path_factory.getbasetemp() / name
    path.write_bytes(damaged)
    finding = picture_files.problem(path, name)
    if finding is not None:
        assert_one_line(schema.Problem("docs/x.md", 1, finding.message, finding.fix))


# -- The Wix importer -------------------------------------------------------------------------

_WIX_CHROME = ["top of page", "bottom of page", "• WNY Blog", "post: wny_blog_1", ""]


@st.composite
def wix_export(draw) -> str:
    lines = [draw(st.sampled_from(_WIX_CHROME)), draw(TEXT) or "A title"]
    for _ in range(draw(st.integers(0, 8))):
        lines += ["", draw(st.one_of(TEXT, st.sampled_from(["mental\x7f health", "1. First"])))]
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@budget("wix")
@given(export=wix_export())
def test_what_the_importer_writes_passes_the_check(vocab, post_folder, export):
    srcdir, folder = post_folder
    try:
        post = wix.parse_wix_export(export)
    except wix.WixImportError as err:
        assert "\n" not in str(err)
        return
    text = wix.to_myst(post, date=dt.date(2026, 11, 1), old_url="/post/x")
    path = folder / "index.md"
    path.write_text(text, encoding="utf-8")
    _, problems = runner.check_file(path, srcdir, vocab, TODAY)
    # The writer's own words may still break a rule of the blog (safe
    # messaging, unsafe HTML): never anything the importer itself wrote.
    end_of_front_matter = text.split("\n").index("---", 1) + 1
    wrote = [p for p in problems if p.line <= end_of_front_matter or "YAML" in p.message]
    assert wrote == [], (text, wrote)
    for problem in problems:
        assert_one_line(problem, lines_of(text))


def test_a_control_character_in_the_cover_alt_is_left_out_and_said(tmp_path, capsys, vocab):
    from wnyblog.cli import main as cli

    export = tmp_path / "export.txt"
    export.write_text(
        "top of page\n\nCalm days\n\nmental\x7f health\n\nA first paragraph.\x01\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs, ignore=shutil.ignore_patterns("posts"))
    shutil.copy(REPO / "conf.py", tmp_path / "conf.py")
    code = cli.main(["--docs", str(docs), "import", str(export), "--date", "2026-11-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Left out characters that are not text (1 × U+0001, 1 × U+007F)" in out
    post = docs / "posts" / "2026" / "calm-days" / "index.md"
    text = post.read_text(encoding="utf-8")
    assert '"mental health"' in text and "\x7f" not in text and "\x01" not in text
    _, problems = runner.check_file(post, docs, vocab, TODAY)
    assert problems == []


# -- Slugs ------------------------------------------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@budget("slugs")
@given(title=st.one_of(st.text(max_size=40), st.text(alphabet="😊🫨🧠❤️‍🩹#️⃣…—!? ", max_size=6)))
def test_every_title_gives_a_valid_slug(title):
    slug = slugs.post_slug(title)
    assert _SLUG.fullmatch(slug), (title, slug)
    assert slugs.slugify(slug) == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("🫨", "shaking-face"),
        ("‼️", "double-exclamation-mark"),
        ("#️⃣", "number-sign"),
        ("…", "horizontal-ellipsis"),
        ("", "post"),
        ("Coping with winter", "coping-with-winter"),
    ],
)
def test_titles_with_no_letters_still_give_an_address(title, slug):
    assert slugs.post_slug(title) == slug


# -- conf.py slips ----------------------------------------------------------------------------

CONF_PY = (REPO / "conf.py").read_text(encoding="utf-8")


@st.composite
def conf_py_slip(draw) -> str:
    rows = CONF_PY.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(rows) - 1))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            column = draw(st.integers(0, len(rows[at])))
            rows[at] = rows[at][:column] + draw(TEXT) + rows[at][column:]
        elif kind == 1:
            del rows[at]
        elif kind == 2 and "=" in rows[at]:
            name = rows[at].split("=", 1)[0]
            rows[at] = f"{name}= {draw(st.sampled_from(['None', '1/0', 'x', '[', 'True', '()']))}"
        else:
            rows.insert(
                at,
                draw(
                    st.sampled_from(
                        [
                            "blog_tags = ['x']",
                            "  indented = 1",
                            "raise SystemExit(3)",
                            "import nowhere",
                        ]
                    )
                ),
            )
    return "\n".join(rows) + "\n"


@budget("conf_py")
@given(text=conf_py_slip())
def test_any_conf_py_slip_is_one_line_at_its_line(tmp_path_factory, text):
    site = tmp_path_factory.getbasetemp() / "conf-site"
    if not (site / "docs").is_dir():
        (site / "docs").mkdir(parents=True)
        shutil.copy(VOCABULARY, site / "docs" / "vocabulary.yaml")
    (site / "conf.py").write_text(text, encoding="utf-8", errors="surrogatepass")
    _, _, problems = config_reader.load(site, site / "docs")
    for problem in problems:
        assert_one_line(problem, lines_of(text) if problem.path.endswith("conf.py") else None)


def test_budgets_of_make_fuzz_reach_the_issues_figures():
    from fuzzing import BUDGETS

    in_process = sum(fuzz for name, (_, fuzz) in BUDGETS.items() if name != "end_to_end")
    assert in_process >= 100_000 and BUDGETS["end_to_end"][1] >= 300
