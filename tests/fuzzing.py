"""What the property-based tests share: budgets, the promise they check, and
generators of what writers type.

The promise (issue 18): whatever a writer types, every message is one line
``path:line: what — how to fix`` with a line inside the file, never a
traceback; no exception escapes but the project's own.

Budgets: `make test` runs each property a few times with a fixed seed
(``derandomize``), about a minute in all; `make fuzz` sets BLOG_FUZZ=1 and
runs each property its fuzzing budget, random each time (BLOG_FUZZ_SCALE
runs a fraction or a multiple of it).
"""

import io
import os
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZING = os.environ.get("BLOG_FUZZ") == "1"
SCALE = float(os.environ.get("BLOG_FUZZ_SCALE", "1"))
# Examples per property: (make test, make fuzz). The in-process ones add up
# to 100,000 or more, the end-to-end ones (a check and a build each) to 300.
BUDGETS = {
    "front_matter": (60, 25_000),
    "post_file": (25, 15_000),
    "vocabulary": (40, 15_000),
    "pictures": (25, 10_000),
    "wix": (30, 15_000),
    "slugs": (100, 15_000),
    "conf_py": (15, 5_000),
    "end_to_end": (2, 300),
}


def budget(name: str) -> settings:
    """Hypothesis settings for the property *name*."""
    test, fuzz = BUDGETS[name]
    return settings(
        max_examples=max(1, round(fuzz * SCALE)) if FUZZING else test,
        derandomize=not FUZZING,
        deadline=None,
        database=None if not FUZZING else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


# -- The oracle -------------------------------------------------------------------------------

CRASH_TEXTS = (
    "Traceback",
    "Exception occurred:",
    "Extension error",
    "Sphinx parallel build error!",
    "threw an exception",
)
_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<rest>.+ — .+)$")


def assert_one_line(problem, lines_in_file: int | None = None) -> None:
    """*problem* prints as one line with its path and a line inside the file."""
    printed = str(problem)
    assert printed.splitlines() == [printed], printed
    printed.encode("utf-8")  # no half of a surrogate pair
    match = _LINE.match(printed)
    assert match, printed
    assert match["path"] == problem.path and int(match["line"]) == problem.line >= 1, printed
    if lines_in_file is not None:
        assert problem.line <= max(1, lines_in_file), (printed, lines_in_file)


def assert_no_crash_text(output: str) -> None:
    found = [text for text in CRASH_TEXTS if text in output]
    assert not found, (found, output[-3000:])


def lines_of(text: str) -> int:
    return text.count("\n") + 1


# -- What writers type ------------------------------------------------------------------------

# Characters that trip readers: controls, line breaks of other kinds, halves of
# surrogate pairs (only as YAML escapes: a file cannot hold them), quotes,
# YAML's and Markdown's markup, other scripts, emoji.
_ODD = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\ufeff\u200b\ufffe\t\r"
_MARKUP = ":-[]{}#&*!|>'\"%@`,?~^$\\<>/()=+_"
_WORDS = ["sleep", "Living well", "empathy", "2026-02-30", "yes", "no", "null", "~", "1e400"]
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(string.ascii_letters + string.digits + " "),
        st.sampled_from(_MARKUP),
        st.sampled_from(_ODD),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
)
YAML_TAGS = [
    "!!timestamp",
    "!!int",
    "!!float",
    "!!bool",
    "!!str",
    "!!binary",
    "!!null",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!map",
    "!!seq",
    "!!python/object:os.system",
    "!!python/name:os.system",
    "!custom",
    "!",
]
_ESCAPES = ["\\ud800", "\\udfff", "\\n", "\\x00", "\\x7f", "\\u2028", "\\U0010ffff", "\\e", "\\N"]


