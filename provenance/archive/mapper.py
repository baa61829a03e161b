"""Where archive work runs: a local process pool whose workers die with their parent, or a Dask
cluster, behind one ``map(func, items)`` that returns results in input order.

:class:`Mapper` is what ``cluster`` traces its clusters with; :func:`worker_pool` is the pool the
parallel reader (:mod:`provenance.archive.ingest`) streams through; :class:`sigterm_interrupts`
turns SIGTERM into KeyboardInterrupt so that pools are shut down and transactions rolled back.
"""

from __future__ import annotations

import gc
import os
import threading
from contextlib import contextmanager

__all__ = ["Mapper", "MapperError", "cyclic_gc_paused", "sigterm_interrupts", "worker_pool"]

#: how much lower a pool worker's scheduling priority is than its parent's (:func:`worker_init`)
WORKER_NICENESS = 10


#: work items running under :func:`cyclic_gc_paused` in this process, and the collector's state
#: when the first of them started (threads of one Dask worker run items side by side)
_paused = {"items": 0, "enabled": True}
_paused_lock = threading.Lock()


@contextmanager
def cyclic_gc_paused():
    """Python's cyclic garbage collector off while one work item runs (a chunk of pairs verified, a
    cluster traced), and back as it was after.

    Why: a work item builds many long-lived containers (a document's reuse view holds tens of
    thousands of n-gram tuples), and each automatic full collection walks all of them while
    finding nothing to free: reference counting frees this code's objects, as it makes no reference
    cycles (a test holds it to that). On the 10k synthetic archive, automatic collections took
    about a fifth of ``cluster``'s time (``bench_cluster_phases.py --gc-baseline``). Any cycle made inside still goes at the first collection after the
    item, so what is held back is bounded by the items running.

    The collector's switch is the process's: items that overlap in threads share one pause, and the
    state is restored when the last of them ends (a ``gc.disable()`` another thread makes while an
    item runs is undone then).
    """
    with _paused_lock:
        if not _paused["items"]:
            _paused["enabled"] = gc.isenabled()
            gc.disable()
        _paused["items"] += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused["items"] -= 1
            if not _paused["items"] and _paused["enabled"]:
                gc.enable()


class MapperError(RuntimeError):
    """Dask is missing or its scheduler cannot be reached. The message is one line."""


class Mapper:
    """A process pool locally (``jobs`` processes, default: the CPUs; one: plain ``map``); on Dask,
    ``client.map`` + ``gather`` on a local cluster of ``workers`` processes or on ``scheduler``.

    A context manager yielding ``map(func, items)``; results come in input order. Raises
    :class:`MapperError` on entry when Dask is wanted but missing or unreachable.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, jobs: int | None = None):
        self.workers, self.scheduler, self.client, self.cluster = workers, scheduler, None, None
        self.jobs, self.pool = jobs or os.cpu_count() or 1, None

    def __enter__(self):
        if not (self.workers or self.scheduler):
            if self.jobs == 1:
                return map
            self.pool = worker_pool(self.jobs)
            pool = self.pool
            # Start the workers now, while this process is small. Forked at the first task instead
            # (a fork-started pool launches all its workers then), they would be copies of a parent
            # that is counting candidate pairs over an archive's postings, and the pages both
            # touch are duplicated: on 100k synthetic articles the processes held 2.6 GiB
            # together where the parent alone peaked at 1.7 GiB.
            pool.submit(os.getpid).result()
            # 4 items per task: cluster verification hands over chunks of pairs while candidates are
            # still being counted, and larger batches held the workers idle until 16 were ready (10k
            # synthetic archive: 60 s wall at 4, 69 s at 16); a task of 4 clusters' traces or 4 x 64
            # verified pairs is still far costlier than its round trip
            return lambda func, items: pool.map(func, items, chunksize=4)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise MapperError("Dask is not installed: pip install 'wire-provenance[dask]'") from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise MapperError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        client = self.client
        return lambda func, items: client.gather(client.map(func, list(items), pure=False))

    def __exit__(self, *exc):
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
        if self.client:
            self.client.close()
        if self.cluster:
            self.cluster.close()


def worker_pool(jobs: int):
    """A process pool whose workers die with this process (see :func:`worker_init`)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, initializer=worker_init, initargs=(os.getpid(),))


def _exit_quietly(signum, frame) -> None:
    os._exit(128 + signum)


def worker_init(parent: int) -> None:
    """Make a pool worker exit when its parent dies, even by SIGKILL: on Linux the kernel sends it
    SIGTERM (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread polls ``os.getppid()``.

    ``parent`` is the pool's owner. A worker started by fork or spawn is the owner's child; one
    started by the forkserver (Python 3.14's default start method on Linux) is the forkserver's,
    which leaves when the owner does, so the death signal comes from it, and the owner itself is
    checked by its pid."""
    import signal

    # a forked worker inherits the parent's SIGTERM handler (sigterm_interrupts), which would
    # turn the death signal into an exception the pool reports and survives
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches the terminal's whole process group: the parent stops the run with one line,
    # and a worker interrupted in the middle of a unit printed its own KeyboardInterrupt
    # traceback beside it. It leaves at once and says nothing (ignoring the signal instead kept
    # the parent waiting up to a unit's time, ~10 s, for its busy workers)
    # A parent that ignores Ctrl-C (started under nohup, or in the background by a shell) has
    # workers that ignore it too: killed alone, they broke the pool under a parent that goes on.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _exit_quietly)
    # Workers yield to their parent: while the parent counts candidate pairs (one process, the
    # archive's serial phase) the workers verify the first ones, and with as many workers as CPUs
    # three processes would share two CPUs and slow the serial phase by a third. At a lower
    # priority the parent keeps its CPU and the workers share the rest; when it only waits
    # (tracing), they have every CPU.
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # no nice() on this platform, or not allowed: run as is
        pass

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl failed")
        ok = True
    except (OSError, AttributeError):
        ok = False
    started_by = os.getppid()
    if started_by != parent and not _alive(parent):  # the owner died before prctl took effect
        os._exit(1)
    if not ok:
        import threading
        import time

        def watch():
            while os.getppid() == started_by and (started_by == parent or _alive(parent)):
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (one of another user's counts) and has not ended: a zombie
    (ended, not yet reaped by its own parent) is dead. A worker whose owner was killed before the
    worker set its death signal found the owner's zombie "alive", went on waiting for work that
    never came, and outlived it (a possible cause of the SIGKILL test's one failure under load)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b") ", 1)[1][:1]
    except (OSError, IndexError):  # no /proc (not Linux), or the process has just gone
        return True
    return state not in (b"Z", b"X")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised as a KeyboardInterrupt (:class:`sigterm_interrupts`); the CLI exits 143 for it."""


class sigterm_interrupts:
    """Within this block, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt) in the main thread:
    pools are shut down and open transactions rolled back on the way out, as for Ctrl-C."""

    def __enter__(self):
        import signal
        import threading

        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self._raise)
        return self

    @staticmethod
    def _raise(signum, frame):
        raise Terminated

    def __exit__(self, *exc):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
