#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller from packaging/operator-desktop.spec:
#   Linux:   dist/operator-desktop/ (the program operator-desktop, share/ with the .desktop entry,
#            icons and AppStream metadata, install.sh), packed as
#            dist/operator-desktop-<version>-linux-<arch>.tar.gz
#   Windows: dist/operator-desktop/operator-desktop.exe (packaging/windows/operator-desktop.iss
#            makes the installer)
#   macOS:   dist/Operator Desktop.app (packaging/macos/make-dmg.sh makes the .dmg)
# Everything is installed into its own build virtualenv, build/venv, pinned by
# packaging/constraints.txt: the app's runtime dependencies (not the test extras) and PyInstaller.
# Usage: bash packaging/build.sh   (on Windows from Git Bash; PYTHON=... picks the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${PYTHON:-$(command -v python3 || command -v python)}
started=$(date +%s)

venv=build/venv
[ -d "$venv" ] || "$python" -m venv "$venv"
if [ -x "$venv/bin/python" ]; then vpy=$root/$venv/bin/python; else vpy=$root/$venv/Scripts/python.exe; fi

# The app itself as a wheel would install it (so only the package, never tests/ or bench/).
"$vpy" -m pip install -q --disable-pip-version-check --upgrade -c packaging/constraints.txt \
  . pyinstaller pyinstaller-hooks-contrib
rm -rf build/lib build/bdist.* ./*.egg-info  # setuptools' leftovers from building "."

# The .png/.ico/.icns icons, rendered from operator_desktop/icons/operator-desktop.svg.
QT_QPA_PLATFORM=offscreen "$vpy" packaging/make_icons.py build/icons >/dev/null

# PyInstaller runs in build/ so that the checkout's folders (operator_desktop/, packaging/) are
# not on its import path: it analyses the installed copy.
(cd build && "$vpy" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath ../dist --workpath pyinstaller ../packaging/operator-desktop.spec)

version=$("$vpy" -c 'import operator_desktop; print(operator_desktop.__version__)')
case "$(uname -s)" in
  Linux)
    app=dist/operator-desktop
    app_id=org.operatordesktop.OperatorDesktop
    mkdir -p "$app/share/applications" "$app/share/metainfo" "$app/share/icons"
    cp packaging/linux/$app_id.desktop "$app/share/applications/"
    cp packaging/linux/$app_id.metainfo.xml "$app/share/metainfo/"
    cp -r build/icons/hicolor "$app/share/icons/"
    cp packaging/linux/install.sh "$app/install.sh"
    archive=dist/operator-desktop-$version-linux-$(uname -m).tar.gz
    tar -C dist -czf "$archive" operator-desktop
    echo "packaging/build.sh: $(du -sh "$app" | cut -f1) in $app/," \
      "$(du -h "$archive" | cut -f1) as $archive"
    ;;
  Darwin) echo "packaging/build.sh: dist/Operator Desktop.app" ;;
  *) echo "packaging/build.sh: dist/operator-desktop/operator-desktop.exe" ;;
esac
echo "packaging/build.sh: done in $(($(date +%s) - started)) s"
