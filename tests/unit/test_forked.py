"""Work in forked processes (forked.py): results and errors come back as if the work ran here."""

from __future__ import annotations

import os

import pytest

from pillole.forked import MIN_ITEMS, cores, fork_call, fork_map

needs_two_cores = pytest.mark.skipif(cores() < 2 or not hasattr(os, "fork"), reason="runs the work here")


@needs_two_cores
def test_fork_call_runs_in_another_process_and_gives_its_result() -> None:
    here = os.getpid()
    table = {"pid": 0}
    result = fork_call(lambda: (table.update(pid=os.getpid()), os.getpid(), [n * n for n in range(5)])[1:])
    pid, squares = result()
    assert pid != here
    assert squares == [0, 1, 4, 9, 16]
    assert table["pid"] == 0  # the other process's memory is its own


@needs_two_cores
def test_fork_call_raises_what_the_work_raised() -> None:
    def broken() -> None:
        raise ValueError("cartella illeggibile")

    waiting = fork_call(broken)
    with pytest.raises(ValueError, match="cartella illeggibile"):
        waiting()


@needs_two_cores
def test_fork_call_says_when_the_process_died_without_a_result() -> None:
    waiting = fork_call(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        waiting()


def test_fork_map_gives_the_results_in_order() -> None:
    items = list(range(MIN_ITEMS + 17))
    assert fork_map(lambda n: (n, n % 7), items, 2) == [(n, n % 7) for n in items]
