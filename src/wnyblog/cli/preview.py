"""``blog preview``: the site with drafts, rebuilt as the writer saves."""

import argparse
import os
import sys
from pathlib import Path

PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8000


def run_preview(args: argparse.Namespace) -> int:
    confdir = args.docs.resolve().parent
    out = confdir / "_build"
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        "-b",
        "dirhtml",
        "-c",
        str(confdir),
        "-d",
        str(out / "preview-doctrees"),
        "--host",
        PREVIEW_HOST,
        "--port",
        str(args.port),
        "--watch",
        str(confdir / "conf.py"),
        "--watch",
        str(Path(__file__).parents[1]),  # the whole package
        str(args.docs),
        str(out / "preview"),
    ]
    print(f"Preview with drafts at http://{PREVIEW_HOST}:{args.port}/ (Ctrl+C to stop)", flush=True)
    env = {**os.environ, "BLOG_PREVIEW": "1"}
    os.execve(sys.executable, command, env)
    return 0  # not reached: the preview server replaces this process
