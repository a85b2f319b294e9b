"""No location data reaches the repository (issue 16, item 9 and must-show 6).

Photos made as phones and apps save them (bench/photos.py) are stripped by the
web editor's JavaScript under node and by the Python the check and the
command use: the files must be byte for byte the same, hold no location and no
serial number afterwards, and keep their pixels, orientation, colour profile,
camera make and model and gain map. A phone photo copied in by hand fails
`blog check` and `make html` with the same `file:line` error naming the
command; after `make strip-location` the check passes.
"""

import io
import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import photos
import pytest
from PIL import Image

from helpers import REPO, build_env, real_site
from wnyblog.checks import location, runner
from wnyblog.cli import main as cli

EDITOR = REPO / "src" / "wnyblog" / "editor"
RULES = json.loads((EDITOR / "location-rules.json").read_text(encoding="utf-8"))
# Runs strip-location.js on each file named, as the editor does before a
# commit, and writes NAME.js beside it; prints what each lost as JSON.
NODE_STRIP = """
import { readFileSync, writeFileSync } from "node:fs";
import { stripLocationReport, stripLocation } from "%s";
const report = {};
for (const name of process.argv.slice(1)) {
  const input = new Uint8Array(readFileSync(name));
  const result = stripLocationReport(input);
  if (stripLocation(input).length !== result.bytes.length) throw new Error("two answers");
  writeFileSync(name + ".js", result.bytes);
  report[name] = result.removed;
}
console.log(JSON.stringify(report));
"""


def _tiff(path: Path) -> Path:
    """A scanner's or a raw converter's TIFF with the phone's EXIF (GPS, serial)."""
    photos.scene((640, 480), 7).save(path, "TIFF", exif=photos.phone_exif(1).tobytes())
    return path


def _avif(path: Path) -> Path:
    photos.scene((640, 480), 8).save(
        path, "AVIF", exif=photos.phone_exif(1).tobytes(), xmp=photos.xmp_packet()
    )
    return path


APPLE_NOTE = b"Apple iOS\x00\x00\x01MM" + bytes(40)  # HDR headroom lives in here
CAMERA_NOTE = b"Nikon\x00\x02\x10\x00\x00" + b"serial 3012345 " + photos.SERIAL.encode()


def _with_maker_note(note: bytes):
    """A phone JPEG whose EXIF also has a maker note (*note*'s first bytes say whose)."""

    def make(path: Path) -> Path:
        exif = photos.phone_exif()
        exif.get_ifd(0x8769)[0x927C] = note
        photos.scene((800, 600), 4).save(path, "JPEG", quality=85, exif=exif.tobytes())
        return path

    return make


