"""``doctree-read``: one document has been read (maybe in a worker process).

Runs after ABlog's own handler (priority 600 > 500), which this needs.
"""

from ..checks import checkbuild
from ..posts import records
from ..site import directives

PRIORITY = 600


def handle(app, doctree) -> None:
    records.record_post(app, doctree)
    directives.record_fragments(app, doctree)
    checkbuild.note_links(app, doctree)
