"""`protect_singletons()`: keep PySide6 6.12 from deallocating None/True/False on CPython 3.11.

WORKAROUND (PySide6/shiboken6 6.12.0 abi3 wheels on CPython 3.11): the bindings hand out
`None`, `True` and `False` without taking the reference they later give back. Seen here:
every call of a wrapped `void` method (`QPainter.setPen`, `QObject.setObjectName`,
`QSortFilterProxyModel.invalidate`…) and every Python override returning `None` to a C++
`QVariant` (`QAbstractItemModel.data`) lose a reference to `None`; every `Signal.emit()`
loses one to `True`. These objects start with a few thousand references, so a window that
paints for a few seconds aborts with "Fatal Python error: none_dealloc: deallocating None"
(or `bool_dealloc`). CPython 3.12+ made them immortal, which hides the bug there.

`protect_singletons()` probes whether the running bindings leak and, if so, does what
CPython 3.12 does: gives the three singletons reference counts so large that no number of
lost references can bring them to zero. Call it once at start-up, before the first
QApplication (the GUI entry point, the test suite's conftest, benchmarks). It is a no-op
where the bug is absent.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 256
_HEADROOM = 1 << 60  # ~1e18 lost references before trouble: never, in practice
_SINGLETONS: tuple[object, ...] = (None, True, False)

_protected = False


def _give_back(obj: object, count: int) -> None:
    for _ in range(max(0, count)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def references_leak() -> bool:
    """Whether PySide6 calls lose references to `None` or `True` here (a quick probe)."""
    if sys.version_info >= (3, 12):
        return False
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # void: returns None
        probe.ping.emit()  # returns True
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    _give_back(None, lost_none)
    _give_back(True, lost_true)
    return max(lost_none, lost_true) >= _PROBE_CALLS // 2


def protect_singletons() -> bool:
    """Make None/True/False effectively immortal if the bindings leak them; True if done."""
    global _protected  # noqa: PLW0603 - one process-wide switch
    if _protected:
        return True
    if not references_leak():
        return False
    for obj in _SINGLETONS:
        cell = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: first field of PyObject
        if abs(cell.value - sys.getrefcount(obj)) > 16:  # unexpected object layout: leave it
            return False
    for obj in _SINGLETONS:
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    _protected = True
    return True
