"""Asking git: the sitemap's dates of last change, and which posts a pull
request changes (``blog check`` on GitHub Actions). Imports no stage."""

import subprocess
from pathlib import Path


def git(folder: str | Path, *args: str) -> str | None:
    """git's answer to ``git *args`` run in *folder*, without the line end it
    puts after its last line (``rev-parse --show-toplevel`` names a folder);
    None when git is missing, the folder is in no repository, or git fails."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.removesuffix("\n") if result.returncode == 0 else None
