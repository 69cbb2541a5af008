"""`ThumbnailStore`: image thumbnails loaded in the background into a pixmap cache.

The delegate asks `pixmap(att)` while painting; a miss only *schedules* a load (download
through `actions.attachment_bytes`, decode and scale in a worker thread) and the
delegate paints a placeholder box. `loaded(attachment_id)` fires when the pixmap is ready.
Nothing is read or decoded on the paint path.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

from operator_desktop.services.readmodel import AttachmentRow
from operator_desktop.ui.common.tasks import TaskRunner

log = logging.getLogger("ui")

THUMB_BOX = QSize(260, 220)

Loader = Callable[[AttachmentRow], Awaitable[bytes]]


def decode_image(data: bytes, box: QSize | None = None) -> QImage:
    """Decode an image's bytes (any thread), scaled down to fit `box` when given."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    if box is not None:
        size = reader.size()
        if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
            reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ValueError(reader.errorString())
    return image


def fit_box(width: int | None, height: int | None, box: QSize = THUMB_BOX) -> QSize:
    """The on-screen size of a thumbnail with the given pixel size (a default when unknown)."""
    if not width or not height:
        return QSize(box.width(), int(box.width() * 0.66))
    size = QSize(width, height)
    if width > box.width() or height > box.height():
        size = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    return QSize(max(48, size.width()), max(48, size.height()))


class ThumbnailStore(QObject):
    loaded = Signal(int)  # attachment id

    def __init__(
        self,
        loader: Loader | None,
        runner: TaskRunner,
        parent: QObject | None = None,
        capacity: int = 300,
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.runner = runner
        self.capacity = capacity
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self._busy: set[int] = set()
        self._failed: set[int] = set()

    def pixmap(self, att: AttachmentRow) -> QPixmap | None:
        """The cached thumbnail, or None (and a load is scheduled)."""
        found = self._pixmaps.get(att.id)
        if found is not None:
            self._pixmaps.move_to_end(att.id)
            return found
        if att.id not in self._busy and att.id not in self._failed and self.loader is not None:
            self._busy.add(att.id)
            self.runner.run(
                self._load(att),
                on_done=lambda image, a=att.id: self._ready(a, image),  # type: ignore[misc]
                on_error=lambda _e, a=att.id: self._give_up(a),  # type: ignore[misc]
            )
        return None

    def failed(self, attachment_id: int) -> bool:
        return attachment_id in self._failed

    def put(self, attachment_id: int, pixmap: QPixmap) -> None:
        """Store a ready pixmap (tests and benches)."""
        self._pixmaps[attachment_id] = pixmap
        self._evict()

    async def _load(self, att: AttachmentRow) -> QImage:
        assert self.loader is not None
        data = await self.loader(att)
        box = fit_box(att.width, att.height) * 2  # sharp on high-dpi screens
        return await asyncio.to_thread(decode_image, data, box)

    def _ready(self, attachment_id: int, image: QImage) -> None:
        self._busy.discard(attachment_id)
        self._pixmaps[attachment_id] = QPixmap.fromImage(image)
        self._evict()
        self.loaded.emit(attachment_id)

    def _give_up(self, attachment_id: int) -> None:
        self._busy.discard(attachment_id)
        self._failed.add(attachment_id)
        log.info("thumbnail %s could not be loaded", attachment_id)
        self.loaded.emit(attachment_id)

    def _evict(self) -> None:
        while len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)

    def clear(self) -> None:
        self._pixmaps.clear()
        self._failed.clear()
