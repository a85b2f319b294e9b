"""WCAG 2.2 AA in a real browser: axe-core on every page type in both colour
modes at desktop and phone widths, the keyboard path from page load, the
crisis line in view, and drawers that open and close from the keyboard."""

import pytest

from browser import MODES, WIDTHS, axe_violations, focused, press_tab
from test_privacy import BROWSED, wait_for_search_results
from test_site import SEED_POST

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

READER_PAGES = [
    "blog/tag/sleep/page/2/",  # a paginated listing, in the middle
    "blog/category/rest/",  # cards with a cover image
    "posts/2026/worry-at-home/",  # related posts
    "posts/2026/timed-reading/",
]
KEYBOARD_PAGES = ["", SEED_POST, "blog/", "get-help/"]


def dark(page) -> bool:
    """Whether the page is painted dark (so the mode under test took effect)."""
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(c) for c in rgb[rgb.index("(") + 1 : -1].split(",")[:3])
    return red + green + blue < 150


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_axe_violations_on_any_page_type(site_server, reader_server, new_page, width, mode):
    page = new_page(width=width, mode=mode, theme=mode)
    found = []
    checked = 0
    for server, urls in ((site_server, BROWSED), (reader_server, READER_PAGES)):
        for url in urls:
            page.goto(server.url(url))
            if url.startswith("search/"):
                wait_for_search_results(page)
            assert dark(page) == (mode == "dark"), url
            found += [f"{url}: {v}" for v in axe_violations(page)]
            checked += 1
    assert checked == len(BROWSED) + len(READER_PAGES)
    assert found == []


def tab_through(page, count: int) -> list[dict]:
    """Tab *count* times from page load; each stop also says how the element
    looks when it does not have the focus."""
    stops = [press_tab(page) for _ in range(count)]
    page.evaluate("() => document.activeElement.blur()")
    resting = page.evaluate(RESTING_LOOK, [stop["index"] for stop in stops])
    for stop, look in zip(stops, resting, strict=True):
        stop["resting"] = look
    return stops


RESTING_LOOK = """(indexes) => indexes.map((i) => {
    const style = getComputedStyle(document.querySelectorAll("*")[i]);
    return {outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
            shadow: style.boxShadow};
})"""


def assert_focus_shows(stop: dict) -> None:
    assert stop["visible"], stop
    assert stop["outline"] >= 2 or stop["shadow"] != "none", stop
    ring = {"outline": stop["outline"], "shadow": stop["shadow"]}
    assert ring != stop["resting"], f"focus does not change how it looks: {stop}"


def is_search(stop: dict) -> bool:
    return "sidebar-search" in stop["classes"]


def is_menu(stop: dict) -> bool:
    return stop["tag"] == "button" and stop["label"] == "Toggle site navigation sidebar"


@pytest.mark.parametrize(
    ("width", "navigation"),
    [(WIDTHS["desktop"], is_search), (WIDTHS["phone"], is_menu)],
    ids=WIDTHS.keys(),
)
@pytest.mark.parametrize("url", KEYBOARD_PAGES)
def test_tab_reaches_skip_link_then_crisis_links_then_navigation(
    site_server, new_page, url, width, navigation
):
    # On a desktop the sidebar's search follows; on a phone, the menu button.
    page = new_page(width=width)
    page.goto(site_server.url(url))
    stops = tab_through(page, 10)
    assert [s["text"] for s in stops[:3]] == ["Skip to content", "988", "Get help now"]
    assert stops[1]["href"] == "tel:988"
    assert any(navigation(s) for s in stops[3:5]), stops[3:5]
    for stop in stops:
        assert_focus_shows(stop)
    if width == WIDTHS["phone"]:
        assert not [s for s in stops if s["inSidebar"]], "closed drawers are out of the Tab order"


NAVIGATION_ON_SCREEN = (
    "() => document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0"
)
NAVIGATION_HIDDEN = (
    "() => !document.querySelector('.sidebar-drawer').checkVisibility({visibilityProperty: true})"
)
CONTENTS_ON_SCREEN = (
    "() => document.querySelector('.toc-drawer').getBoundingClientRect().right <= innerWidth"
)


def drawer_state(page, selector: str) -> dict:
    return page.evaluate(
        """(selector) => {
        const drawer = document.querySelector(selector);
        const box = drawer.getBoundingClientRect();
        return {
            onScreen: box.right > 0 && box.left < innerWidth,
            visible: getComputedStyle(drawer).visibility === "visible",
            focusInside: drawer.contains(document.activeElement),
        };
    }""",
        selector,
    )


def test_the_navigation_drawer_opens_and_closes_from_the_keyboard(site_server, new_page):
    page = new_page(width=WIDTHS["phone"])
    page.goto(site_server.url(SEED_POST))
    menu = page.locator("button.nav-overlay-icon")
    assert menu.get_attribute("aria-expanded") == "false"
    assert drawer_state(page, ".sidebar-drawer") == {
        "onScreen": False,
        "visible": False,
        "focusInside": False,
    }
    menu.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(NAVIGATION_ON_SCREEN)
    assert menu.get_attribute("aria-expanded") == "true"
    assert drawer_state(page, ".sidebar-drawer") == {
        "onScreen": True,
        "visible": True,
        "focusInside": True,
    }
    stop = press_tab(page)
    assert stop["inSidebar"] and stop["visible"]
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert focused(page)["label"] == "Toggle site navigation sidebar", "focus returns to the menu"
    page.wait_for_function(NAVIGATION_HIDDEN)
    # Space works too, and pressing it again closes the drawer.
    page.keyboard.press("Space")
    assert menu.get_attribute("aria-expanded") == "true"
    menu.focus()
    page.keyboard.press("Space")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not drawer_state(page, ".sidebar-drawer")["visible"]


def test_the_contents_drawer_opens_from_the_keyboard(site_server, new_page):
    page = new_page(width=WIDTHS["phone"])
    page.goto(site_server.url(SEED_POST))
    contents = page.locator("button.toc-overlay-icon:visible")
    contents.focus()
    page.keyboard.press("Enter")
    assert contents.get_attribute("aria-expanded") == "true"
    page.wait_for_function(CONTENTS_ON_SCREEN)
    assert drawer_state(page, ".toc-drawer")["focusInside"]
    page.keyboard.press("Escape")
    assert contents.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_crisis_line_is_in_view_at_the_top_of_every_page(site_server, new_page, width):
    page = new_page(width=width)
    for url in BROWSED:
        page.goto(site_server.url(url))
        line = page.locator(".announcement .crisis-line")
        box = line.bounding_box()
        assert box["y"] < 60 and box["x"] >= 0 and box["x"] + box["width"] <= width, (url, box)
        for link in line.locator("a").all():
            linked = link.bounding_box()
            assert linked["x"] >= 0 and linked["x"] + linked["width"] <= width, url
            assert link.is_visible()
        assert "Call or text 988" in line.inner_text()
