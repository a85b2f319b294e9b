"""The build step of a GitHub Actions run, with the build state restored from
the cache as pages.yml does, against a cold build.

    python bench/ci_cache.py [--n 200] [--keep DIR]

Every run is what a workflow run does on a fresh runner:
- a fresh clone, always at the same path (GitHub's workspace path does not
  change between runs), so every source file has the time of the checkout;
- a freshly installed virtual environment: made once, then copied for each
  run *without* its file times, as pip gives every installed file (templates
  included) the time of the install;
- the cached folders put back *with* their file times (tar, as actions/cache
  does), or nothing for a cold build;
- then ``make html``, timed: the "Build the site" step.

The blog is the project's site with *n* generated posts (bench/corpus.py). The
first run is cold and its folders are cached; then one post's body is edited
and committed, and the next commit is built three ways: with doctrees and
output restored (what pages.yml does), with the doctrees only, and cold. The
two warm outputs must be byte-identical to the cold one.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

REPO = Path(__file__).resolve().parents[1]
GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
# Like a runner: nothing from this shell that the build reads (SITE_URL, READTHEDOCS_*).
ENV = {
    **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")},
    "BLOG_TODAY": corpus.TODAY.isoformat(),
}
CACHED = ("_build/doctrees", "_build/html")


def run(command: list[str], cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def make_origin(origin: Path, count: int) -> list:
    """The repository's tracked files with *count* generated posts, committed."""
    files = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO)
    files = files.split("\0")
    for name in filter(None, files):
        target = origin / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, target)
    generated = origin.parent / "generated"
    posts = corpus.write_site(generated, count)
    shutil.rmtree(origin / "docs")
    shutil.copytree(generated / "docs", origin / "docs")
    shutil.copy2(generated / "conf.py", origin / "conf.py")
    run(["git", "init", "--quiet", "--initial-branch=main"], origin)
    run([*GIT, "add", "--all"], origin)
    run([*GIT, "commit", "--quiet", "--message=A blog"], origin)
    return posts


class Runner:
    """A runner's workspace: always the same folder, emptied for every run."""

    def __init__(self, work: Path, origin: Path):
        self.workspace = work / "runner" / "blog"
        self.origin = origin
        self.venv = work / "venv"
        self.cache = work / "cache.tar"

    def checkout(self) -> None:
        if self.workspace.exists():
            shutil.rmtree(self.workspace)
        self.workspace.parent.mkdir(parents=True, exist_ok=True)
        run(
            ["git", "clone", "--quiet", str(self.origin), str(self.workspace)],
            self.workspace.parent,
        )
        if not self.venv.exists():
            run(["make", "--no-print-directory", ".venv/.site"], self.workspace, ENV)
            shutil.copytree(self.workspace / ".venv", self.venv, symlinks=True)
        else:
            # copytree with copy (not copy2): new file times, as a fresh install has.
            shutil.copytree(
                self.venv, self.workspace / ".venv", symlinks=True, copy_function=shutil.copy
            )

    def restore(self, folders) -> None:
        run(["tar", "-xf", str(self.cache), *folders], self.workspace)

    def save(self) -> None:
        run(["tar", "--posix", "-cf", str(self.cache), *CACHED], self.workspace)

    def build(self) -> tuple[float, str]:
        """``make html``, timed; it must leave every file under docs/ as it was
        (bytes and file time: staleness is decided by content)."""
        before = self.docs()
        start = time.perf_counter()
        log = run(["make", "--no-print-directory", "html"], self.workspace, ENV)
        seconds = time.perf_counter() - start
        after = self.docs()
        changed = sorted(
            name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
        )
        if changed:
            sys.exit(f"make html changed files under docs/: {changed[:10]}")
        return seconds, log

    def docs(self) -> dict[str, tuple[int, bytes]]:
        docs = self.workspace / "docs"
        return {
            p.relative_to(docs).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(docs.rglob("*"))
            if p.is_file()
        }

    def output(self) -> dict[str, bytes]:
        html = self.workspace / "_build" / "html"
        return {
            p.relative_to(html).as_posix(): p.read_bytes()
            for p in sorted(html.rglob("*"))
            if p.is_file()
        }


def what_sphinx_did(log: str) -> str:
    for line in log.splitlines():
        if line.startswith("updating environment:"):
            read = line.split(":", 1)[1].strip()
            written = "?"
            for other in log.splitlines():
                if other.startswith("building [") and "targets for" in other:
                    written = other.split("targets for", 1)[1].split("source files")[0].strip()
            return f"read: {read}; pages written by Sphinx: {written}"
    return log.strip().splitlines()[-1] if log.strip() else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="posts in the blog")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="ci-cache-"))
    work.mkdir(parents=True, exist_ok=True)
    origin = work / "origin"
    posts = make_origin(origin, args.n)
    runner = Runner(work, origin)

    rows = []
    runner.checkout()
    seconds, log = runner.build()
    rows.append(("cold build (first run, nothing cached)", seconds, what_sphinx_did(log)))
    runner.save()
    size = runner.cache.stat().st_size

    corpus.edit_body(origin / "docs", posts[len(posts) // 2])
    run([*GIT, "commit", "--quiet", "--all", "--message=One post edited"], origin)

    outputs = {}
    for label, folders in (
        ("one post edited, doctrees and output restored (pages.yml)", CACHED),
        ("one post edited, doctrees restored, output empty", CACHED[:1]),
        ("one post edited, cold build", ()),
    ):
        runner.checkout()
        if folders:
            runner.restore(folders)
        seconds, log = runner.build()
        rows.append((label, seconds, what_sphinx_did(log)))
        outputs[label] = runner.output()

    reference = outputs.pop("one post edited, cold build")
    print(f"{args.n} posts; cache {size / 1e6:.1f} MB (tar of {' and '.join(CACHED)})")
    width = max(len(label) for label, _, _ in rows)
    for label, seconds, note in rows:
        print(f"{label:<{width}}  {seconds:6.1f} s   {note}")
    print("every build left docs/ as it was (file times and bytes)")
    for label, output in outputs.items():
        same = output == reference
        print(f"{label}: {'identical to' if same else 'DIFFERS from'} the cold build")
        if not same:
            return 1
    if args.keep is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
