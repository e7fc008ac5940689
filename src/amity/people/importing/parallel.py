"""Validating a large import's batches in worker processes while the importing process
writes the batches before them: validation (phone numbers, names, search text) is most of
an import's work and needs no database (``checking``).

Workers are forked from the importing process, so they start at once with what it has loaded
(settings, keys, the import's users, teams and custom fields, the active language); they never
use the database (a forked process must not touch its parent's connections). Batches come back
in file order, and only a few are in flight at a time, so memory stays flat whatever the size
of the file. A process with other threads running does not fork (a lock another thread holds
would stay locked in the child): it validates in-line instead.
"""

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager

from django.utils import translation
from django.utils.translation import gettext as _

from amity.core.text import romanizers_load
from amity.people.importing.checking import Checked
from amity.people.importing.rows import Record
from amity.people.importing.sources import ImportFailed

Check = Callable[[list[Record], bool], list[Checked]]
Clock = Callable[[str], AbstractContextManager[None]]

# Below this many rows starting workers costs more than it saves.
PARALLEL_FROM_ROWS = 2_000
MAX_WORKERS = 4

_check: Check | None = None  # the worker process's checker, set when it starts


def workers_for(rows: int, requested: int | None = None) -> int:
    """How many worker processes validate an import of ``rows`` rows: ``requested``, or one
    per core (up to MAX_WORKERS) from PARALLEL_FROM_ROWS rows on; 0 (in-line) when this
    process cannot fork."""
    if not _can_fork():
        return 0
    if requested is not None:
        return max(0, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if rows < PARALLEL_FROM_ROWS or not cores or cores < 2:
        return 0
    return min(cores, MAX_WORKERS)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _start(check: Check, language: str, parent: int) -> None:
    global _check
    _check = check
    translation.activate(language)  # rejection reasons in the importing person's language
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when the importing process is gone (killed, it cannot say so; and a
    worker waiting for its next batch would wait for ever)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run(records: list[Record], expect_new: bool) -> list[Checked]:
    assert _check is not None  # noqa: S101 (set by _start in every worker)
    return _check(records, expect_new)


def checked_batches(
    batches: Iterator[list[Record]],
    check: Check,
    *,
    workers: int,
    clock: Clock,
    expect_new: Callable[[], bool],
) -> Iterator[tuple[list[Record], list[Checked]]]:
    """Each batch with its records checked, in order: by ``workers`` processes (see
    ``workers_for``), or in-line when there are none. ``expect_new()`` is asked as each batch
    is sent (see ``ContactChecker``). ``clock`` times "reading" (pulling batches) and
    "validating" (checking them, or waiting for the workers)."""

    def next_batch() -> list[Record] | None:
        with clock("reading"):
            return next(batches, None)

    if workers < 1:
        while (batch := next_batch()) is not None:
            with clock("validating"):
                checked = check(batch, expect_new())
            yield batch, checked
        return
    romanizers_load()  # once, shared by the workers
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start,
        initargs=(check, translation.get_language() or "en", os.getpid()),
    )
    in_flight: deque = deque()
    try:
        while True:
            while len(in_flight) <= workers and (batch := next_batch()) is not None:
                in_flight.append((batch, pool.submit(_run, batch, expect_new())))
            if not in_flight:
                return
            batch, future = in_flight.popleft()
            with clock("validating"):
                checked = future.result()
            yield batch, checked
    except BrokenProcessPool as error:
        raise ImportFailed(
            _(
                "A validating process stopped; the rows written so far are kept: run the "
                "import again to complete it."
            )
        ) from error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
