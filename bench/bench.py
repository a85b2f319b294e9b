"""Benchmark: the project's build pipeline against stock ABlog + Furo on the same posts.

    python bench/bench.py [--n 1000] [--runs 3] [--sphinxopts "-W --keep-going -n -j auto"]
    python bench/bench.py --photos 100 # also our build with 100 posts carrying a 12 MP photo
    python bench/bench.py --profile    # where a build spends its time (cProfile)

``make bench`` runs it with the Makefile's own SPHINXOPTS. Each run writes a
fresh generated corpus into a new folder, then times a clean build, a
no-op rebuild, and rebuilds after editing one post's body, editing one post's
title, changing one post's tags, adding a post and deleting one. Our builds go
through the front end `make html` runs (python -m wnyblog.speed.frontend). Figures are
medians over the runs; "cores busy" is CPU time over wall time; memory is the
peak of the build's process tree (its forked workers included); output is the
published folder (doctrees live elsewhere).

With ``--photos K``, a third engine ("photos") is our build of the same
corpus where K posts spread over the blog each show a 12-megapixel phone
JPEG (EXIF with a rotation flag, GPS taken out) as their cover and in their text;
its "add" step adds a post with a new photo. The report then also gives how
many pictures each of its builds encoded (the build logs "pictures: N
encoded, M from the cache").

The report also gives, for our build, the seconds the search indexer took in
each step (the build logs "search index: N pages indexed in S s (the build
waited W s of it)"; nothing when no indexed page changed): the indexer runs
beside the build's last steps, so its own time and the time the build waited
for it are both given, with the wait's share of the build. What a search then
costs a reader is measured by bench/search_bytes.py on the built site.
"""

import argparse
import os
import pstats
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import corpus
import static_engines

STEPS = [
    ("clean", "clean build"),
    ("noop", "no-op rebuild"),
    ("body", "edit one post's body"),
    ("title", "edit one post's title"),
    ("tags", "edit one post's tags"),
    ("add", "add one post"),
    ("delete", "delete one post"),
]
BUILD_ENV = {
    "TZ": "America/New_York",
    "SOURCE_DATE_EPOCH": "1763600000",
    "PYTHONHASHSEED": "0",
    "BLOG_TODAY": corpus.TODAY.isoformat(),
}


@dataclass
class Engine:
    """One site under test: how to write its sources and how to build them."""

    name: str
    root: Path
    srcdir: Path
    command: list[str]
    write: object  # (count) -> list[PostSpec]
    photos: int = 0  # posts with a phone photo (the "add" step adds one more)
    # Another static site generator (Jekyll, Hugo): its whole command line, the
    # source folder and output folder appended; where a post's file is.
    foreign: bool = False
    post_path: object = None  # (PostSpec) -> path relative to srcdir
    outdir: Path = field(init=False)
    doctreedir: Path = field(init=False)

    def __post_init__(self):
        self.outdir = self.root / "_build" / "html"
        self.doctreedir = self.root / "_build" / "doctrees"

    def argv(self, extra=()) -> list[str]:
        if self.foreign:
            return [*self.command, str(self.srcdir), str(self.outdir)]
        return [
            *self.command[:1],
            *extra,
            *self.command[1:],
            "-d",
            str(self.doctreedir),
            str(self.srcdir),
            str(self.outdir),
        ]


_WITHOUT_PYSTEMMER = (
    "import sys; sys.modules['Stemmer'] = None; "
    "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"
)


def _ours(name: str, root: Path, sphinxopts: list[str], photos: int = 0) -> Engine:
    made = root.parent / "photo-cache"  # drawn once per run folder, copied for each post

    def write(count: int):
        posts = corpus.write_site(root / "site", count)
        if photos:
            corpus.add_photos(root / "site" / "docs", posts, photos, made)
        return posts

    return Engine(
        name,
        root,
        root / "site" / "docs",
        # The front end `make html` runs (it skips Sphinx when nothing changed).
        [
            sys.executable,
            "-m",
            "wnyblog.speed.frontend",
            "-b",
            "dirhtml",
            "-c",
            str(root / "site"),
            *sphinxopts,
        ],
        write,
        photos,
    )


