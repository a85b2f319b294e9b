"""What a build keeps to its end is kept out of the garbage collector's full passes.

CPython's full collection walks every object that survived the younger ones.
A build holds the imported modules, the environment and the blog model for
its whole run (millions of objects at 1,000 posts), and in a clean build the
main process ran a dozen full collections of about 0.4 s each; forked readers
and writers ran their own, touching every page of the heap they share with
the main process, so the kernel copied those pages. At the points below,
what exists lives until the build ends, so it is frozen (``gc.freeze``): later
collections look only at newer objects, in this process and in those it forks.
Nothing is collected first (that would be one more full pass): a cycle
already garbage at a freeze stays in memory until the process ends, and at
these points there are few.

The front end (``make html``) goes further while Sphinx starts: imports,
conf.py, the checks and the saved environment make objects that all stay, and
the three full collections they set off found nothing to free (0.2 s of an
edit's build). It holds collections off (:func:`hold`) until the first
:func:`settle`.

Only a process that builds once and ends does this: the front end says so by
calling :func:`hold`. A process that runs build after build (the tests, a
Python session) would keep each build's leftovers frozen for good, so there
:func:`settle` does nothing.
"""

import gc

_one_build = False  # this process builds once, then ends (hold() was called)


def hold() -> None:
    """This process builds once: no collection until :func:`settle`, what is
    made from now on stays."""
    global _one_build
    _one_build = True
    gc.disable()


def settle() -> None:
    """The objects that exist now are long-lived: leave them out of collections
    (and collect again after :func:`hold`). Only in a process that builds once."""
    if _one_build:
        gc.freeze()
        gc.enable()
