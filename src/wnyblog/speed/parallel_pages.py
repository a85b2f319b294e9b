"""Spread the pages and feeds this extension writes over the build's processes.

Sphinx writes documents in forked worker processes (``-j``), but the pages an
``html-collect-pages`` handler yields it renders one at a time in the main
process: for a thousand posts, six hundred archive pages and sixty feeds took
a tenth of a clean build on one core while the others idled. Here they are
written the way Sphinx writes documents: forked children, each rendering its
share from the same state the main process has, so every file is byte for byte
what the main process would write. The children's messages are passed on by
Sphinx's ``ParallelTasks``; a failure in one fails the build.
"""

from collections.abc import Callable, Sequence

from sphinx.application import Sphinx
from sphinx.util.parallel import ParallelTasks, make_chunks, parallel_available

from . import process_plan

# Below this many tasks, forking costs more than it saves.
MIN_TASKS = 16


def run(app: Sphinx, tasks: Sequence[Callable[[], object]]) -> None:
    """Call every task (each writes its own files), in parallel when the build is."""
    # A worker per process the build was given: this process only waits.
    nproc = process_plan.requested(app)
    if nproc <= 1 or not parallel_available or len(tasks) < MIN_TASKS:
        for task in tasks:
            task()
        return
    # The first task runs here: it compiles the templates the children then share.
    tasks[0]()
    workers = ParallelTasks(nproc)
    # Sphinx annotates make_chunks for docnames; it only slices the sequence
    # (the ignore says only that).
    for chunk in make_chunks(tasks[1:], nproc):  # type: ignore[arg-type]
        workers.add_task(_run_chunk, chunk)
    workers.join()


def _run_chunk(chunk: Sequence[Callable[[], object]]) -> None:
    # In a forked child: its return value travels back pickled, so nothing is returned.
    for task in chunk:
        task()
