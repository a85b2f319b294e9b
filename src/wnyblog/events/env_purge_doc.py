"""``env-purge-doc``: a document is about to be read again, or was removed."""

from ..checks import checkbuild
from ..posts import records


def handle(app, env, docname: str) -> None:
    records.purge(env, docname)
    checkbuild.forget(env, docname)
