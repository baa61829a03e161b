"""The archive workers run with the cyclic garbage collector paused (``mapper.cyclic_gc_paused``):
safe only because verification and tracing make no reference cycles, which these tests hold them
to, and the collector's state is given back as it was."""

from __future__ import annotations

import gc

import pytest

from provenance.archive.cluster import _trace_verified_records, verify_chunk
from provenance.archive.mapper import cyclic_gc_paused
from provenance.inputs.documents import make_document
from provenance.lineage.reuse import reuse_features
from provenance.lineage.story import trace_documents
from provenance.settings import DEFAULT_SETTINGS

from test_reuse_clusters import SOURCE, docs

REPRINT = "By Staff Reporter\n\n" + SOURCE.replace("Tuesday", "Tuesday evening") + "\n\nRead more on our website."


def fresh_docs():
    """New document objects (empty memos): the four of ``test_reuse_clusters`` and a reprint."""
    return {**docs(), "reprint": make_document("reprint", REPRINT, {"date": "2026-01-05"})}


def unreachable_after(work) -> list:
    """The objects ``work()`` left in reference cycles (found by a full collection after it)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        work()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


def verify_and_trace():
    docs = fresh_docs()
    pairs = (("source", "partial"), ("source", "reprint"), ("partial", "reprint"), ("source", "event"),
             ("other", "source"))
    verify_chunk(pairs, docs.__getitem__, DEFAULT_SETTINGS)
    # both directions of a pair's features (each document's memo holds the other's features)
    reuse_features(docs["reprint"], docs["source"], settings=DEFAULT_SETTINGS)
    trace = trace_documents(list(docs.values()), DEFAULT_SETTINGS)
    assert trace.stories
    ids = ("source", "partial", "reprint")
    links = (("partial", "reprint"), ("source", "partial"), ("source", "reprint"))
    assert _trace_verified_records((ids, links, None, {}), docs.__getitem__, DEFAULT_SETTINGS, 0.5)


def test_verification_and_tracing_leave_no_reference_cycles():
    verify_and_trace()  # first use fills module-level caches (the model, lexicons): not garbage
    left = unreachable_after(verify_and_trace)
    kinds = sorted({type(o).__name__ for o in left})
    assert not left, f"{len(left)} objects in reference cycles: {kinds[:12]}"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_a_work_item_and_restored_after(enabled):
    seen = []

    @cyclic_gc_paused()
    def item():
        seen.append(gc.isenabled())
        return 7

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert item() == 7
        assert seen == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(ZeroDivisionError), cyclic_gc_paused():
            1 / 0
        assert gc.isenabled() is enabled  # restored after an error too
    finally:
        (gc.enable if was else gc.disable)()


def test_items_overlapping_in_threads_share_one_pause():
    # a Dask worker runs items in threads: the first item to end must not switch the collector
    # back on under the other, and the last one to end restores it
    import threading

    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    @cyclic_gc_paused()
    def first():
        first_in.set()
        second_in.wait(5)

    @cyclic_gc_paused()
    def second():
        second_in.set()
        first_out.wait(5)
        seen["after the first ended"] = gc.isenabled()

    was = gc.isenabled()
    gc.enable()
    try:
        a = threading.Thread(target=first)
        a.start()
        first_in.wait(5)
        b = threading.Thread(target=second)
        b.start()
        a.join(5)
        first_out.set()
        b.join(5)
        assert seen == {"after the first ended": False}
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_long_lived_source_does_not_keep_the_texts_it_was_compared_with():
    # a source read against many reprints in turn (a library user's loop): each reprint, with its
    # tokens and views, is freed when the caller lets it go, not held by the source's memos
    import weakref

    docs = fresh_docs()
    source = docs.pop("source")
    gone = []
    for doc in docs.values():
        reuse_features(source, doc, settings=DEFAULT_SETTINGS)
        reuse_features(doc, source, settings=DEFAULT_SETTINGS)
        gone.append(weakref.ref(doc))
    del docs, doc
    assert [r() for r in gone] == [None] * len(gone)  # freed at once, no collection needed
