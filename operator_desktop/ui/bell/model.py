"""The bell's list: `BellModel` (notifications keyed by id, updated in place from change-sets),
`BellProxy` (unread first, then the latest activity) and `BellDelegate`, which paints a row:
an unread dot, the customer, what happened and the message, and when."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from operator_desktop.core.changes import ChangeSet
from operator_desktop.core.types import Notification
from operator_desktop.services.bell import bell_order
from operator_desktop.ui.common.avatars import paint_letter_avatar
from operator_desktop.ui.common.language import texts_changed
from operator_desktop.ui.common.theme import Theme
from operator_desktop.ui.common.timefmt import list_time

AnyIndex = QModelIndex | QPersistentModelIndex


class BellRole(enum.IntEnum):
    NOTIFICATION = Qt.ItemDataRole.UserRole + 1  # the Notification itself
    ID = enum.auto()
    UNREAD = enum.auto()
    DISPLAY_ID = enum.auto()  # the conversation it opens (None: gone)
    CONTACT = enum.auto()
    WHAT = enum.auto()  # "Assigned to you by Anna", in the UI's language
    TEXT = enum.auto()  # push_message_title: the message or the server's sentence
    WHEN = enum.auto()  # last activity, epoch seconds


def describe(note: Notification) -> str:
    """What happened, as the row's second line says it."""
    kind, actor = note.notification_type, note.actor_name
    # spelled out as `QCoreApplication.translate("BellModel", "…")` so pyside6-lupdate finds them
    translate = QCoreApplication.translate
    if kind == "conversation_creation":
        return translate("BellModel", "New conversation")
    if kind == "conversation_assignment":
        if actor:
            return translate("BellModel", "Assigned to you by {name}").format(name=actor)
        return translate("BellModel", "Assigned to you")
    if kind == "conversation_mention":
        if actor:
            return translate("BellModel", "{name} mentioned you").format(name=actor)
        return translate("BellModel", "You were mentioned")
    if kind == "assigned_conversation_new_message":
        return translate("BellModel", "New message in your conversation")
    if kind == "participating_conversation_new_message":
        return translate("BellModel", "New message in a conversation you take part in")
    if kind.startswith("sla_missed"):
        return translate("BellModel", "SLA missed")
    return translate("BellModel", "Notification")


