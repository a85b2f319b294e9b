"""Photos in a real browser on a phone: what a first view downloads, which
file the browser picks, and that nothing moves as pictures arrive.

Chromium (Playwright) at 390 px wide, with 1, 1.75 (Lighthouse's phone) and 3
(most iPhones) screen pixels per CSS pixel, opens tests/photosite.py's site,
served under /blog/ as GitHub Pages serves it. Budgets: a post with two 12-megapixel
photos at most 250 KB, the home page with five photo posts at most 300 KB
(a text-only post page weighs about 120 KB of that).
"""

import pytest

import photosite
from browser import Server

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

PHONE = 390
POST_BUDGET = 250_000
HOME_BUDGET = 300_000

# Layout shifts the page had (PerformanceObserver; buffered, so from the start).
_SHIFTS = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 500);
})"""
_CHOSEN = """() => [...document.querySelectorAll("article img")].map(img => ({
    alt: img.alt, src: img.currentSrc, complete: img.complete,
    width: img.getBoundingClientRect().width,
}))"""


@pytest.fixture(scope="module")
def server(photo_site):
    served = Server(photo_site.root, photosite.SITE_URL)
    yield served
    served.close()


def first_view(new_page, url: str, pixel_ratio: float = 1) -> tuple[dict[str, int], object]:
    """Open *url* on a phone-sized screen; every response's size, by URL."""
    page = new_page(width=PHONE, pixel_ratio=pixel_ratio)
    page.set_viewport_size({"width": PHONE, "height": 844})
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(url, wait_until="networkidle")
    return sizes, page


def test_a_post_with_two_phone_photos_is_light_on_a_phone(server, new_page, record_property):
    sizes, page = first_view(new_page, server.url(photosite.PHOTO_POST))
    total = sum(sizes.values())
    record_property("post_first_view_bytes", total)
    print(f"post, first view at {PHONE} px: {total} bytes in {len(sizes)} files")
    assert total <= POST_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])
    pictures = [u for u in sizes if "/_images/" in u]
    # The browser takes AVIF at the width the screen needs, never an original.
    assert pictures and all(u.endswith(".avif") for u in pictures), pictures
    assert all(u.rsplit("-", 1)[1] in ("320.avif", "480.avif") for u in pictures), pictures
    first = page.evaluate(_CHOSEN)[0]
    assert first["alt"] == "Waves on the beach at sunset, taken on a phone"
    assert first["complete"] and first["src"].endswith("-480.avif")
    assert first["width"] == pytest.approx(PHONE - 32, abs=2)
    assert page.evaluate(_SHIFTS) == 0


@pytest.mark.parametrize("pixel_ratio, width", [(1.75, 800), (3, 800)])
def test_sharp_phone_screens_get_twice_the_pixels_not_more(server, new_page, pixel_ratio, width):
    # Lighthouse's phone has 1.75 screen pixels per CSS pixel; most iPhones 3.
    sizes, page = first_view(new_page, server.url(photosite.PHOTO_POST), pixel_ratio)
    total = sum(sizes.values())
    print(f"post, first view at {PHONE} px, {pixel_ratio}x: {total} bytes in {len(sizes)} files")
    assert total <= POST_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])
    shown = [img["src"] for img in page.evaluate(_CHOSEN)[:2]]
    assert all(src.endswith(f"-{width}.avif") for src in shown), shown


def test_the_home_page_with_five_photo_posts_is_light_on_a_phone(server, new_page, record_property):
    sizes, page = first_view(new_page, server.url(""))
    total = sum(sizes.values())
    record_property("home_first_view_bytes", total)
    print(f"home page, first view at {PHONE} px: {total} bytes in {len(sizes)} files")
    assert total <= HOME_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])
    covers = [u for u in sizes if "/_images/cover-" in u]
    assert covers and all(u.endswith(("-320.avif", "-480.avif")) for u in covers), covers
    assert page.evaluate(_SHIFTS) == 0


def test_pictures_keep_their_shape_before_they_load(server, new_page):
    # While no picture has arrived, each already takes its place in the
    # layout (its width and height give its shape): nothing moves when they come.
    page = new_page(width=PHONE)
    waiting = []
    page.route("**/_images/**", lambda route: waiting.append(route))
    page.goto(server.url(photosite.PHOTO_POST), wait_until="domcontentloaded")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll("article picture img")].map(img => {
            const box = img.getBoundingClientRect();
            return [box.width, box.height];
        })"""
    )
    assert waiting, "the pictures were held back"
    assert boxes and all(h == pytest.approx(w * 3 / 4, abs=2) for w, h in boxes), boxes
    # The post's two photos as wide as the text; the related posts' covers
    # small beside their titles (6rem).
    assert [w for w, _ in boxes] == [PHONE - 32] * 2 + [96] * (len(boxes) - 2), boxes
    for route in waiting:
        route.continue_()
