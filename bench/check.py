"""Benchmark: how long `make check` (``blog check``) takes.

    python bench/check.py [--n 200] [--runs 3]

``blog check`` runs the build's own reading into ``_build/check``, so its
first run reads every post and later runs only what changed. Each run writes a
fresh generated corpus (bench/corpus.py) into a temporary folder and times a
clean check, a second check with nothing changed, and a check after editing
one post's body; then the same three on the real site (a copy of docs/ and
conf.py). Figures are medians over the runs.
"""

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

STEPS = ("clean", "again", "one edited")
ENV = {"TZ": "America/New_York", "PYTHONHASHSEED": "0"}


def timed_check(site: Path) -> float:
    start = time.perf_counter()
    # The generated posts are dated up to corpus.TODAY; the real ones, up to today.
    today = {"BLOG_TODAY": corpus.TODAY.isoformat()} if site.name == "generated" else {}
    result = subprocess.run(
        [sys.executable, "-m", "wnyblog.cli.main", "check", "--no-record"],
        cwd=site,
        env={**os.environ, **ENV, **today},
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"blog check failed in {site}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return seconds


def one_run(site: Path, edit) -> dict[str, float]:
    shutil.rmtree(site / "_build", ignore_errors=True)
    times = {"clean": timed_check(site), "again": timed_check(site)}
    edit()
    times["one edited"] = timed_check(site)
    return times


def sites(tmp: Path, count: int) -> list[tuple[str, Path, object]]:
    """(name, site, edit one post) for a fresh generated corpus and the real site."""
    generated = tmp / "generated"
    posts = corpus.write_site(generated, count)
    real = tmp / "real"
    shutil.rmtree(real, ignore_errors=True)
    shutil.copytree(corpus.REPO / "docs", real / "docs")
    shutil.copy(corpus.REPO / "conf.py", real / "conf.py")
    post = next((real / "docs" / "posts").rglob("index.md"))
    return [
        (
            f"{count} generated posts",
            generated,
            functools.partial(corpus.edit_body, generated / "docs", posts[len(posts) // 2]),
        ),
        ("the real site", real, functools.partial(_add_sentence, post)),
    ]


def _add_sentence(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more calm sentence.\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="posts in the generated corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs (median)")
    args = parser.parse_args(argv)
    figures: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="wnyblog-bench-check-") as tmp:
        for run in range(args.runs):
            for name, site, edit in sites(Path(tmp), args.n):
                times = one_run(site, edit)
                for step, seconds in times.items():
                    figures.setdefault(name, {}).setdefault(step, []).append(seconds)
                print(
                    f"run {run + 1}/{args.runs} {name}: "
                    + ", ".join(f"{s} {t:.2f}s" for s, t in times.items()),
                    flush=True,
                )
    print()
    print(f"blog check, median of {args.runs} run(s), seconds:")
    print(f"| site | {' | '.join(STEPS)} |")
    print(f"|---|{'---|' * len(STEPS)}")
    for name, steps in figures.items():
        cells = " | ".join(f"{statistics.median(steps[s]):.2f}" for s in STEPS)
        print(f"| {name} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
