"""`TaskRunner`: start coroutines from Qt slots, keep every task, and show every failure.

A widget states what to run and what to do with the result; errors go to one place
(`failed` signal → the window's banner), cancelled work is quiet, and a named slot cancels
the previous run of the same name (switching chats, typing in the search box).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from operator_desktop.core.errors import ErrorCode, OperatorError

log = logging.getLogger("ui")

T = TypeVar("T")


class TaskRunner(QObject):
    failed = Signal(object)  # OperatorError
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._named: dict[str, asyncio.Task[Any]] = {}

    def run(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        name: str | None = None,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[OperatorError], None] | None = None,
    ) -> asyncio.Task[T]:
        if name is not None and name in self._named:
            self._named[name].cancel()
        task: asyncio.Task[T] = asyncio.get_event_loop().create_task(coro)
        self._tasks.add(task)
        if name is not None:
            self._named[name] = task
        self.busyChanged.emit(True)

        def done(t: asyncio.Task[T]) -> None:
            self._tasks.discard(t)
            if name is not None and self._named.get(name) is t:
                del self._named[name]
            self.busyChanged.emit(bool(self._tasks))
            if t.cancelled():
                return
            exc = t.exception()
            if exc is None:
                if on_done is not None:
                    on_done(t.result())
                return
            if isinstance(exc, OperatorError):
                error = exc
            else:
                log.error("background task failed", exc_info=exc)
                error = OperatorError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}")
                error.__cause__ = exc
            if on_error is not None:
                on_error(error)
            else:
                self.failed.emit(error)

        task.add_done_callback(done)
        return task

    def pending(self) -> int:
        return len(self._tasks)

    def cancel(self, name: str) -> None:
        """Cancel the named task if it still runs."""
        task = self._named.get(name)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
