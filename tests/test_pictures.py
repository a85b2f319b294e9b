"""What readers get of a writer's photos: small files with no metadata, the
right way up, at the widths they need, in formats their browser takes.

The site is tests/photosite.py's: the real conf.py and pages with a post of
two 12-megapixel phone photos (a HEIC, and a JPEG with a rotation flag and a
gain map; their location already taken out, as the check requires) and a
cover, four more posts with photo covers, and a post of drawings (a
transparent wide-gamut PNG, an animated GIF, an SVG).
"""

import json
from pathlib import Path

import photos
import pytest
from lxml import html
from PIL import Image

import photosite
from feedreader import read
from helpers import ATOM, Site, article
from metadata import metadata_in
from wnyblog.publish.pictures import derive, markup

BASE = photosite.SITE_URL
PICTURE_SUFFIXES = {".avif", ".webp", ".jpg", ".png", ".svg", ".gif", ".heic"}
LADDER = [320, 480, 800, 1200, 1600]

# The post's own pictures, not those of the related posts' cards at its end.
OWN_PICTURES = (
    ".//picture[not(ancestor::section[contains(concat(' ', @class, ' '), ' related-posts ')])]"
)


def published_pictures(site: Site) -> list[Path]:
    return sorted(p for p in site.root.rglob("*") if p.suffix.lower() in PICTURE_SUFFIXES)


def sources(site_root: Path) -> list[Path]:
    docs = site_root.parents[1] / "site" / "docs" / "posts"
    return sorted(p for p in docs.rglob("*") if p.suffix != ".md" and p.is_file())


# -- Privacy --------------------------------------------------------------------------------------


def test_no_published_picture_carries_metadata(photo_site):
    files = published_pictures(photo_site)
    assert len(files) > 60
    carrying = {p.name: found for p in files if (found := metadata_in(p))}
    assert carrying == {}


def test_the_sources_do_carry_it(photo_site):
    # The fixtures are what phones make: the check above would see their metadata.
    for source in sources(photo_site.root):
        if source.suffix in (".jpg", ".png"):
            assert metadata_in(source), source.name


def test_no_original_file_is_published(photo_site):
    originals = {p.read_bytes() for p in sources(photo_site.root)}
    assert not [p for p in published_pictures(photo_site) if p.read_bytes() in originals]
    assert not list(photo_site.root.rglob("*.heic"))
    # Nothing but pages in the posts' folders: pictures are in _images.
    post_files = [p for p in (photo_site.root / "posts").rglob("*") if p.is_file()]
    assert {p.name for p in post_files} == {"index.html"}


def test_every_published_picture_is_under_300_kb(photo_site):
    sizes = {p.name: p.stat().st_size for p in published_pictures(photo_site)}
    assert {name: size for name, size in sizes.items() if size >= 300_000} == {}


# -- The right way up, in sRGB ---------------------------------------------------------------------


def _variants(site: Site, stem: str) -> list[Path]:
    return sorted((site.root / "_images").glob(f"{stem}-*"))


@pytest.mark.parametrize("stem", ["beach", "garden", "cover"])
def test_phone_photos_are_upright_in_every_file(photo_site, stem):
    files = _variants(photo_site, stem)
    assert files
    for path in files:
        with Image.open(path) as image:
            assert image.width > image.height, path.name  # landscape, as taken
            assert photos.looks_upright(image), (path.name, photos.corner_colours(image))


def test_colours_are_converted_from_the_phones_profile_to_srgb(photo_site):
    # The photo's red corner, (220, 40, 40) in Display P3, is a deeper red in sRGB.
    [jpeg] = [p for p in _variants(photo_site, "garden") if p.name.endswith("-800.jpg")]
    with Image.open(jpeg) as image:
        red = photos.corner_colours(image)["top-left"]
    assert red[0] > 232 and red[1] < 25, red


# -- Markup ----------------------------------------------------------------------------------------


