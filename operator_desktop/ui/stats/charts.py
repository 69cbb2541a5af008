"""The statistics window's two charts (QtCharts): my replies by hour of day, and how my
response times are spread over a few time bands (first responses beside reply times)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QEvent, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

# upper bounds, in seconds, of the response-time bands; the last band has none
BANDS = (60.0, 300.0, 900.0, 3600.0, 4 * 3600.0)
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
ACCENT = QColor("#1f6feb")
SECOND = QColor("#f0883e")


def band_counts(samples: Sequence[float]) -> list[int]:
    """How many samples fall in each band (`BANDS`, then "longer")."""
    counts = [0] * (len(BANDS) + 1)
    for value in samples:
        counts[next((i for i, bound in enumerate(BANDS) if value < bound), len(BANDS))] += 1
    return counts


def band_labels() -> list[str]:
    return [
        QCoreApplication.translate("StatsCharts", "0–1 min"),
        QCoreApplication.translate("StatsCharts", "1–5 min"),
        QCoreApplication.translate("StatsCharts", "5–15 min"),
        QCoreApplication.translate("StatsCharts", "15–60 min"),
        QCoreApplication.translate("StatsCharts", "1–4 h"),
        QCoreApplication.translate("StatsCharts", "4 h +"),
    ]


class _BarChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        dark = (parent.palette() if parent is not None else QPalette()).window().color()
        if dark.lightness() < 128:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(360, 240)
        self.series = QBarSeries()
        chart.addSeries(self.series)
        self.x_axis = QBarCategoryAxis()
        small = self.x_axis.labelsFont()
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        self.x_axis.setLabelsFont(small)  # 24 hours or 6 bands fit under their bars
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.x_axis)
        self.series.attachAxis(self.y_axis)

    def retranslate(self) -> None:
        """The title and the bars' names in the language in use (subclasses)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set(self, categories: list[str], sets: list[tuple[str, QColor, Sequence[int]]]) -> None:
        self.series.clear()
        self.x_axis.clear()
        self.x_axis.append(categories)
        top = 0
        for label, color, values in sets:
            bars = QBarSet(label)
            bars.setColor(color)
            bars.setBorderColor(color)
            bars.append([float(v) for v in values])
            bars.setLabelColor(self.chart().titleBrush().color())
            self.series.append(bars)
            top = max(top, *values, 0)
        # whole, round numbers on the axis, five steps at most
        step = next(s for s in NICE_STEPS if s * 5 >= top) if top <= NICE_STEPS[-1] * 5 else top
        ticks = max(1, -(-top // step))
        self.y_axis.setRange(0, step * ticks if top else 1)
        self.y_axis.setTickCount(ticks + 1 if top else 2)
        self.chart().legend().setVisible(len(sets) > 1)


class RepliesByHourChart(_BarChart):
    """24 bars: my public replies per local hour of day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[int] = [0] * 24
        self.retranslate()

    def retranslate(self) -> None:
        self.chart().setTitle(self.tr("Replies by hour of day"))
        if self.series.count():
            self.show_hours(self.values)

    def show_hours(self, by_hour: Sequence[int]) -> None:
        self.values = list(by_hour)
        labels = [str(h) for h in range(24)]
        self._set(labels, [(self.tr("Replies"), ACCENT, self.values)])


class ResponseTimesChart(_BarChart):
    """First responses and reply times counted per time band."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first: list[int] = []
        self.replies: list[int] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.chart().setTitle(self.tr("How fast I answered"))
        if self.series.count():
            self._show_bands()

    def show_samples(self, first: Sequence[float], replies: Sequence[float]) -> None:
        self.first, self.replies = band_counts(first), band_counts(replies)
        self._show_bands()

    def _show_bands(self) -> None:
        self._set(
            band_labels(),
            [
                (self.tr("First response"), ACCENT, self.first),
                (self.tr("Reply time"), SECOND, self.replies),
            ],
        )
