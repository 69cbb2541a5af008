"""What an attachment kind (Chatwoot's `file_type`, CONTRACT §3.3) is called and drawn as.

Shared by the chat list's preview line and its accessible text, so both say the same word.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# file_type -> the painted icon (`ui.common.icons`)
ICON_OF_KIND = {
    "image": "image",
    "audio": "audio",
    "video": "video",
    "location": "pin",
}
DEFAULT_ICON = "file"


def kind_icon(kind: str) -> str:
    return ICON_OF_KIND.get(kind, DEFAULT_ICON)


def kind_text(kind: str) -> str:
    """The word shown when the message has an attachment and no text."""
    words = {
        "image": QCoreApplication.translate("AttachmentKind", "Photo"),
        "audio": QCoreApplication.translate("AttachmentKind", "Audio message"),
        "video": QCoreApplication.translate("AttachmentKind", "Video"),
        "location": QCoreApplication.translate("AttachmentKind", "Location"),
        "contact": QCoreApplication.translate("AttachmentKind", "Contact"),
    }
    return words.get(kind, QCoreApplication.translate("AttachmentKind", "File"))