def _compressed_xmp_png(path: Path) -> Path:
    """A PNG whose XMP is compressed (some editors do): dropped whole, unread."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", photos.xmp_packet().decode("utf-8"), zip=True)
    photos.scene((640, 480), 10).save(path, "PNG", pnginfo=info)
    return path


def _plain(path: Path) -> Path:
    """A JPEG saved with no metadata at all: nothing to take out."""
    photos.scene((640, 480), 9).save(path, "JPEG", quality=85)
    return path


# name -> (how it is made, what strip-location takes out of it)
GPS_AND_SERIAL = ("EXIF: GPS position", "EXIF: camera serial number")
XMP_GPS = ("XMP: exif:GPSLatitude", "XMP: exif:GPSLongitude")
FIXTURES = {
    "phone.jpg": (lambda p: photos.phone_jpeg(p, (1600, 1200)), GPS_AND_SERIAL + XMP_GPS),
    "mpo.jpg": (
        lambda p: photos.phone_jpeg(p, (1600, 1200), gain_map=True),
        GPS_AND_SERIAL + XMP_GPS,
    ),
    "ultra-hdr.jpg": (
        lambda p: photos.ultra_hdr_jpeg(p, (1600, 1200)),
        GPS_AND_SERIAL
        + ("IPTC: city", "IPTC: country code", "IPTC: country name")
        + ("XMP: Iptc4xmpExt:LocationCreated",)
        + XMP_GPS
        + ("XMP: photoshop:City",),
    ),
    "phone.heic": (lambda p: photos.phone_heic(p, (800, 600)), GPS_AND_SERIAL + XMP_GPS),
    "burst.heic": (
        lambda p: photos.phone_heic(p, (800, 600), others=2),
        GPS_AND_SERIAL + XMP_GPS,
    ),
    "phone.avif": (_avif, GPS_AND_SERIAL + XMP_GPS),
    "phone.png": (
        photos.phone_png,
        XMP_GPS + ("PNG text: Raw profile type exif",) + GPS_AND_SERIAL,
    ),
    "emblem.png": (photos.transparent_png, GPS_AND_SERIAL),
    "compressed-xmp.png": (_compressed_xmp_png, ("XMP: compressed, not readable here",)),
    "phone.webp": (photos.phone_webp, GPS_AND_SERIAL + XMP_GPS),
    "moving.gif": (photos.animated_gif, XMP_GPS),
    "scan.tif": (_tiff, GPS_AND_SERIAL),
    "iphone.jpg": (_with_maker_note(APPLE_NOTE), GPS_AND_SERIAL),
    "camera.jpg": (
        _with_maker_note(CAMERA_NOTE),
        ("EXIF: GPS position", "EXIF: maker note", "EXIF: camera serial number"),
    ),
    "plain.jpg": (_plain, ()),
    "cut-short.jpg": (lambda p: photos.truncated_jpeg(p, (800, 600)), ()),
    "notes.txt": (lambda p: p.write_text("not a picture\n") and p, ()),
}


def _node_strip(names: list[str]) -> dict[str, list[str]]:
    """Run the editor's strip-location.js under node on *names* (NAME.js beside each)."""
    module = (EDITOR / "strip-location.js").as_uri()
    run = subprocess.run(
        ["node", "--no-warnings", "--input-type=module", "-e", NODE_STRIP % module, *names],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def stripped(tmp_path_factory):
    """Every fixture: (original, Python's result, the editor's result, its report)."""
    folder = tmp_path_factory.mktemp("location")
    names = []
    for name, (make, _) in FIXTURES.items():
        make(folder / name)
        names.append(str(folder / name))
    report = _node_strip(names)
    return {
        Path(name).name: (
            Path(name).read_bytes(),
            location.report(Path(name).read_bytes()),
            Path(name + ".js").read_bytes(),
            tuple(report[name]),
        )
        for name in names
    }


@pytest.mark.parametrize("name", FIXTURES)
def test_the_editor_and_the_command_strip_the_same_bytes(stripped, name):
    original, python, javascript, js_removed = stripped[name]
    assert python.removed == FIXTURES[name][1]
    assert js_removed == python.removed
    assert javascript == python.data, f"{name}: strip-location.js and location.py differ"
    if not python.removed:
        assert python.data == original  # nothing to take out: the file as it was


def test_damaged_files_get_the_same_answer_from_both(stripped, tmp_path):
    # Files cut short or with bytes changed in their metadata, as a broken copy
    # leaves them: neither side fails, and both give the same bytes back.
    import random

    rng = random.Random(16)
    names = []
    for name in ("phone.jpg", "ultra-hdr.jpg", "phone.heic", "phone.png", "phone.webp"):
        original = stripped[name][0]
        head = min(len(original), 6000)
        for n in range(12):
            data = bytearray(original[: rng.randrange(20, head)] if n < 4 else original)
            for _ in range(0 if n < 4 else rng.randrange(1, 6)):
                data[rng.randrange(2, head)] = rng.randrange(256)
            path = tmp_path / f"{n}-{name}"
            path.write_bytes(bytes(data))
            names.append(str(path))
    run = _node_strip(names)
    for name in names:
        python = location.report(Path(name).read_bytes())
        assert Path(name + ".js").read_bytes() == python.data, name
        assert tuple(run[name]) == python.removed, name


def _frames(image: Image.Image) -> list[bytes]:
    frames = []
    for n in range(getattr(image, "n_frames", 1)):
        image.seek(n)
        frames.append(image.tobytes())
    return frames


def xmp_texts(data: bytes) -> list[bytes]:
    """Every XMP packet in the file, found by its wrapper, whatever the container."""
    return re.findall(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S)


def iptc_datasets(data: bytes) -> set[tuple[int, int]]:
    """The (record, dataset) numbers of a JPEG's IPTC block."""
    at = data.find(b"8BIM\x04\x04")
    if at < 0:
        return set()
    size = struct.unpack(">I", data[at + 8 : at + 12])[0]
    block, found, n = data[at + 12 : at + 12 + size], set(), 0
    while n + 5 <= len(block) and block[n] == 0x1C:
        found.add((block[n + 1], block[n + 2]))
        n += 5 + struct.unpack(">H", block[n + 3 : n + 5])[0]
    return found


def assert_no_location(data: bytes, name: str) -> None:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825), f"{name}: GPS left"
        assert 0x8825 not in exif and 0xC62F not in exif, name
        details = exif.get_ifd(0x8769)
        for tag in RULES["exif"]["exif"]:
            kept = RULES["exif"]["kept_when_value_starts"].get(tag, [])
            value = details.get(int(tag, 16))
            assert value is None or any(
                value.startswith(start.encode("latin-1")) for start in kept
            ), f"{name}: EXIF {tag} left"
    assert photos.SERIAL.encode() not in data, name
    for packet in xmp_texts(data):
        for prop in RULES["xmp"]["names"] + RULES["xmp"]["prefixes"]:
            assert prop.encode() not in packet, f"{name}: XMP {prop} left"
    iptc = {tuple(int(n) for n in key.split(":")) for key in RULES["iptc"]}
    assert not iptc & iptc_datasets(data), name
    # The test photos' JPEG comment names the street (free text, not a location
    # field: left as it is); the place names are gone from everywhere else.
    assert photos.CITY.encode() not in data.replace(photos.COMMENT, b""), name