def engines(workdir: Path, sphinxopts: list[str], photos: int = 0) -> list[Engine]:
    stock = workdir / "stock"
    with_photos = [_ours("photos", workdir / "photos", sphinxopts, photos)] if photos else []
    return [
        _ours("ours", workdir / "ours", sphinxopts),
        *with_photos,
        # Stock ABlog cannot read in parallel, and its archive pages are html
        # builder pages: ABlog's defaults, no -j. Stock Sphinx stems with
        # snowballstemmer's pure Python: PyStemmer (our pin) is hidden from it.
        Engine(
            "stock",
            stock,
            stock / "src",
            [sys.executable, "-c", _WITHOUT_PYSTEMMER, "-b", "html", "--keep-going"],
            lambda count: corpus.write_stock_site(stock / "src", count),
        ),
    ]


def static_generators(workdir: Path) -> list[Engine]:
    """Jekyll and Hugo (Debian's packages) on the same posts."""
    jekyll, hugo = workdir / "jekyll", workdir / "hugo"
    return [
        Engine(
            "jekyll",
            jekyll,
            jekyll / "src",
            # `jekyll build -s SRC -d OUT`, as a Jekyll blog's CI builds it.
            ["sh", "-c", 'exec jekyll build --quiet -s "$0" -d "$1"'],
            lambda count: static_engines.write_jekyll_site(jekyll / "src", count),
            foreign=True,
            post_path=static_engines.jekyll_path,
        ),
        Engine(
            "hugo",
            hugo,
            hugo / "src",
            ["sh", "-c", 'exec hugo --quiet -s "$0" -d "$1"'],
            lambda count: static_engines.write_hugo_site(hugo / "src", count),
            foreign=True,
            post_path=lambda post: f"content/{post.path}",
        ),
    ]


# -- Measuring one build ---------------------------------------------------------------------------


@dataclass
class Measure:
    seconds: float
    cpu: float  # seconds of CPU, the process and every worker it forked
    peak_pss: int  # bytes: the process tree's proportional set size, summed, at its peak
    max_rss: int  # bytes: the largest single process of the tree
    encoded: int | None = None  # pictures the build encoded (None: Sphinx did not run)
    indexed: float = 0.0  # seconds the search indexer (Pagefind) took; 0 when it did not run
    waited: float = 0.0  # of those, the seconds the build waited for it at the end


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{current}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_build(argv: list[str], log: Path) -> Measure:
    """Run one sphinx-build; fail loudly with its log if it fails."""
    env = {**os.environ, **BUILD_ENV}
    # As in the Makefile: the project's own modules are compiled once, not per build.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    peak = [0]
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
        done = threading.Event()

        def poll():
            # Forked workers share the parent's pages: PSS counts each page once.
            # Reading smaps costs the kernel a walk of every process's pages:
            # a few times a second is enough to see the peak of a long build.
            while not done.wait(0.2):
                peak[0] = max(peak[0], sum(_pss(p) for p in _children(proc.pid)))

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"build failed ({' '.join(map(shlex.quote, argv))}):\n{log.read_text()[-3000:]}")
    return Measure(seconds, usage.ru_utime + usage.ru_stime, peak[0], usage.ru_maxrss * 1024)


