"""The build's front end: skip Sphinx when nothing it reads has changed.

    python -m wnyblog.speed.frontend <sphinx-build arguments>

``make html`` runs this. Even with nothing to do, Sphinx takes seconds to
start: importing it, loading the pickled environment, checking every post.
A build that changes nothing needs none of that, so this module first
compares a fingerprint of everything the build depends on with the one
stored after the last successful build, and runs Sphinx only if they differ.

The fingerprint is deliberately broad (a false "changed" costs one ordinary
incremental build; a false "unchanged" would publish a stale site):
- the sphinx-build arguments and the environment variables the build reads;
- the date in the clinic's time zone (scheduled posts go live by date);
- the content of every file in the source folder, conf.py and this package
  (code, templates, static files), from the one record of content digests
  the extension shares (:mod:`.digests`), so a hundred 10 MB photos are not
  read on every run; a file saved again with the same bytes still counts as
  unchanged (its digest is the same). The site keeps everything else it
  publishes inside the source folder too (conf.py's static path is
  docs/_static): a folder added outside it must be added here;
- the installed packages (their names and versions) and Python's version;
- the published output as the last build left it (names, sizes, times), so
  an output file deleted or edited by hand is rebuilt.

Only this module's own imports run before the decision: the package's
``__init__`` imports Sphinx lazily for the same reason.

Before Sphinx starts, conf.py is run and the vocabulary file read
(:func:`site_problems`): Sphinx answers a slip in conf.py with a traceback,
and every post would be checked against a vocabulary that cannot be read.
Each slip is one ``file:line: what — how to fix`` line instead, and the build
stops there.
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..posts import dates
from . import codeversion, heap
from .digests import DigestRecord

if TYPE_CHECKING:
    from ..posts.schema import Problem

STAMP = "wnyblog-uptodate.json"

# What the build reads from the environment (see site/address.py, posts/dates.py,
# posts/drafts.py and the Makefile); anything else named BLOG_* or READTHEDOCS*
# counts too.
_ENVIRONMENT = ("TZ", "SOURCE_DATE_EPOCH", "PYTHONHASHSEED", "SITE_URL", "LANG", "LC_ALL")
_ENVIRONMENT_PREFIXES = ("BLOG_", "READTHEDOCS", "SPHINX")

# Options that ask Sphinx to rebuild everything whatever changed.
_FORCE = {"-E", "-a", "--fresh-env", "--write-all"}


class Arguments:
    """The few sphinx-build arguments the fingerprint needs to know about."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        positional, options = [], {}
        takes_value = {"-b", "-c", "-d", "-D", "-A", "-j", "-t", "-w", "--builder", "--jobs"}
        i = 0
        while i < len(argv):
            arg = argv[i]
            if arg in takes_value and i + 1 < len(argv):
                options[arg] = argv[i + 1]
                i += 2
                continue
            if not arg.startswith("-"):
                positional.append(arg)
            i += 1
        self.srcdir = Path(positional[0]) if positional else None
        self.outdir = Path(positional[1]) if len(positional) > 1 else None
        self.confdir = Path(options.get("-c", self.srcdir or "."))
        doctrees = options.get("-d")
        self.doctreedir = Path(doctrees) if doctrees else None
        self.forced = bool(_FORCE & set(argv))

    @property
    def stamp(self) -> Path | None:
        if self.doctreedir is None or self.outdir is None or self.srcdir is None:
            return None
        return self.doctreedir / STAMP


