"""Renders the app icon from its SVG into the files the bundles need.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py OUT_DIR

writes OUT_DIR/hicolor/<N>x<N>/apps/<APP_ID>.png for the freedesktop sizes, OUT_DIR/<APP_ID>.svg,
OUT_DIR/operator-desktop.ico (Windows) and OUT_DIR/operator-desktop.icns (macOS). Qt's
QSvgRenderer draws each size from the vector (no scaled-down bitmaps); Pillow, already a runtime
dependency, writes the .ico and .icns containers. Nothing generated is committed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "operator_desktop" / "icons" / "operator-desktop.svg"
APP_ID = "org.operatordesktop.OperatorDesktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    straight = image.convertToFormat(QImage.Format.Format_RGBA8888)  # not premultiplied
    return Image.frombytes("RGBA", (size, size), bytes(straight.constBits()))


def make_icons(out: Path) -> list[Path]:
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons.py: Qt cannot read {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(path)
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)
    ico = out / "operator-desktop.ico"
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    written.append(ico)
    icns = out / "operator-desktop.icns"
    # Pillow writes each size it can derive from the largest image given
    images[1024].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    written.append(icns)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    for path in make_icons(Path(argv[0])):
        print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
