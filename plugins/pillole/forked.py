"""Work spread over forked processes, for a build on a machine with several cores.

A forked process starts with the parent's memory (the catalog, the settings) without
copying or pickling it; only results travel back. So the work function can be a closure
over anything, and `fork_map`'s items are sent as positions in a list, never pickled.
`fork_map` spreads per-pill work; `fork_call` runs one piece of work beside the build's
own (the search index's head while the pages are built). Where `fork` does not exist
(Windows), or there is one core, the work runs here, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items, starting processes costs more than they save.
MIN_ITEMS = 200

#: The work of the current `fork_map`, seen by the forked processes (set before they start).
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    """The cores this process may run on (a CI container may be given fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    return hasattr(os, "fork")


def fork_map(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """[function(item) for item in items], in `jobs` forked processes when there are at least
    MIN_ITEMS items; results must pickle. An exception in a process is raised here."""
    global _work
    jobs = min(jobs, len(items))
    if jobs < 2 or len(items) < MIN_ITEMS or not can_fork():
        return [function(item) for item in items]
    gc.collect()
    gc.freeze()  # the processes share the parent's objects instead of copying them as the collector visits them
    _work = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunks = pool.map(_run, _ranges(len(items), jobs * 4))
    finally:
        _work = None
        gc.unfreeze()
    return [result for chunk in chunks for result in chunk]


def _ranges(total: int, parts: int) -> list[range]:
    """`total` positions in `parts` contiguous ranges of nearly equal size."""
    size, extra = divmod(total, parts)
    bounds = [n * size + min(n, extra) for n in range(parts + 1)]
    return [range(bounds[n], bounds[n + 1]) for n in range(parts) if bounds[n] < bounds[n + 1]]


def _run(positions: range) -> list[Any]:
    assert _work is not None
    function, items = _work
    return [function(items[n]) for n in positions]


def fork_call(function: Callable[[], R]) -> Callable[[], R]:
    """Start `function()` in a forked process; the function returned waits for its result
    (which must pickle) and raises what it raised. Without fork, or on one core, `function`
    runs when its result is asked for."""
    if not can_fork() or cores() < 2:
        return function
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_call, args=(function, send), daemon=True)
    process.start()
    send.close()

    def result() -> R:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = None
        process.join()  # before reading its exit code
        if outcome is None:
            raise RuntimeError(f"a forked process ended without its result (exit code {process.exitcode})")
        ok, value = outcome
        if not ok:
            raise value
        return value

    return result


def _call(function: Callable[[], Any], conn: Connection) -> None:
    try:
        outcome = (True, function())
    except Exception as error:  # noqa: BLE001 - handed to the waiting process, which raises it
        outcome = (False, error)
    try:
        conn.send(outcome)
    except Exception as error:  # noqa: BLE001 - a result or an error that does not pickle
        conn.send((False, RuntimeError(f"{type(error).__name__}: {error}")))
    conn.close()
