"""What the bundles say about the app: its id, names, version, the macOS Info.plist entries and
the Windows version resource. packaging/operator-desktop.spec builds from these; the tests
check them here, where the Windows and macOS builds cannot run.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.operatordesktop.OperatorDesktop"  # reverse DNS: .desktop, metainfo, bundle id
APP_NAME = "Operator Desktop"
EXECUTABLE = "operator-desktop"
PUBLISHER = "Operator Desktop"
DESCRIPTION = "A native desktop client for Chatwoot operators"
# PySide6 6.12's macOS wheels are tagged macosx_14_0 (sqlcipher3's macosx_11_0)
MACOS_MINIMUM = "14.0"


def version() -> str:
    """The app's version, read from the source (the spec runs before anything imports it)."""
    text = (ROOT / "operator_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([0-9]+(?:\.[0-9]+)*)"$', text, re.MULTILINE)
    if found is None:
        raise ValueError('operator_desktop/__init__.py has no __version__ = "X.Y.Z"')
    return found.group(1)


def version_tuple(text: str) -> tuple[int, int, int, int]:
    major, minor, patch = ([int(p) for p in text.split(".")] + [0, 0, 0])[:3]
    return major, minor, patch, 0


def info_plist(ver: str) -> dict[str, object]:
    """Info.plist entries merged over PyInstaller's own (BUNDLE(info_plist=...))."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": ver,
        "CFBundleVersion": ver,
        "CFBundleExecutable": EXECUTABLE,
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follows the system's dark mode
        "NSHumanReadableCopyright": f"© {PUBLISHER}. MIT license.",
        # banners would hide the Reply and Open buttons of a new-message notification
        "NSUserNotificationAlertStyle": "alert",
        # macOS asks the user at the first notification; this says why (shown by the system
        # where it shows usage descriptions)
        "NSUserNotificationsUsageDescription": (
            "Operator Desktop tells you about new customer messages and assignments, "
            "with buttons to reply or open the conversation."
        ),
    }


def windows_version_info(ver: str) -> str:
    """The version resource of operator-desktop.exe, in the text form EXE(version=FILE) reads."""
    numbers = version_tuple(ver)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": APP_NAME,
        "FileVersion": ver,
        "InternalName": EXECUTABLE,
        "LegalCopyright": f"© {PUBLISHER}. MIT license.",
        "OriginalFilename": f"{EXECUTABLE}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": ver,
    }
    entries = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{entries}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""
