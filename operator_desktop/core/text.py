"""Text from the server made safe to show: names and file names without bidi controls.

A name or file name with a right-to-left override shows `gpj.exe` as `exe.jpg`; the
explicit embedding, override and isolate controls never belong in one, so they are removed
(the text's own right-to-left letters still lay out by the Unicode bidi algorithm).
"""

from __future__ import annotations

import re

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the Arabic letter mark
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u061c]")


def strip_bidi_controls(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


# File types a desktop runs (or hands to an interpreter) when they are opened: Windows,
# macOS and Linux programs, installers, scripts and shortcuts.
EXECUTABLE_EXTENSIONS = frozenset({
    "exe", "com", "bat", "cmd", "msi", "msp", "msc", "scr", "pif", "cpl", "hta", "jar", "js",
    "jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "lnk", "reg", "inf", "app", "command",
    "pkg", "dmg", "sh", "bash", "zsh", "csh", "run", "bin", "desktop", "appimage", "deb", "rpm",
    "apk", "py", "pyw", "pl", "rb", "php", "url",
})  # fmt: skip


def is_executable_name(name: str) -> bool:
    """Whether opening a file of this name could run it (judged on the name as the system
    sees it: bidi controls, trailing dots and spaces do not hide an `.exe`)."""
    cleaned = strip_bidi_controls(name).strip().rstrip(". ").lower()
    ext = cleaned.rsplit(".", 1)[-1] if "." in cleaned else ""
    return ext in EXECUTABLE_EXTENSIONS
