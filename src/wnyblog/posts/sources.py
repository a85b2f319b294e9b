"""A post's sources: what it relies on, shown as a numbered list at its end
and given to search engines as its ``citation`` (checked by :mod:`.values`)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One item of a post's ``sources:`` list."""

    title: str
    url: str | None = None
    doi: str | None = None
    publisher: str | None = None
    year: int | None = None

    @property
    def link(self) -> str | None:
        """Where a reader can open it: its address, else its DOI's."""
        return self.url or (f"https://doi.org/{self.doi}" if self.doi else None)
