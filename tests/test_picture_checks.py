"""A bad picture gets one `file:line` error with the fix, in `blog check` and in
the build alike, never a traceback, and nothing of it is published.

Each bad kind is made the way it happens: a copy cut short, a file damaged
inside, a PNG saved with a .jpg name, a TIFF from a scanner, a panorama of
54 megapixels, a file over 40 MB, a tiny file claiming 1.6 billion pixels,
SVG drawings that could run code or load something.
"""

import shutil
from pathlib import Path

import photos
import pytest
from lxml import html
from PIL import Image

from helpers import article, real_site, repo_layout, sphinx_in_layout
from wnyblog.checks import location, picture_files
from wnyblog.cli import main as cli

FM = "---\ndate: 2026-06-01\n---\n"
# Line 4 is the title; the picture is on line 6.
LINE = 6
SAVE_AGAIN = "open it on your computer, then save or export it again as JPEG or PNG"
AS_JPEG_OR_PNG = (
    "save it as JPEG (photos) or PNG (drawings, screenshots) and use that file; "
    "HEIC, WebP, AVIF, GIF and SVG work too"
)
UNSAFE_FIX = (
    "remove it in your drawing program, or export the drawing as PNG: the blog publishes "
    "only drawings that cannot run code or load anything"
)


def _tiff(path: Path) -> None:
    Image.new("RGB", (640, 480), (40, 90, 120)).save(path, "TIFF")


def _mislabelled(path: Path) -> None:
    Image.new("RGB", (640, 480), (40, 90, 120)).save(path, "PNG")  # a PNG named .jpg


def _oversized_file(path: Path) -> None:
    photos.phone_jpeg(path, (1600, 1200))
    with open(path, "ab") as f:  # a camera's file with 41 MB of padding after it
        f.write(b"\0" * 41_000_000)


def _svg(body: str):
    def write(path: Path) -> None:
        path.write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">{body}</svg>',
            encoding="utf-8",
        )

    return write


def _long_strip(path: Path) -> None:
    photos.scene((300, 6400), 3).save(path, "PNG")  # a screenshot scrolled a long way


# (id, file name, how to make it, message, fix)
BAD = [
    (
        "truncated",
        "cut-short.jpg",
        photos.truncated_jpeg,
        "the picture “cut-short.jpg” is incomplete: the file ends before the picture does",
        "copy the picture from the phone or camera again (the last copy was cut short)",
    ),
    (
        "corrupt",
        "damaged.jpg",
        photos.corrupt_jpeg,
        "the picture “damaged.jpg” is damaged or is not a picture",
        SAVE_AGAIN,
    ),
    (
        "mislabelled",
        "screenshot.jpg",
        _mislabelled,
        "the picture “screenshot.jpg” is really a PNG file: its name ends in .jpg",
        "rename the file to screenshot.png and use that name in the post",
    ),
    (
        "unsupported",
        "scan.tif",
        _tiff,
        "the picture “scan.tif” is a TIFF file, which web browsers cannot show",
        AS_JPEG_OR_PNG,
    ),
    (
        "too-many-pixels",
        "panorama.jpg",
        photos.huge_jpeg,
        "the picture “panorama.jpg” is 9000×6000 pixels (54 megapixels); "
        "the limit is 50 megapixels",
        "save a smaller copy, for example 6000 pixels wide",
    ),
    (
        "too-big-a-file",
        "huge-file.jpg",
        _oversized_file,
        "the picture “huge-file.jpg” is 41 MB; the limit is 40 MB",
        "use the photo as the phone or camera saved it, or save a smaller copy",
    ),
    (
        "bomb",
        "bomb.png",
        photos.bomb_png,
        "the picture “bomb.png” claims to be 40000×40000 pixels (1,600 megapixels): opening "
        "it would take about 6.4 GB of memory, so it is refused as a possible "
        "“decompression bomb”",
        "use the original photo or drawing, or delete this file",
    ),
    (
        "svg-script",
        "script.svg",
        _svg("<script>alert(1)</script>"),
        "the drawing “script.svg” contains a script",
        UNSAFE_FIX,
    ),
    (
        "svg-handler",
        "handler.svg",
        _svg('<rect width="5" height="5" onclick="steal()"/>'),
        "the drawing “handler.svg” contains an event handler (onclick=)",
        UNSAFE_FIX,
    ),
    (
        "svg-external",
        "tracker.svg",
        _svg('<image xlink:href="https://tracker.example/pixel.png" width="1" height="1"/>'),
        "the drawing “tracker.svg” contains a link to another file or site "
        "(https://tracker.example/pixel.png)",
        UNSAFE_FIX,
    ),
    (
        "svg-css-import",
        "styled.svg",
        _svg("<style>@import url(https://fonts.example/x.css);</style>"),
        "the drawing “styled.svg” contains a style that loads another file (@import)",
        UNSAFE_FIX,
    ),
    (
        "svg-foreign-object",
        "html.svg",
        _svg("<foreignObject><div>hi</div></foreignObject>"),
        "the drawing “html.svg” contains web content inside the drawing (<foreignObject>)",
        UNSAFE_FIX,
    ),
    (
        "strip",
        "scrolled.png",
        _long_strip,
        "the picture “scrolled.png” is 300×6400 pixels: more than 20 times as tall as it is "
        "wide, too long a strip to show on a page",
        "cut it into a few pictures, or crop it to the part that matters",
    ),
]