@pytest.mark.parametrize("name", [n for n, (_, removed) in FIXTURES.items() if removed])
def test_a_stripped_photo_keeps_everything_but_its_location(stripped, name):
    original, python, _, _ = stripped[name]
    assert_no_location(python.data, name)
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(python.data)) as after:
        assert after.format == before.format
        assert _frames(after) == _frames(before), f"{name}: pixels changed"
        assert after.info.get("icc_profile") == before.info.get("icc_profile")
        old, new = before.getexif(), after.getexif()
        for tag in (0x0112, 0x010F, 0x0110, 0x0131, 0x0132):  # orientation, make, model, ...
            assert new.get(tag) == old.get(tag), f"{name}: EXIF {tag:#x} changed"
        assert new.get_ifd(0x8769).get(0xA434) == old.get_ifd(0x8769).get(0xA434)  # lens model
        if name == "iphone.jpg":
            assert new.get_ifd(0x8769)[0x927C] == APPLE_NOTE  # Apple's maker note stays
    if name.endswith((".heic", ".avif", ".webp", ".gif", ".tif")):
        # Rewritten in place: every box offset (HEIC, AVIF), chunk size still holds.
        assert len(python.data) == len(original)


def _gain_map(data: bytes) -> bytes:
    """The second picture of a multi-picture JPEG, where its MPF index says."""
    with Image.open(io.BytesIO(data)) as image:
        entries = image._getmp()[0xB002]
    base = data.find(b"MPF\x00") + 4  # offsets count from the index's own header
    assert entries[0]["Size"] + entries[1]["Size"] == len(data)
    start = base + entries[1]["DataOffset"]
    return data[start : start + entries[1]["Size"]]


@pytest.mark.parametrize("name", ["mpo.jpg", "ultra-hdr.jpg"])
def test_the_gain_map_stays_where_the_index_says(stripped, name):
    original, python, _, _ = stripped[name]
    gain_map, before = _gain_map(python.data), _gain_map(original)
    assert_no_location(gain_map, name)  # Pillow's MPO copies the photo's EXIF into it
    with Image.open(io.BytesIO(gain_map)) as image, Image.open(io.BytesIO(before)) as old:
        assert image.mode == "L" and image.size == (300, 400)  # quarter size, stored turned
        assert image.tobytes() == old.tobytes()
    if name == "ultra-hdr.jpg":
        # The IPTC block after the index shrank: the index was corrected, and
        # the photo's XMP still names the gain map and its length (hdrgm).
        assert len(python.data) < len(original)
        (primary, *_), (own,) = xmp_texts(python.data), xmp_texts(gain_map)
        assert b'hdrgm:Version="1.0"' in primary and b'hdrgm:GainMapMax="2.0"' in own
        assert f'Item:Length="{len(gain_map)}"'.encode() in primary


