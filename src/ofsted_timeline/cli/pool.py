"""Running a batch's work in forked worker processes: the shell's part of ``oftl batch``.

The computing and rendering is pure (``batch.compute_batch`` and the renderers); this module
holds the worker processes, their signals and the watch on the parent, so that the core stays
free of processes. Each worker is handed its work when it forks, as an argument, and keeps it
in its own frame: nothing is kept in a global or a class, in the parent or in a worker.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from ..batch import BatchRow

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.sharedctypes import Synchronized

R = TypeVar("R")
PARENT_CHECK = 0.25  # seconds between a worker's checks that the batch it works for still runs
FORK_BLOCKED = {signal.SIGINT, signal.SIGTERM}  # held while workers fork, until each has set its own handling
# Rows a worker takes at a time: small enough that the workers finish together and the first rows
# are written while the rest are computed, and that a chunk's output (2-3 MB of JSON) stays small
# in memory; 500 took 85 MB at its peak for 10,000 rows, 100 takes 47 MB.
CHUNK = 100
STOPPED = "a worker process of the batch stopped before it finished (killed, or out of memory)"


def worker_count() -> int:
    """The cores this process may use: one worker process each."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_parallel(
    rows: list[BatchRow], work: Callable[[list[BatchRow]], Iterable[R]], workers: int, chunk: int = CHUNK
) -> Iterator[R]:
    """``work`` over the rows in chunks, in forked worker processes, results in row order.

    Forked workers share the parent's rows, calendar, rule sets and renderers without pickling
    them; each takes the next chunk's number from a shared counter, so a worker slowed by the
    machine's other work takes fewer, and only ``work``'s results (rendered text) come back.
    Where fork is not available, or with one worker, the work runs here.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    if workers <= 1 or len(rows) <= chunk or "fork" not in multiprocessing.get_all_start_methods():
        yield from work(rows)
        return
    context = multiprocessing.get_context("fork")
    taken = context.Value("q", 0)  # the number of the next chunk to compute
    processes, receivers = [], []
    try:
        # Ctrl-C (or SIGTERM) while the workers fork would reach a worker before it has set its
        # own handling: it waits until they have started.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, FORK_BLOCKED)
        try:
            for _ in range(workers):
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_serve, args=(os.getpid(), work, rows, chunk, taken, sender))
                process.start()
                processes.append(process)
                receivers.append(receiver)
                sender.close()  # the worker's end: once every worker has closed its own, a read ends
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        arrived: dict[int, tuple[list[R] | None, BaseException | None]] = {}
        for number in range(-(-len(rows) // chunk)):
            while number not in arrived:
                if not receivers:
                    raise RuntimeError(STOPPED)
                ready = wait(receivers)
                for receiver in [receiver for receiver in receivers if receiver in ready]:
                    try:
                        got, results, error = receiver.recv()
                    except EOFError:  # the worker is done, or was killed
                        receivers.remove(receiver)
                    else:
                        arrived[got] = results, error
            results, error = arrived.pop(number)
            if error is not None:
                raise error
            yield from results or ()
    finally:  # done, Ctrl-C, or the output failed: a worker still computing is stopped
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()


def _serve(
    parent: int,
    work: Callable[[list[BatchRow]], Iterable[object]],
    rows: list[BatchRow],
    chunk: int,
    taken: Synchronized[int],
    sender: Connection,
) -> None:
    """A worker process: chunk after chunk, until none is left, sends back its number and
    ``work``'s results, or the error that stopped it (and then stops)."""
    _settle(parent)
    while True:
        with taken.get_lock():
            number = taken.value
            taken.value += 1
        start = number * chunk
        if start >= len(rows):
            return
        try:
            sender.send((number, list(work(rows[start : start + chunk])), None))
        except Exception as error:
            import pickle
            import traceback

            try:
                pickle.dumps(error)
            except Exception:  # sent as its text: the parent raises it all the same
                error = RuntimeError(traceback.format_exc())
            sender.send((number, None, error))
            return


def _settle(parent: int) -> None:
    """In each worker: leave Ctrl-C to ``parent``, which stops the workers (else every worker
    prints a traceback), and end the process once ``parent`` has gone. Killed with ``kill -9``,
    the parent cannot stop its workers, and they would compute (and hold the output's temporary
    file) for minutes; once it has gone, a worker's parent is another process."""
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just stops
    signal.pthread_sigmask(signal.SIG_UNBLOCK, FORK_BLOCKED)  # blocked by in_parallel while forking

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