def _write_bad_posts(docs: Path) -> dict[str, str]:
    """A post per bad kind, the picture in its text (and for one, as its cover
    too: still one error, where the post first shows it). Returns id -> post path."""
    where = {}
    for case, name, make, _, _ in BAD:
        folder = docs / "posts" / "2026" / f"bad-{case}"
        folder.mkdir(parents=True)
        make(folder / name)
        front = FM
        if case == "truncated":
            front = f"---\ndate: 2026-06-01\nimage: {name}\nimage_alt: A lake\n---\n"
        text = f"# Bad {case}\n\n![A picture of a lake]({name})\n\nSome words.\n"
        (folder / "index.md").write_text(front + text, encoding="utf-8")
        where[case] = f"docs/posts/2026/bad-{case}/index.md"
    return where


def _line(case: str) -> int:
    return 3 if case == "truncated" else LINE  # the cover's image: line comes first


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-pictures")
    site = repo_layout("check", root)
    where = _write_bad_posts(site / "docs")
    return site, where


def test_blog_check_names_each_bad_picture_once_with_the_fix(bad_site, monkeypatch, capsys):
    site, where = bad_site
    monkeypatch.chdir(site)
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")
    code = cli.main(["check", "--no-record"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for case, _, _, message, fix in BAD:
        expected = f"{where[case]}:{_line(case)}: {message} — {fix}"
        assert lines.count(expected) == 1, (expected, out)
        assert sum(row.startswith(where[case] + ":") for row in lines) == 1, (case, out)
    assert lines[-1] == f"{len(BAD)} errors, 0 warnings in {5 + len(BAD)} posts."


def test_the_build_gives_the_same_errors_and_publishes_none_of_them(bad_site, tmp_path):
    site, where = bad_site
    built = tmp_path / "site"
    shutil.copytree(site, built)
    result = sphinx_in_layout(built, "_build/html")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log and "Exception occurred" not in log
    for case, _, _, message, fix in BAD:
        expected = f"{where[case]}:{_line(case)}: {message} — {fix}"
        assert log.count(expected) == 1, (expected, log[-3000:])
        # Nothing else is said about the post: one picture, one error.
        assert log.count(f"{where[case]}:") == 1, (case, log[-3000:])
    images = built / "_build" / "html" / "_images"
    published = sorted(p.name for p in images.iterdir()) if images.is_dir() else []
    bad_names = {Path(name).stem for _, name, _, _, _ in BAD}
    assert not [name for name in published if name.split("-")[0] in bad_names], published
    # The good posts are still built.
    assert (built / "_build/html/posts/2026/good-image/index.html").is_file()


def test_a_photo_from_a_phone_passes_whatever_its_format(tmp_path):
    # Once its location and serial number are out (test_location.py: until then
    # it is refused), whatever else the phone wrote.
    for name, make in (
        ("phone.jpg", photos.phone_jpeg),
        ("hdr.jpg", lambda path: photos.phone_jpeg(path, gain_map=True)),  # Pillow: "MPO"
        ("phone.heic", lambda path: photos.phone_heic(path, (800, 600))),
        ("burst.heic", lambda path: photos.phone_heic(path, (800, 600), others=2)),
        ("emblem.png", photos.transparent_png),
        ("moving.gif", photos.animated_gif),
    ):
        path = make(tmp_path / name)
        assert location.strip_file(path), name
        assert picture_files.problem(path, name) is None, name


def test_an_animation_too_large_in_all_its_frames(tmp_path):
    path = photos.animated_gif(tmp_path / "long.gif", (1000, 1000), frames=60)
    finding = picture_files.problem(path, "long.gif")
    assert finding.message == (
        "the animation “long.gif” has 60 frames of 1000×1000 pixels; the limit is 50 "
        "megapixels in all its frames together"
    )


# How phones, Macs and github.com's upload name files, and how writers (or
# GitHub's preview, which reads %20 as a space) write those names.
NAMED_AS_SAVED = {
    "IMG_0042 2.JPG": "![A bench by the lake](IMG_0042%202.JPG)",
    "Screenshot 2026-05-01 at 10.15.32\u202fAM.png": (
        "![The clinic's opening hours](<Screenshot 2026-05-01 at 10.15.32\u202fAM.png>)"
    ),
    "café.jpg": "![A café table by the window](café.jpg)",
    "Garden Path.jpeg": '<img src="Garden Path.jpeg" alt="A garden path">',
    "Lake View 3.jpeg": (
        ":::{figure} Lake View 3.jpeg\n:alt: The lake from the waiting room\n\n"
        "The view from our waiting room.\n:::"
    ),
}


@pytest.mark.slow  # a build per format
def test_pictures_named_as_phones_and_computers_save_them(tmp_path, monkeypatch, capsys):
    site = real_site(tmp_path / "site")  # its conf.py reads typed <img> tags
    folder = site / "docs" / "posts" / "2026" / "named-as-saved"
    folder.mkdir(parents=True)
    for seed, name in enumerate(NAMED_AS_SAVED):
        if name.endswith(".png"):
            photos.scene((1170, 2532), seed).save(folder / name)
        else:
            location.strip_file(photos.phone_jpeg(folder / name, (1600, 1200), seed=seed))
    front = (
        "---\ndate: 2026-06-01\nauthor: clinic\ncategory: Living well\ntags: [self-care]\n"
        "image: IMG_0042 2.JPG\nimage_alt: A bench by the lake\n---\n"
    )
    text = "# Photos by their own names\n\n" + "\n\n".join(NAMED_AS_SAVED.values()) + "\n"
    (folder / "index.md").write_text(front + text, encoding="utf-8")

    monkeypatch.chdir(site)
    monkeypatch.setenv("BLOG_TODAY", "2026-11-25")
    code = cli.main(["check", "--no-record"])
    out, _ = capsys.readouterr()
    # (The real site's seed post reads at grade 13: advice, counted apart.)
    assert code == 0 and "posts look good" in out.splitlines()[-1], out

    result = sphinx_in_layout(site, "_build/html")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    page = html.parse(str(site / "_build/html/posts/2026/named-as-saved/index.html"))
    shown = article(page.getroot()).xpath(".//picture//img")
    alts = [img.get("alt") for img in shown]
    assert alts == [
        "A bench by the lake",
        "The clinic's opening hours",
        "A café table by the window",
        "A garden path",
        "The lake from the waiting room",
    ]
    for img in shown:
        assert (site / "_build/html/posts/2026/named-as-saved" / img.get("src")).resolve().is_file()
        for candidate in img.get("srcset").split(", "):  # a space would split a file name
            address, width = candidate.split(" ")
            assert width.endswith("w") and "%" not in address, candidate
