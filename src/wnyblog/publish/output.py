"""Writing files the build generates itself (feeds, sitemap, robots.txt)."""

from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> None:
    """Leave an identical file alone, so its timestamp says when it last changed."""
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
