"""Short, locale-aware time labels for lists and bubbles.

`list_time` gives the compact stamp chat lists show ("14:05" or "2:05 PM" today, "Tue" this week,
"12 Mar" this year, "12 Mar 2023" older); `relative_time` says how long ago ("just now",
"5 min ago", "2 h ago", "yesterday", then a date); `short_duration` gives timer labels ("45s",
"4m", "2h", "3d"). They take explicit timestamps (Unix seconds) so callers and tests control
"now". Weekday and month names come from the default `QLocale` (set by `LanguageSwitcher`),
the words through the translations (with the language's plural forms).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale


def _local_date_time(ts: float) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(round(ts * 1000))


def list_time(ts: float, now: float, locale: QLocale | None = None) -> str:
    """The stamp of a list row: time today, weekday within the last 6 days, else a date."""
    loc = locale or QLocale()
    when = _local_date_time(ts)
    day = when.date()
    today = _local_date_time(now).date()
    days = day.daysTo(today)
    if days <= 0:  # today (or a clock skewed into the future)
        # the locale's own time format, as the message bubbles: "14:05", "2:05 PM"
        return loc.toString(when.time(), QLocale.FormatType.ShortFormat)
    if days < 7:
        return loc.toString(day, "ddd")
    if day.year() == today.year():
        return loc.toString(day, "d MMM")
    return loc.toString(day, "d MMM yyyy")


def relative_time(ts: float, now: float, locale: QLocale | None = None) -> str:
    """How long ago `ts` was: "just now", "5 min ago", "3 h ago" (today), "yesterday", else
    the date of `list_time`."""
    seconds = max(0, int(now - ts))
    day = _local_date_time(ts).date()
    days = day.daysTo(_local_date_time(now).date())
    if seconds < 60:
        return QCoreApplication.translate("TimeFormat", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("TimeFormat", "%n min ago", "", seconds // 60)
    if days <= 0:
        return QCoreApplication.translate("TimeFormat", "%n h ago", "", seconds // 3600)
    if days == 1:
        return QCoreApplication.translate("TimeFormat", "yesterday")
    return list_time(ts, now, locale)


def short_duration(seconds: float) -> str:
    """A compact, unit-suffixed duration: "45s", "4m", "2h", "3d" (whole units, rounded down)."""
    total = max(0, int(seconds))
    # Literal `QCoreApplication.translate("TimeFormat", "…")` calls: pyside6-lupdate only
    # extracts the context and text when they are spelled out in the call itself.
    if total < 60:
        return QCoreApplication.translate("TimeFormat", "{0}s").format(total)
    if total < 3600:
        return QCoreApplication.translate("TimeFormat", "{0}m").format(total // 60)
    if total < 86400:
        return QCoreApplication.translate("TimeFormat", "{0}h").format(total // 3600)
    return QCoreApplication.translate("TimeFormat", "{0}d").format(total // 86400)


def date_of(ts: float) -> QDate:
    """The local calendar date of a Unix timestamp."""
    return _local_date_time(ts).date()