@st.composite
def yaml_scalar(draw) -> str:
    """A value as a writer might type it after `key: `."""
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return draw(st.sampled_from(_WORDS))
    if kind == 1:
        return f"{draw(st.sampled_from(YAML_TAGS))} {draw(st.sampled_from(_WORDS + ['abc', '']))}"
    if kind == 2:
        inner = "".join(draw(st.lists(st.sampled_from(_ESCAPES + ["a", " "]), max_size=4)))
        return f'"{inner}"'
    if kind == 3:
        depth = draw(st.sampled_from([1, 3, 60, 1500]))
        return "[" * depth + draw(st.sampled_from(["", "a", "a, b"])) + "]" * depth
    if kind == 4:
        return f"!!int {'9' * draw(st.sampled_from([10, 5000, 20000]))}"
    if kind == 5:
        return draw(st.sampled_from(["&a x", "*a", "*nowhere", "<<: *a", "{a: 1", "|", ">-"]))
    if kind == 6:
        return draw(TEXT)
    return f"'{draw(TEXT)}'"


FRONT_KEYS = st.one_of(
    st.sampled_from(
        [
            "date",
            "title",
            "author",
            "tags",
            "category",
            "description",
            "image",
            "image_alt",
            "draft",
            "scheduled",
            "redirect_from",
            "updated",
            "myst",
        ]
    ),
    st.text(alphabet=string.ascii_lowercase + "_ ", min_size=1, max_size=8),
)


@st.composite
def front_matter(draw) -> str:
    """The front matter of a post: `---`, settings (some odd), `---`."""
    rows = ["date: 2026-11-01"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 6))):
        key, value = draw(FRONT_KEYS), draw(yaml_scalar())
        layout = draw(st.integers(0, 3))
        if layout == 0:
            rows.append(f"{key}: {value}")
        elif layout == 1:
            rows.append(f"{key}:\n  - {value}\n  - {draw(yaml_scalar())}")
        elif layout == 2:
            rows.append(f"{key}: [{value}, {draw(yaml_scalar())}]")
        else:
            rows.append(draw(TEXT))  # a line that is no setting at all
    closing = "---" if draw(st.integers(0, 9)) else ""
    return "---\n" + "\n".join(rows) + "\n" + closing + "\n"


_DIRECTIVES = [
    "image",
    "figure",
    "note",
    "warning",
    "include",
    "literalinclude",
    "csv-table",
    "raw",
    "code-block",
    "math",
    "margin",
    "toctree",
    "latest-posts",
    "postlist",
    "admonition",
]
_ROLES = ["ref", "doc", "download", "math", "abbr", "sub", "kbd", "eq", "unknown", "raw-html"]
_TARGETS = [
    "calm.png",
    "x%00.png",
    "../../conf.py",
    "/etc/passwd",
    "https://example.org/a.png",
    "IMG 1 2.JPG",
    "été.png",
    "写真.png",
    "nowhere.png",
    "data.csv",
    "*",
    "",
]


@st.composite
def markdown_body(draw) -> str:
    """A post's Markdown: a title, then paragraphs, directives, roles and fences."""
    parts = [f"# {draw(TEXT) or 'A title'}"]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 7))
        target = draw(st.sampled_from(_TARGETS))
        if kind == 0:
            parts.append(draw(TEXT))
        elif kind == 1:
            name = draw(st.sampled_from(_DIRECTIVES))
            fence = draw(st.sampled_from(["```", ":::", "~~~", "````"]))
            options = draw(
                st.lists(
                    st.sampled_from(
                        [
                            ":alt: A calm lake",
                            ":target: https://example.org/",
                            ":width: 50%",
                            f":file: {target}",
                            ":class: x",
                            ":name: n",
                            ":alt:",
                        ]
                    ),
                    max_size=3,
                )
            )
            parts.append(
                f"{fence}{{{name}}} {target}\n" + "\n".join(options) + f"\n\n{draw(TEXT)}\n{fence}"
            )
        elif kind == 2:
            parts.append(f"Some {{{draw(st.sampled_from(_ROLES))}}}`{draw(TEXT)} <{target}>` text.")
        elif kind == 3:
            parts.append(f"![{draw(TEXT)}]({target})")
        elif kind == 4:
            parts.append(f"[![{draw(TEXT)}]({target})]({draw(st.sampled_from(_TARGETS))})")
        elif kind == 5:
            lang = draw(st.sampled_from(["", "python", "nosuchlang", "{code-cell}", "mermaid"]))
            parts.append(f"```{lang}\n{draw(TEXT)}\n```")
        elif kind == 6:
            parts.append(f'<img src="{target}" alt="{draw(TEXT)}">')
        else:
            parts.append(f"[{draw(TEXT)}]({target}) and [^1]\n\n[^1]: {draw(TEXT)}")
    return "\n\n".join(parts) + "\n"


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (24, 16), (40, 120, 200)).save(out, "PNG")
    return out.getvalue()


