"""speed/heap.py: the front end holds collections off while Sphinx starts, and
what exists at each settle point is left out of later full collections."""

import gc

from wnyblog.speed import heap


def test_a_process_that_builds_again_and_again_freezes_nothing(monkeypatch):
    monkeypatch.setattr(heap, "_one_build", False)
    frozen = gc.get_freeze_count()
    heap.settle()
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_collections_wait_for_the_first_settle_and_skip_what_was_frozen(monkeypatch):
    monkeypatch.setattr(heap, "_one_build", False)
    frozen = gc.get_freeze_count()
    try:
        heap.hold()
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]  # made while held: long-lived
        heap.settle()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(kept)
        # A cycle made after the freeze is still collected.
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
        gc.enable()