def _hash_tree(digest: "hashlib._Hash", root: Path, digests: DigestRecord) -> None:
    """Every file under *root*, by relative name and content, in a stable order."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).encode() + b"\0")
            digest.update(digests.of(path))


def inputs(args: Arguments, digests: DigestRecord | None = None) -> str:
    """A digest of everything the build reads."""
    digests = digests or DigestRecord()
    digest = hashlib.sha256()
    settings = {
        "argv": args.argv,
        "cwd": os.getcwd(),
        "environment": {
            k: v
            for k, v in sorted(os.environ.items())
            if k in _ENVIRONMENT or k.startswith(_ENVIRONMENT_PREFIXES)
        },
        "today": dates.today().isoformat(),
        "python": sys.version,
        "packages": codeversion.installed(),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for root in (args.srcdir, codeversion.PACKAGE):
        if root is None:
            continue
        digest.update(b"\1" + str(root).encode())
        _hash_tree(digest, root, digests)
    conf = args.confdir / "conf.py"
    if conf.is_file():
        digest.update(b"\2" + conf.read_bytes())
    return digest.hexdigest()


def outputs(args: Arguments) -> str:
    """A digest of the published folder as the last build left it."""
    digest = hashlib.sha256()
    if args.outdir is None:
        return digest.hexdigest()
    for root, dirs, files in os.walk(args.outdir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            stat = os.stat(path)
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def up_to_date(args: Arguments) -> tuple[bool, str | None, DigestRecord]:
    """Whether the last successful build already made this output; the
    fingerprint of the inputs as they are now (None when it cannot tell); and
    the files' digests as found."""
    stamp = args.stamp
    if stamp is None:
        return False, None, DigestRecord()
    try:
        saved = json.loads(stamp.read_text())
    except (OSError, ValueError):
        saved = {}
    if not isinstance(saved, dict):
        saved = {}
    digests = DigestRecord.load(args.doctreedir)
    now = inputs(args, digests)
    if args.forced:
        return False, now, digests
    fresh = saved.get("inputs") == now and saved.get("outputs") == outputs(args)
    return fresh, now, digests


def _record(args: Arguments, fingerprint: str, digests: DigestRecord) -> None:
    assert args.stamp is not None  # a fingerprint is only taken with a stamp
    record = {"inputs": fingerprint, "outputs": outputs(args)}
    args.stamp.write_text(json.dumps(record, sort_keys=True))
    digests.save()


def site_problems(args: Arguments) -> "list[Problem]":
    """What is wrong with conf.py (it cannot run) or the vocabulary file."""
    from ..posts import config_reader, vocabulary

    if args.srcdir is None:
        return []
    if not (args.confdir / "conf.py").is_file():  # Sphinx says so itself
        return vocabulary.load(args.srcdir)[1]
    return config_reader.load(args.confdir, args.srcdir)[2]


def _plain_unless_asked(argv: list[str]) -> None:
    """Plain text when the output goes to a file, a pipe or a CI log.

    Sphinx colours its messages, and redraws its progress line with escape
    codes, whenever CI=true (even with --no-color), which puts escape codes in
    front of every `file:line:` a writer, a log search or a problem matcher
    reads. Colour stays where a person asks for it (FORCE_COLOR, --color) or
    sits at a terminal. NO_COLOR is the one switch Sphinx reads for both.
    """
    asked = {"FORCE_COLOR", "FORCE_COLOUR", "NO_COLOR", "NO_COLOUR"} & set(os.environ)
    if not ("--color" in argv or asked or sys.stdout.isatty()):
        os.environ["NO_COLOR"] = "1"


def main(argv: list[str] | None = None) -> int:
    from ..posts.schema import unbreakable_output

    unbreakable_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = Arguments(argv)
    start = time.perf_counter()
    fresh, fingerprint, digests = up_to_date(args)
    if fresh:
        if any(digests.known.get(p) != e for p, e in digests.seen.items()):
            assert fingerprint is not None
            _record(args, fingerprint, digests)  # files touched, not changed: remember them
        seconds = time.perf_counter() - start
        # Advice never fails a build, so it is said again, as the build said it.
        from ..checks import buildlog

        for line in buildlog.last_advice(args.doctreedir) if args.doctreedir else ():
            print(line)
        print(
            f"Nothing has changed since the last build: {args.outdir} is up to date "
            f"({seconds:.2f} s)."
        )
        return 0
    if args.stamp is not None:
        # A build that fails, or is interrupted, must not leave the old stamp
        # claiming its output is current.
        args.stamp.unlink(missing_ok=True)
    problems = site_problems(args)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1

    heap.hold()
    from sphinx.cmd.build import main as sphinx_build

    _plain_unless_asked(argv)
    digests.share()  # the build judges staleness from the digests taken here
    status = sphinx_build(argv)
    if status == 0 and fingerprint is not None:
        # The inputs as they were before the build: a file saved during the
        # build makes the next run build again.
        _record(args, fingerprint, digests)
    return status


if __name__ == "__main__":
    sys.exit(main())