def output_size(outdir: Path) -> tuple[int, int]:
    files = [p for p in outdir.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# -- The steps -------------------------------------------------------------------------------------


def one_run(engine: Engine, count: int, logs: Path) -> tuple[dict, tuple[int, int]]:
    """A fresh corpus, a clean build and every incremental step after it."""
    posts = engine.write(count)
    # Each run builds in folders of its own (main): nothing earlier is there,
    # unless --keep names a folder an earlier benchmark used.
    if engine.outdir.parent.exists():
        subprocess.run(["rm", "-rf", str(engine.outdir.parent)], check=True)
    if engine.foreign:
        changes = _foreign_changes(engine, posts, count)
    else:
        changes = _changes(engine, posts, count)
    results, size = {}, None
    for step, _ in STEPS:
        changes[step]()
        log = logs / f"{engine.name}-{step}.log"
        results[step] = run_build(engine.argv(), log)
        results[step].encoded = encoded(log)
        results[step].indexed, results[step].waited = indexed(log)
        if step == "clean":
            size = output_size(engine.outdir)
    return results, size


def _changes(engine: Engine, posts: list, count: int) -> dict:
    src = engine.srcdir
    return {
        "clean": lambda: None,
        "noop": lambda: None,
        "body": lambda: corpus.edit_body(src, posts[count // 2]),
        "title": lambda: corpus.edit_heading(src, posts[count // 3], "A new title, chosen later"),
        "tags": lambda: corpus.edit_front_matter(src, posts[count // 5], "tags", "[sleep, stress]"),
        "add": lambda: _add(engine, src, count),
        "delete": lambda: corpus.delete_post(src, posts[count // 4]),
    }


def _foreign_changes(engine: Engine, posts: list, count: int) -> dict:
    """The same changes to a Jekyll or Hugo site: the post's file is elsewhere."""

    def edit(post, old: str | None, new: str) -> None:
        path = engine.srcdir / engine.post_path(post)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")

    def add() -> None:
        post = corpus.spec(count, count)
        static_engines.write_post(engine.srcdir, engine.post_path(post), post)

    def delete() -> None:
        (engine.srcdir / engine.post_path(posts[count // 4])).unlink()

    title, tags = posts[count // 3], posts[count // 5]
    return {
        "clean": lambda: None,
        "noop": lambda: None,
        "body": lambda: edit(posts[count // 2], None, "\nOne more calm sentence.\n"),
        "title": lambda: edit(title, f"# {title.title}\n", "# A new title, chosen later\n"),
        "tags": lambda: edit(tags, f"tags: [{', '.join(tags.tags)}]", "tags: [sleep, stress]"),
        "add": add,
        "delete": delete,
    }


def _add(engine: Engine, src: Path, count: int) -> None:
    post = corpus.add_post(src, count)
    if engine.photos:
        corpus.add_photo(src, post, seed=99)


def encoded(log: Path) -> int | None:
    """How many pictures a build encoded, from its log (None: Sphinx did not run)."""
    found = re.search(r"pictures: (\d+) encoded", log.read_text(errors="replace"))
    return int(found.group(1)) if found else None


def indexed(log: Path) -> tuple[float, float]:
    """Seconds the search indexer took in a build, and the seconds the build
    waited for it, from its log (0: it did not run)."""
    found = re.search(
        r"search index: \d+ pages indexed in ([\d.]+) s"
        r"(?: \(the build waited ([\d.]+) s of it\))?",
        log.read_text(errors="replace"),
    )
    if not found:
        return 0.0, 0.0
    took = float(found.group(1))
    return took, float(found.group(2)) if found.group(2) else took


def profile(engine: Engine, count: int, workdir: Path, top: int) -> None:
    """cProfile a serial clean build and the add-a-post rebuild (main process only,
    so -j is dropped: with workers the profile would miss their work)."""
    engine.write(count)
    engine.command = [c for c in engine.command if c not in ("-j", "auto")]
    steps = {"clean": lambda: None, "add": lambda: corpus.add_post(engine.srcdir, count)}
    for step, change in steps.items():
        change()
        stats = workdir / f"{engine.name}-{step}.prof"
        profiled = engine.argv(["-m", "cProfile", "-o", str(stats)])
        run_build(profiled, workdir / f"profile-{step}.log")
        print(f"\n== {engine.name}, {step}: top {top} by own time ==")
        pstats.Stats(str(stats)).sort_stats("tottime").print_stats(top)
        print(f"== {engine.name}, {step}: top {top} by cumulative time ==")
        pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(top)


# -- Report ----------------------------------------------------------------------------------------


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def report(figures: dict, sizes: dict, count: int, runs: int) -> str:
    """The table: one column per engine, then the first engine (ours) as a
    ratio to each of the others, all taken in this run."""
    names = list(figures)
    first, others = names[0], names[1:]
    rows = [f"{count} posts, median of {runs} run(s); ratios are {first} / each other engine", ""]
    head = (
        f"{'figure':<26}"
        + "".join(f"{n:>12}" for n in names)
        + "".join(f"{first + '/' + n:>14}" for n in others)
    )
    rows += [head, "-" * len(head)]

    def row(label, values, fmt):
        ratios = [values[0] / v if v else float("nan") for v in values[1:]]
        rows.append(
            f"{label:<26}"
            + "".join(f"{fmt(v):>12}" for v in values)
            + "".join(f"{r:>13.2f}x" for r in ratios)
        )

    for step, label in STEPS:
        row(
            label,
            [statistics.median(m.seconds for m in figures[n][step]) for n in names],
            lambda v: f"{v:.2f} s",
        )
    every = {n: [m for step, _ in STEPS for m in figures[n][step]] for n in names}
    # Above 1: the build kept more than one core busy.
    row(
        "clean build: cores busy",
        [statistics.median(m.cpu / m.seconds for m in figures[n]["clean"]) for n in names],
        lambda v: f"{v:.2f}",
    )
    row("peak memory (tree PSS)", [max(m.peak_pss for m in every[n]) for n in names], _mb)
    row("peak memory (max RSS)", [max(m.max_rss for m in every[n]) for n in names], _mb)
    row("output size", [sizes[n][0] for n in names], _mb)
    row("output files", [sizes[n][1] for n in names], str)
    if "photos" in figures:
        rows.append("")
        rows.append("pictures encoded by each build with photos (photo, cover, card):")
        for step, label in STEPS:
            counts = [m.encoded for m in figures["photos"][step]]
            shown = "no build (nothing changed)" if counts[0] is None else str(counts[0])
            rows.append(f"  {label:<24}{shown}")
    rows.append("")
    rows.append(
        f"{names[0]}: the search index (Pagefind) in each build, median: its own time, and "
        "the time the build waited for it, with that wait's share of the build"
    )
    for step, label in STEPS:
        index = statistics.median(m.indexed for m in figures[names[0]][step])
        waited = statistics.median(m.waited for m in figures[names[0]][step])
        total = statistics.median(m.seconds for m in figures[names[0]][step])
        share = f"{waited / total:.0%}" if total else "-"
        rows.append(
            f"  {label:<24}{index:6.2f} s, waited {waited:6.2f} s of {total:6.2f} s ({share})"
        )
    clean = statistics.median(m.seconds for m in figures[names[0]]["clean"])
    add = statistics.median(m.seconds for m in figures[names[0]]["add"])
    rows.append("")
    rows.append(f"{names[0]}: adding a post costs {add / clean:.2f}x its clean build")
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="posts in the corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine (median)")
    parser.add_argument("--sphinxopts", default="-W --keep-going -n -j auto")
    parser.add_argument(
        "--only",
        help="build these engines only, e.g. ours,jekyll (of ours, photos, stock, jekyll, hugo)",
    )
    parser.add_argument(
        "--photos", type=int, default=0, help="posts with a 12-megapixel photo, for a third engine"
    )
    parser.add_argument("--profile", action="store_true", help="profile our builds instead")
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.n < 2:
        parser.error("--runs must be at least 1 and --n at least 2")
    with tempfile.TemporaryDirectory(prefix="wnyblog-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)

        def chosen(folder: Path) -> list[Engine]:
            return [
                e
                for e in [
                    *engines(folder, shlex.split(args.sphinxopts), args.photos),
                    *([] if args.profile else static_generators(folder)),
                ]
                if not args.only or e.name in args.only.split(",")
            ]

        if args.profile:
            profile(chosen(workdir)[0], args.n, workdir, args.top)
            return 0
        figures = {e.name: {step: [] for step, _ in STEPS} for e in chosen(workdir)}
        sizes = {}
        for run in range(args.runs):
            # Each run builds in new folders, and no run deletes the one before:
            # on ext4, for minutes after many files are deleted, each new file
            # or folder costs a scan past the inodes freed recently (the
            # kernel's recently_deleted; perf put 13% of a clean build's
            # samples there after `rm -rf` of the last run's output). That is
            # the file system recovering from the benchmark, and it charged
            # each engine by the number of files it writes. All goes at the end.
            for engine in chosen(workdir / f"run-{run + 1}"):
                results, sizes[engine.name] = one_run(engine, args.n, workdir)
                for step, measure in results.items():
                    figures[engine.name][step].append(measure)
                print(
                    f"run {run + 1}/{args.runs} {engine.name}: "
                    + ", ".join(f"{s} {m.seconds:.2f}s" for s, m in results.items()),
                    flush=True,
                )
        print()
        print(report(figures, sizes, args.n, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