def real_format_files() -> dict[str, bytes]:
    """Small pictures in every format a post may show, made by Pillow."""
    from PIL import Image

    image = Image.new("RGB", (24, 16), (40, 120, 200))
    found = {}
    for suffix, fmt in ((".png", "PNG"), (".jpg", "JPEG"), (".webp", "WEBP"), (".gif", "GIF")):
        out = io.BytesIO()
        image.save(out, fmt)
        found[suffix] = out.getvalue()
    found[".svg"] = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="16">'
        b'<rect width="24" height="16" fill="#28c"/></svg>'
    )
    return found


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """*original* with a few bytes flipped, cut, repeated or inserted."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.integers(0, 4))
        if action == 0:
            data[at] = draw(st.integers(0, 255))
        elif action == 1:
            del data[at:]
        elif action == 2:
            data[at:at] = draw(st.binary(max_size=16))
        elif action == 3:
            del data[at : at + draw(st.integers(1, 32))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
    return bytes(data)


# -- End to end: a tiny site through `blog check` and the build's front end -------------------

BLOG = Path(sys.executable).with_name("blog")
POST = Path("docs/posts/2026/x/index.md")
TODAY = "2026-11-25"
# Kept from one run to the next (the rest of _build goes): encoded pictures
# and compiled templates, which depend on no post's text.
_KEPT = ("wnyblog-pictures", "wnyblog-templates")


def make_tiny_site(site: Path) -> Path:
    """conf.py, the vocabulary, the pages of the real site, no address
    recorded yet, and one post folder with a picture (calm.png): the post is
    written by each run."""
    from helpers import REPO

    shutil.copytree(REPO / "docs", site / "docs", ignore=shutil.ignore_patterns("posts"))
    shutil.copy(REPO / "conf.py", site / "conf.py")
    (site / "docs" / "permalinks.txt").write_text("", encoding="utf-8")
    (site / POST).parent.mkdir(parents=True)
    (site / POST).parent.joinpath("calm.png").write_bytes(png_bytes())
    return site


def _run(site: Path, *command: str) -> tuple[int, str]:
    from helpers import build_env

    result = subprocess.run(
        command,
        cwd=site,
        env=build_env({"BLOG_TODAY": TODAY}),
        capture_output=True,
        text=True,
        errors="backslashreplace",
    )
    return result.returncode, result.stdout + result.stderr


def _fresh_build_folder(site: Path) -> None:
    doctrees = site / "_build" / "doctrees"
    for path in (site / "_build").glob("*"):
        if path != doctrees:
            shutil.rmtree(path, ignore_errors=True)
    for path in doctrees.glob("*"):
        if path.name not in _KEPT:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def check_and_build(site: Path, text: str | None, vocabulary: str | None = None) -> dict:
    """(status, output) of `blog check` and of the build's front end, with
    *text* as the post (None: no post) and *vocabulary* as the vocabulary
    file (None: the real one)."""
    _fresh_build_folder(site)
    post = site / POST
    if text is None:
        post.unlink(missing_ok=True)
    else:
        post.write_text(text, encoding="utf-8", errors="surrogatepass")
    from helpers import REPO

    vocabulary = vocabulary or (REPO / "docs" / "vocabulary.yaml").read_text(encoding="utf-8")
    (site / "docs" / "vocabulary.yaml").write_text(
        vocabulary, encoding="utf-8", errors="surrogatepass"
    )
    check = _run(site, str(BLOG), "check", "--no-record")
    build = _run(
        site,
        sys.executable,
        "-m",
        "wnyblog.speed.frontend",
        *("-b", "dirhtml", "-W", "--keep-going", "-n", "-j", "1"),
        *("-c", ".", "-d", "_build/doctrees", "docs", "_build/html"),
    )
    return {"check": check, "build": build}