def _srcset(value: str) -> list[tuple[str, int]]:
    pairs = [candidate.strip().rsplit(" ", 1) for candidate in value.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def test_a_post_shows_each_photo_as_a_picture_element(photo_site):
    doc = article(photo_site.page(photosite.PHOTO_POST))
    # The post's own pictures (the related posts' cards at its end have theirs).
    pictures = doc.xpath(OWN_PICTURES)
    assert len(pictures) == 2
    for picture in pictures:
        avif, webp = picture.cssselect("source")
        assert (avif.get("type"), webp.get("type")) == ("image/avif", "image/webp")
        [img] = picture.cssselect("img")
        for element in (avif, webp, img):
            candidates = _srcset(element.get("srcset"))
            assert [width for _, width in candidates] == LADDER
            assert element.get("sizes") == markup.ARTICLE_SIZES
            for url, width in candidates:
                file = (photo_site.root / photosite.PHOTO_POST / url).resolve()
                with Image.open(file) as image:
                    assert image.width == width
        assert (img.get("width"), img.get("height")) == ("1600", "1200")
        assert img.get("src").endswith("-800.jpg")
    first, second = (p.cssselect("img")[0] for p in pictures)
    # The first picture is what a reader sees first: fetched at once, before others.
    assert first.get("alt") == "Waves on the beach at sunset, taken on a phone"
    assert (first.get("loading"), first.get("fetchpriority"), first.get("decoding")) == (
        "eager",
        "high",
        None,
    )
    assert (second.get("loading"), second.get("decoding")) == ("lazy", "async")
    assert second.get("fetchpriority") is None
    # A figure keeps its caption.
    [figure] = doc.cssselect("figure")
    assert figure.cssselect("picture img")[0].get("alt") == "A community garden with raised beds"
    assert "community garden near the clinic" in figure.cssselect("figcaption")[0].text_content()


def test_an_img_tag_a_writer_types_is_published_the_same_way(photo_site):
    doc = article(photo_site.page(photosite.WALKS[0]))
    [img] = doc.xpath(OWN_PICTURES + "//img")
    assert img.get("alt") == "The trees again, typed as HTML"
    assert img.get("src").startswith("../../../_images/cover-") and img.get("srcset")


def test_listing_cards_use_the_small_variants(photo_site):
    cards = article(photo_site.page("")).cssselect("li.postcard")
    assert len(cards) == 5
    for card in cards:
        picture = card.cssselect("picture.postcard-image")[0]
        img = picture.cssselect("img")[0]
        assert img.get("loading") == "lazy" and img.get("alt")
        assert (img.get("width"), img.get("height")) == ("800", "600")
        for element in (*picture.cssselect("source"), img):
            assert [w for _, w in _srcset(element.get("srcset"))] == [320, 480, 800]
            assert element.get("sizes") == "(min-width: 40em) 10rem, 6rem"


def test_pictures_are_never_wider_than_their_source(photo_site):
    doc = article(photo_site.page(photosite.DRAWINGS_POST))
    emblem = next(
        p for p in doc.cssselect("picture") if "emblem" in p.cssselect("img")[0].get("alt")
    )
    for element in (*emblem.cssselect("source"), emblem.cssselect("img")[0]):
        widths = [w for _, w in _srcset(element.get("srcset"))]
        assert max(widths) <= 1400 and widths == sorted(widths)
    assert [w for _, w in _srcset(emblem.cssselect("source")[0].get("srcset"))][-1] == 1400


def test_transparency_is_kept(photo_site):
    doc = article(photo_site.page(photosite.DRAWINGS_POST))
    emblem = next(
        p for p in doc.cssselect("picture") if "emblem" in p.cssselect("img")[0].get("alt")
    )
    fallback = emblem.cssselect("img")[0].get("src")
    assert fallback.endswith(".png")
    for url in (fallback, _srcset(emblem.cssselect("source")[0].get("srcset"))[0][0]):
        with Image.open((photo_site.root / photosite.DRAWINGS_POST / url).resolve()) as image:
            assert image.mode in ("RGBA", "PA", "LA") or "transparency" in image.info, url
            corner = image.convert("RGBA").getpixel((0, 0))
            assert corner[3] == 0, (url, corner)


def test_an_animated_gif_becomes_an_animated_webp_with_a_still_fallback(photo_site):
    doc = article(photo_site.page(photosite.DRAWINGS_POST))
    moving = next(
        p for p in doc.cssselect("picture") if "circle" in p.cssselect("img")[0].get("alt")
    )
    [source] = moving.cssselect("source")
    assert source.get("type") == "image/webp"
    [(url, _)] = _srcset(source.get("srcset"))
    with Image.open((photo_site.root / photosite.DRAWINGS_POST / url).resolve()) as animation:
        assert animation.format == "WEBP" and animation.n_frames == 6
    still = moving.cssselect("img")[0].get("src")
    with Image.open((photo_site.root / photosite.DRAWINGS_POST / still).resolve()) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1


def test_a_safe_svg_is_published_without_its_editors_notes(photo_site):
    doc = article(photo_site.page(photosite.DRAWINGS_POST))
    [img] = [i for i in doc.cssselect("img") if i.get("alt") == "A teal square"]
    assert (img.get("width"), img.get("height")) == ("240", "160")
    text = (photo_site.root / photosite.DRAWINGS_POST / img.get("src")).resolve().read_text()
    assert text.startswith("<svg") and "<rect" in text
    for private in ("inkscape", "metadata", "Jane", "<!--", "drawn at home"):
        assert private not in text


# -- Link previews and feeds -----------------------------------------------------------------------


def _meta(doc) -> dict[str, str]:
    return {m.get("property") or m.get("name"): m.get("content") for m in doc.cssselect("meta")}


def _feed_images(site, ending: str) -> set[str]:
    """The picture each of the blog's feeds (Atom, RSS, JSON) gives the post."""
    return {
        next(e for e in read(site, f"blog/{name}").entries if e.url.endswith(ending)).image
        for name in ("atom.xml", "rss.xml", "feed.json")
    }


def test_link_previews_use_one_1200px_jpeg_with_its_true_size(photo_site):
    doc = photo_site.page(photosite.PHOTO_POST)
    meta = _meta(doc)
    url = meta["og:image"]
    assert url.startswith(BASE + "_images/cover-") and url.endswith("-1200.jpg")
    with Image.open(photo_site.root / url.removeprefix(BASE)) as image:
        assert image.format == "JPEG" and photos.looks_upright(image)
        assert (meta["og:image:width"], meta["og:image:height"]) == (
            str(image.width),
            str(image.height),
        )
        assert image.width == 1200
    assert meta["og:image:type"] == "image/jpeg"
    assert meta["og:image:alt"] == "A path along the lake shore in spring"
    [ld] = [json.loads(s.text) for s in doc.cssselect('script[type="application/ld+json"]')]
    assert ld["image"] == {"@type": "ImageObject", "url": url, "width": 1200, "height": 900}
    assert _feed_images(photo_site, "photos/") == {url}


def test_feed_content_shows_plain_jpegs(photo_site):
    entry = next(
        e
        for e in photo_site.xml("blog/atom.xml").iter(ATOM + "entry")
        if e.findtext(ATOM + "title") == "A walk by the lake"
    )
    content = html.fragment_fromstring(entry.findtext(ATOM + "content"), create_parent="div")
    assert not content.cssselect("picture, source")
    imgs = content.cssselect("img")
    assert [i.get("alt") for i in imgs] == [
        "Waves on the beach at sunset, taken on a phone",
        "A community garden with raised beds",
    ]
    for img in imgs:
        src = img.get("src")
        assert src.startswith(BASE + "_images/") and src.endswith("-1200.jpg")
        assert (img.get("width"), img.get("height")) == ("1200", "900")
        assert not {"srcset", "sizes", "loading", "fetchpriority"} & set(img.attrib)
        assert (photo_site.root / src.removeprefix(BASE)).is_file()


def test_a_post_without_a_cover_gets_a_card(photo_site):
    meta = _meta(photo_site.page(photosite.DRAWINGS_POST))
    url = meta["og:image"]
    assert url.startswith(BASE + "_images/drawings-") and url.endswith("-card.png")
    with Image.open(photo_site.root / url.removeprefix(BASE)) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
        # The emblem's teal circle is drawn at the top left; the rest is cream.
        assert card.convert("RGB").getpixel((80 + 66, 80 + 10)) == (47, 111, 115)
        assert card.convert("RGB").getpixel((1100, 60)) == (244, 239, 230)
    assert meta["og:image:alt"] == (
        "The title “Drawings and animations” on a card of the "
        "WNY Psychiatry & Counseling Associates Blog"
    )
    assert _feed_images(photo_site, "drawings/") == {url}


def test_the_build_says_how_many_pictures_it_encoded(photo_site):
    # 3 photos and 4 covers, a PNG, a GIF, an SVG; 1 card (the other posts have covers;
    # the site's pages are not posts).
    assert "pictures: 11 encoded, 0 from the cache" in photo_site.log


@pytest.mark.parametrize(
    "name, make",
    [
        ("hdr.jpg", lambda path: photos.phone_jpeg(path, (1600, 1200), gain_map=True)),
        ("burst.heic", lambda path: photos.phone_heic(path, (1600, 1200), others=2)),
    ],
)
def test_only_the_photo_of_a_file_holding_several_pictures_is_published(tmp_path, name, make):
    # A gain map or a burst's other shots are not an animation's frames.
    out = tmp_path / "out"
    out.mkdir()
    derived = derive.derive(make(tmp_path / name), (320, 800, 1200), out)
    assert derived.kind == "photo" and (derived.width, derived.height) == (1200, 900)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{w}.{ext}" for w in (320, 800, 1200) for ext in ("avif", "webp", "jpg")
    )
    for path in out.iterdir():
        with Image.open(path) as image:
            assert getattr(image, "n_frames", 1) == 1 and image.mode == "RGB", path.name
            assert photos.looks_upright(image), path.name
        assert not [s for s in photos.PRIVATE_STRINGS if s in path.read_bytes()], path.name


def test_a_screenshot_saved_with_an_unused_alpha_channel_gets_a_jpeg_fallback(tmp_path):
    # A phone-sized screenshot: opaque everywhere, but stored as RGBA.
    shot = photos.scene((1179, 2556), seed=5).convert("RGBA")
    shot.save(tmp_path / "screenshot.png")
    out = tmp_path / "out"
    out.mkdir()
    derived = derive.derive(tmp_path / "screenshot.png", (320, 800, 1200), out)
    assert [v.file for v in derived.fallback] == ["320.jpg", "800.jpg", "1179.jpg"]
    assert derived.preview.file == "1179.jpg"


# -- Determinism -----------------------------------------------------------------------------------


def test_the_same_photo_gives_the_same_bytes(tmp_path):
    photo = photos.phone_jpeg(tmp_path / "photo.jpg", (1600, 1200))
    made = []
    for name in ("a", "b"):
        out = tmp_path / name
        out.mkdir()
        derive.derive(photo, (320, 800, 1200), out)
        made.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert made[0] == made[1] and len(made[0]) == 9  # 3 widths x 3 formats
