"""The images that stand for the site: reproducible from their script, the
shapes feed readers expect, and a clear stop when one is missing."""

import runpy

import pytest

from helpers import REPO, build_root
from wnyblog.publish.site_images import size

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow

STATIC = REPO / "docs" / "_static"


def test_committed_images_are_what_the_script_draws(tmp_path):
    script = runpy.run_path(str(REPO / "scripts" / "draw_site_images.py"))
    assert script["main"]([str(tmp_path)]) == 0
    for name in script["IMAGES"]:
        assert (tmp_path / name).read_bytes() == (STATIC / name).read_bytes(), name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("icon.png", (512, 512)),
        ("icon-64.png", (64, 64)),
        ("logo.png", (144, 72)),
        ("social-card.png", (1200, 630)),
    ],
)
def test_site_images_have_the_sizes_their_readers_expect(name, expected):
    assert size(STATIC / name) == expected


def test_a_missing_site_image_stops_the_build_with_the_fix(tmp_path):
    def lose_the_logo(src):
        (src / "_static" / "logo.png").unlink()

    built = build_root("feeds", tmp_path, expect_ok=False, edit=lose_the_logo)
    assert built.returncode != 0
    assert "site_logo = 'logo.png': no such file in html_static_path" in built.log
    assert "docs/_static" in built.log