class BellModel(QAbstractListModel):
    """The loaded notifications and the server's unread count."""

    unreadChanged = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes: list[Notification] = []
        self.unread_count = 0
        # every live change counts one; a page read from the server carries the count of
        # when it was asked for, so that it never undoes what changed while it was on its way
        self.generation = 0
        self._changed_at: dict[int, int] = {}  # notification id -> generation of its change
        self._count_changed_at = -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self.notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.notes):
            return None
        note = self.notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{note.contact_name or describe(note)}: {note.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return note.title or None
        values: dict[int, object] = {
            BellRole.NOTIFICATION: note,
            BellRole.ID: note.id,
            BellRole.UNREAD: note.unread,
            BellRole.DISPLAY_ID: note.conversation_display_id,
            BellRole.CONTACT: note.contact_name,
            BellRole.WHAT: describe(note),
            BellRole.TEXT: note.title,
            BellRole.WHEN: note.last_activity_at or note.created_at,
        }
        return values.get(role)

    def retranslate(self) -> None:
        """After a language change: what happened (`BellRole.WHAT`) reads differently."""
        texts_changed(self, [BellRole.WHAT])

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({r.value: QByteArray(r.name.lower().encode()) for r in BellRole})
        return names

    # ---- filling and updating -----------------------------------------------------------
    def set_notes(
        self, notes: Sequence[Notification], unread_count: int, asked_at: int | None = None
    ) -> None:
        """The first page: what is not on it goes — except what changed live after the page
        was asked for (`asked_at`, a `generation`): that entry, and the count, stay as they are."""
        asked = self.generation if asked_at is None else asked_at
        current = {n.id: n for n in self.notes}
        fresh = [self._newest(n, current, asked) for n in notes]
        listed = {n.id for n in fresh}
        fresh += [
            n for n in self.notes if n.id not in listed and self._changed_at.get(n.id, -1) > asked
        ]
        self.beginResetModel()  # a fresh read of the list (opened, or back online)
        self.notes = fresh
        self.endResetModel()
        if self._count_changed_at <= asked:
            self.set_unread(unread_count)

    def add_notes(
        self,
        notes: Sequence[Notification],
        unread_count: int | None = None,
        asked_at: int | None = None,
    ) -> None:
        """A further page: new ones at the end, known ones updated (unless changed since)."""
        asked = self.generation if asked_at is None else asked_at
        current = {n.id: n for n in self.notes}
        for note in notes:
            self.upsert(self._newest(note, current, asked))
        if unread_count is not None and self._count_changed_at <= asked:
            self.set_unread(unread_count)

    def _newest(
        self, listed: Notification, current: dict[int, Notification], asked: int
    ) -> Notification:
        known = current.get(listed.id)
        if known is not None and self._changed_at.get(listed.id, -1) > asked:
            return known
        return listed

    def apply(self, change: ChangeSet) -> None:
        self.generation += 1
        for note_id, note in change.notifications.items():
            self._changed_at[note_id] = self.generation
            if note is None:
                self.remove(note_id)
            else:
                self.upsert(note)
        if change.unread_notifications is not None:
            self._count_changed_at = self.generation
            self.set_unread(change.unread_notifications)

    def upsert(self, note: Notification) -> None:
        row = self.row_of_id(note.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self.notes), len(self.notes))
            self.notes.append(note)
            self.endInsertRows()
        elif self.notes[row] != note:
            self.notes[row] = note
            self.dataChanged.emit(self.index(row), self.index(row))

    def remove(self, note_id: int) -> None:
        row = self.row_of_id(note_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.notes[row]
            self.endRemoveRows()

    def set_unread(self, count: int) -> None:
        if count != self.unread_count:
            self.unread_count = count
            self.unreadChanged.emit(count)

    def row_of_id(self, note_id: int) -> int | None:
        return next((i for i, n in enumerate(self.notes) if n.id == note_id), None)

    def unread_notes(self) -> list[Notification]:
        return [n for n in self.notes if n.unread]


class BellProxy(QSortFilterProxyModel):
    """Unread first, then the latest activity first; re-sorted as entries change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(True)
        self.sort(0)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a = left.data(BellRole.NOTIFICATION)
        b = right.data(BellRole.NOTIFICATION)
        if not isinstance(a, Notification) or not isinstance(b, Notification):
            return False
        return bell_order(a) < bell_order(b)

    def note(self, index: AnyIndex) -> Notification | None:
        value = index.data(BellRole.NOTIFICATION) if index.isValid() else None
        return value if isinstance(value, Notification) else None


class BellDelegate(QStyledItemDelegate):
    PAD = 10
    AVATAR = 30

    def __init__(self, now: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.now = now  # the account's clock: "14:05", "Yesterday"

    def sizeHint(self, option: QStyleOptionViewItem, _index: AnyIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(320, self.PAD * 2 + fm.height() * 3 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        colors = Theme.current()
        rect: QRect = option.rect
        state = option.state
        base_font: QFont = option.font
        painter.save()
        unread = bool(index.data(BellRole.UNREAD))
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(colors.selection))
        elif unread:
            tint = QColor(colors.accent)
            tint.setAlpha(22)
            painter.fillRect(rect, tint)
        painter.setPen(QColor(colors.divider))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        fm = QFontMetrics(base_font)
        line = fm.height()
        x = rect.left() + self.PAD
        top = rect.top() + self.PAD
        if unread:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.accent))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.drawEllipse(QRectF(rect.left() + 3, top + self.AVATAR / 2 - 3, 6, 6))
        contact = str(index.data(BellRole.CONTACT) or "")
        small = QFont(base_font)
        small.setPixelSize(max(10, self.AVATAR * 2 // 5))
        small.setBold(True)
        paint_letter_avatar(
            painter, QRectF(x + 2, top, self.AVATAR, self.AVATAR), contact or "#", small
        )
        x += self.AVATAR + self.PAD + 2
        width = rect.right() - self.PAD - x
        when = index.data(BellRole.WHEN)
        when_text = list_time(float(when), self.now()) if isinstance(when, float) else ""
        bold = QFont(base_font)
        bold.setBold(unread)
        painter.setFont(base_font)
        painter.setPen(QColor(colors.muted))
        when_width = fm.horizontalAdvance(when_text) + 6
        painter.drawText(
            QRect(rect.right() - self.PAD - when_width, top, when_width, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            when_text,
        )
        painter.setFont(bold)
        painter.setPen(QColor(colors.text))
        title = contact or str(index.data(BellRole.WHAT) or "")
        painter.drawText(
            QRect(x, top, width - when_width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, width - when_width),
        )
        painter.setFont(base_font)
        painter.setPen(QColor(colors.accent if unread else colors.muted))
        what = str(index.data(BellRole.WHAT) or "")
        painter.drawText(
            QRect(x, top + line + 2, width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(what, Qt.TextElideMode.ElideRight, width),
        )
        painter.setPen(QColor(colors.text if unread else colors.muted))
        text = " ".join(str(index.data(BellRole.TEXT) or "").split())
        painter.drawText(
            QRect(x, top + 2 * line + 4, width, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            fm.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()