# -- Must-show 6: a phone photo copied in by hand ---------------------------------------------

POST = (
    "---\ndate: 2026-06-01\nauthor: clinic\ncategory: Living well\ntags: [self-care]\n"
    "image: IMG_4471.jpg\nimage_alt: The lake shore at dawn\n---\n"
    "# A walk by the lake\n\nWe walked along the shore before work.\n\n"
    "![Geese on the water](IMG_4471.jpg)\n"
)
COVER_LINE = 6
FOLDER = "docs/posts/2026/lake-walk"
FIX = (
    f"run `make strip-location` (or `blog strip-location {FOLDER}/{{name}}`): it takes them "
    "out of the file and leaves the picture as it is"
)


def make(site: Path, target: str, *variables: str) -> subprocess.CompletedProcess:
    """The repository's Makefile target, run in *site* with this .venv."""
    venv = Path(sys.executable).parents[1]
    return subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "--no-print-directory", target]
        + [f"VENV={venv}", "-o", str(venv / ".site"), *variables],
        cwd=site,
        env=build_env({"BLOG_TODAY": "2026-11-25"}),
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def hand_copied(tmp_path_factory):
    """The real site with a post whose 12-megapixel phone photo (GPS, serial
    number, Orientation 6, P3 profile, Ultra HDR gain map, IPTC city) was
    copied in by hand, and one more such photo that no post shows."""
    site = real_site(tmp_path_factory.mktemp("hand-copied"))
    folder = site / FOLDER
    photo = photos.ultra_hdr_jpeg(folder / "IMG_4471.jpg")
    photos.phone_jpeg(folder / "IMG_4472.jpg", (1600, 1200), seed=3)
    (folder / "index.md").write_text(POST, encoding="utf-8")
    return site, photo, photo.read_bytes()


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "strip-location" in line]


def test_a_hand_copied_phone_photo_is_refused_by_check_and_build_alike(hand_copied):
    site, photo, original = hand_copied
    check = make(site, "check")
    cover = (
        f"{FOLDER}/index.md:{COVER_LINE}: the picture “IMG_4471.jpg” still carries the place it "
        "was taken (GPS), place names and the camera's serial number; committed, that stays "
        "public in the repository's history — " + FIX.format(name="IMG_4471.jpg")
    )
    unshown = (
        f"{FOLDER}/IMG_4472.jpg:1: the picture “IMG_4472.jpg” still carries the place it was "
        "taken (GPS) and the camera's serial number; committed, that stays public in the "
        "repository's history — " + FIX.format(name="IMG_4472.jpg")
    )
    assert check.returncode != 0
    assert _lines(check.stdout) == [unshown, cover], check.stdout  # sorted by path
    build = make(site, "html")
    assert build.returncode != 0
    # Sphinx's way: the same line with its level and the warning's type.
    said = [
        re.sub(r" \[[\w.]+\]$", "", re.sub(r": (?:WARNING|ERROR): ", ": ", line, count=1))
        for line in _lines(build.stdout + build.stderr)
    ]
    assert sorted(set(said)) == [unshown, cover], build.stdout[-3000:] + build.stderr[-3000:]
    assert photo.read_bytes() == original  # checking changes nothing


@pytest.mark.slow  # the refusal test beside it stays fast
def test_the_command_takes_it_out_and_keeps_the_photo(hand_copied):
    site, photo, original = hand_copied
    run = make(site, "strip-location")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"{FOLDER}/IMG_4471.jpg: removed " + ", ".join(FIXTURES["ultra-hdr.jpg"][1]),
        f"{FOLDER}/IMG_4472.jpg: removed " + ", ".join(GPS_AND_SERIAL + XMP_GPS),
        f"2 of {_pictures(site)} pictures had location data or a serial number; "
        "now they have none.",
    ]
    data = photo.read_bytes()
    assert_no_location(data, photo.name)
    with Image.open(io.BytesIO(original)) as before, Image.open(photo) as after:
        assert after.size == (3024, 4032) and before.getexif()[0x0112] == 6
        assert after.getexif()[0x0112] == 6  # still turned a quarter when shown
        assert after.getexif()[0x0110] == photos.CAMERA_MODEL
        assert after.info["icc_profile"] == before.info["icc_profile"]
        assert after.tobytes() == before.tobytes()
    assert _gain_map(data) == _gain_map(original)  # Ultra HDR's has no EXIF: untouched
    # Now the post passes, and a second run finds nothing.
    check = make(site, "check")
    assert check.returncode == 0, check.stdout
    # (The seed post's reading grade is advice: it fails nothing.)
    assert check.stdout.splitlines()[-1] == "All 2 posts look good (and 1 piece of advice)."
    assert not _lines(check.stdout)
    again = make(site, "strip-location", f"FILES={FOLDER}")
    assert again.stdout.splitlines() == ["0 of 2 pictures had location data or a serial number."]


