"""Durations and days worded for the statistics window (translatable, context "StatsFormat")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def duration(seconds: float | None) -> str:
    """Worded as 45 s, 12 min, 1 h 05 min or 2 d 3 h; "—" for none."""
    if seconds is None:
        return "—"
    whole = round(seconds)
    if whole < 60:
        return QCoreApplication.translate("StatsFormat", "%1 s").replace("%1", str(whole))
    minutes = round(whole / 60)
    if minutes < 60:
        return QCoreApplication.translate("StatsFormat", "%1 min").replace("%1", str(minutes))
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return (
            QCoreApplication.translate("StatsFormat", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    days, hours = divmod(hours, 24)
    return (
        QCoreApplication.translate("StatsFormat", "%1 d %2 h")
        .replace("%1", str(days))
        .replace("%2", str(hours))
    )
