"""Waiting for a widget's signal while the qasync loop runs (no sleeps, no nested Qt loops).

`qtbot.waitSignal` spins a nested Qt event loop in which asyncio tasks cannot run (httpx needs a
running asyncio loop), so GUI tests that involve network work wait with `emitted` instead: it
connects first, runs `action`, then runs the qasync loop until the signal arrives.
`run_until` does the same for a condition re-checked on each emission.

Also here: the autouse `collect_on_main_thread` fixture (import it into a test module to use
it) and the PySide6 refcount guard, switched on when this module is imported.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtCore import SignalInstance

from operator_desktop.ui.common.refcount_guard import protect_singletons

# PySide6 6.12 on CPython 3.11 loses references to True/None on every emit (see the module);
# without this the interpreter aborts at exit after a few thousand emissions.
protect_singletons()


@pytest.fixture(autouse=True)
def collect_on_main_thread() -> Iterator[None]:
    """Free each test's closed qasync loop on the main thread, right after the test.

    Otherwise Python's cyclic GC may free the loop's QObjects (its timer object) later from
    whatever thread happens to allocate, e.g. a demo server thread; Qt then keeps a dangling
    timer and the process crashes in `QTimerInfoList::activateTimers`. Autouse fixtures are
    set up first, so this runs after `qloop` has closed the loop.
    """
    yield
    gc.collect()


def emitted(
    loop: qasync.QEventLoop,
    signal: SignalInstance,
    action: Callable[[], object] | None = None,
    *,
    timeout: float = 20.0,
) -> tuple[Any, ...]:
    """The arguments of the next emission of `signal` after `action` ran."""
    future: asyncio.Future[tuple[Any, ...]] = loop.create_future()

    def slot(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(slot)
    try:
        if action is not None:
            action()
        args: tuple[Any, ...] = loop.run_until_complete(asyncio.wait_for(future, timeout))
        return args
    finally:
        signal.disconnect(slot)


def run_until(
    loop: qasync.QEventLoop,
    signal: SignalInstance,
    predicate: Callable[[], bool],
    action: Callable[[], object] | None = None,
    *,
    timeout: float = 20.0,
) -> None:
    """Run the loop until `predicate()` holds, checking after each emission of `signal`."""
    future: asyncio.Future[None] = loop.create_future()

    def check(*_args: Any) -> None:
        if not future.done() and predicate():
            future.set_result(None)

    signal.connect(check)
    try:
        if action is not None:
            action()
        check()
        loop.run_until_complete(asyncio.wait_for(future, timeout))
    finally:
        signal.disconnect(check)
