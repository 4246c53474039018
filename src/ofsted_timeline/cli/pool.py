"""Running a batch's work in forked worker processes: the shell's part of ``oftl batch``.

The computing and rendering is pure (``batch.compute_batch`` and the renderers); this module
holds the process pool, its signals and the watch on the parent, so that the core stays free
of processes and globals.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..batch import BatchRow

R = TypeVar("R")
PARENT_CHECK = 0.25  # seconds between a worker's checks that the batch it works for still runs
FORK_BLOCKED = {signal.SIGINT, signal.SIGTERM}  # held while workers fork, until each has set its own handling


def worker_count() -> int:
    """The cores this process may use: one worker process each."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Worker:
    """The work of one worker process, given to it when it starts (by fork, never pickled): the
    pool sends only the chunks, and the parent holds no state of its own."""

    work: Callable[[list[BatchRow]], Iterable[object]]


def _run_chunk(chunk: list[BatchRow]) -> list[object]:
    return list(_Worker.work(chunk))


def _start_worker(parent: int, work: Callable[[list[BatchRow]], Iterable[object]]) -> None:
    """In each worker: take the batch's ``work``, leave Ctrl-C to ``parent``, which stops the
    pool (else every worker prints a traceback), and end the process once ``parent`` has gone.
    Killed with ``kill -9``, the parent cannot stop its workers, and they would compute (and
    hold the output's temporary file) for minutes; once it has gone, a worker's parent is
    another process."""
    import threading
    import time

    _Worker.work = work

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just stops
    signal.pthread_sigmask(signal.SIG_UNBLOCK, FORK_BLOCKED)  # blocked by in_parallel while forking

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def in_parallel(
    rows: list[BatchRow], work: Callable[[list[BatchRow]], Iterable[R]], workers: int, chunk: int = 500
) -> Iterator[R]:
    """``work`` over the rows in chunks, in forked worker processes, results in row order.

    Forked workers share the parent's calendar and rule sets without pickling them; only
    the rows go out and ``work``'s results (rendered text) come back. Where fork is not
    available, or with one worker, the work runs here.
    """
    import multiprocessing

    if workers <= 1 or len(rows) <= chunk or "fork" not in multiprocessing.get_all_start_methods():
        yield from work(rows)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [rows[start : start + chunk] for start in range(0, len(rows), chunk)]
    pool = ProcessPoolExecutor(
        workers, multiprocessing.get_context("fork"), initializer=_start_worker, initargs=(os.getpid(), work)
    )
    finished = False
    try:
        # Ctrl-C (or SIGTERM) while the workers fork would be swallowed by a fork hook, or reach a
        # worker before it has set its own handling and hang the pool: it waits until they have started.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, FORK_BLOCKED)
        try:
            parts = pool.map(_run_chunk, chunks)  # submits every chunk, starting the workers
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        for results in parts:
            yield from results  # type: ignore[misc]
        finished = True
    finally:
        # Once only: a second shutdown (as a with block adds) would forget cancel_futures.
        pool.shutdown(cancel_futures=not finished)  # Ctrl-C, or the output failed: drop the chunks not started
