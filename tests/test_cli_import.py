"""`blog import`: a Wix export becomes a post where the layout expects it."""

from pathlib import Path

import yaml

from helpers import REPO
from wnyblog.cli import main as cli
from wnyblog.cli import wix

SEED = REPO / "tests" / "data" / "wix-export-empathy.txt"
SLUG = "understanding-empathy-the-heartbeat-of-mental-health-treatment"


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_import_writes_the_post_by_year_and_slug(tmp_path, capsys):
    code = cli.main(
        [
            "--docs",
            str(tmp_path),
            "import",
            str(SEED),
            "--date",
            "2026-11-25",
            "--old-url",
            "https://www.example.com/post/" + SLUG,
        ]
    )
    assert code == 0
    post = tmp_path / "posts" / "2026" / SLUG / "index.md"
    assert str(post) in capsys.readouterr().out
    meta = _front_matter(post)
    assert meta["date_is_import_date"] is True and meta["author"] == "clinic"
    assert meta["redirect_from"] == ["/post/" + SLUG]


def test_committed_seed_post_is_the_importers_output():
    out = wix.to_myst(
        wix.parse_wix_export(SEED.read_text(encoding="utf-8")),
        date=__import__("datetime").date(2026, 11, 25),
    )
    committed = (REPO / "docs" / "posts" / "2026" / SLUG / "index.md").read_text(encoding="utf-8")
    assert committed.split("\n---\n", 1)[1] == out.split("\n---\n", 1)[1]


def test_import_refuses_to_overwrite(tmp_path, capsys):
    args = ["--docs", str(tmp_path), "import", str(SEED), "--date", "2026-11-25"]
    assert cli.main(args) == 0
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "Traceback" not in err


def test_import_of_an_empty_file_is_a_clear_error(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    assert cli.main(["--docs", str(tmp_path), "import", str(empty), "--date", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"blog import: {empty}: ") and "Traceback" not in err
    assert not (tmp_path / "posts").exists()
