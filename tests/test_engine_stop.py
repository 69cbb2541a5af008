"""Stopping the engine ends every task, also when a cancellation comes as a wake-up is set.

Python 3.11's `asyncio.wait_for` returns the inner result and swallows a cancellation that
arrives in the same loop step as the awaited future completes; the outbox loop then waited
again, and the engine's stop (and the window's shutdown with it) waited for ever.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from operator_desktop.sync.outbox import OutboxSender
from tests.sync_support import Harness


@pytest.mark.parametrize("steps", range(5))
def test_the_outbox_loop_ends_when_cancelled_as_it_is_woken(tmp_path: Path, steps: int) -> None:
    h = Harness("http://127.0.0.1:9", "t", 1, "p", tmp_path / "stop.db")
    try:

        async def go() -> bool:
            engine = h.engine()
            task = asyncio.create_task(OutboxSender(engine).run())
            for _ in range(20):  # into its wait for the wake-up (an empty outbox: no request)
                await asyncio.sleep(0)
            engine.outbox_wakeup.set()
            for _ in range(steps):  # the cancellation lands somewhere in the wake-up's steps
                await asyncio.sleep(0)
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=5)
            await engine.client.aclose()
            if not done:
                task.cancel()
            return bool(done) and task.cancelled()

        assert asyncio.run(go()), "the cancelled outbox loop went on waiting"
    finally:
        h.close()


def test_stop_cancels_again_a_task_that_swallowed_its_cancellation(tmp_path: Path) -> None:
    h = Harness("http://127.0.0.1:9", "t", 1, "p", tmp_path / "stop2.db")
    try:

        async def go() -> None:
            engine = h.engine()
            swallowed = asyncio.Event()

            async def stubborn() -> None:
                try:
                    await asyncio.Event().wait()
                except asyncio.CancelledError:
                    swallowed.set()  # as 3.11's wait_for did: carry on
                await asyncio.Event().wait()

            task = asyncio.create_task(stubborn())
            engine._tasks.add(task)
            await asyncio.sleep(0)
            await asyncio.wait_for(engine.stop(), 15)
            assert swallowed.is_set() and task.cancelled()
            await engine.client.aclose()

        asyncio.run(go())
    finally:
        h.close()
