"""Dates are clinic time whatever the machine's zone; the site's address has one source."""

import datetime as dt

import pytest

from wnyblog.posts import dates as clock
from wnyblog.site import address as site

# Builds whole sites or drives a browser: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("2026-01-15", "2026-01-15T00:00:00-05:00", id="winter-date"),
        pytest.param("2026-07-04 18:30", "2026-07-04T18:30:00-04:00", id="summer-time"),
        pytest.param(dt.date(2026, 3, 8), "2026-03-08T00:00:00-05:00", id="yaml-date"),
    ],
)
def test_dates_are_read_in_clinic_time(written, expected, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert clock.parse_post_date(written).isoformat() == expected


@pytest.mark.parametrize(
    ("written", "says"),
    [
        pytest.param("May 2024", "not a date the site understands", id="vague"),
        pytest.param("2024-02-30", "not a real calendar date", id="impossible"),
        pytest.param("2024-05-01T09:00:00Z", "has a time zone", id="zone"),
        pytest.param("2024-05-01 09:00 EST", "has a time zone", id="zone-name"),
    ],
)
def test_unusable_dates_say_how_to_fix_them(written, says):
    with pytest.raises(clock.DateError, match=says):
        clock.parse_post_date(written)


def test_scheduled_post_is_due_on_its_own_day(monkeypatch):
    monkeypatch.setenv("BLOG_TODAY", "2026-12-24")
    assert clock.is_due(clock.parse_post_date("2026-12-24 23:00"))
    assert not clock.is_due(clock.parse_post_date("2026-12-25"))


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, "https://configured.example/blog/", id="conf-py"),
        pytest.param({"SITE_URL": "https://fork.example/x"}, "https://fork.example/x/", id="env"),
        pytest.param(
            {"READTHEDOCS_CANONICAL_URL": "https://wny.readthedocs.io/en/latest/"},
            "https://wny.readthedocs.io/en/latest/",
            id="read-the-docs",
        ),
    ],
)
def test_public_url_has_one_setting_and_two_overrides(env, expected, monkeypatch):
    for name in ("SITE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert site.public_url("https://configured.example/blog") == expected