def _pictures(site: Path) -> int:
    suffixes = runner.IMAGE_SUFFIXES - {".svg"}
    return sum(1 for p in (site / "docs").rglob("*") if p.suffix.lower() in suffixes)


def test_a_missing_path_is_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["strip-location", "nowhere.jpg"]) == 1
    _, err = capsys.readouterr()
    assert err == (
        "blog strip-location: nowhere.jpg: no such file or folder — give a picture or a folder\n"
    )


def test_the_rules_are_read_from_one_file():
    script = (EDITOR / "strip-location.js").read_text(encoding="utf-8")
    assert 'from "./location-rules.json" with { type: "json" }' in script
    assert location.RULES == RULES
    # Neither names a rule of its own.
    python = Path(location.__file__).read_text(encoding="utf-8").lower()
    for rule in ("0xa431", "0x8825", "photoshop:city", "2:90"):
        assert rule not in script.lower() and rule not in python, rule


def test_the_pre_commit_hook_strips_the_photos_being_committed(tmp_path):
    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["strip-location"]
    for name in ("docs/posts/2026/walk/IMG_0042 2.JPG", "docs/posts/2026/walk/beach.heic"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "docs/posts/2026/walk/index.md")
    assert hook["pass_filenames"] and hook["entry"] == ".venv/bin/blog strip-location"
    # What pre-commit runs for a staged photo: the entry with the file's name.
    photo = photos.phone_jpeg(tmp_path / "docs" / "IMG_0042 2.JPG", (800, 600))
    venv_blog = str(Path(sys.executable).parent / "blog")
    run = subprocess.run(
        [venv_blog, *hook["entry"].split()[1:], "docs/IMG_0042 2.JPG"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "docs/IMG_0042 2.JPG: removed " + ", ".join(
        GPS_AND_SERIAL + XMP_GPS
    )
    assert_no_location(photo.read_bytes(), photo.name)


# The page the test serves: the editor's module as the site serves it, under a
# policy as strict as the admin page's (own origin only, no inline script).
STRIP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'self'; connect-src 'self'">
<title>strip</title><script type="module" src="run.js"></script></head><body></body></html>
"""
STRIP_RUN = """import { stripLocationReport } from "./editor/strip-location.js";
const input = new Uint8Array(await (await fetch("photo.jpg")).arrayBuffer());
const result = stripLocationReport(input);
let text = "";
for (const byte of result.bytes) text += String.fromCharCode(byte);
window.stripped = { bytes: btoa(text), removed: result.removed };
"""


def test_the_editor_module_runs_in_chromium_under_the_admin_policy(tmp_path, browser):
    import base64

    from browser import Server

    shutil.copytree(EDITOR, tmp_path / "editor")
    (tmp_path / "index.html").write_text(STRIP_PAGE, encoding="utf-8")
    (tmp_path / "run.js").write_text(STRIP_RUN, encoding="utf-8")
    photo = photos.ultra_hdr_jpeg(tmp_path / "photo.jpg", (1600, 1200))
    server = Server(tmp_path, "https://example.org/")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text))
    try:
        page.goto(server.url("index.html"))
        page.wait_for_function("window.stripped !== undefined", timeout=60_000)
        result = page.evaluate("window.stripped")
    finally:
        page.close()
        server.close()
    assert errors == []
    expected = location.report(photo.read_bytes())
    assert tuple(result["removed"]) == expected.removed
    assert base64.b64decode(result["bytes"]) == expected.data
