"""Transcripts as PDF: the export's HTML laid out by `QTextDocument` on A4 pages and written by
`QPdfWriter`, so the text stays selectable and searchable text (not pictures of it)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_IMAGE_WIDTH = 480  # points on the page: wider images are scaled down to it
MARGIN_MM = 15.0


def write_pdf(html_text: str, images: Mapping[str, bytes], path: Path) -> None:
    """`PdfWriter` for the transcript exporter (needs a QGuiApplication)."""
    doc = QTextDocument()
    for name, data in images.items():
        image = QImage.fromData(data)
        if image.isNull():
            continue  # not an image Qt can read: the page shows its alt text's place
        if image.width() > PDF_IMAGE_WIDTH:
            image = image.scaledToWidth(PDF_IMAGE_WIDTH)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setHtml(html_text)
    writer = QPdfWriter(str(path))
    writer.setCreator("Operator Desktop")
    writer.setTitle(doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    doc.print_(writer)
